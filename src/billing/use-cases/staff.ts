import { and, eq, ne, sql } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { StaffActor } from '../../platform/actors.ts';
import type { Province } from '../../platform/canada.ts';
import type { LocalDate } from '../../platform/calendar.ts';
import type { Bilingual } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import { can } from '../policies.ts';
import { billingSettings, checkouts, creditNotes, type FeeKind, fees, invoices, payments, refunds, type TaxTreatment } from '../schema.ts';
import { invoiceTransitions } from '../states.ts';
import { formatMoney } from '../../platform/i18n/index.ts';
import { type BillingDeps, type Invoice, lockInvoice, nextNumber, notifyPayer, settingsOf } from './common.ts';
import { localDateAt } from '../../platform/calendar.ts';

export type RefundOutcome =
  | 'refunded'
  | 'pending'
  | 'already_requested'
  | 'not_found'
  | 'not_allowed'
  | 'non_refundable'
  | 'not_refundable_now'
  | 'too_much'
  | 'provider_failed';

export type VoidOutcome = 'voided' | 'not_found' | 'not_allowed' | 'not_open';

export interface NewFee {
  code: string;
  label: Bilingual;
  kind: FeeKind;
  amountCents: number;
  tax: TaxTreatment;
  glCode: string;
  validFrom: LocalDate;
}

export function staffUseCases(deps: BillingDeps) {
  const { db, clock } = deps;

  /** A refund once the caller's policy let it through (`allowed` returns why not, or null). */
  async function refundAs(actorId: string, invoiceId: string, request: { refundId: string; amountCents: number; reason: string }, origin: Origin, allowed: (invoice: Invoice, settings: Awaited<ReturnType<typeof settingsOf>>) => RefundOutcome | null): Promise<RefundOutcome> {
    const now = clock.now();
    const asked = await db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, invoiceId);
      if (!invoice) return { outcome: 'not_found' as const };
      const refused = allowed(invoice, await settingsOf(tx, invoice.authorityId));
      if (refused) return { outcome: refused };
      const [known] = await tx.select().from(refunds).where(eq(refunds.id, request.refundId));
      if (known) return { outcome: known.invoiceId === invoice.id ? ('already_requested' as const) : ('not_found' as const) };
      if (invoice.status !== 'paid' && invoice.status !== 'partly_refunded') return { outcome: 'not_refundable_now' as const };
      const [payment] = await tx.select().from(payments).where(eq(payments.invoiceId, invoice.id));
      if (!payment) return { outcome: 'not_refundable_now' as const };
      const [{ pending } = { pending: 0 }] = await tx
        .select({ pending: sql<number>`coalesce(sum(${refunds.amountCents}), 0)::int` })
        .from(refunds)
        .where(and(eq(refunds.invoiceId, invoice.id), eq(refunds.status, 'pending')));
      if (request.amountCents > payment.amountCents - invoice.refundedCents - Number(pending)) return { outcome: 'too_much' as const };
      await tx.insert(refunds).values({ id: request.refundId, invoiceId: invoice.id, paymentId: payment.id, authorityId: invoice.authorityId, amountCents: request.amountCents, reason: request.reason, status: 'pending', createdBy: actorId, createdAt: now });
      await recordEvent(tx, { authorityId: invoice.authorityId, event: 'refund_requested', actorId, subjectId: invoice.id, origin, at: now, details: { invoiceId: invoice.id, number: invoice.number, refundId: request.refundId, amountCents: request.amountCents, reason: request.reason } });
      return { outcome: 'asked' as const, payment };
    });
    if (asked.outcome !== 'asked') return asked.outcome;
    const result = await deps.provider().refund({ idempotencyKey: request.refundId, paymentId: asked.payment.providerPaymentId, amountCents: request.amountCents, reason: request.reason });
    if (result.status === 'pending') {
      await db.update(refunds).set({ providerRefundId: result.refundId }).where(eq(refunds.id, request.refundId));
      return 'pending';
    }
    const settled = await settleRefund(deps, request.refundId, result.status === 'failed' ? result : { status: 'succeeded', refundId: result.refundId }, actorId, origin);
    return settled === 'failed' ? 'provider_failed' : settled === 'refunded' ? 'refunded' : 'already_requested';
  }

  return {
    /** A fee amount from a day on: a new row, never a change of one (issued invoices keep their copy). */
    async addFee(staff: StaffActor, fee: NewFee, origin: Origin): Promise<'added' | 'exists'> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(fees).values({ ...fee, authorityId: staff.staffAuthorityId, createdBy: staff.id, createdAt: now }).onConflictDoNothing().returning();
        if (!row) return 'exists' as const;
        await recordEvent(tx, { authorityId: staff.staffAuthorityId, event: 'fee_added', actorId: staff.id, subjectId: row.id, origin, at: now, details: { feeId: row.id, code: row.code, kind: row.kind, amountCents: row.amountCents, tax: row.tax, glCode: row.glCode, validFrom: row.validFrom } });
        return 'added' as const;
      });
    },

    async saveSettings(staff: StaffActor, values: { province: Province; nonRefundable: boolean; gstNumber: string | null; qstNumber: string | null }, origin: Origin): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.insert(billingSettings).values({ authorityId: staff.staffAuthorityId, ...values, updatedAt: now }).onConflictDoUpdate({ target: billingSettings.authorityId, set: { ...values, updatedAt: now } });
        await recordEvent(tx, { authorityId: staff.staffAuthorityId, event: 'billing_settings_changed', actorId: staff.id, subjectId: staff.staffAuthorityId, origin, at: now, details: { province: values.province, nonRefundable: values.nonRefundable } });
      });
    },

    /**
     * A refund, full or partial, with its reason. `refundId` is the form's own token: the same
     * submission sent twice finds its row and refunds once; it is also the provider's
     * idempotency key. The row is written first (pending), the provider asked, then the result
     * recorded with the invoice's new status, the audit row and the mail.
     */
    async refund(staff: StaffActor, invoiceId: string, request: { refundId: string; amountCents: number; reason: string }, origin: Origin): Promise<RefundOutcome> {
      return refundAs(staff.id, invoiceId, request, origin, (invoice, settings) => {
        if (!can(staff, 'staff_view', invoice)) return 'not_found';
        if (!can(staff, 'refund', invoice, settings)) return settings.nonRefundable ? 'non_refundable' : 'not_allowed';
        return null;
      });
    },

    /**
     * The same refund for a module that checked its own person first (an institution's
     * practitioner refunding the fee of a request it holds): no staff role is asked, but the
     * invoice must be of the subject the caller checked, and a non-refundable authority's fees
     * are refunded only by its administrators (`non_refundable`).
     */
    async refundFor(actorId: string, invoiceId: string, request: { refundId: string; amountCents: number; reason: string; subject: { kind: string; id: string } }, origin: Origin): Promise<RefundOutcome> {
      return refundAs(actorId, invoiceId, request, origin, (invoice, settings) => {
        if (invoice.subjectKind !== request.subject.kind || invoice.subjectId !== request.subject.id) return 'not_found';
        return settings.nonRefundable ? 'non_refundable' : null;
      });
    },

    /** Voids an unpaid invoice with its reason: a credit note for its total, its open checkout cancelled, the payer told. */
    async void(staff: StaffActor, invoiceId: string, reason: string, origin: Origin): Promise<VoidOutcome> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const invoice = await lockInvoice(tx, invoiceId);
        if (!invoice || !can(staff, 'staff_view', invoice)) return 'not_found' as const;
        const rule = invoiceTransitions.check(invoice.status, 'void', staff.authorityRoles);
        if (rule === 'forbidden') return 'not_allowed' as const;
        if (typeof rule === 'string') return 'not_open' as const;
        const number = await nextNumber(tx, invoice.authorityId, 'credit_note', Number(localDateAt(now).slice(0, 4)));
        await tx.insert(creditNotes).values({ invoiceId: invoice.id, authorityId: invoice.authorityId, number, amountCents: invoice.totalCents, reason, createdBy: staff.id, createdAt: now });
        await tx.update(checkouts).set({ status: 'cancelled', updatedAt: now }).where(and(eq(checkouts.invoiceId, invoice.id), eq(checkouts.status, 'open')));
        await tx.update(invoices).set({ status: rule.to, voidedAt: now }).where(and(eq(invoices.id, invoice.id), ne(invoices.status, 'void')));
        await recordEvent(tx, { authorityId: invoice.authorityId, event: 'invoice_voided', actorId: staff.id, subjectId: invoice.id, origin, at: now, details: { invoiceId: invoice.id, number: invoice.number, creditNoteNumber: number, reason } });
        await notifyPayer(deps, tx, invoice, 'invoiceVoided', (t) => t('billing.mail.voidDetail', { number: invoice.number, reason }), now);
        return 'voided' as const;
      });
    },
  };
}

