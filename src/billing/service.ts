import { eq } from 'drizzle-orm';
import type { Mailer } from '../mail/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Executor } from '../platform/db.ts';
import type { PaymentProvider } from './payments/port.ts';
import { can } from './policies.ts';
import { exportData, feeSchedule, invoiceDetail, invoicesOf, openInvoicesOf, pendingCheckoutCount, reconciliationReport, type StaffFilters, staffInvoices } from './queries.ts';
import { invoices } from './schema.ts';
import type { StaffActor } from '../platform/actors.ts';
import { type BillingDeps, type InvoicePaidHandler, type PayerLink, settingsOf } from './use-cases/common.ts';
import { issueInvoice, type IssueRequest, type IssueResult } from './use-cases/issue.ts';
import { paymentUseCases } from './use-cases/payments.ts';
import { staffUseCases } from './use-cases/staff.ts';
import { toCsv } from './export.ts';
import type { PdfRenderer, PdfStandard } from '../platform/pdf/index.ts';
import type { Locale } from '../platform/i18n/index.ts';
import { annualReceiptPdf, creditNotePdf, paidYears, receiptPdf } from './use-cases/receipt.ts';
import type { InvoiceDetail } from './queries.ts';

export function createBillingService(options: {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  publicUrl: URL;
  provider: PaymentProvider;
  log: BillingDeps['log'];
  pdf: PdfRenderer;
}) {
  const paidHandlers: InvoicePaidHandler[] = [];
  const payerLinks: BillingDeps['payerLinks'] = new Map();
  const deps: BillingDeps = { db: options.db, clock: options.clock, mailer: options.mailer, publicUrl: options.publicUrl, log: options.log, provider: () => options.provider, paidHandlers, payerLinks };
  const { db } = options;
  const paying = paymentUseCases(deps);
  return {
    /** Issues an invoice inside the caller's transaction (see use-cases/issue.ts). */
    issueInvoice: (tx: Executor, request: IssueRequest): Promise<IssueResult> => issueInvoice(deps, tx, request),
    /** Registers a handler run in the payment's own transaction once an invoice is paid. */
    onInvoicePaid(handler: InvoicePaidHandler): void {
      paidHandlers.push(handler);
    },
    /** Where a guest payer's mail about an invoice of this subject kind leads (the subject module's page that checks who pays); once per kind. */
    registerPayerLink(subjectKind: string, link: PayerLink): void {
      if (payerLinks.has(subjectKind)) throw new Error(`billing: a payer link for "${subjectKind}" is already registered`);
      payerLinks.set(subjectKind, link);
    },
    /** The provider in use (the CLI, the test gateway's pages). */
    provider: () => options.provider,
    payments: paying,
    staff: staffUseCases(deps),
    settingsOf: (authorityId: string) => settingsOf(db, authorityId),
    invoicesOf: (accountId: string, authorityId: string | null) => invoicesOf(db, accountId, authorityId),
    openInvoicesOf: (accountId: string, authorityId: string) => openInvoicesOf(db, accountId, authorityId),
    /** An invoice its payer or its authority's staff may see, with everything said about it; null for anyone else. */
    async invoiceFor(actor: StaffActor, invoiceId: string) {
      const detail = await invoiceDetail(db, invoiceId);
      return detail && can(actor, 'view', detail.invoice) ? detail : null;
    },
    async staffInvoice(staff: StaffActor, invoiceId: string) {
      const detail = await invoiceDetail(db, invoiceId);
      return detail && can(staff, 'staff_view', detail.invoice) ? detail : null;
    },
    staffInvoices: (authorityId: string, filters: StaffFilters) => staffInvoices(db, authorityId, filters),
    feeSchedule: (authorityId: string) => feeSchedule(db, authorityId),
    pendingCheckouts: (authorityId: string) => pendingCheckoutCount(db, authorityId, options.clock.now()),
    reconciliation: (authorityId: string, from: Date, to: Date) => reconciliationReport(db, authorityId, from, to, options.clock.now()),
    /** The receipt PDF of a paid invoice, in this language; null before it is paid. */
    receiptPdf: (detail: InvoiceDetail, locale: Locale, standard?: PdfStandard) => receiptPdf(db, options.pdf, detail, locale, standard),
    creditNotePdf: (detail: InvoiceDetail, locale: Locale) => creditNotePdf(db, options.pdf, detail, locale),
    annualReceiptPdf: (accountId: string, authorityId: string, year: number, locale: Locale) => annualReceiptPdf(db, options.pdf, { accountId, authorityId, year, locale, at: options.clock.now() }),
    paidYears: (accountId: string, authorityId: string) => paidYears(db, accountId, authorityId),
    exportCsv: async (authorityId: string, from: Date, to: Date) => toCsv(await exportData(db, authorityId, from, to)),
    /** Whether an invoice exists for a subject (licensing asks before issuing a second one). */
    async invoicesForSubject(subjectKind: string, subjectId: string) {
      const rows = await db.select().from(invoices).where(eq(invoices.subjectId, subjectId));
      return rows.filter((r) => r.subjectKind === subjectKind);
    },
  };
}

export type BillingService = ReturnType<typeof createBillingService>;
