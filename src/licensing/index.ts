import { defineModule } from '../platform/module.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { paths } from './paths.ts';
import * as schema from './schema.ts';
import { registerTypeRoutes, typePortalServices, typeStaffNav } from './types/manifest.ts';

/**
 * Licensing: the application types an authority defines and the questionnaire that leads to one,
 * applications with their supporting documents and staff review, and the registrations approved
 * applications give.
 */
export default defineModule({
  name: 'licensing',
  pages: paths,
  catalog: { fr, en },
  events,
  tables: schema,
  staffNav: [...typeStaffNav],
  portalServices: [...typePortalServices],
  register(app, kit) {
    registerTypeRoutes(app, { db: kit.db, clock: kit.clock });
  },
});
