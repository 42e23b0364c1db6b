import type { SessionAccount } from '../platform/actors.ts';

/**
 * The authorities a person's dashboard shows, in order, each with its own cards: the authority of
 * the account, then the others the person deals with (signed up, signed in or asked for help at
 * their portal, in the order they began), then those of the organizations the person belongs to
 * (recorded among the related ones too; kept so that none can be hidden).
 */
export function authoritiesOf(
  account: Pick<SessionAccount, 'authorityId'>,
  related: readonly { id: string }[],
  organizations: readonly { authorityId: string }[],
): string[] {
  return [...new Set([account.authorityId, ...related.map((a) => a.id), ...organizations.map((o) => o.authorityId)])];
}
