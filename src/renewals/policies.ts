import type { AuthorityRole } from '../platform/actors.ts';

/** Who is asking: a signed-in person with the roles they hold in the authority their session acts for. */
export interface Actor {
  id: string;
  staffAuthorityId: string;
  authorityRoles: readonly AuthorityRole[];
}

export type RenewalAction = 'view' | 'submit' | 'review' | 'settings';

/**
 * A renewal is its registrant's (to view and send) and its authority's staff's (to list and
 * read); the settings are the administrators'.
 */
export function can(actor: Actor, action: RenewalAction, renewal: { accountId: string; authorityId: string }): boolean {
  switch (action) {
    case 'view':
    case 'submit':
      return actor.id === renewal.accountId;
    case 'review':
      return actor.staffAuthorityId === renewal.authorityId && actor.authorityRoles.length > 0;
    case 'settings':
      return actor.staffAuthorityId === renewal.authorityId && actor.authorityRoles.includes('administrator');
  }
}
