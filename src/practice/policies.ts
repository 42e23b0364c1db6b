import type { StaffActor } from '../platform/actors.ts';

export type RegistrantAction = 'view' | 'edit' | 'request_review' | 'withdraw' | 'request_withholding';
export type StaffAction = 'review' | 'decide_hours' | 'decide_withholding' | 'set_thresholds';

/**
 * A site, an entry or a request is its registrant's and its authority's staff's, nobody else's.
 * Nobody reviews their own hours or withholding; withholding is the registrar's (or an
 * administrator's) to decide, thresholds an administrator's to set.
 */
export function can(actor: StaffActor, action: RegistrantAction | StaffAction, subject: { accountId: string; authorityId: string }): boolean {
  const staffHere = actor.staffAuthorityId === subject.authorityId && actor.authorityRoles.length > 0 && actor.id !== subject.accountId;
  switch (action) {
    case 'view':
    case 'edit':
    case 'request_review':
    case 'withdraw':
    case 'request_withholding':
      return actor.id === subject.accountId;
    case 'review':
    case 'decide_hours':
      return staffHere;
    case 'decide_withholding':
      return staffHere && actor.authorityRoles.some((r) => r === 'registrar' || r === 'administrator');
    case 'set_thresholds':
      return actor.staffAuthorityId === subject.authorityId && actor.authorityRoles.includes('administrator');
  }
}
