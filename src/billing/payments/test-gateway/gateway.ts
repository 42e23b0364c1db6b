import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db.ts';
import { gatewayPath } from '../paths.ts';
import type { Checkout, CheckoutRequest, CheckoutState, PaymentEvent, PaymentProvider, RefundRequest, RefundResult } from '../port.ts';
import { WebhookSignatureError } from '../port.ts';
import { paymentTestCheckouts, paymentTestRefunds } from '../schema.ts';
import { SIGNATURE_HEADER, verifySignature } from '../signature.ts';
import type { WebhookSender } from './webhooks.ts';

/** How long a hosted page stays payable, as a real gateway's session. */
export const CHECKOUT_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type TestCheckout = typeof paymentTestCheckouts.$inferSelect;
/** A checkout as its page shows it: `expired` once its lifetime is over unpaid. */
export type TestCheckoutView = TestCheckout & { expired: boolean };

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;
const unix = (date: Date) => Math.floor(date.getTime() / 1000);

/** What the gateway sends (its webhook bodies); parseWebhook reads them back. */
const wireEvent = z.discriminatedUnion('type', [
  z.object({
    id: z.string(),
    type: z.literal('checkout.paid'),
    created: z.number(),
    data: z.object({
      checkoutId: z.string(),
      reference: z.string(),
      paymentId: z.string(),
      amountCents: z.number().int(),
      brand: z.string(),
      last4: z.string(),
      paidAt: z.iso.datetime(),
    }),
  }),
  z.object({ id: z.string(), type: z.literal('checkout.failed'), created: z.number(), data: z.object({ checkoutId: z.string(), reference: z.string(), reason: z.string() }) }),
  z.object({ id: z.string(), type: z.literal('checkout.expired'), created: z.number(), data: z.object({ checkoutId: z.string(), reference: z.string() }) }),
  z.object({ id: z.string(), type: z.literal('refund.succeeded'), created: z.number(), data: z.object({ refundId: z.string(), paymentId: z.string(), amountCents: z.number().int() }) }),
]);
type WireEvent = z.infer<typeof wireEvent>;

export interface TestGatewayDeps {
  db: Database;
  clock: Clock;
  /** The portal's public address: the hosted page is served there. */
  publicUrl: URL;
  /** Signs the webhooks (and checks them in parseWebhook). */
  secret: string;
  webhooks: WebhookSender;
}

/**
 * The test gateway's side of a payment, kept in its own tables: the provider (what billing calls)
 * and the hosted page (what the person's browser drives) both work through it.
 */
