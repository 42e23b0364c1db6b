import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Checkout, CheckoutRequest, CheckoutState, PaymentEvent, PaymentMethod, PaymentProvider, RefundRequest, RefundResult } from './payments/port.ts';
import { WebhookSignatureError } from './payments/port.ts';
import type { PaymentSettings } from './settings.ts';

/**
 * The one place billing builds its payment provider. The payments work (src/billing/payments/)
 * exports `createPaymentProvider(settings, deps)` and `registerTestGateway(app, deps)`; until it is
 * merged, PAYMENT_PROVIDER=test is served by the in-process gateway below (no hosted page: tests
 * and development settle it through `InterimGateway.complete`, which signs a webhook as the real
 * gateway will). Stripe is refused until its adapter lands.
 */
export function buildPaymentProvider(settings: PaymentSettings, _app: FastifyInstance): PaymentProvider {
  if (settings.provider === 'stripe') throw new Error('The Stripe adapter is not merged yet (src/billing/payments/)');
  return new InterimGateway(settings.testGatewaySecret);
}

const SIGNATURE = 'x-guichet-signature';

interface Session {
  request: CheckoutRequest;
  checkoutId: string;
  state: CheckoutState;
}

/** An in-process stand-in for the test gateway: sessions in memory, webhooks signed with HMAC-SHA256 over the raw body. */
export class InterimGateway implements PaymentProvider {
  readonly name = 'test' as const;
  readonly #secret: string;
  readonly #sessions = new Map<string, Session>();
  readonly #byKey = new Map<string, string>();
  readonly #refunds = new Map<string, RefundResult>();
  constructor(secret: string) {
    this.#secret = secret;
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    const known = this.#byKey.get(request.idempotencyKey);
    const checkoutId = known ?? `tc_${randomUUID()}`;
    if (!known) {
      this.#byKey.set(request.idempotencyKey, checkoutId);
      this.#sessions.set(checkoutId, { request, checkoutId, state: { status: 'open' } });
    }
    return { checkoutId, url: `/test-gateway/checkouts/${checkoutId}` };
  }

  async getCheckout(checkoutId: string): Promise<CheckoutState> {
    const session = this.#sessions.get(checkoutId);
    if (!session) throw new Error(`unknown checkout ${checkoutId}`);
    return session.state;
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const known = this.#refunds.get(request.idempotencyKey);
    if (known) return known;
    const result: RefundResult = { status: 'succeeded', refundId: `tr_${randomUUID()}` };
    this.#refunds.set(request.idempotencyKey, result);
    return result;
  }

  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent {
    const sent = headers[SIGNATURE];
    const expected = Buffer.from(this.#sign(rawBody));
    const given = Buffer.from(typeof sent === 'string' ? sent : '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new WebhookSignatureError('bad signature');
    const event = JSON.parse(rawBody.toString('utf8')) as PaymentEvent & { paidAt?: string };
    return event.type === 'checkout.paid' ? { ...event, paidAt: new Date(event.paidAt as unknown as string) } : event;
  }

  /**
   * The card's outcome, as the hosted page would decide it: the checkout's state changes at the
   * gateway, and the signed webhook it would send is returned (to post, or to lose).
   */
  complete(checkoutId: string, outcome: 'paid' | 'declined', at: Date, method: PaymentMethod = { kind: 'card', brand: 'visa', last4: '4242' }): { body: Buffer; headers: Record<string, string> } {
    const session = this.#sessions.get(checkoutId);
    if (!session) throw new Error(`unknown checkout ${checkoutId}`);
    if (outcome === 'paid' && session.state.status !== 'paid') session.state = { status: 'paid', paymentId: `tp_${randomUUID()}`, amountCents: session.request.amountCents, method, paidAt: at };
    if (outcome === 'declined') session.state = { status: 'failed', reason: 'card_declined' };
    const state = session.state;
    const event =
      state.status === 'paid'
        ? { type: 'checkout.paid', eventId: `evt_${randomUUID()}`, checkoutId, reference: session.request.reference, paymentId: state.paymentId, amountCents: state.amountCents, method: state.method, paidAt: state.paidAt.toISOString() }
        : { type: 'checkout.failed', eventId: `evt_${randomUUID()}`, checkoutId, reference: session.request.reference, reason: 'card_declined' };
    return this.signed(event);
  }

  /** Any payload, signed as the gateway signs (a test builds a forged one by changing it after). */
  signed(payload: unknown): { body: Buffer; headers: Record<string, string> } {
    const body = Buffer.from(JSON.stringify(payload));
    return { body, headers: { 'content-type': 'application/json', [SIGNATURE]: this.#sign(body) } };
  }

  #sign(body: Buffer): string {
    return createHmac('sha256', this.#secret).update(body).digest('hex');
  }
}
