import { defineModule, queueEvery } from '../platform/module.ts';
import { dashboardCards, staffCards } from './cards.tsx';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { gatewayCatalogEn, gatewayCatalogFr, gatewayPaths, paymentConfig, paymentSettings, paymentTables } from './payments/index.ts';
import { buildPaymentProvider } from './provider.ts';
import { registerBillingRoutes, registerWebhookRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { type BillingService, createBillingService } from './service.ts';
import { settingsOf } from '../platform/config.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    billing: BillingService;
  }
}

/** Asks the provider about checkouts left open (a lost webhook, a closed browser): idempotent. */
export const RECONCILE_QUEUE = 'billing-reconcile';
const RECONCILE_EVERY_MS = 5 * 60_000;

/**
 * Billing: each authority's fee schedule, invoices issued in the transaction that makes fees
 * due, card payment through a provider port that never charges twice, refunds and voids by staff,
 * the accounting export and the daily reconciliation.
 */
export default defineModule({
  name: 'billing',
  pages: { ...paths, ...gatewayPaths },
  catalog: { fr: { ...fr, ...gatewayCatalogFr }, en: { ...en, ...gatewayCatalogEn } },
  events,
  mail,
  tables: { ...schema, ...paymentTables },
  config: paymentConfig,
  jobs: [
    {
      queue: RECONCILE_QUEUE,
      async handle(_data, kit) {
        await kit.services.billing.payments.reconcile();
      },
    },
  ],
  staffNav: [
    { page: 'billing.staffInvoices', label: 'billing.staff.title', position: 40 },
    { page: 'billing.reconciliation', label: 'billing.report.title', position: 41 },
    { page: 'billing.fees', label: 'billing.fees.title', position: 42, onlyFor: ['administrator'] },
  ],
  dashboardCards,
  staffCards,
  async register(app, kit) {
    const provider = await buildPaymentProvider(app, kit, settingsOf(kit.config, paymentSettings));
    const billing = createBillingService({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl, provider, log: app.log, pdf: kit.pdf });
    kit.services.billing = billing;
    registerBillingRoutes(app, { billing, clock: kit.clock, publicUrl: kit.config.publicUrl });
    await registerWebhookRoutes(app, { billing });
    queueEvery(app, kit.boss, { queue: RECONCILE_QUEUE, everyMs: RECONCILE_EVERY_MS, singletonKey: 'reconcile', singletonSeconds: 240 });
  },
});

export type { BillingEvents } from './events.ts';
export type { BillingService } from './service.ts';
export type { Invoice, InvoicePaidHandler } from './use-cases/common.ts';
export type { IssueRequest, IssueResult } from './use-cases/issue.ts';
export { DAYS_TO_PAY } from './use-cases/issue.ts';
export { DEFAULT_FEES, seedFeeSchedule } from './demo.ts';
export { type FeeKind, type InvoiceStatus, invoices, type TaxTreatment } from './schema.ts';
export { statusLabels as invoiceStatusLabels } from './views.tsx';
