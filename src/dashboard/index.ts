import { defineModule } from '../platform/module.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { paths } from './paths.ts';
import { registerDashboardRoutes } from './routes.tsx';

/**
 * The person's dashboard, where sign-in leads: what waits for them and what they can start, per
 * authority and organization, from the cards every module declares (`dashboardCards`). Last in
 * the list: it shows every module's cards and reads through the organizations' service.
 */
export default defineModule({
  name: 'dashboard',
  pages: paths,
  catalog: { fr, en },
  register(app, kit) {
    registerDashboardRoutes(app, { db: kit.db, organizations: kit.services.organizations, cards: kit.assembled.dashboardCards });
  },
});
