import type { StaffActor } from '../platform/actors.ts';

/** Staff of the authority enter outcomes and issue employers' keys on its register. */
export function canManageRegister(staff: StaffActor, authorityId: string): boolean {
  return staff.staffAuthorityId === authorityId && staff.authorityRoles.length > 0;
}

/** Only a registrar or an administrator decides whether an outcome leaves the register. */
export function canDecideRemoval(staff: StaffActor, authorityId: string): boolean {
  return staff.staffAuthorityId === authorityId && staff.authorityRoles.some((role) => role === 'registrar' || role === 'administrator');
}
