import type { StaffActor } from '../platform/actors.ts';

/** `edit`: change, remove, send for review or ask to withhold; `withdraw`: take back a request for review. */
export type RegistrantAction = 'edit' | 'withdraw';
/** `review`: see, pick up, accept or return hours, decide them; withholding and thresholds need more. */
export type StaffAction = 'review' | 'decide_withholding' | 'set_thresholds';

/**
 * A site, an entry or a request is its registrant's and its authority's staff's, nobody else's.
 * Nobody reviews their own hours or withholding; withholding is the registrar's (or an
 * administrator's) to decide, thresholds an administrator's to set.
 */
export function can(actor: StaffActor, action: RegistrantAction | StaffAction, subject: { accountId: string; authorityId: string }): boolean {
  const staffHere = actor.staffAuthorityId === subject.authorityId && actor.authorityRoles.length > 0 && actor.id !== subject.accountId;
  switch (action) {
    case 'edit':
    case 'withdraw':
      return actor.id === subject.accountId;
    case 'review':
      return staffHere;
    case 'decide_withholding':
      return staffHere && actor.authorityRoles.some((r) => r === 'registrar' || r === 'administrator');
    case 'set_thresholds':
      return actor.staffAuthorityId === subject.authorityId && actor.authorityRoles.includes('administrator');
  }
}
