// The behaviour every payment adapter must have, run by contract.int.test.ts on each adapter
// (the built-in test gateway, Stripe against its local fake, Stripe's test mode when a key is set).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { type Checkout, type CheckoutRequest, type PaymentEvent, type PaymentProvider, WebhookSignatureError } from './port.ts';

/** A webhook as billing's route receives it: the exact bytes and the headers. */
export interface ReceivedWebhook {
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** The cards of the contract, whatever each adapter calls them. */
export type ContractCard = 'success' | 'declined' | 'networkFailure';

/** What the contract needs besides the provider: a person paying, the webhooks received, a signer. */
export interface PaymentHarness {
  provider: PaymentProvider;
  /** Pays a checkout as the person does (the hosted page, or the fake's "complete"). */
  pay(checkout: Checkout, card: ContractCard): Promise<void>;
  /** The webhooks delivered since the last call, once every delivery under way has ended. */
  takeWebhooks(): Promise<ReceivedWebhook[]>;
  /** Headers signing `body` as the provider does, at `timestamp` (unix seconds), with its secret or another. */
  sign(body: Buffer, options: { timestamp: number; wrongSecret?: boolean }): Record<string, string>;
  /** The time the provider checks signatures against. */
  now(): Date;
  /** A well-formed event of a kind billing has no use for. */
  unusedEvent(): Buffer;
  /** Whether a declined card ends the checkout (a webhook and getCheckout say failed). */
  declineEndsCheckout: boolean;
}

export function request(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    idempotencyKey: randomUUID(),
    amountCents: 12_345,
    currency: 'CAD',
    description: 'Droits d’inscription 2027',
    reference: `2026-${Math.floor(Math.random() * 1e6).toString().padStart(6, '0')}`,
    locale: 'fr',
    successUrl: 'http://localhost:3000/fr/frais-et-recus/paye',
    cancelUrl: 'http://localhost:3000/fr/frais-et-recus',
    email: 'ada@example.ca',
    ...overrides,
  };
}

const parsed = (h: PaymentHarness, hooks: ReceivedWebhook[]): PaymentEvent[] => hooks.map((w) => h.provider.parseWebhook(w.body, w.headers));
const nowSeconds = (h: PaymentHarness) => Math.floor(h.now().getTime() / 1000);

