import type { AuthorityRole } from '../platform/actors.ts';
import type { ChangeKind } from './schema.ts';

/** Who is asking: a signed-in person with the roles they hold in the authority their session acts for. */
export interface Actor {
  id: string;
  staffAuthorityId: string;
  authorityRoles: readonly AuthorityRole[];
}

export type OwnerAction = 'view' | 'edit' | 'submit' | 'withdraw';
export type StaffAction = 'review' | 'decide' | 'settings';

/**
 * A change request is its registrant's and its authority's staff's, nobody else's; a staff member
 * never reviews their own. Withholding a previous name from the register is the registrar's
 * decision (seed 000), other changes any reviewer's. Settings are the administrators'.
 */
export function can(actor: Actor, action: OwnerAction | StaffAction, request: { accountId: string; authorityId: string; kind?: ChangeKind }): boolean {
  switch (action) {
    case 'view':
    case 'edit':
    case 'submit':
    case 'withdraw':
      return actor.id === request.accountId;
    case 'review':
      return actor.staffAuthorityId === request.authorityId && actor.authorityRoles.length > 0 && actor.id !== request.accountId;
    case 'decide':
      if (!can(actor, 'review', request)) return false;
      return request.kind === 'name_withholding' ? actor.authorityRoles.includes('registrar') : true;
    case 'settings':
      return actor.staffAuthorityId === request.authorityId && actor.authorityRoles.includes('administrator');
  }
}
