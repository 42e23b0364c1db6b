import type { FastifyReply, FastifyRequest } from 'fastify';
import { href } from '../platform/paths.ts';
import { isRecentlyConfirmed } from './policies.ts';
import type { Clock } from '../platform/clock.ts';
import type { SessionAccount } from '../platform/actors.ts';

/** Only a page of this portal, in one of its languages, can be returned to after confirming. */
export function safeReturnPath(value: unknown): string | null {
  return typeof value === 'string' && /^\/(fr|en)(\/[\w\-./]*)?$/.test(value) && !value.includes('..') ? value : null;
}

/**
 * Sensitive actions (password, factors, linked identities) need the second factor, or the
 * password when there is none, within the last 10 minutes; otherwise the person confirms first
 * and comes back to `returnTo`.
 */
export function requireRecentConfirmation(
  request: FastifyRequest,
  reply: FastifyReply,
  account: SessionAccount,
  clock: Clock,
  returnTo: string,
): boolean {
  if (isRecentlyConfirmed(account, clock.now())) return true;
  void reply.redirect(`${href('confirmIdentity', request.locale)}?return=${encodeURIComponent(returnTo)}`, 303);
  return false;
}
