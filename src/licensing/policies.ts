import type { AuthorityRole } from '../platform/actors.ts';

/** Who is asking: a signed-in person (`id`) with the roles they hold in the authority their session acts for. */
export interface Actor {
  id: string;
  staffAuthorityId: string;
  authorityRoles: readonly AuthorityRole[];
}

export type OwnerAction = 'view' | 'edit' | 'submit' | 'withdraw' | 'replace_document';
export type StaffAction = 'review' | 'decide' | 'mark_document' | 'add_document';

/**
 * An application is its applicant's and its authority's staff's, nobody else's. The applicant's
 * own staff roles give them nothing on their own application as applicant actions; a staff member
 * never reviews an application they made (conflict of interest).
 */
export function can(actor: Actor, action: OwnerAction | StaffAction, application: { applicantId: string; authorityId: string }): boolean {
  switch (action) {
    case 'view':
    case 'edit':
    case 'submit':
    case 'withdraw':
    case 'replace_document':
      return actor.id === application.applicantId;
    case 'review':
    case 'decide':
    case 'mark_document':
    case 'add_document':
      return actor.staffAuthorityId === application.authorityId && actor.authorityRoles.length > 0 && actor.id !== application.applicantId;
  }
}
