import { sql } from 'drizzle-orm';
import { sessions, accounts, type ActingOrganization } from '../identity/index.ts';
import { defineModule } from '../platform/module.ts';
import { dashboardCards } from './cards.tsx';
import { events } from './events.ts';
import { mail } from './mail.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { paths } from './paths.ts';
import { registerOrganizationRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createOrganizationService, type OrganizationService } from './service.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    organizations: OrganizationService;
  }
}
declare module '../platform/errors.ts' {
  interface ErrorCodes {
    organization_inactive: true;
  }
}

/**
 * The organization a session acts for, while the person is still a member of it (identity's
 * `actingOrganizationSql` port): one subquery in the session read, so leaving or a new status
 * shows on the very next request.
 */
const actingOrganizationSql = sql<ActingOrganization | null>`(
  select jsonb_build_object('id', o.id, 'name', o.name, 'status', o.status, 'role', m.role)
    from organization_members m join organizations o on o.id = m.organization_id
   where m.organization_id = ${sessions.currentOrganizationId} and m.account_id = ${accounts.id})`;

/**
 * Member organizations of an authority (institutions, public health authorities, agencies): the
 * request and its decision, members and managers, security codes, acting for one.
 */
export default defineModule({
  name: 'organizations',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  errors: {
    organization_inactive: { status: 403, title: 'error.organizationInactive.title', body: 'error.organizationInactive.body' },
  },
  portalServices: [
    { name: 'requestOrganization', page: 'requestOrganization', title: 'service.requestOrganization.title', description: 'service.requestOrganization.description', position: 20 },
    { name: 'joinOrganization', page: 'joinOrganization', title: 'service.joinOrganization.title', description: 'service.joinOrganization.description', position: 30 },
  ],
  dashboardCards,
  staffNav: [
    { page: 'staffOrganizations', label: 'staffOrganizations.title', position: 20 },
    { page: 'staffSecurityCodes', label: 'staffCodes.title', position: 30 },
  ],
  register(app, kit) {
    const organizations = createOrganizationService({ db: kit.db, clock: kit.clock, identity: kit.services.identity, mailer: kit.services.mail, publicUrl: kit.config.publicUrl });
    kit.services.organizations = organizations;
    kit.ports.actingOrganizationSql = actingOrganizationSql;
    registerOrganizationRoutes(app, { organizations, clock: kit.clock, signInRateLimit: kit.signInRateLimit });
  },
});

export { createApprovedOrganization, createOrganizationKind, memberRecipients, type OrganizationAddress } from './service.ts';
export { organizationKinds, organizationMembers, organizations, securityCodes } from './schema.ts';
export type { Membership } from './policies.ts';
export { memberOfKindGuard, type MemberActor } from './guards.ts';
export type { OrganizationService } from './service.ts';
export { roleLabels as organizationRoleLabels, statusLabels as organizationStatusLabels } from './views.tsx';
