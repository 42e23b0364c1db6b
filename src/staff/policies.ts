import type { AuthorityRole } from '../platform/actors.ts';

/** Staff acting for an authority, with the roles they hold there. */
export interface StaffActor {
  authorityRoles: AuthorityRole[];
}

export type StaffAction = 'use_console' | 'manage_roles' | 'manage_security';

/** Any authority role opens the console; only administrators give or take authority roles and set who must use two-step verification. */
export function can(actor: Pick<StaffActor, 'authorityRoles'>, action: StaffAction): boolean {
  if (action === 'use_console') return actor.authorityRoles.length > 0;
  return actor.authorityRoles.includes('administrator');
}
