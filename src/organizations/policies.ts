import type { OrganizationRole, OrganizationStatus, StaffActor } from '../platform/actors.ts';
import type { Bilingual } from '../platform/i18n/index.ts';

/** A person's place in one organization, as the data access layer found it. */
export interface Membership {
  accountId: string;
  organizationId: string;
  authorityId: string;
  name: Bilingual;
  role: OrganizationRole;
  status: OrganizationStatus;
}

export type OrganizationAction = 'view' | 'use' | 'manage_members' | 'manage_security_codes';
export type StaffOrganizationAction = 'view' | 'decide';

/**
 * Organization pages: a member sees the organization's state whatever it is; only an approved
 * organization reaches anything else; managers manage members and security codes.
 */
export function can(actor: Membership, action: OrganizationAction): boolean;
/** Staff see their authority's organizations; deciding (approve, refuse, suspend) is a registrar's or administrator's. */
export function can(actor: StaffActor, action: StaffOrganizationAction, organization: { authorityId: string }): boolean;
export function can(
  actor: Membership | StaffActor,
  action: OrganizationAction | StaffOrganizationAction,
  organization?: { authorityId: string },
): boolean {
  if ('staffAuthorityId' in actor) {
    if (!organization || organization.authorityId !== actor.staffAuthorityId || actor.authorityRoles.length === 0) return false;
    if (action === 'view') return true;
    return action === 'decide' && (actor.authorityRoles.includes('registrar') || actor.authorityRoles.includes('administrator'));
  }
  if (action === 'view') return true;
  if (actor.status !== 'approved') return false;
  if (action === 'use') return true;
  return actor.role === 'manager';
}
