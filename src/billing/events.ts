import type { MessageKey } from '../platform/i18n/index.ts';
import type { FeeKind, TaxTreatment } from './schema.ts';

type InvoiceRef = { invoiceId: string; number: string };

/** Billing's audit events, and the type of their details. */
export interface BillingEvents {
  fee_added: { feeId: string; code: string; kind: FeeKind; amountCents: number; tax: TaxTreatment; glCode: string; validFrom: string };
  billing_settings_changed: { province: string; nonRefundable: boolean };
  invoice_issued: InvoiceRef & { totalCents: number; subjectKind: string; subjectReference: string };
  checkout_started: InvoiceRef & { checkoutId: string; provider: string; amountCents: number };
  checkout_closed: InvoiceRef & { checkoutId: string; status: 'failed' | 'expired'; reason: string | null };
  invoice_paid: InvoiceRef & { paymentId: string; receiptNumber: string; amountCents: number; provider: string; via: 'webhook' | 'return' | 'reconciliation' };
  refund_requested: InvoiceRef & { refundId: string; amountCents: number; reason: string };
  invoice_refunded: InvoiceRef & { refundId: string; amountCents: number; status: 'succeeded' | 'failed' };
  invoice_voided: InvoiceRef & { creditNoteNumber: string; reason: string };
}

declare module '../audit/events.ts' { interface AuditEvents extends BillingEvents {} }

export const events = {
  fee_added: 'event.fee_added',
  billing_settings_changed: 'event.billing_settings_changed',
  invoice_issued: 'event.invoice_issued',
  checkout_started: 'event.checkout_started',
  checkout_closed: 'event.checkout_closed',
  invoice_paid: 'event.invoice_paid',
  refund_requested: 'event.refund_requested',
  invoice_refunded: 'event.invoice_refunded',
  invoice_voided: 'event.invoice_voided',
} as const satisfies Record<keyof BillingEvents, MessageKey>;
