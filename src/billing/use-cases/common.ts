import { eq, sql } from 'drizzle-orm';
import { mailFromPortal } from '../../authorities/index.ts';
import { accounts } from '../../identity/index.ts';
import type { Mailer, MailTemplate } from '../../mail/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { type Locale, translator } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import type { PaymentProvider } from '../payments/port.ts';
import { billingCounters, billingSettings, invoices } from '../schema.ts';

export type Invoice = typeof invoices.$inferSelect;

/** Called in the payment's own transaction once an invoice is paid (licensing activates a registration). */
export type InvoicePaidHandler = (tx: Executor, invoice: Invoice) => Promise<void>;

/**
 * Where a guest payer's mail leads (an invoice with no account: billing's own pages are for account
 * holders): the subject module's page that checks who may pay, given by that module per subject kind.
 */
export type PayerLink = (invoice: Invoice, locale: Locale) => { path: string; query?: Record<string, string> };

export interface BillingDeps {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  publicUrl: URL;
  provider: () => PaymentProvider;
  paidHandlers: InvoicePaidHandler[];
  payerLinks: Map<string, PayerLink>;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export type Series = 'invoice' | 'receipt' | 'credit_note' | 'annual_receipt';
const prefixes: Record<Series, string> = { invoice: '', receipt: 'R-', credit_note: 'NC-', annual_receipt: 'RA-' };

/**
 * The next number of a series for an authority and year, without gaps (`2026-000123`,
 * `R-2026-000001`): the counter row is locked by the update until the caller's transaction ends,
 * and a rollback gives the number back.
 */
export async function nextNumber(tx: Executor, authorityId: string, series: Series, year: number): Promise<string> {
  const [row] = await tx
    .insert(billingCounters)
    .values({ authorityId, series, year, last: 1 })
    .onConflictDoUpdate({ target: [billingCounters.authorityId, billingCounters.series, billingCounters.year], set: { last: sql`${billingCounters.last} + 1` } })
    .returning({ last: billingCounters.last });
  if (!row) throw new Error('no number given');
  return `${prefixes[series]}${year}-${String(row.last).padStart(6, '0')}`;
}

/** An authority's billing settings; an authority that set none is in Quebec with refundable fees. */
export async function settingsOf(db: Executor, authorityId: string) {
  const [row] = await db.select().from(billingSettings).where(eq(billingSettings.authorityId, authorityId));
  return row ?? { authorityId, province: 'QC' as const, nonRefundable: false, gstNumber: null, qstNumber: null, updatedAt: null };
}

export async function lockInvoice(tx: Executor, invoiceId: string): Promise<Invoice | null> {
  const [row] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for('update');
  return row ?? null;
}

/** A message about an invoice to its payer, in their language, linking to it; in the caller's transaction. */
export async function notifyPayer(deps: Pick<BillingDeps, 'mailer' | 'publicUrl'> & { payerLinks?: BillingDeps['payerLinks'] }, tx: Executor, invoice: Invoice, template: MailTemplate, detail: (t: ReturnType<typeof translator>, locale: Locale) => string, at: Date) {
  if (!invoice.accountId) {
    // A guest payer: the email given, in the invoice's language, linking to the subject module's page (none registered: no mail).
    const link = deps.payerLinks?.get(invoice.subjectKind);
    if (!invoice.payerEmail || !link) return;
    const locale = invoice.locale;
    const to = link(invoice, locale);
    await mailFromPortal(tx, deps.mailer, deps.publicUrl, { authorityId: invoice.authorityId }, {
      accountId: null,
      to: invoice.payerEmail,
      locale,
      template,
      name: invoice.payerName ?? '',
      path: to.path,
      ...(to.query ? { query: to.query } : {}),
      detail: detail(translator(locale), locale),
      at,
    });
    return;
  }
  const [person] = await tx
    .select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, preferredLanguage: accounts.preferredLanguage })
    .from(accounts)
    .where(eq(accounts.id, invoice.accountId));
  if (!person) return;
  const locale = person.preferredLanguage;
  await mailFromPortal(tx, deps.mailer, deps.publicUrl, { authorityId: invoice.authorityId }, {
    accountId: person.id,
    to: person.email,
    locale,
    template,
    name: person.givenName,
    path: href('billing.invoice', locale, { invoiceId: invoice.id }),
    detail: detail(translator(locale), locale),
    at,
  });
}