export function createTestGatewayStore(deps: TestGatewayDeps) {
  const { db, clock, webhooks } = deps;

  const paidEvent = (c: TestCheckout): WireEvent => ({
    id: `evt_paid_${c.id}`,
    type: 'checkout.paid',
    created: unix(clock.now()),
    data: { checkoutId: c.id, reference: c.reference, paymentId: c.paymentId ?? '', amountCents: c.amountCents, brand: c.cardBrand ?? '', last4: c.cardLast4 ?? '', paidAt: (c.paidAt ?? clock.now()).toISOString() },
  });
  const failedEvent = (c: TestCheckout): WireEvent => ({
    id: `evt_failed_${c.id}`,
    type: 'checkout.failed',
    created: unix(clock.now()),
    data: { checkoutId: c.id, reference: c.reference, reason: c.failureReason ?? 'failed' },
  });

  async function find(checkoutId: string): Promise<TestCheckoutView | undefined> {
    const [row] = await db.select().from(paymentTestCheckouts).where(eq(paymentTestCheckouts.id, checkoutId));
    if (!row) return undefined;
    return { ...row, expired: (row.status === 'open' || row.status === 'challenge') && row.expiresAt.getTime() <= clock.now().getTime() };
  }

  /**
   * Takes the payment: only an open (or challenged) checkout changes, so two submissions of the
   * page end in one payment; the loser finds it paid. `notify: false` is the lost connection.
   */
  async function markPaid(checkoutId: string, card: { brand: string; last4: string } | null, notify: boolean): Promise<TestCheckout | undefined> {
    const now = clock.now();
    const [row] = await db
      .update(paymentTestCheckouts)
      .set({
        status: 'paid',
        paymentId: newId('tgp'),
        paidAt: now,
        ...(card ? { cardBrand: card.brand, cardLast4: card.last4 } : {}),
      })
      .where(and(eq(paymentTestCheckouts.id, checkoutId), inArray(paymentTestCheckouts.status, card ? ['open'] : ['challenge']), sql`${paymentTestCheckouts.expiresAt} > ${now}`))
      .returning();
    if (row && notify) webhooks.send(paidEvent(row));
    return row;
  }

  async function markFailed(checkoutId: string, from: 'open' | 'challenge', reason: string): Promise<TestCheckout | undefined> {
    const [row] = await db
      .update(paymentTestCheckouts)
      .set({ status: 'failed', failureReason: reason })
      .where(and(eq(paymentTestCheckouts.id, checkoutId), eq(paymentTestCheckouts.status, from)))
      .returning();
    if (row) webhooks.send(failedEvent(row));
    return row;
  }

  /** The 3-D Secure step: the card is known, the payment waits for the bank's answer. */
  async function challenge(checkoutId: string, card: { brand: string; last4: string }): Promise<TestCheckout | undefined> {
    const [row] = await db
      .update(paymentTestCheckouts)
      .set({ status: 'challenge', cardBrand: card.brand, cardLast4: card.last4 })
      .where(and(eq(paymentTestCheckouts.id, checkoutId), eq(paymentTestCheckouts.status, 'open')))
      .returning();
    return row;
  }

  const provider: PaymentProvider = {
    name: 'test',

    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) throw new RangeError('amountCents must be a positive integer');
      const now = clock.now();
      await db
        .insert(paymentTestCheckouts)
        .values({
          id: newId('tgc'),
          idempotencyKey: request.idempotencyKey,
          amountCents: request.amountCents,
          currency: request.currency,
          description: request.description,
          reference: request.reference,
          locale: request.locale,
          successUrl: request.successUrl,
          cancelUrl: request.cancelUrl,
          email: request.email ?? null,
          createdAt: now,
          expiresAt: new Date(now.getTime() + CHECKOUT_LIFETIME_MS),
        })
        .onConflictDoNothing({ target: paymentTestCheckouts.idempotencyKey });
      const [row] = await db.select().from(paymentTestCheckouts).where(eq(paymentTestCheckouts.idempotencyKey, request.idempotencyKey));
      if (!row) throw new Error('test gateway: the checkout was not stored');
      // As Stripe does: a key sent again with other parameters is a mistake, not the same request.
      if (row.amountCents !== request.amountCents || row.reference !== request.reference || row.currency !== request.currency) {
        throw new Error(`test gateway: idempotency key ${request.idempotencyKey} was used for another checkout`);
      }
      return { checkoutId: row.id, url: new URL(gatewayPath('billing.testGateway', row.locale, row.id), deps.publicUrl).toString() };
    },

    parseWebhook(rawBody, headers): PaymentEvent {
      verifySignature(deps.secret, rawBody, headers[SIGNATURE_HEADER], clock.now());
      let parsed: WireEvent;
      try {
        const body: unknown = JSON.parse(rawBody.toString('utf8'));
        const result = wireEvent.safeParse(body);
        if (!result.success) {
          const id = (body as { id?: unknown } | null)?.id;
          return { type: 'ignored', eventId: typeof id === 'string' ? id : 'unknown' };
        }
        parsed = result.data;
      } catch {
        // Signed by the gateway yet not JSON: nothing billing can use.
        throw new WebhookSignatureError('webhook body is not JSON');
      }
      switch (parsed.type) {
        case 'checkout.paid': {
          const d = parsed.data;
          return { type: 'checkout.paid', eventId: parsed.id, checkoutId: d.checkoutId, reference: d.reference, paymentId: d.paymentId, amountCents: d.amountCents, method: { kind: 'card', brand: d.brand, last4: d.last4 }, paidAt: new Date(d.paidAt) };
        }
        case 'checkout.failed':
          return { type: 'checkout.failed', eventId: parsed.id, checkoutId: parsed.data.checkoutId, reference: parsed.data.reference, reason: parsed.data.reason };
        case 'checkout.expired':
          return { type: 'checkout.expired', eventId: parsed.id, checkoutId: parsed.data.checkoutId, reference: parsed.data.reference };
        case 'refund.succeeded':
          return { type: 'refund.succeeded', eventId: parsed.id, refundId: parsed.data.refundId, paymentId: parsed.data.paymentId, amountCents: parsed.data.amountCents };
      }
    },

    async getCheckout(checkoutId: string): Promise<CheckoutState> {
      const row = await find(checkoutId);
      if (!row) throw new Error(`test gateway: no checkout ${checkoutId}`);
      if (row.expired) return { status: 'expired' };
      switch (row.status) {
        case 'open':
        case 'challenge':
          return { status: 'open' };
        case 'failed':
          return { status: 'failed', reason: row.failureReason ?? 'failed' };
        case 'paid':
          return {
            status: 'paid',
            paymentId: row.paymentId ?? '',
            amountCents: row.amountCents,
            method: { kind: 'card', brand: row.cardBrand ?? 'unknown', last4: row.cardLast4 ?? '' },
            paidAt: row.paidAt ?? row.createdAt,
          };
      }
    },

    async refund(request: RefundRequest): Promise<RefundResult> {
      const outcome = await db.transaction(async (tx) => {
        // The payment's checkout is locked first: two refunds of one payment (or one key sent
        // twice at once) run one after the other, and each sees what the other refunded.
        const [checkout] = await tx.select().from(paymentTestCheckouts).where(eq(paymentTestCheckouts.paymentId, request.paymentId)).for('update');
        const [earlier] = await tx.select().from(paymentTestRefunds).where(eq(paymentTestRefunds.idempotencyKey, request.idempotencyKey));
        if (earlier) return { row: earlier, fresh: false };
        if (!checkout || checkout.status !== 'paid') return { failed: 'payment_not_found' };
        const [refunded] = await tx
          .select({ total: sql<string>`coalesce(sum(${paymentTestRefunds.amountCents}), 0)` })
          .from(paymentTestRefunds)
          .where(and(eq(paymentTestRefunds.checkoutId, checkout.id), eq(paymentTestRefunds.status, 'succeeded')));
        const remaining = checkout.amountCents - Number(refunded?.total ?? 0);
        const valid = Number.isSafeInteger(request.amountCents) && request.amountCents > 0;
        const failure = !valid ? 'invalid_amount' : request.amountCents > remaining ? 'amount_exceeds_remaining' : null;
        const [row] = await tx
          .insert(paymentTestRefunds)
          .values({
            id: newId('tgr'),
            idempotencyKey: request.idempotencyKey,
            checkoutId: checkout.id,
            paymentId: request.paymentId,
            // A refused amount is kept as asked (at least 1 for the check): the same key gets the same answer.
            amountCents: valid ? request.amountCents : 1,
            reason: request.reason,
            status: failure ? 'failed' : 'succeeded',
            failureReason: failure,
            createdAt: clock.now(),
          })
          .returning();
        return row ? { row, fresh: true } : { failed: 'not_stored' };
      });
      if ('failed' in outcome) return { status: 'failed', reason: outcome.failed ?? 'failed' };
      const { row, fresh } = outcome;
      if (row.status === 'failed') return { status: 'failed', reason: row.failureReason ?? 'failed' };
      if (fresh) {
        webhooks.send({ id: `evt_refund_${row.id}`, type: 'refund.succeeded', created: unix(clock.now()), data: { refundId: row.id, paymentId: row.paymentId, amountCents: row.amountCents } } satisfies WireEvent);
      }
      return { status: 'succeeded', refundId: row.id };
    },
  };

  return { provider, find, markPaid, markFailed, challenge };
}

export type TestGatewayStore = ReturnType<typeof createTestGatewayStore>;
