import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type IdentityService, landingPath, requireRecentConfirmation, safeReturnPath, SecondStepLocked, settleSecondStep } from '../identity/index.ts';
import type { Cookies } from '../platform/cookies.ts';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import { formatDateTime, type MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { DURING_ENROLMENT, type TwoFactorService } from '../two-factor/index.ts';
import { addKeySchema, assertionSchema, keyIdSchema, renameKeySchema } from './schemas.ts';
import type { SecurityKeyService } from './service.ts';
import { CEREMONY_BUTTON, KeyList, KeyPage, SecurityKeyStep } from './views.tsx';
import type { Clock } from '../platform/clock.ts';
import { origin } from '../platform/origin.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { fieldErrors, parseForm, typedText } from '../platform/text.ts';
import type { PageContext } from '../platform/views/layout.tsx';

const notices = {
  added: 'securityKeys.addedNotice',
  renamed: 'securityKeys.renamedNotice',
  removed: 'securityKeys.removedNotice',
  lastFactor: 'securityKeys.lastFactor',
} as const satisfies Record<string, MessageKey>;

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

export function registerSecurityKeyRoutes(
  app: FastifyInstance,
  deps: {
    identity: IdentityService;
    twoFactor: TwoFactorService;
    cookies: Cookies;
    securityKeys: SecurityKeyService;
    clock: Clock;
    signInRateLimit: { max: number; timeWindow: number };
  },
) {
  const { identity, twoFactor, securityKeys, clock } = deps;
  const format = (ctx: PageContext) => (d: Date) => formatDateTime(ctx.locale, d);

  // Adding, renaming and removing keys are sensitive: a recent second factor (or password) first.
  const ownKey = async (account: SessionAccount, params: unknown) => {
    const parsed = keyIdSchema.safeParse(params);
    const found = parsed.success ? (await securityKeys.list(account.id)).find((k) => k.id === parsed.data.id) : undefined;
    if (!found) throw new AppError('not_found');
    return found;
  };

  page(
    app,
    'GET',
    'securityKeys',
    async (request, reply, ctx, account) => {
      if (!requireRecentConfirmation(request, reply, account, clock, href('securityKeys', ctx.locale))) return reply;
      return sendHtml(
        reply,
        <KeyList
          ctx={ctx}
          keys={await securityKeys.list(account.id)}
          notice={noticeOf(request, notices)}
          format={format(ctx)}
        />,
      );
    },
    { access: 'account', config: DURING_ENROLMENT },
  );

  page(
    app,
    'GET',
    'securityKeyOptions',
    async (request, reply, _ctx, account) => {
      return noStore(reply).send(await securityKeys.registrationOptions(account.sessionId, account));
    },
    { access: 'account', config: DURING_ENROLMENT },
  );

  page(
    app,
    'POST',
    'securityKeys',
    async (request, reply, ctx, account) => {
      if (!requireRecentConfirmation(request, reply, account, clock, href('securityKeys', ctx.locale))) return reply;
      const parsed = parseForm(addKeySchema, request.body);
      const again = async (errors: Record<string, MessageKey>, name: string) =>
        sendHtml(reply, <KeyList ctx={ctx} keys={await securityKeys.list(account.id)} errors={errors} name={name} format={format(ctx)} />, 400);
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error);
        return again(errors.name ? { name: errors.name } : { [CEREMONY_BUTTON]: 'securityKeys.refused' }, typedText(request.body, 'name'));
      }
      const { credential } = parsed.data;
      const name = parsed.data.name || ctx.t('securityKeys.defaultName', { number: (await securityKeys.count(account.id)) + 1 });
      const result = await securityKeys.register(account.sessionId, account, credential, name, origin(request), request.portal);
      if (!result.ok) return again({ [CEREMONY_BUTTON]: 'securityKeys.refused' }, parsed.data.name);
      if (result.firstFactor) {
        // A first factor comes with recovery codes, as with an app: losing the only key must not lock the person out.
        // They are shown once by the page this redirects to.
        const codes = await twoFactor.regenerateRecoveryCodes({ ...account, hasSecondFactor: true }, origin(request), request.portal);
        if (codes) return reply.redirect(href('recoveryCodes', ctx.locale), 303);
      }
      return reply.redirect(`${href('securityKeys', ctx.locale)}?notice=added`, 303);
    },
    { access: 'account', config: DURING_ENROLMENT },
  );

  page(app, 'GET', 'securityKey', async (request, reply, ctx, account) => {
    if (!requireRecentConfirmation(request, reply, account, clock, href('securityKey', ctx.locale, request.params as Record<string, string>))) return reply;
    const [key, status] = await Promise.all([ownKey(account, request.params), twoFactor.status(account.id)]);
    const removable = !status.mustUseSecondFactor || status.appSince !== null || status.securityKeys > 1;
    return sendHtml(reply, <KeyPage ctx={ctx} securityKey={key} removable={removable} />);
  }, { access: 'account' });

  page(app, 'POST', 'securityKey', async (request, reply, ctx, account) => {
    if (!requireRecentConfirmation(request, reply, account, clock, href('securityKey', ctx.locale, request.params as Record<string, string>))) return reply;
    const key = await ownKey(account, request.params);
    const parsed = parseForm(renameKeySchema, request.body);
    if (!parsed.success) return sendHtml(reply, <KeyPage ctx={ctx} securityKey={key} errors={fieldErrors(parsed.error)} name={typedText(request.body, 'name')} />, 400);
    if (!(await securityKeys.rename(account, key.id, parsed.data.name, origin(request)))) throw new AppError('not_found');
    return reply.redirect(`${href('securityKeys', ctx.locale)}?notice=renamed`, 303);
  }, { access: 'account' });

  page(app, 'POST', 'removeSecurityKey', async (request, reply, ctx, account) => {
    if (!requireRecentConfirmation(request, reply, account, clock, href('securityKeys', ctx.locale))) return reply;
    const key = await ownKey(account, request.params);
    const result = await securityKeys.remove(account, key.id, origin(request), request.portal);
    if (result === 'not_found') throw new AppError('not_found');
    return reply.redirect(`${href('securityKeys', ctx.locale)}?notice=${result === 'removed' ? 'removed' : 'lastFactor'}`, 303);
  }, { access: 'account' });

  /** The challenge for a key's signature, for the second step at sign-in or before a sensitive action. */
  page(app, 'GET', 'securityKeyChallenge', async (request, reply) => {
    const session = request.signInSession ?? request.account;
    if (!session) return noStore(reply).code(401).send({});
    const options = await securityKeys.authenticationOptions(session.sessionId, session.id);
    if (!options) return noStore(reply).code(404).send({});
    return noStore(reply).send(options);
  }, { access: 'public' });

  interface Step {
    title: MessageKey;
    action: string;
    /** The code form this page is the alternative to. */
    codeHref: string;
    recoveryCodeHref: string;
    next: string;
  }

  async function showStep(reply: FastifyReply, ctx: PageContext, session: SessionAccount, step: Step, errors?: Record<string, MessageKey>, status = 200) {
    const { appSince } = await twoFactor.status(session.id);
    return sendHtml(
      reply,
      <SecurityKeyStep
        ctx={ctx}
        title={step.title}
        action={step.action}
        appHref={appSince ? step.codeHref : undefined}
        recoveryCodeHref={step.recoveryCodeHref}
        {...(errors ? { errors } : {})}
      />,
      status,
    );
  }

  /** A key's answer to the second step: passed or failed as the two-factor core counts it. */
  async function answerStep(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, session: SessionAccount, step: Step) {
    if (await identity.isSecondFactorLocked(session.id)) return sendHtml(reply, <SecondStepLocked ctx={ctx} />, 403);
    const parsed = parseForm(assertionSchema, request.body);
    if (!parsed.success) return showStep(reply, ctx, session, step, { [CEREMONY_BUTTON]: 'securityKeys.step.refused' }, 400);
    const passed = await securityKeys.verifyAuthentication(session.sessionId, session.id, parsed.data.credential);
    return settleSecondStep(request, reply, ctx, deps, session, { method: 'security_key', passed }, {
      passed: () => reply.redirect(step.next, 303),
      failed: () => showStep(reply, ctx, session, step, { [CEREMONY_BUTTON]: 'securityKeys.step.refused' }, 401),
    });
  }

  const signInStep = (ctx: PageContext): Step => ({
    title: 'secondStep.title',
    action: href('signInSecurityKey', ctx.locale),
    codeHref: href('signInSecondFactor', ctx.locale),
    recoveryCodeHref: `${href('signInSecondFactor', ctx.locale)}?with=recovery-code`,
    next: landingPath('complete', ctx.locale),
  });

  page(app, 'GET', 'signInSecurityKey', async (request, reply, ctx, session) => {
    if (await identity.isSecondFactorLocked(session.id)) return sendHtml(reply, <SecondStepLocked ctx={ctx} />, 403);
    return showStep(reply, ctx, session, signInStep(ctx));
  }, { access: 'signing-in' });

  page(
    app,
    'POST',
    'signInSecurityKey',
    async (request, reply, ctx, session) => answerStep(request, reply, ctx, session, signInStep(ctx)),
    { access: 'signing-in', config: { rateLimit: deps.signInRateLimit } },
  );

  const confirmStep = (request: FastifyRequest, ctx: PageContext): Step => {
    const returnTo = safeReturnPath((request.query as Record<string, unknown>).return) ?? href('account', ctx.locale);
    const query = `?return=${encodeURIComponent(returnTo)}`;
    return {
      title: 'confirmIdentity.title',
      action: href('confirmIdentitySecurityKey', ctx.locale) + query,
      codeHref: href('confirmIdentity', ctx.locale) + query,
      recoveryCodeHref: `${href('confirmIdentity', ctx.locale)}${query}&with=recovery-code`,
      next: returnTo,
    };
  };

  page(app, 'GET', 'confirmIdentitySecurityKey', async (request, reply, ctx, account) => {
    return showStep(reply, ctx, account, confirmStep(request, ctx));
  }, { access: 'account' });

  page(
    app,
    'POST',
    'confirmIdentitySecurityKey',
    async (request, reply, ctx, account) => {
      return answerStep(request, reply, ctx, account, confirmStep(request, ctx));
    },
    { access: 'account', config: { rateLimit: deps.signInRateLimit } },
  );
}
