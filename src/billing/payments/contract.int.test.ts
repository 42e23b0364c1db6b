// The payment contract (contract.ts) on each adapter: the built-in test gateway driven through its
// hosted page, Stripe through its SDK against a local fake, and Stripe's test mode when
// STRIPE_TEST_SECRET_KEY is set. Then what is the test gateway's own: its pages, 3-D Secure, retries.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { assembledModules } from '../../app.ts';
import { BackgroundWork } from '../../platform/background.ts';
import { type Config, loadConfig } from '../../platform/config.ts';
import type { DatabaseHandle } from '../../platform/db.ts';
import { registerHttp } from '../../platform/http.tsx';
import { installCatalogs } from '../../platform/i18n/index.ts';
import { installPages } from '../../platform/paths.ts';
import { TestClock, openTestDatabase } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';
import { type FakeStripe, startFakeStripe } from '../../../test/support/fake-stripe.ts';
import { type ContractCard, type PaymentHarness, paymentContract, request } from './contract.ts';
import { createPaymentProvider, gatewayCatalogEn, gatewayCatalogFr, gatewayPaths, type PaymentDeps, paymentSettings, registerTestGateway, TEST_CARDS } from './index.ts';
import { type Checkout, type PaymentProvider, WebhookSignatureError } from './port.ts';
import { signatureHeader } from './signature.ts';

