import { and, eq, isNull, lt } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { Executor } from '../../platform/db.ts';
import { href } from '../../platform/paths.ts';
import { localDateAt } from '../../platform/calendar.ts';
import type { Origin } from '../../platform/origin.ts';
import { type CheckoutState, type PaymentEvent, type PaymentMethod, WebhookSignatureError } from '../payments/port.ts';
import { checkouts, invoices, paymentEvents, payments, refunds } from '../schema.ts';
import { settleRefund } from './staff.ts';
import { invoiceTransitions } from '../states.ts';
import { formatMoney } from '../../platform/i18n/index.ts';
import { type BillingDeps, type Invoice, lockInvoice, nextNumber, notifyPayer } from './common.ts';

const NO_ORIGIN: Origin = { ip: null, userAgent: null };

/** A checkout open this long is asked about by reconciliation (a hosted page is rarely left open longer). */
export const RECONCILE_AFTER_MINUTES = 15;

export type PayResult = { kind: 'redirect'; url: string } | { kind: 'not_payable'; status: Invoice['status'] } | { kind: 'not_found' };

/** What the provider said a checkout became, and who brought the news. */
type Paid = { paymentId: string; amountCents: number; method: PaymentMethod; paidAt: Date };
export type SettleResult = 'settled' | 'already_settled' | 'not_payable' | 'unknown_checkout' | 'mismatch';

export type WebhookResult = { status: 200 | 400 | 422; outcome: string };

