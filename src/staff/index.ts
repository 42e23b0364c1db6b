import { defineModule } from '../platform/module.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { paths } from './paths.ts';
import { registerStaffRoutes } from './routes.tsx';

/**
 * The staff console: people, the audit log and its export, security settings. Its navigation is
 * built from every module's `staffNav`; its pages are the staff of the authority the session acts for.
 */
export default defineModule({
  name: 'staff',
  pages: paths,
  catalog: { fr, en },
  events,
  staffNav: [
    { page: 'staffAccounts', label: 'staff.nav.people', position: 10 },
    { page: 'staffAudit', label: 'staff.nav.auditLog', position: 40 },
    { page: 'staffSecurity', label: 'staff.nav.security', position: 60, onlyFor: ['administrator'] },
  ],
  register(app, kit) {
    registerStaffRoutes(app, { db: kit.db, identity: kit.services.identity, clock: kit.clock, cards: kit.assembled.staffCards });
  },
});