/** Registers the contract's tests for one adapter; `open` gives the harness once its services are up. */
export function paymentContract(name: string, open: () => PaymentHarness): void {
  test(`${name}: the same idempotency key gives the same checkout; another key, another one; it starts open`, async () => {
    const h = open();
    const asked = request();
    const first = await h.provider.createCheckout(asked);
    const again = await h.provider.createCheckout({ ...asked });
    assert.equal(again.checkoutId, first.checkoutId);
    assert.equal(again.url, first.url);
    assert.match(first.url, /^https?:\/\//);
    const other = await h.provider.createCheckout(request({ reference: asked.reference }));
    assert.notEqual(other.checkoutId, first.checkoutId);
    assert.deepEqual(await h.provider.getCheckout(first.checkoutId), { status: 'open' });
    await h.takeWebhooks();
  });

  test(`${name}: paid with the success card, getCheckout says paid and one signed webhook says so, normalized`, async () => {
    const h = open();
    await h.takeWebhooks();
    const asked = request({ amountCents: 25_000, locale: 'en' });
    const checkout = await h.provider.createCheckout(asked);
    await h.pay(checkout, 'success');
    const state = await h.provider.getCheckout(checkout.checkoutId);
    assert.equal(state.status, 'paid');
    if (state.status !== 'paid') return;
    assert.equal(state.amountCents, 25_000);
    assert.equal(state.method.kind, 'card');
    assert.equal(state.method.last4, '4242');
    assert.match(state.method.brand, /visa/i);
    const events = parsed(h, await h.takeWebhooks()).filter((e) => e.type !== 'ignored');
    assert.equal(events.length, 1, JSON.stringify(events));
    const [event] = events;
    assert.equal(event?.type, 'checkout.paid');
    if (event?.type !== 'checkout.paid') return;
    assert.equal(event.checkoutId, checkout.checkoutId);
    assert.equal(event.reference, asked.reference);
    assert.equal(event.paymentId, state.paymentId);
    assert.equal(event.amountCents, 25_000);
    // Stripe's webhook names the payment intent, not its charge: no card there, getCheckout has it.
    if (event.method.last4 !== '') assert.deepEqual(event.method, state.method);
    else assert.deepEqual(event.method, { kind: 'card', brand: 'unknown', last4: '' });
    assert.ok(event.eventId.length > 0);
    assert.ok(event.paidAt instanceof Date && !Number.isNaN(event.paidAt.getTime()));
  });

  test(`${name}: a webhook altered, signed with another secret, too old, or unsigned is refused`, async () => {
    const h = open();
    await h.takeWebhooks();
    const checkout = await h.provider.createCheckout(request());
    await h.pay(checkout, 'success');
    const [hook] = await h.takeWebhooks();
    assert.ok(hook, 'a webhook was delivered');
    // What was delivered parses; the same bytes signed again now parse too (the harness signs as the provider).
    h.provider.parseWebhook(hook.body, hook.headers);
    h.provider.parseWebhook(hook.body, h.sign(hook.body, { timestamp: nowSeconds(h) }));
    const tampered = Buffer.from(hook.body.toString('utf8').replace(/"(amount[A-Za-z_]*)":\s*(\d+)/, '"$1":1'));
    assert.notDeepEqual(tampered, hook.body);
    const refused: [string, () => unknown][] = [
      ['tampered body', () => h.provider.parseWebhook(tampered, hook.headers)],
      ['a byte more', () => h.provider.parseWebhook(Buffer.concat([hook.body, Buffer.from(' ')]), hook.headers)],
      ['wrong secret', () => h.provider.parseWebhook(hook.body, h.sign(hook.body, { timestamp: nowSeconds(h), wrongSecret: true }))],
      ['ten minutes old', () => h.provider.parseWebhook(hook.body, h.sign(hook.body, { timestamp: nowSeconds(h) - 600 }))],
      ['no signature', () => h.provider.parseWebhook(hook.body, {})],
    ];
    for (const [what, attempt] of refused) assert.throws(attempt, WebhookSignatureError, what);
    // An event the port has no use for is acknowledged and ignored.
    const unused = h.unusedEvent();
    assert.equal(h.provider.parseWebhook(unused, h.sign(unused, { timestamp: nowSeconds(h) })).type, 'ignored');
  });

  test(`${name}: a declined card: nothing is paid; the checkout fails (webhook and getCheckout) or stays open`, async () => {
    const h = open();
    await h.takeWebhooks();
    const asked = request();
    const checkout = await h.provider.createCheckout(asked);
    await h.pay(checkout, 'declined');
    const state = await h.provider.getCheckout(checkout.checkoutId);
    const events = parsed(h, await h.takeWebhooks()).filter((e) => e.type !== 'ignored');
    assert.ok(events.every((e) => e.type !== 'checkout.paid'));
    if (h.declineEndsCheckout) {
      assert.equal(state.status, 'failed');
      assert.equal(events.length, 1);
      const [event] = events;
      assert.equal(event?.type, 'checkout.failed');
      if (event?.type === 'checkout.failed') {
        assert.equal(event.checkoutId, checkout.checkoutId);
        assert.equal(event.reference, asked.reference);
        assert.ok(event.reason.length > 0);
      }
    } else {
      assert.equal(state.status, 'open');
    }
  });

  test(`${name}: refunds: part, then the rest; the same key twice is one refund; more than what remains fails`, async () => {
    const h = open();
    await h.takeWebhooks();
    const checkout = await h.provider.createCheckout(request({ amountCents: 10_000 }));
    await h.pay(checkout, 'success');
    const state = await h.provider.getCheckout(checkout.checkoutId);
    assert.equal(state.status, 'paid');
    if (state.status !== 'paid') return;
    await h.takeWebhooks();
    const keys = randomUUID();
    const refund = (key: string, amountCents: number) => h.provider.refund({ idempotencyKey: `${keys}-${key}`, paymentId: state.paymentId, amountCents, reason: 'requested_by_customer' });
    const part = await refund('refund-a', 3_000);
    assert.equal(part.status, 'succeeded');
    const twice = await refund('refund-a', 3_000);
    assert.deepEqual(twice, part);
    const tooMuch = await refund('refund-b', 7_001);
    assert.equal(tooMuch.status, 'failed');
    const rest = await refund('refund-c', 7_000);
    assert.equal(rest.status, 'succeeded');
    assert.notDeepEqual(rest, part);
    const nothingLeft = await refund('refund-d', 1);
    assert.equal(nothingLeft.status, 'failed');
    const events = parsed(h, await h.takeWebhooks()).filter((e) => e.type === 'refund.succeeded');
    const byRefund = new Map(events.map((e) => [e.type === 'refund.succeeded' ? e.refundId : '', e]));
    assert.equal(byRefund.size, 2, JSON.stringify(events));
    for (const [result, amount] of [[part, 3_000], [rest, 7_000]] as const) {
      const event = 'refundId' in result ? byRefund.get(result.refundId) : undefined;
      assert.ok(event?.type === 'refund.succeeded', `refund.succeeded for ${JSON.stringify(result)}`);
      assert.equal(event.amountCents, amount);
      assert.equal(event.paymentId, state.paymentId);
    }
  });

  test(`${name}: the network fails after the charge: no webhook, no return, yet getCheckout says paid`, async () => {
    const h = open();
    await h.takeWebhooks();
    const checkout = await h.provider.createCheckout(request());
    await h.pay(checkout, 'networkFailure');
    assert.deepEqual((await h.takeWebhooks()).length, 0);
    const state = await h.provider.getCheckout(checkout.checkoutId);
    assert.equal(state.status, 'paid');
  });
}