export function paymentUseCases(deps: BillingDeps) {
  const { db, clock } = deps;

  /**
   * Settles a paid checkout, whoever brings the news (webhook, the browser's return,
   * reconciliation): one transaction that locks the invoice, records the payment once (a second
   * answer finds it and changes nothing), marks the invoice paid with its receipt number, writes the
   * audit row and the mail, and runs the handlers other modules registered (licensing activates
   * the registration) in that same transaction.
   */
  async function settle(tx: Executor, checkoutId: string, paid: Paid, via: 'webhook' | 'return' | 'reconciliation', reference: string | null): Promise<SettleResult> {
    const [checkout] = await tx.select().from(checkouts).where(eq(checkouts.id, checkoutId));
    if (!checkout) return 'unknown_checkout';
    const invoice = await lockInvoice(tx, checkout.invoiceId);
    if (!invoice) return 'unknown_checkout';
    if ((reference !== null && reference !== invoice.number) || paid.amountCents !== checkout.amountCents) return 'mismatch';
    const now = clock.now();
    const [existing] = await tx.select().from(payments).where(eq(payments.invoiceId, invoice.id));
    if (existing) {
      if (existing.providerPaymentId === paid.paymentId) return 'already_settled';
      // A second charge for one invoice: only possible at the provider's side (a checkout paid after it was replaced); staff must refund it.
      deps.log.error({ invoiceId: invoice.id, paymentId: paid.paymentId }, 'a second payment for a paid invoice: it is refunded');
      return 'not_payable';
    }
    const rule = invoiceTransitions.check(invoice.status, 'pay', ['system']);
    if (typeof rule === 'string') {
      deps.log.error({ invoiceId: invoice.id, status: invoice.status, paymentId: paid.paymentId }, 'a payment for an invoice that is not open: it is refunded');
      return 'not_payable';
    }
    const [payment] = await tx
      .insert(payments)
      .values({ invoiceId: invoice.id, authorityId: invoice.authorityId, checkoutId: checkout.id, provider: checkout.provider, providerPaymentId: paid.paymentId, amountCents: paid.amountCents, method: paid.method, paidAt: paid.paidAt, recordedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!payment) return 'already_settled';
    await tx.update(checkouts).set({ status: 'paid', updatedAt: now }).where(eq(checkouts.id, checkout.id));
    const receiptNumber = await nextNumber(tx, invoice.authorityId, 'receipt', Number(localDateAt(paid.paidAt).slice(0, 4)));
    const [updated] = await tx.update(invoices).set({ status: rule.to, paidAt: paid.paidAt, receiptNumber }).where(eq(invoices.id, invoice.id)).returning();
    await recordEvent(tx, {
      authorityId: invoice.authorityId,
      event: 'invoice_paid',
      actorId: null,
      subjectId: invoice.id,
      origin: NO_ORIGIN,
      at: now,
      details: { invoiceId: invoice.id, number: invoice.number, paymentId: payment.id, receiptNumber, amountCents: paid.amountCents, provider: checkout.provider, via },
    });
    await notifyPayer(deps, tx, invoice, 'invoicePaid', (t, locale) => t('billing.mail.paidDetail', { number: invoice.number, amount: formatMoney(locale, paid.amountCents), receipt: receiptNumber }), now);
    for (const handler of deps.paidHandlers) await handler(tx, updated!);
    return 'settled';
  }

  /** A checkout the provider closed without payment (declined, expired): the person may start another. */
  async function close(tx: Executor, checkoutId: string, status: 'failed' | 'expired', reason: string | null) {
    const [checkout] = await tx.select().from(checkouts).where(eq(checkouts.id, checkoutId));
    if (!checkout || checkout.status !== 'open') return;
    const invoice = await lockInvoice(tx, checkout.invoiceId);
    if (!invoice) return;
    const now = clock.now();
    await tx.update(checkouts).set({ status, failureReason: reason, updatedAt: now }).where(and(eq(checkouts.id, checkoutId), eq(checkouts.status, 'open')));
    await recordEvent(tx, { authorityId: invoice.authorityId, event: 'checkout_closed', actorId: null, subjectId: invoice.id, origin: NO_ORIGIN, at: now, details: { invoiceId: invoice.id, number: invoice.number, checkoutId, status, reason } });
  }

  /** Applies what the provider says of a checkout (getCheckout's answer), in one transaction. */
  async function apply(checkoutId: string, state: CheckoutState, via: 'return' | 'reconciliation'): Promise<CheckoutState['status']> {
    if (state.status === 'open') return 'open';
    const result = await db.transaction(async (tx) => {
      if (state.status === 'paid') return settle(tx, checkoutId, state, via, null);
      await close(tx, checkoutId, state.status, state.status === 'failed' ? state.reason : null);
      return null;
    });
    if (result === 'not_payable' && state.status === 'paid') await refundStray(state);
    return state.status;
  }

  /**
   * A payment the provider took for an invoice that can no longer take one (voided while its
   * hosted page stayed open, or paid through another checkout): given back at once, with an
   * idempotency key of its own so that every later news of it refunds nothing more.
   */
  async function refundStray(paid: { paymentId: string; amountCents: number }) {
    const result = await deps.provider().refund({ idempotencyKey: `stray-${paid.paymentId}`, paymentId: paid.paymentId, amountCents: paid.amountCents, reason: 'invoice_not_payable' });
    deps.log.warn({ paymentId: paid.paymentId, amountCents: paid.amountCents, result: result.status }, 'a payment for an invoice that is not open was refunded');
  }

  /** A checkout for an invoice the caller may pay (`mayPay`): one open per invoice, whatever the clicks and tabs (see `pay`). */
  async function startCheckout(mayPay: (invoice: Invoice) => boolean, actorId: string | null, invoiceId: string, origin: Origin, urlsOf: (invoice: Invoice) => { successUrl: string; cancelUrl: string }): Promise<PayResult> {
    const now = clock.now();
    const provider = deps.provider();
    const step = await db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, invoiceId);
      if (!invoice || !mayPay(invoice)) return { kind: 'not_found' as const };
      if (invoice.status !== 'open') return { kind: 'not_payable' as const, status: invoice.status };
      const [open] = await tx.select().from(checkouts).where(and(eq(checkouts.invoiceId, invoice.id), eq(checkouts.status, 'open')));
      if (open?.url) return { kind: 'redirect' as const, url: open.url };
      const [row] = open ? [open] : await tx.insert(checkouts).values({ invoiceId: invoice.id, provider: provider.name, amountCents: invoice.totalCents, status: 'open', createdAt: now, updatedAt: now }).returning();
      return { kind: 'create' as const, invoice, checkout: row! };
    });
    if (step.kind !== 'create') return step;
    const { invoice, checkout } = step;
    const created = await provider.createCheckout({
      idempotencyKey: checkout.id,
      amountCents: checkout.amountCents,
      currency: 'CAD',
      description: invoice.number,
      reference: invoice.number,
      locale: invoice.locale,
      ...urlsOf(invoice),
    });
    await db.transaction(async (tx) => {
      const [set] = await tx
        .update(checkouts)
        .set({ providerCheckoutId: created.checkoutId, url: created.url, updatedAt: clock.now() })
        .where(and(eq(checkouts.id, checkout.id), isNull(checkouts.providerCheckoutId)))
        .returning({ id: checkouts.id });
      if (set) await recordEvent(tx, { authorityId: invoice.authorityId, event: 'checkout_started', actorId, subjectId: invoice.id, origin, at: now, details: { invoiceId: invoice.id, number: invoice.number, checkoutId: checkout.id, provider: provider.name, amountCents: checkout.amountCents } });
    });
    return { kind: 'redirect', url: created.url };
  }

  /**
   * The browser is back from the hosted page: the provider is asked (the address proves
   * nothing), and what it says is applied. `paid`, `open` (being confirmed), or `failed`.
   */
  async function returnedWhen(mayPay: (invoice: Invoice) => boolean, invoiceId: string): Promise<'paid' | 'pending' | 'failed' | 'not_found'> {
    const [invoice] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
    if (!invoice || !mayPay(invoice)) return 'not_found';
    if (invoice.status !== 'open') return invoice.status === 'void' ? 'failed' : 'paid';
    const [latest] = await db.select().from(checkouts).where(eq(checkouts.invoiceId, invoiceId)).orderBy(checkouts.createdAt).limit(50).then((rows) => rows.slice(-1));
    if (!latest?.providerCheckoutId) return 'failed';
    if (latest.status === 'failed' || latest.status === 'expired' || latest.status === 'cancelled') return 'failed';
    let state: CheckoutState;
    try {
      state = await deps.provider().getCheckout(latest.providerCheckoutId);
    } catch (error) {
      deps.log.warn({ invoiceId, error: String(error) }, 'the provider did not answer about a checkout');
      return 'pending';
    }
    const status = await apply(latest.id, state, 'return');
    return status === 'paid' ? 'paid' : status === 'open' ? 'pending' : 'failed';
  }

  return {
    settle,

    /**
     * "Pay": the invoice locked, its open checkout reused (a second click, a second tab), else a
     * new checkout row. The provider is asked after that transaction, never while the invoice is
     * locked, with the row's id as idempotency key: requests racing for one row get one provider
     * checkout, and a failed call is retried with the same key on the next click.
     */
    pay(accountId: string, invoiceId: string, origin: Origin, urls: { base: string }): Promise<PayResult> {
      return startCheckout((invoice) => invoice.accountId === accountId, accountId, invoiceId, origin, (invoice) => ({
        successUrl: `${urls.base}${href('billing.paymentReturn', invoice.locale, { invoiceId: invoice.id })}`,
        cancelUrl: `${urls.base}${href('billing.invoice', invoice.locale, { invoiceId: invoice.id })}`,
      }));
    },

    /**
     * "Pay" for a guest payer's invoice (no account), from the subject module's page, which has
     * checked who is paying (a tracking link); the provider sends the browser back to that module's
     * addresses. An invoice that has an account is paid only by it, through `pay`.
     */
    payAsSubject(invoiceId: string, origin: Origin, urls: { successUrl: string; cancelUrl: string }): Promise<PayResult> {
      return startCheckout((invoice) => invoice.accountId === null, null, invoiceId, origin, () => urls);
    },

    returned: (accountId: string, invoiceId: string) => returnedWhen((invoice) => invoice.accountId === accountId, invoiceId),
    /** The browser back on the subject module's return page for a guest payer's invoice (the module checked who it is). */
    returnedAsSubject: (invoiceId: string) => returnedWhen((invoice) => invoice.accountId === null, invoiceId),

    /**
     * A provider's webhook: the signature checked over the raw body, the event's id recorded with
     * its effect in one transaction (a retried webhook finds it and changes nothing), an event
     * about a checkout Guichet does not know, or whose invoice does not match, refused and logged.
     */
    async webhook(providerName: string, rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<WebhookResult> {
      const provider = deps.provider();
      if (providerName !== provider.name) return { status: 400, outcome: 'unknown_provider' };
      let event: PaymentEvent;
      try {
        event = provider.parseWebhook(rawBody, headers);
      } catch (error) {
        if (error instanceof WebhookSignatureError || error instanceof SyntaxError) {
          deps.log.warn({ provider: providerName }, 'payment webhook refused: bad signature');
          return { status: 400, outcome: 'bad_signature' };
        }
        throw error;
      }
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [fresh] = await tx.insert(paymentEvents).values({ provider: provider.name, eventId: event.eventId, type: event.type, receivedAt: now }).onConflictDoNothing().returning();
        if (!fresh) return { status: 200 as const, outcome: 'duplicate' };
        if (event.type === 'ignored') return { status: 200 as const, outcome: 'ignored' };
        if (event.type === 'refund.succeeded') {
          // A refund the provider answered "pending" to is settled when it says so (after this transaction: the event is recorded first).
          const [refund] = await tx.select({ id: refunds.id, status: refunds.status }).from(refunds).where(eq(refunds.providerRefundId, event.refundId));
          return { status: 200 as const, outcome: refund?.status === 'pending' ? 'refund_pending' : 'ignored', refundId: refund?.id, providerRefundId: event.refundId };
        }
        const [checkout] = await tx.select().from(checkouts).where(and(eq(checkouts.provider, provider.name), eq(checkouts.providerCheckoutId, event.checkoutId)));
        const refuse = (outcome: string) => {
          deps.log.warn({ provider: provider.name, eventId: event.eventId, checkoutId: event.checkoutId, reference: event.reference }, `payment webhook refused: ${outcome}`);
          // Nothing recorded: the event id stays unseen.
          throw new Refused(outcome);
        };
        if (!checkout) return refuse('unknown_checkout');
        if (event.type === 'checkout.paid') {
          const result = await settle(tx, checkout.id, event, 'webhook', event.reference);
          if (result === 'unknown_checkout' || result === 'mismatch') return refuse(result);
          return { status: 200 as const, outcome: result, stray: result === 'not_payable' ? { paymentId: event.paymentId, amountCents: event.amountCents } : undefined };
        }
        const [invoice] = await tx.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, checkout.invoiceId));
        if (invoice?.number !== event.reference) return refuse('mismatch');
        await close(tx, checkout.id, event.type === 'checkout.failed' ? 'failed' : 'expired', event.type === 'checkout.failed' ? event.reason : null);
        return { status: 200 as const, outcome: 'closed' };
      })
        .then(async (result: WebhookResult & { refundId?: string | undefined; providerRefundId?: string; stray?: { paymentId: string; amountCents: number } | undefined }) => {
          if (result.stray) await refundStray(result.stray);
          if (result.outcome !== 'refund_pending' || !result.refundId || !result.providerRefundId) return { status: result.status, outcome: result.outcome };
          return { status: 200 as const, outcome: await settleRefund(deps, result.refundId, { status: 'succeeded', refundId: result.providerRefundId }, null, NO_ORIGIN) };
        })
        .catch((error: unknown) => {
          if (error instanceof Refused) return { status: 422 as const, outcome: error.message };
          throw error;
        });
    },

    /**
     * Reconciliation: every checkout open for longer than the configured minutes is asked about
     * and settled or closed. Safe to run again at any time (settling is idempotent).
     */
    async reconcile(): Promise<{ asked: number; settled: number; closed: number; failedToAsk: number }> {
      const before = new Date(clock.now().getTime() - RECONCILE_AFTER_MINUTES * 60_000);
      const stale = await db.select().from(checkouts).where(and(eq(checkouts.status, 'open'), lt(checkouts.createdAt, before)));
      const counts = { asked: 0, settled: 0, closed: 0, failedToAsk: 0 };
      for (const checkout of stale) {
        if (!checkout.providerCheckoutId) continue;
        counts.asked++;
        try {
          const state = await deps.provider().getCheckout(checkout.providerCheckoutId);
          const status = await apply(checkout.id, state, 'reconciliation');
          if (status === 'paid') counts.settled++;
          else if (status !== 'open') counts.closed++;
        } catch (error) {
          counts.failedToAsk++;
          deps.log.warn({ checkoutId: checkout.id, error: String(error) }, 'reconciliation could not ask the provider');
        }
      }
      return counts;
    },
  };
}

class Refused extends Error {}
