import type { StaffActor } from '../platform/actors.ts';

/** `cancel`: the person's own registration. */
export type PersonAction = 'cancel';
/** `see_results`: a session's roster and results; `enter_results`: by hand or a file; `manage_sessions`: create sessions. */
export type StaffAction = 'see_results' | 'enter_results' | 'manage_sessions';

/**
 * A registration is its person's; results are their authority's staff's to see and enter, never a
 * candidate's own (a staff member who sat the exam does not enter their result). Sessions are an
 * administrator's to create.
 */
export function can(actor: StaffActor, action: PersonAction | StaffAction, subject: { accountId: string; authorityId: string }): boolean {
  const staffHere = actor.staffAuthorityId === subject.authorityId && actor.authorityRoles.length > 0;
  switch (action) {
    case 'cancel':
      return actor.id === subject.accountId;
    case 'see_results':
      return staffHere;
    case 'enter_results':
      return staffHere && actor.id !== subject.accountId;
    case 'manage_sessions':
      return staffHere && actor.authorityRoles.includes('administrator');
  }
}
