import { z } from 'zod';
import { ConfigError, settingsOf } from '../platform/config.ts';
import { defineModule } from '../platform/module.ts';
import type { AuthorityRole } from '../platform/actors.ts';
import type { MessageKey } from '../platform/i18n/index.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { paths } from './paths.ts';
import { createPortals, parsePortalHosts, type Portals } from './portals.ts';
import { registerAuthorityRoutes } from './routes.tsx';
import * as schema from './schema.ts';

/** The name of each role an authority gives, as pages show it. */
export const authorityRoleLabels = {
  staff: 'authority.role.staff',
  registrar: 'authority.role.registrar',
  administrator: 'authority.role.administrator',
} as const satisfies Record<AuthorityRole, MessageKey>;

/** Host names an operator gives portals: `college.example.ca=ordre-psychotherapeutes,…` (docs/decisions/0006). */
const settings = z.object({
  PORTAL_HOSTS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const hosts = parsePortalHosts(value);
      if (hosts === null) {
        ctx.addIssue({ code: 'custom', message: 'must be host=slug pairs separated by commas, each host once, such as college.example.ca=ordre-psychotherapeutes' });
        return z.NEVER;
      }
      return hosts;
    }),
});

declare module '../platform/module.ts' {
  interface ModuleServices {
    authorities: { portals: Portals };
  }
}

/**
 * The public bodies that run a portal (a college, an office, a department): their portals (home,
 * contact, documents, host names), their settings, the roles people hold in them and the people
 * who deal with them. Listed before identity: every account, session and role belongs to an
 * authority (docs/decisions/0002).
 */
export default defineModule({
  name: 'authorities',
  pages: paths,
  catalog: { fr, en },
  events,
  tables: schema,
  config: { schema: settings },
  staffNav: [{ page: 'staffPortal', label: 'staff.portal', position: 70, onlyFor: ['administrator'] }],
  async register(app, kit) {
    const portals = createPortals(kit.db, settingsOf(kit.config, settings).PORTAL_HOSTS);
    const unknown = await portals.unknownHostSlugs();
    if (unknown.length > 0) throw new ConfigError(`PORTAL_HOSTS names no authority with the slug ${unknown.join(', ')}`);
    kit.services.authorities = { portals };
    kit.ports.resolvePortal = (hint) => portals.resolve(hint);
    registerAuthorityRoutes(app, { db: kit.db, portals, clock: kit.clock, cookies: kit.cookies, services: kit.assembled.portalServices });
  },
});

export { authorities, authorityPeople, authorityRoles, type FirstAct, type TwoFactorRole } from './schema.ts';
export { type Addressee, authoritiesOf, mailAccount, mailEachFromPortal, mailFromPortal, type Portals, portalOf, type Recipient, recordRelation } from './portals.ts';
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
