import type { AuthorityRole } from '../platform/actors.ts';
import { defineTransitions } from '../platform/states.ts';
import type { BillingEvents } from './events.ts';
import type { InvoiceStatus } from './schema.ts';

export type InvoiceAction = 'pay' | 'refund_part' | 'refund_rest' | 'void';
/** The payer pays (the provider's answer settles it: `system`); staff refund and void. */
export type InvoiceRole = 'system' | AuthorityRole;

const staff: AuthorityRole[] = ['staff', 'registrar', 'administrator'];

/**
 * An invoice's life: issued open; paid once (whoever brings the provider's answer first: webhook,
 * return, reconciliation); refunded in part or in full by staff; an unpaid invoice voided by staff
 * with a credit note. Nothing returns to open.
 */
export const invoiceTransitions = defineTransitions<InvoiceStatus, InvoiceAction, keyof BillingEvents, InvoiceRole>({
  pay: { from: ['open'], to: 'paid', event: 'invoice_paid', who: ['system'] },
  refund_part: { from: ['paid', 'partly_refunded'], to: 'partly_refunded', event: 'invoice_refunded', who: staff },
  refund_rest: { from: ['paid', 'partly_refunded'], to: 'refunded', event: 'invoice_refunded', who: staff },
  void: { from: ['open'], to: 'void', event: 'invoice_voided', who: staff },
});
