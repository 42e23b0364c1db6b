import { defineModule } from '../platform/module.ts';
import type { AuthorityRole } from '../platform/actors.ts';
import type { MessageKey } from '../platform/i18n/index.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import * as schema from './schema.ts';

/** The name of each role an authority gives, as pages show it. */
export const authorityRoleLabels = {
  staff: 'authority.role.staff',
  registrar: 'authority.role.registrar',
  administrator: 'authority.role.administrator',
} as const satisfies Record<AuthorityRole, MessageKey>;

/**
 * The public bodies that run a portal (a college, an office, a department), their settings, and
 * the roles people hold in them (staff, registrar, administrator). Listed before identity: every
 * account, session and role belongs to an authority (docs/decisions/0002).
 */
export default defineModule({ name: 'authorities', catalog: { fr, en }, tables: schema });

export { authorities, authorityRoles, type TwoFactorRole } from './schema.ts';
export {
  authorityBySlug,
  createAuthority,
  firstAuthority,
  grantRoles,
  hasOtherAdministrator,
  lockAuthority,
  removeRoles,
  rolesHeld,
  setTwoFactorRoles,
  twoFactorRolesOf,
} from './service.ts';
