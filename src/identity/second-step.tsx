import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SecondFactorMethod, SessionAccount } from '../platform/actors.ts';
import type { Cookies } from '../platform/cookies.ts';
import { sendHtml } from '../platform/http.tsx';
import { origin } from '../platform/origin.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import type { IdentityService } from './service.ts';
import { SecondStepLocked } from './views.tsx';

/**
 * The answer to a second step (an app's code, a recovery code, a security key), counted as identity
 * counts it, at sign-in or before a sensitive action. Passed: the session moves on (its renewed
 * cookie set) and `then.passed` answers. Failed: the attempt counts; the lockout ends the session
 * (`then.locked` clears what else the page kept) and says so; otherwise `then.failed` asks again.
 */
export async function settleSecondStep(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: PageContext,
  deps: { identity: IdentityService; cookies: Cookies },
  session: SessionAccount,
  answer: { method: SecondFactorMethod; passed: boolean },
  then: { passed: () => FastifyReply | Promise<FastifyReply>; failed: () => FastifyReply | Promise<FastifyReply>; locked?: () => void },
): Promise<FastifyReply> {
  const { identity, cookies } = deps;
  if (answer.passed) {
    const { sessionToken } = await identity.passSecondFactor(session.sessionId, answer.method, origin(request));
    if (sessionToken) reply.setCookie(cookies.session, sessionToken, cookies.options);
    return then.passed();
  }
  const { locked } = await identity.failSecondFactor(session.sessionId, answer.method, origin(request), request.portal);
  if (!locked) return then.failed();
  void reply.clearCookie(cookies.session, cookies.options);
  then.locked?.();
  return sendHtml(reply, <SecondStepLocked ctx={ctx} />, 403);
}
