import { definePart } from '../part.ts';
import { REQUEST_INVOICE } from '../core.ts';
import { dashboardCards } from './cards.tsx';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerPublicRoutes } from './routes.tsx';
import { createPublicService } from './service.ts';

/**
 * The public request service (issue 17, part A): the start page, the question-by-question form
 * (answers kept between pages in a draft keyed by a cookie), the request sent with its $5 invoice
 * (to an account or a guest payer), the payment, the tracking page (signed in or by the emailed
 * link) with the clock, the clarification answer, the notices and the released files, the
 * tracking link sent again, and a person's own requests.
 */
export default definePart({
  paths,
  catalog: { fr, en },
  mail,
  dashboardCards,
  register(app, kit, core) {
    const service = createPublicService({ db: kit.db, clock: kit.clock, core, billing: kit.services.billing, documents: kit.services.documents, publicUrl: kit.config.publicUrl });
    // A guest's mail about the $5 invoice (issued, paid, refunded) leads to the tracking page, with the link's token.
    kit.services.billing.registerPayerLink(REQUEST_INVOICE, (invoice, locale) => core.trackingLink({ id: invoice.subjectId, requesterAccountId: null }, locale));
    registerPublicRoutes(app, { core, service, documents: kit.services.documents, db: kit.db, clock: kit.clock, cookies: kit.cookies, isProduction: kit.config.isProduction, background: kit.background, rateLimit: kit.signInRateLimit });
    return service;
  },
});
