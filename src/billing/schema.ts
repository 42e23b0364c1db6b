import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import { at } from '../platform/columns.ts';
import type { Province } from '../platform/canada.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import type { PaymentMethod, ProviderName } from './payments/port.ts';

export type FeeKind = 'application' | 'registration' | 'exam' | 'late' | 'other';
export const FEE_KINDS = ['application', 'registration', 'exam', 'late', 'other'] as const satisfies readonly FeeKind[];
/** `taxable`: GST/HST (and QST in Quebec) by the authority's province; `exempt`: no tax. */
export type TaxTreatment = 'taxable' | 'exempt';
export type InvoiceStatus = 'open' | 'paid' | 'void' | 'refunded' | 'partly_refunded';
export type CheckoutStatus = 'open' | 'paid' | 'failed' | 'expired' | 'cancelled';
export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/** One tax of an invoice: its code, its rate in hundred-thousandths (9.975 % = 9975), its base and amount. */
export interface TaxLine {
  code: 'GST' | 'HST' | 'QST';
  rate: number;
  baseCents: number;
  cents: number;
}

/**
 * An authority's fee schedule: a fee's amount from a day on. A new amount is a new row with a
 * later `valid_from`; an issued invoice keeps its own copy of the lines.
 */
export const fees = pgTable(
  'fees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    code: text('code').notNull(),
    label: jsonb('label').$type<Bilingual>().notNull(),
    kind: text('kind').$type<FeeKind>().notNull(),
    amountCents: integer('amount_cents').notNull(),
    tax: text('tax').$type<TaxTreatment>().notNull(),
    glCode: text('gl_code').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fees_code_from').on(t.authorityId, t.code, t.validFrom)],
);

/** What billing needs to know of an authority: its province (for taxes), its tax numbers, whether fees are refundable. */
export const billingSettings = pgTable('billing_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  province: text('province').$type<Province>().notNull(),
  nonRefundable: boolean('non_refundable').notNull().default(false),
  gstNumber: text('gst_number'),
  qstNumber: text('qst_number'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** Gapless series per authority and year: invoices, receipts, credit notes (locked by the update). */
export const billingCounters = pgTable(
  'billing_counters',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    series: text('series').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.authorityId, t.series, t.year] })],
);

/** An invoice, never edited once issued except for its status, its payment and its refunds. */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    /** The payer's account; null for a guest payer (payerName, payerEmail), whose module checks who pays. */
    accountId: uuid('account_id').references(() => accounts.id),
    number: text('number').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    subjectReference: text('subject_reference').notNull(),
    locale: text('locale').$type<'fr' | 'en'>().notNull(),
    province: text('province').$type<Province>().notNull(),
    status: text('status').$type<InvoiceStatus>().notNull(),
    subtotalCents: integer('subtotal_cents').notNull(),
    taxCents: integer('tax_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
    taxes: jsonb('taxes').$type<TaxLine[]>().notNull(),
    refundedCents: integer('refunded_cents').notNull().default(0),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    issuedAt: at('issued_at').notNull(),
    paidAt: at('paid_at'),
    receiptNumber: text('receipt_number'),
    voidedAt: at('voided_at'),
    payerName: text('payer_name'),
    payerEmail: text('payer_email'),
  },
  (t) => [
    uniqueIndex('invoices_number').on(t.authorityId, t.number),
    uniqueIndex('invoices_receipt_number').on(t.authorityId, t.receiptNumber),
    index('invoices_account').on(t.accountId, t.issuedAt),
    index('invoices_authority').on(t.authorityId, t.issuedAt),
  ],
);

/** An invoice's lines: a copy of the fee as it stood when the invoice was issued. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    position: integer('position').notNull(),
    feeId: uuid('fee_id')
      .notNull()
      .references(() => fees.id),
    code: text('code').notNull(),
    label: jsonb('label').$type<Bilingual>().notNull(),
    kind: text('kind').$type<FeeKind>().notNull(),
    glCode: text('gl_code').notNull(),
    amountCents: integer('amount_cents').notNull(),
    tax: text('tax').$type<TaxTreatment>().notNull(),
  },
  (t) => [uniqueIndex('invoice_lines_position').on(t.invoiceId, t.position)],
);

/** A correction of an issued invoice (a void cancels all of it): the invoice itself is never edited. */
export const creditNotes = pgTable(
  'credit_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    number: text('number').notNull(),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('credit_notes_number').on(t.authorityId, t.number)],
);

/** A hosted payment session: at most one open per invoice. */
export const checkouts = pgTable(
  'checkouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    provider: text('provider').$type<ProviderName>().notNull(),
    providerCheckoutId: text('provider_checkout_id'),
    url: text('url'),
    amountCents: integer('amount_cents').notNull(),
    status: text('status').$type<CheckoutStatus>().notNull(),
    failureReason: text('failure_reason'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('checkouts_one_open').on(t.invoiceId).where(sql`status = 'open'`),
    uniqueIndex('checkouts_provider_id').on(t.provider, t.providerCheckoutId),
    index('checkouts_open_since').on(t.status, t.createdAt),
  ],
);

/** A successful payment: one per invoice, and one per provider payment. */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    checkoutId: uuid('checkout_id')
      .notNull()
      .references(() => checkouts.id),
    provider: text('provider').$type<ProviderName>().notNull(),
    providerPaymentId: text('provider_payment_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    method: jsonb('method').$type<PaymentMethod>().notNull(),
    paidAt: at('paid_at').notNull(),
    recordedAt: at('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('payments_provider_id').on(t.provider, t.providerPaymentId), uniqueIndex('payments_one_per_invoice').on(t.invoiceId), index('payments_authority').on(t.authorityId, t.paidAt)],
);

/** A refund asked of the provider; its id is the provider's idempotency key. */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<RefundStatus>().notNull(),
    providerRefundId: text('provider_refund_id'),
    failureReason: text('failure_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: at('created_at').notNull(),
    settledAt: at('settled_at'),
  },
  (t) => [index('refunds_invoice').on(t.invoiceId), index('refunds_authority').on(t.authorityId, t.createdAt)],
);

/** The provider events already handled: a retried webhook finds its id here and changes nothing. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    provider: text('provider').$type<ProviderName>().notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);

/** The annual tax receipt of a person at an authority for a year: numbered once, at its first download. */
export const annualReceipts = pgTable(
  'annual_receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    year: integer('year').notNull(),
    number: text('number').notNull(),
    issuedAt: at('issued_at').notNull(),
  },
  (t) => [uniqueIndex('annual_receipts_person_year').on(t.authorityId, t.accountId, t.year), uniqueIndex('annual_receipts_number').on(t.authorityId, t.number)],
);