/**
 * Records what the provider answered about a pending refund (at once, or later by webhook): the
 * refund row, the invoice's refunded amount and status, the audit row and the payer's mail, in one
 * transaction. A refund already settled is left as it is.
 */
export async function settleRefund(deps: BillingDeps, refundId: string, result: { status: 'succeeded'; refundId: string } | { status: 'failed'; reason: string }, actorId: string | null, origin: Origin): Promise<'refunded' | 'failed' | 'already_settled'> {
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [pending] = await tx.select({ invoiceId: refunds.invoiceId }).from(refunds).where(eq(refunds.id, refundId));
    const invoice = pending ? await lockInvoice(tx, pending.invoiceId) : null;
    const [row] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
    if (!invoice || !row || row.status !== 'pending') return 'already_settled' as const;
    if (result.status === 'failed') {
      await tx.update(refunds).set({ status: 'failed', failureReason: result.reason, settledAt: at }).where(eq(refunds.id, row.id));
      await recordEvent(tx, { authorityId: invoice.authorityId, event: 'invoice_refunded', actorId, subjectId: invoice.id, origin, at, details: { invoiceId: invoice.id, number: invoice.number, refundId: row.id, amountCents: row.amountCents, status: 'failed' } });
      return 'failed' as const;
    }
    const refunded = invoice.refundedCents + row.amountCents;
    const rule = invoiceTransitions.check(invoice.status, refunded >= invoice.totalCents ? 'refund_rest' : 'refund_part', ['staff']);
    if (typeof rule === 'string') throw new Error(`refund of an invoice ${invoice.status}`);
    await tx.update(refunds).set({ status: 'succeeded', providerRefundId: result.refundId, settledAt: at }).where(eq(refunds.id, row.id));
    await tx.update(invoices).set({ status: rule.to, refundedCents: refunded }).where(eq(invoices.id, invoice.id));
    await recordEvent(tx, { authorityId: invoice.authorityId, event: 'invoice_refunded', actorId, subjectId: invoice.id, origin, at, details: { invoiceId: invoice.id, number: invoice.number, refundId: row.id, amountCents: row.amountCents, status: 'succeeded' } });
    await notifyPayer(deps, tx, invoice, 'invoiceRefunded', (t, locale) => t('billing.mail.refundDetail', { number: invoice.number, amount: formatMoney(locale, row.amountCents), reason: row.reason }), at);
    return 'refunded' as const;
  });
}
