import type { SessionAccount } from '../platform/actors.ts';

/**
 * The authorities a person's dashboard shows, in order, each with its own cards: today the
 * authority of the account, then those of the organizations the person belongs to (so that none
 * of them is hidden). When a person relates to several authorities (authority portals), this is
 * the one function that changes.
 */
export function authoritiesOf(account: Pick<SessionAccount, 'authorityId'>, organizations: readonly { authorityId: string }[]): string[] {
  return [...new Set([account.authorityId, ...organizations.map((o) => o.authorityId)])];
}
