import { defineModule, queueEvery } from '../platform/module.ts';
import { dashboardCards } from './cards.tsx';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerRenewalsRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createRenewalsService, type RenewalsDeps, type RenewalsService } from './service.ts';
import { conditionWords, type LicensingService } from '../licensing/index.ts';
import { translator } from '../platform/i18n/index.ts';

/**
 * What a renewal asks of the certificate besides its own invoices: what its category asks while it
 * runs, an agency link for the office's representatives. The exam and the first fee were met when
 * it was issued, so they are not asked again.
 */
function renewalConditions(licensing: LicensingService): RenewalsDeps['conditionsMissing'] {
  return async (tx, registrationId, locale) => {
    const t = translator(locale);
    return (await licensing.registrations.missing(tx, registrationId)).filter((c) => c === 'agency_link').map((c) => t(conditionWords[c]));
  };
}

declare module '../platform/module.ts' {
  interface ModuleServices {
    renewals: RenewalsService;
  }
}

/** The queue of the daily renewal run. */
export const RENEWALS_QUEUE = 'renewals-daily';
const RUN_EVERY_MS = 60 * 60_000;

/**
 * Renewals (issue 15, point 1): each authority's window, deadline, late fee and reminder offsets;
 * the daily job that opens windows (the renewal, its invoice, the message with the deadline in an
 * iCalendar file), charges late fees, reminds once per offset and expires what was not renewed;
 * the renewal form with its declarations, changes and attestations; renewal when it is sent and paid.
 */
export default defineModule({
  name: 'renewals',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  jobs: [
    {
      queue: RENEWALS_QUEUE,
      async handle(_data, kit) {
        await kit.services.renewals.run();
      },
    },
  ],
  staffNav: [
    { page: 'renewals.staff', label: 'renewals.staff.title', position: 19 },
    { page: 'renewals.settings', label: 'renewals.settings.title', position: 20, onlyFor: ['administrator'] },
  ],
  dashboardCards,
  register(app, kit) {
    const { documents, billing, licensing, agencies } = kit.services;
    const renewals = createRenewalsService({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl, licensing, billing, documents, conditionsMissing: renewalConditions(licensing) });
    kit.services.renewals = renewals;
    // A renewal's attestations are its registrant's and its authority's staff's to download.
    documents.registerReader('renewal', (account, subjectId) => renewals.canRead(account, subjectId));
    // A paid renewal invoice (its fee or its late fee) renews it when nothing else is missing, in the payment's transaction.
    billing.onInvoicePaid(async (tx, invoice) => {
      if (invoice.subjectKind === 'renewal') await renewals.complete(tx, invoice.subjectId, invoice.paidAt ?? kit.clock.now());
    });
    // A confirmed agency link may be all a sent and paid renewal waited for: renewed in the link's transaction.
    agencies.onLinked((tx, link) => renewals.completeWaiting(tx, link.accountId, link.authorityId, link.at));
    registerRenewalsRoutes(app, { renewals, documents, maxBytes: documents.defaultMaxBytes });
    // Hourly ticks make a daily job that catches up after a restart.
    queueEvery(app, kit.boss, { queue: RENEWALS_QUEUE, everyMs: RUN_EVERY_MS, singletonKey: 'renewals-daily', singletonSeconds: 3600 });
  },
});

export type { RenewalsEvents } from './events.ts';
export type { RenewalsService } from './service.ts';
export { seedRenewalsDemo } from './demo.ts';
