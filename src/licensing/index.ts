import { defineModule } from '../platform/module.ts';
import { dashboardCards, staffCards } from './cards.tsx';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerRegistrationRoutes } from './registration-routes.tsx';
import { registerFileRoutes } from './files/routes.tsx';
import { registerReviewRoutes } from './review-routes.tsx';
import { registerApplicationRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createLicensingService, type LicensingService } from './service.ts';
import { registerTypeRoutes, typePortalServices, typeStaffNav } from './types/manifest.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    licensing: LicensingService;
  }
}
declare module '../platform/errors.ts' {
  interface ErrorCodes {
    licensing_only_registered: true;
    licensing_only_former: true;
    licensing_already_in_category: true;
  }
}

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
  mail,
  tables: schema,
  errors: {
    licensing_only_registered: { status: 403, title: 'licensing.error.onlyRegistered.title', body: 'licensing.error.onlyRegistered.body' },
    licensing_only_former: { status: 403, title: 'licensing.error.onlyFormer.title', body: 'licensing.error.onlyFormer.body' },
    licensing_already_in_category: { status: 403, title: 'licensing.error.alreadyInCategory.title', body: 'licensing.error.alreadyInCategory.body' },
  },
  staffNav: [{ page: 'licensing.queue', label: 'licensing.queue.title', position: 15 }, { page: 'licensing.staffFiles', label: 'licensing.files.title', position: 19 }, ...typeStaffNav],
  portalServices: [...typePortalServices],
  dashboardCards,
  staffCards,
  register(app, kit) {
    const { documents, casework, billing, exams, agencies } = kit.services;
    const licensing = createLicensingService({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl, pdf: kit.pdf, billing, documents, casework, exams, agencies });
    kit.services.licensing = licensing;
    // An application's documents are its applicant's and its authority's staff's to download.
    documents.registerReader('application', (account, subjectId) => licensing.canRead(account, subjectId));
    // A paid registration invoice activates its registration, in the payment's own transaction.
    billing.onInvoicePaid(async (tx, invoice) => {
      if (invoice.subjectKind === 'registration') await licensing.registrations.feePaid(tx, invoice.subjectId, invoice.paidAt ?? kit.clock.now());
    });
    // A confirmed agency link may be the last thing a waiting certificate needed: issued in the link's own transaction.
    agencies.onLinked((tx, link) => licensing.registrations.conditionMet(tx, link.accountId, link.authorityId, link.at));
    const maxBytes = documents.defaultMaxBytes;
    registerTypeRoutes(app, { db: kit.db, clock: kit.clock });
    registerApplicationRoutes(app, { licensing, documents, casework, maxBytes });
    registerReviewRoutes(app, { licensing, documents, casework, maxBytes });
    registerRegistrationRoutes(app, { licensing, rateLimit: kit.signInRateLimit });
    registerFileRoutes(app, { db: kit.db, clock: kit.clock });
  },
});

export { holdsRegistration } from './queries.ts';
export { conditionWords } from './views/dossier.tsx';
export type { Condition } from './files/files.ts';
export type { Declaration, RegistrationStatus, RequiredDocument } from './schema.ts';
// Renewals (issue 15) compute a renewal's dates as an activation does.
export { validUntil } from './use-cases/registrations.ts';
export type { Ending } from './use-cases/validity.ts';
export type { LicensingService } from './service.ts';
