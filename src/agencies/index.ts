import { defineModule } from '../platform/module.ts';
import { dashboardCards } from './cards.tsx';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerAgencyRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { type AgencyService, createAgencyService } from './service.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    agencies: AgencyService;
  }
}

/**
 * Agencies: a collection-agent representative's link to a collection agency (an organization of
 * the authority of kind `collection_agency`). The person asks an approved agency, whose manager
 * confirms or refuses, or redeems the agency's security code; either side ends it; the history is
 * kept with its dates. Licensing reads `linkOn`/`activeLink` and hears `onLinked`.
 */
export default defineModule({
  name: 'agencies',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  dashboardCards,
  staffNav: [{ page: 'agencies.staffAgencies', label: 'agencies.staff.title', position: 22 }],
  register(app, kit) {
    const agencies = createAgencyService({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl, organizations: kit.services.organizations });
    kit.services.agencies = agencies;
    registerAgencyRoutes(app, { agencies, organizations: kit.services.organizations, signInRateLimit: kit.signInRateLimit });
  },
});

export type { AgencyEvents } from './events.ts';
export type { AgencyService, Link, OnLinked } from './service.ts';
export { AGENCY_KIND } from './queries.ts';
export { agencyLinks, type LinkStatus } from './schema.ts';
export { type AgenciesDemo, seedAgenciesDemo } from './demo.ts';