/** A tiny HTTP server standing for billing's webhook route: it keeps what it receives, byte for byte. */
async function startWebhookReceiver() {
  const received: { body: Buffer; headers: IncomingHttpHeaders }[] = [];
  /** Status codes for the next requests (a 500 makes the sender retry); 200 once empty. */
  const failNext: number[] = [];
  let attempts = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      attempts++;
      const status = failNext.shift() ?? 200;
      if (status < 300) received.push({ body: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/payments/test`,
    failNext,
    attempts: () => attempts,
    take: () => received.splice(0, received.length),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SECRET = 'test-gateway-secret-test-gateway-secret-0123';

/**
 * A bare app with what the gateway's pages need (platform's HTTP layer, the page table and the
 * strings with the gateway's added): the billing module that will register them is not needed.
 */
async function gatewayApp(database: DatabaseHandle, clock: TestClock, webhookUrl: string | undefined, before?: (app: FastifyInstance) => Promise<void>) {
  const assembled = assembledModules();
  installPages({ ...assembled.pages, ...gatewayPaths });
  installCatalogs({ fr: { ...assembled.catalogs.fr, ...gatewayCatalogFr }, en: { ...assembled.catalogs.en, ...gatewayCatalogEn } });
  const config: Config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', PUBLIC_URL: 'http://localhost:3000', DATA_DIR: '/tmp/guichet-test-unused' });
  const app: FastifyInstance = Fastify({ bodyLimit: 16 * 1024 });
  const background = new BackgroundWork((error) => console.error(error));
  app.decorate('background', background);
  await before?.(app);
  await registerHttp(app, config, { signIn: 'signIn', formTargets: () => undefined });
  const settings = paymentSettings.parse({ PAYMENT_PROVIDER: 'test', PAYMENT_TEST_GATEWAY_SECRET: SECRET });
  const deps: PaymentDeps = {
    db: database.db,
    clock,
    publicUrl: config.publicUrl,
    sessionSecret: config.sessionSecret.reveal(),
    isProduction: false,
    background,
    testGateway: { ...(webhookUrl ? { webhookUrl } : {}), retryDelaysMs: [20, 40, 80] },
  };
  const provider = await createPaymentProvider(settings, deps);
  registerTestGateway(app, provider);
  await app.ready();
  return { app, provider, background, settings, deps };
}

const gatewayCards: Record<ContractCard, string> = { success: TEST_CARDS.success, declined: TEST_CARDS.declined, networkFailure: TEST_CARDS.networkFailure };
const pathOf = (url: string) => new URL(url).pathname;

describe('the built-in test gateway', () => {
  let database: DatabaseHandle;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let gateway: Awaited<ReturnType<typeof gatewayApp>>;
  const clock = new TestClock(new Date());
  before(async () => {
    database = await openTestDatabase();
    receiver = await startWebhookReceiver();
    gateway = await gatewayApp(database, clock, receiver.url);
  });
  after(async () => {
    await gateway.app.close();
    await receiver.close();
    await database.close();
  });

  /** Pays on the hosted page as a browser does: the page, then its form with the card. */
  async function payOnPage(checkout: Checkout, card: string, client = new Client(gateway.app)) {
    const page = await client.get(pathOf(checkout.url));
    assert.equal(page.statusCode, 200);
    return client.post(pathOf(checkout.url), { cardNumber: card, expiry: '12/34', cvc: '123' });
  }

  paymentContract('test gateway', (): PaymentHarness => ({
    provider: gateway.provider,
    async pay(checkout, card) {
      const res = await payOnPage(checkout, gatewayCards[card]);
      if (card === 'success') assert.equal(res.statusCode, 303);
      if (card === 'declined') assert.equal(res.statusCode, 402);
      if (card === 'networkFailure') assert.equal(res.statusCode, 504);
    },
    async takeWebhooks() {
      await gateway.background.drain();
      return receiver.take();
    },
    sign: (body, { timestamp, wrongSecret }) => ({ 'guichet-signature': signatureHeader(wrongSecret ? `${SECRET}-not` : SECRET, body, timestamp) }),
    now: () => clock.now(),
    unusedEvent: () => Buffer.from(JSON.stringify({ id: 'evt_other', type: 'payout.paid', created: 1, data: {} })),
    declineEndsCheckout: true,
  }));

  test('test gateway: the hosted page shows the amount, labelled card fields with autocomplete, and the test cards, in both languages', async () => {
    const checkout = await gateway.provider.createCheckout(request({ amountCents: 123_456, description: 'Droits <b>annuels</b>', locale: 'fr' }));
    assert.match(checkout.url, /\/fr\/passerelle-de-test\/tgc_/);
    const client = new Client(gateway.app);
    const fr = await client.get(pathOf(checkout.url));
    assert.equal(fr.statusCode, 200);
    assert.match(fr.body, /<html lang="fr"/);
    assert.match(fr.body, /1\s234,56\s\$/);
    assert.match(fr.body, /Droits &lt;b>annuels&lt;\/b>/);
    for (const [id, autocomplete] of [['cardNumber', 'cc-number'], ['expiry', 'cc-exp'], ['cvc', 'cc-csc']]) {
      assert.match(fr.body, new RegExp(`<label class="govuk-label" for="${id}">`));
      assert.match(fr.body, new RegExp(`id="${id}"[^>]*autocomplete="${autocomplete}"`));
    }
    for (const card of Object.values(TEST_CARDS)) assert.ok(fr.body.includes(card.replace(/(\d{4})(?=\d)/g, '$1 ')), card);
    assert.doesNotMatch(fr.body, /<script/);
    const en = await client.get(pathOf(checkout.url).replace('/fr/passerelle-de-test/', '/en/test-gateway/'));
    assert.match(en.body, /<html lang="en"/);
    assert.match(en.body, /\$1,234\.56/);
    assert.match(en.body, /Card number/);
  });

  test('test gateway: wrong fields are named in the error summary and beside each field; the card number is never shown again', async () => {
    const checkout = await gateway.provider.createCheckout(request());
    const client = new Client(gateway.app);
    await client.get(pathOf(checkout.url));
    const res = await client.post(pathOf(checkout.url), { cardNumber: '4242 4242 4242 4241', expiry: '01/20', cvc: '12' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /govuk-error-summary/);
    for (const id of ['cardNumber', 'expiry', 'cvc']) {
      assert.match(res.body, new RegExp(`href="#${id}"`));
      assert.match(res.body, new RegExp(`id="${id}-error"`));
    }
    assert.doesNotMatch(res.body, /4242 4242 4242 4241|4242424242424241/);
    assert.deepEqual(await gateway.provider.getCheckout(checkout.checkoutId), { status: 'open' });
  });

  test('test gateway: 3-D Secure: approving pays (one webhook), failing the authentication fails the checkout', async () => {
    await gateway.background.drain();
    receiver.take();
    const approved = await gateway.provider.createCheckout(request());
    const client = new Client(gateway.app);
    const res = await payOnPage(approved, TEST_CARDS.challenge, client);
    assert.equal(res.statusCode, 303);
    const step = String(res.headers.location);
    assert.match(step, /\/fr\/passerelle-de-test\/tgc_[\w-]+\/authentification$/);
    assert.deepEqual(await gateway.provider.getCheckout(approved.checkoutId), { status: 'open' });
    const page = await client.get(step);
    assert.match(page.body, /3220/);
    const done = await client.post(step, { answer: 'approve' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, request().successUrl);
    const state = await gateway.provider.getCheckout(approved.checkoutId);
    assert.equal(state.status === 'paid' && state.method.last4, '3220');
    await gateway.background.drain();
    assert.deepEqual(receiver.take().map((w) => gateway.provider.parseWebhook(w.body, w.headers).type), ['checkout.paid']);

    const refused = await gateway.provider.createCheckout(request());
    const other = new Client(gateway.app);
    const second = await payOnPage(refused, TEST_CARDS.challenge, other);
    const failed = await other.post(String(second.headers.location), { answer: 'fail' });
    assert.equal(failed.statusCode, 402);
    assert.match(failed.body, /authentification auprès de la banque a échoué/);
    assert.deepEqual(await gateway.provider.getCheckout(refused.checkoutId), { status: 'failed', reason: 'authentication_failed' });
    await gateway.background.drain();
    assert.deepEqual(receiver.take().map((w) => gateway.provider.parseWebhook(w.body, w.headers).type), ['checkout.failed']);
  });

  test('test gateway: the form sent twice at once is one payment and one webhook; the page then says paid', async () => {
    await gateway.background.drain();
    receiver.take();
    const checkout = await gateway.provider.createCheckout(request());
    const client = new Client(gateway.app);
    await client.get(pathOf(checkout.url));
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.post(pathOf(checkout.url), { cardNumber: TEST_CARDS.success, expiry: '12/34', cvc: '123' })));
    assert.ok(answers.every((a) => a.statusCode === 303 || a.statusCode === 200), answers.map((a) => a.statusCode).join());
    await gateway.background.drain();
    assert.equal(receiver.take().length, 1);
    const again = await client.get(pathOf(checkout.url));
    assert.match(again.body, /Paiement reçu/);
  });

  test('test gateway: a webhook the portal refuses is sent again with backoff until it is taken', async () => {
    await gateway.background.drain();
    receiver.take();
    const before = receiver.attempts();
    receiver.failNext.push(500, 503);
    const checkout = await gateway.provider.createCheckout(request());
    await gateway.provider.getCheckout(checkout.checkoutId);
    await payOnPage(checkout, TEST_CARDS.success);
    await gateway.background.drain();
    assert.equal(receiver.attempts() - before, 3);
    const [hook, ...more] = receiver.take();
    assert.equal(more.length, 0);
    assert.ok(hook);
    assert.equal(gateway.provider.parseWebhook(hook.body, hook.headers).type, 'checkout.paid');
  });

  test('test gateway: the card number and its code are stored nowhere; brand and last four are', async () => {
    const checkout = await gateway.provider.createCheckout(request());
    await payOnPage(checkout, TEST_CARDS.success);
    const rows = await database.adapter.executeSql(`select * from payment_test_checkouts where id = '${checkout.checkoutId}'`);
    const text = JSON.stringify(rows);
    assert.doesNotMatch(text, /4242424242424242|"123"/);
    assert.match(text, /"card_last4":"4242"/);
    assert.match(text, /"card_brand":"visa"/);
  });

  test('test gateway: at once, 20 checkouts with one key are one checkout; 20 refunds with one key are one refund; 20 keys never refund more than was paid', async () => {
    const asked = request({ amountCents: 1_000 });
    const checkouts = await Promise.all(Array.from({ length: 20 }, () => gateway.provider.createCheckout(asked)));
    assert.equal(new Set(checkouts.map((c) => c.checkoutId)).size, 1);
    const [checkout] = checkouts;
    assert.ok(checkout);
    await payOnPage(checkout, TEST_CARDS.success);
    const state = await gateway.provider.getCheckout(checkout.checkoutId);
    assert.ok(state.status === 'paid');
    const same = await Promise.all(Array.from({ length: 20 }, () => gateway.provider.refund({ idempotencyKey: `same-${checkout.checkoutId}`, paymentId: state.paymentId, amountCents: 100, reason: 'x' })));
    assert.equal(new Set(same.map((r) => JSON.stringify(r))).size, 1);
    assert.equal(same[0]?.status, 'succeeded');
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => gateway.provider.refund({ idempotencyKey: `many-${i}-${checkout.checkoutId}`, paymentId: state.paymentId, amountCents: 100, reason: 'x' })));
    assert.equal(many.filter((r) => r.status === 'succeeded').length, 9);
    const rows = await database.adapter.executeSql(`select coalesce(sum(amount_cents), 0)::int as total from payment_test_refunds where checkout_id = '${checkout.checkoutId}' and status = 'succeeded'`);
    assert.match(JSON.stringify(rows), /"total":1000\b/);
  });

  test('test gateway: a key reused for another amount is refused; an unknown checkout is not found; an expired one says so', async () => {
    const asked = request();
    await gateway.provider.createCheckout(asked);
    await assert.rejects(gateway.provider.createCheckout({ ...asked, amountCents: asked.amountCents + 1 }), /idempotency key/);
    assert.equal((await new Client(gateway.app).get('/fr/passerelle-de-test/tgc_AAAAAAAAAAAAAAAA')).statusCode, 404);
    const old = await gateway.provider.createCheckout(request());
    clock.advance(25 * 60 * 60 * 1000);
    try {
      assert.deepEqual(await gateway.provider.getCheckout(old.checkoutId), { status: 'expired' });
      const page = await new Client(gateway.app).get(pathOf(old.url));
      assert.equal(page.statusCode, 410);
      assert.match(page.body, /expiré/);
    } finally {
      clock.advance(-25 * 60 * 60 * 1000);
    }
  });
});

const STRIPE_KEY = 'sk_test_fake0123456789abcdef';
const STRIPE_WEBHOOK_SECRET = 'whsec_fake0123456789abcdef0123456789';

describe('Stripe, through its SDK, against the local fake', () => {
  let fake: FakeStripe;
  let provider: PaymentProvider;
  const clock = new TestClock(new Date());
  before(async () => {
    fake = await startFakeStripe({ secretKey: STRIPE_KEY, webhookSecret: STRIPE_WEBHOOK_SECRET, now: () => clock.now() });
    const settings = paymentSettings.parse({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET, STRIPE_API_BASE: fake.url });
    // No database, no pages: Stripe keeps the checkouts.
    provider = await createPaymentProvider(settings, { db: undefined as never, clock, publicUrl: new URL('http://localhost:3000'), sessionSecret: 'unused', isProduction: true, stripe: { maxNetworkRetries: 0 } });
  });
  after(() => fake.close());

  paymentContract('stripe (fake)', (): PaymentHarness => ({
    provider,
    async pay(checkout, card) {
      fake.complete(checkout.checkoutId, card);
    },
    takeWebhooks: async () => fake.takeWebhooks(),
    sign: (body, { timestamp, wrongSecret }) => ({ 'stripe-signature': fake.sign(body.toString('utf8'), { timestamp, ...(wrongSecret ? { secret: 'whsec_another0123456789' } : {}) }) }),
    now: () => clock.now(),
    unusedEvent: () => Buffer.from(JSON.stringify({ id: 'evt_other', object: 'event', api_version: null, created: 1, livemode: false, pending_webhooks: 0, request: null, type: 'payout.paid', data: { object: {} } })),
    declineEndsCheckout: false,
  }));

  test('stripe (fake): the SDK sends the Checkout Session Guichet means, with the idempotency key', async () => {
    const asked = request({ locale: 'fr', amountCents: 4_200 });
    const checkout = await provider.createCheckout(asked);
    const sent = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions').at(-1);
    assert.equal(sent?.idempotencyKey, asked.idempotencyKey);
    assert.match(checkout.checkoutId, /^cs_test_/);
    assert.ok(checkout.url.startsWith(fake.url));
    // A key reused for another checkout is Stripe's idempotency error, not a second session.
    await assert.rejects(provider.createCheckout({ ...asked, amountCents: 4_300 }), /idempotent/i);
  });

  test('stripe (fake): a delayed method that fails is checkout.failed, and getCheckout says failed', async () => {
    const asked = request();
    const checkout = await provider.createCheckout(asked);
    fake.takeWebhooks();
    fake.complete(checkout.checkoutId, 'asyncFailed');
    const events = fake.takeWebhooks().map((w) => provider.parseWebhook(w.body, w.headers));
    assert.deepEqual(events.map((e) => e.type), ['ignored', 'checkout.failed']);
    const failed = events[1];
    assert.ok(failed?.type === 'checkout.failed' && failed.checkoutId === checkout.checkoutId && failed.reference === asked.reference);
    assert.equal((await provider.getCheckout(checkout.checkoutId)).status, 'failed');
  });

  test('stripe (fake): an expired session is checkout.expired, and getCheckout says expired', async () => {
    const checkout = await provider.createCheckout(request());
    fake.takeWebhooks();
    fake.expire(checkout.checkoutId);
    const [hook] = fake.takeWebhooks();
    assert.ok(hook);
    assert.equal(provider.parseWebhook(hook.body, hook.headers).type, 'checkout.expired');
    assert.deepEqual(await provider.getCheckout(checkout.checkoutId), { status: 'expired' });
  });

  test('stripe (fake): a webhook of another endpoint (its own secret) is refused', () => {
    const body = Buffer.from(JSON.stringify({ id: 'evt_1', object: 'event', type: 'checkout.session.completed', data: { object: {} } }));
    const stamp = Math.floor(clock.now().getTime() / 1000);
    assert.throws(() => provider.parseWebhook(body, { 'stripe-signature': fake.sign(body.toString(), { timestamp: stamp, secret: 'whsec_elsewhere0123' }) }), WebhookSignatureError);
    assert.throws(() => provider.parseWebhook(body, { 'stripe-signature': ['t=1,v1=00'] }), WebhookSignatureError);
  });
});

// Stripe's test mode itself, when a test key is given (never in CI by default). A Checkout page
// cannot be paid without a browser, so the payment to refund is a PaymentIntent confirmed with
// Stripe's test card `pm_card_visa`; webhooks are signed locally with the SDK's helper.
const liveKey = process.env.STRIPE_TEST_SECRET_KEY;
describe('Stripe test mode (live)', { skip: liveKey ? false : 'STRIPE_TEST_SECRET_KEY is not set' }, () => {
  const secret = 'whsec_guichetlivetest0123456789';
  let provider: PaymentProvider;
  const clock = new TestClock(new Date());
  before(async () => {
    assert.match(liveKey ?? '', /^sk_test_/, 'a test-mode key only');
    provider = await createPaymentProvider(paymentSettings.parse({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: liveKey, STRIPE_WEBHOOK_SECRET: secret }), {
      db: undefined as never,
      clock,
      publicUrl: new URL('http://localhost:3000'),
      sessionSecret: 'unused',
      isProduction: true,
    });
  });

  test('stripe (live): a Checkout Session, the same for the same key, starts open', async () => {
    const asked = request();
    const first = await provider.createCheckout(asked);
    assert.equal((await provider.createCheckout(asked)).checkoutId, first.checkoutId);
    assert.match(first.url, /^https:\/\/checkout\.stripe\.com\//);
    assert.deepEqual(await provider.getCheckout(first.checkoutId), { status: 'open' });
  });

  test('stripe (live): refunds of a test payment: part, the same key again, too much, the rest', async () => {
    const { default: Stripe } = await import('stripe');
    const { STRIPE_API_VERSION } = await import('./stripe.ts');
    const stripe = new Stripe(liveKey ?? '', { apiVersion: STRIPE_API_VERSION });
    const intent = await stripe.paymentIntents.create({ amount: 5_000, currency: 'cad', payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } });
    assert.equal(intent.status, 'succeeded');
    const key = randomUUID();
    const refund = (suffix: string, amountCents: number) => provider.refund({ idempotencyKey: `${key}-${suffix}`, paymentId: intent.id, amountCents, reason: 'live test' });
    const part = await refund('a', 2_000);
    assert.equal(part.status, 'succeeded');
    assert.deepEqual(await refund('a', 2_000), part);
    assert.equal((await refund('b', 3_001)).status, 'failed');
    assert.equal((await refund('c', 3_000)).status, 'succeeded');
  });

  test('stripe (live): a webhook signed with the endpoint secret parses; with another it is refused', async () => {
    const { default: Stripe } = await import('stripe');
    const body = Buffer.from(JSON.stringify({ id: 'evt_live', object: 'event', type: 'payout.paid', data: { object: {} } }));
    const sign = (s: string) => Stripe.webhooks.generateTestHeaderString({ payload: body.toString(), secret: s, timestamp: Math.floor(clock.now().getTime() / 1000) });
    assert.equal(provider.parseWebhook(body, { 'stripe-signature': sign(secret) }).type, 'ignored');
    assert.throws(() => provider.parseWebhook(body, { 'stripe-signature': sign('whsec_other') }), WebhookSignatureError);
  });
});

describe('the test gateway posting to the app that serves it', () => {
  test('without a webhook address of its own, the gateway delivers to /webhooks/payments/test through the app itself', async () => {
    const database = await openTestDatabase();
    const received: { body: Buffer; headers: IncomingHttpHeaders }[] = [];
    const clock = new TestClock(new Date());
    // Billing's webhook route stands here: the raw body, no form token (it is not a form).
    const gateway = await gatewayApp(database, clock, undefined, async (app) => {
      await app.register(async (scope) => {
        scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
        // Answered before platform's form-token check (preHandler), which a webhook cannot pass.
        scope.post('/webhooks/payments/test', {
          preValidation: async (request, reply) => {
            received.push({ body: request.body as Buffer, headers: request.headers });
            return reply.code(204).send();
          },
        }, async () => undefined);
      });
    });
    try {
      const checkout = await gateway.provider.createCheckout(request());
      const client = new Client(gateway.app);
      await client.get(pathOf(checkout.url));
      await client.post(pathOf(checkout.url), { cardNumber: TEST_CARDS.success, expiry: '12/34', cvc: '123' });
      await gateway.background.drain();
      assert.equal(received.length, 1);
      const [hook] = received;
      assert.ok(hook);
      assert.equal(gateway.provider.parseWebhook(hook.body, hook.headers).type, 'checkout.paid');
    } finally {
      await gateway.app.close();
      await database.close();
    }
  });
});
