import { defineModule } from '../platform/module.ts';
import * as schema from './schema.ts';

/**
 * The public bodies that run a portal (a college, an office, a department), their settings, and
 * the roles people hold in them (staff, registrar, administrator). Listed before identity: every
 * account, session and role belongs to an authority (docs/decisions/0002).
 */
export default defineModule({ name: 'authorities', tables: schema });

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
