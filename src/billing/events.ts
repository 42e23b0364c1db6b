import { event, type EventDetails } from '../platform/events.ts';
import type { FeeKind, TaxTreatment } from './schema.ts';

type InvoiceRef = { invoiceId: string; number: string };

/** Billing's audit events: each one's label, and the type of its details. */
export const events = {
  fee_added: event<{ feeId: string; code: string; kind: FeeKind; amountCents: number; tax: TaxTreatment; glCode: string; validFrom: string }>('event.fee_added'),
  billing_settings_changed: event<{ province: string; nonRefundable: boolean }>('event.billing_settings_changed'),
  invoice_issued: event<InvoiceRef & { totalCents: number; subjectKind: string; subjectReference: string }>('event.invoice_issued'),
  checkout_started: event<InvoiceRef & { checkoutId: string; provider: string; amountCents: number }>('event.checkout_started'),
  checkout_closed: event<InvoiceRef & { checkoutId: string; status: 'failed' | 'expired'; reason: string | null }>('event.checkout_closed'),
  invoice_paid: event<InvoiceRef & { paymentId: string; receiptNumber: string; amountCents: number; provider: string; via: 'webhook' | 'return' | 'reconciliation' }>('event.invoice_paid'),
  refund_requested: event<InvoiceRef & { refundId: string; amountCents: number; reason: string }>('event.refund_requested'),
  invoice_refunded: event<InvoiceRef & { refundId: string; amountCents: number; status: 'succeeded' | 'failed' }>('event.invoice_refunded'),
  invoice_voided: event<InvoiceRef & { creditNoteNumber: string; reason: string }>('event.invoice_voided'),
};

export type BillingEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends BillingEvents {} }
