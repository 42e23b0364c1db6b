import type { StaffActor } from '../platform/actors.ts';
import type { Membership } from '../organizations/index.ts';

/** `view`: see its links; `decide`: confirm or refuse requests, end links. */
export type ManagerAction = 'view' | 'decide';
/** `act`: request, redeem a code, withdraw or end one's own link; `view_links`: staff see an agency's links. */
export type PersonAction = 'act' | 'view_links';

/**
 * An agency's links are its managers' (while it is approved) and its authority's staff's to see;
 * only a manager decides. A person acts on their own link only; staff of the authority only read.
 */
export function can(actor: Membership, action: ManagerAction, link: { organizationId: string; authorityId: string }): boolean;
export function can(actor: StaffActor, action: PersonAction, link: { accountId?: string; authorityId: string }): boolean;
export function can(actor: Membership | StaffActor, action: ManagerAction | PersonAction, link: { organizationId?: string; accountId?: string; authorityId: string }): boolean {
  if ('organizationId' in actor) {
    return actor.role === 'manager' && actor.status === 'approved' && actor.organizationId === link.organizationId && actor.authorityId === link.authorityId;
  }
  if (action === 'act') return link.accountId === actor.id;
  return action === 'view_links' && actor.staffAuthorityId === link.authorityId && actor.authorityRoles.length > 0;
}
