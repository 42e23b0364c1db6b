// A local stand-in for the few Stripe endpoints Guichet's adapter calls (Checkout Sessions create and
// retrieve, refunds create), spoken over HTTP with the bodies the SDK sends (form-encoded, Idempotency-Key
// honoured) and answering with fixtures typed by the SDK's own types. Tests act as the customer
// (`complete`) and receive the webhooks Stripe would send, signed with the SDK's own helper.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { STRIPE_API_VERSION } from '../../src/billing/payments/stripe.ts';

export interface FakeStripeWebhook {
  body: Buffer;
  headers: Record<string, string>;
}

/** What the customer does on the hosted page. */
export type FakeOutcome = 'success' | 'declined' | 'networkFailure' | 'asyncFailed';

interface Stored {
  session: Stripe.Checkout.Session;
  intent?: Stripe.PaymentIntent;
  charge?: Stripe.Charge;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

function sessionFixture(fields: { id: string; amount: number; currency: string; name: string; reference: string | null; metadata: Record<string, string>; locale: Stripe.Checkout.Session.Locale | null; successUrl: string | null; cancelUrl: string | null; email: string | null; created: number; url: string }): Stripe.Checkout.Session {
  return {
    id: fields.id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: fields.amount,
    amount_total: fields.amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: fields.cancelUrl,
    client_reference_id: fields.reference,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: fields.created,
    currency: fields.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: null,
    customer_account: null,
    customer_creation: 'if_required',
    customer_details: fields.email ? { address: null, business_name: null, email: fields.email, individual_name: null, name: null, phone: null, tax_exempt: null, tax_ids: null } : null,
    customer_email: fields.email,
    discounts: [],
    expires_at: fields.created + 24 * 3600,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: fields.locale,
    managed_payments: null,
    metadata: fields.metadata,
    mode: 'payment',
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: fields.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: fields.url,
    wallet_options: null,
  };
}

function chargeFixture(fields: { id: string; amount: number; currency: string; intentId: string; created: number; last4: string }): Stripe.Charge {
  return {
    id: fields.id,
    object: 'charge',
    amount: fields.amount,
    amount_captured: fields.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: 'GUICHET',
    captured: true,
    created: fields.created,
    currency: fields.currency,
    customer: null,
    description: null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: null,
    paid: true,
    payment_intent: fields.intentId,
    payment_method: newId('pm'),
    payment_method_details: {
      type: 'card',
      card: {
        amount_authorized: fields.amount,
        authorization_code: null,
        brand: 'visa',
        checks: null,
        country: 'CA',
        electronic_commerce_indicator: null,
        exp_month: 12,
        exp_year: 2034,
        funding: 'credit',
        installments: null,
        last4: fields.last4,
        mandate: null,
        network: 'visa',
        network_transaction_id: null,
        regulated_status: null,
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
    },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
}

function intentFixture(fields: { id: string; amount: number; currency: string; created: number; status: Stripe.PaymentIntent.Status; chargeId: string | null; metadata: Record<string, string> }): Stripe.PaymentIntent {
  return {
    id: fields.id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount: fields.amount,
    amount_capturable: 0,
    amount_received: fields.status === 'succeeded' ? fields.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: null,
    confirmation_method: 'automatic',
    created: fields.created,
    currency: fields.currency,
    customer: null,
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: fields.chargeId,
    livemode: false,
    managed_payments: null,
    metadata: fields.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: fields.status,
    transfer_group: null,
  };
}

function refundFixture(fields: { id: string; amount: number; currency: string; chargeId: string; intentId: string; created: number; metadata: Record<string, string>; reason: Stripe.Refund.Reason | null }): Stripe.Refund {
  return {
    id: fields.id,
    object: 'refund',
    amount: fields.amount,
    balance_transaction: null,
    charge: fields.chargeId,
    created: fields.created,
    currency: fields.currency,
    customer: null,
    customer_account: null,
    metadata: fields.metadata,
    payment_intent: fields.intentId,
    payment_method: null,
    reason: fields.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}

/** A Stripe error body, as the SDK reads it into its error classes. */
const stripeError = (type: string, message: string, code?: string, param?: string) => ({ error: { type, message, ...(code ? { code } : {}), ...(param ? { param } : {}) } });

/** The bracketed form fields the SDK sends (`metadata[reference]`, `line_items[0][price_data][unit_amount]`), flat. */
async function formOf(req: IncomingMessage): Promise<{ raw: string; fields: Map<string, string> }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return { raw, fields: new Map(new URLSearchParams(raw)) };
}

const metadataOf = (fields: Map<string, string>, prefix = 'metadata') => {
  const out: Record<string, string> = {};
  for (const [key, value] of fields) {
    const match = new RegExp(`^${prefix.replace(/[[\]]/g, '\\$&')}\\[(\\w+)\\]$`).exec(key);
    if (match?.[1]) out[match[1]] = value;
  }
  return out;
};

/**
 * Starts the fake on a free port. `secretKey`: the only key it accepts; `webhookSecret`: what it
 * signs webhooks with; `now`: its clock (the adapter's), for timestamps and signatures.
 */
export async function startFakeStripe(options: { secretKey: string; webhookSecret: string; now?: () => Date }) {
  const now = () => Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const sessions = new Map<string, Stored>();
  const intents = new Map<string, { sessionId: string }>();
  const refunds = new Map<string, Stripe.Refund>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  const webhooks: FakeStripeWebhook[] = [];
  const requests: { method: string; path: string; idempotencyKey: string | undefined }[] = [];

  const signer = new Stripe(options.secretKey, { apiVersion: STRIPE_API_VERSION });
  function emit(event: Stripe.Event) {
    const payload = JSON.stringify(event, null, 2);
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret, timestamp: now() });
    webhooks.push({ body: Buffer.from(payload), headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature } });
  }
  const eventBase = () => ({ id: newId('evt'), object: 'event' as const, api_version: STRIPE_API_VERSION, created: now(), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null } });

  /** The session as the API returns it: the payment intent (and its charge) expanded when asked. */
  function shown(stored: Stored, expand: string[]): Stripe.Checkout.Session {
    const session = structuredClone(stored.session);
    if (stored.intent && (expand.includes('payment_intent') || expand.includes('payment_intent.latest_charge'))) {
      const intent = structuredClone(stored.intent);
      if (stored.charge && expand.includes('payment_intent.latest_charge')) intent.latest_charge = structuredClone(stored.charge);
      session.payment_intent = intent;
    }
    return session;
  }

  function createSession(fields: Map<string, string>, origin: string): [number, unknown] {
    const amount = Number(fields.get('line_items[0][price_data][unit_amount]'));
    const currency = fields.get('line_items[0][price_data][currency]') ?? '';
    if (fields.get('mode') !== 'payment') return [400, stripeError('invalid_request_error', 'Only mode=payment is faked', 'parameter_invalid', 'mode')];
    if (!Number.isSafeInteger(amount) || amount <= 0) return [400, stripeError('invalid_request_error', 'Invalid unit_amount', 'parameter_invalid_integer', 'line_items[0][price_data][unit_amount]')];
    if (currency !== 'cad') return [400, stripeError('invalid_request_error', 'Only CAD is faked', 'parameter_invalid', 'currency')];
    const id = newId('cs_test');
    const session = sessionFixture({
      id,
      amount,
      currency,
      name: fields.get('line_items[0][price_data][product_data][name]') ?? '',
      reference: fields.get('client_reference_id') ?? null,
      metadata: metadataOf(fields),
      locale: (fields.get('locale') as Stripe.Checkout.Session.Locale | undefined) ?? null,
      successUrl: fields.get('success_url') ?? null,
      cancelUrl: fields.get('cancel_url') ?? null,
      email: fields.get('customer_email') ?? null,
      created: now(),
      url: `${origin}/c/pay/${id}`,
    });
    sessions.set(id, { session });
    return [200, session];
  }

  function createRefund(fields: Map<string, string>): [number, unknown] {
    const intentId = fields.get('payment_intent') ?? '';
    const stored = sessions.get(intents.get(intentId)?.sessionId ?? '');
    if (!stored?.charge || !stored.intent) return [404, stripeError('invalid_request_error', `No such payment_intent: '${intentId}'`, 'resource_missing', 'payment_intent')];
    const charge = stored.charge;
    const amount = fields.has('amount') ? Number(fields.get('amount')) : charge.amount - charge.amount_refunded;
    if (!Number.isSafeInteger(amount) || amount <= 0) return [400, stripeError('invalid_request_error', 'Invalid amount', 'parameter_invalid_integer', 'amount')];
    if (charge.amount_refunded >= charge.amount) return [400, stripeError('invalid_request_error', `Charge ${charge.id} has already been refunded.`, 'charge_already_refunded')];
    if (amount > charge.amount - charge.amount_refunded) {
      return [400, stripeError('invalid_request_error', `Refund amount (${amount}) is greater than unrefunded amount on charge (${charge.amount - charge.amount_refunded})`, 'amount_too_large', 'amount')];
    }
    const refund = refundFixture({
      id: newId('re'),
      amount,
      currency: charge.currency,
      chargeId: charge.id,
      intentId,
      created: now(),
      metadata: metadataOf(fields),
      reason: (fields.get('reason') as Stripe.Refund.Reason | undefined) ?? null,
    });
    refunds.set(refund.id, refund);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    emit({ ...eventBase(), type: 'refund.created', data: { object: structuredClone(refund) } });
    emit({ ...eventBase(), type: 'charge.refunded', data: { object: structuredClone(charge) } });
    return [200, refund];
  }

  async function handle(req: IncomingMessage, res: ServerResponse, origin: string) {
    const url = new URL(req.url ?? '/', origin);
    const send = (status: number, body: unknown) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req'), 'stripe-version': STRIPE_API_VERSION }).end(text);
    };
    const key = req.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' ? key : undefined;
    requests.push({ method: req.method ?? '', path: url.pathname, idempotencyKey });
    if (req.headers.authorization !== `Bearer ${options.secretKey}`) return send(401, stripeError('invalid_request_error', 'Invalid API Key provided'));
    const { raw, fields } = req.method === 'POST' ? await formOf(req) : { raw: '', fields: new Map<string, string>() };
    const route = (): [number, unknown] => {
      if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') return createSession(fields, origin);
      const retrieve = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(url.pathname);
      if (req.method === 'GET' && retrieve?.[1]) {
        const stored = sessions.get(retrieve[1]);
        if (!stored) return [404, stripeError('invalid_request_error', `No such checkout.session: '${retrieve[1]}'`, 'resource_missing', 'session')];
        const expand = [...url.searchParams].filter(([k]) => /^expand\[\d*\]$/.test(k)).map(([, v]) => v);
        return [200, shown(stored, expand)];
      }
      if (req.method === 'POST' && url.pathname === '/v1/refunds') return createRefund(fields);
      return [404, stripeError('invalid_request_error', `Unrecognized request URL (${req.method}: ${url.pathname}).`)];
    };
    if (req.method === 'POST' && idempotencyKey) {
      // As Stripe: the same key replays the first answer; with other parameters it is refused.
      const fingerprint = createHash('sha256').update(`${url.pathname}\n${raw}`).digest('hex');
      const earlier = idempotent.get(idempotencyKey);
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) return send(400, stripeError('idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with.`));
        res.setHeader('idempotent-replayed', 'true');
        return send(earlier.status, earlier.body);
      }
      const [status, body] = route();
      if (status < 500) idempotent.set(idempotencyKey, { fingerprint, status, body: JSON.stringify(body) });
      return send(status, body);
    }
    const [status, body] = route();
    return send(status, body);
  }

  const server = createServer((req, res) => {
    handle(req, res, origin).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify(stripeError('api_error', String(error))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    /** For STRIPE_API_BASE. */
    url: origin,
    requests,
    /**
     * The customer on the hosted page. success: paid by card (4242), checkout.session.completed
     * sent; networkFailure: the same, but the webhook is lost; declined: the card is refused and the
     * session stays open (Checkout lets them try another card); asyncFailed: a delayed method that
     * completes unpaid, then fails (checkout.session.completed, then async_payment_failed).
     */
    complete(sessionId: string, outcome: FakeOutcome = 'success') {
      const stored = sessions.get(sessionId);
      if (!stored) throw new Error(`fake Stripe: no session ${sessionId}`);
      if (stored.session.status !== 'open') throw new Error(`fake Stripe: session ${sessionId} is ${stored.session.status}`);
      if (outcome === 'declined') return;
      const { session } = stored;
      const amount = session.amount_total ?? 0;
      const currency = session.currency ?? 'cad';
      const intentId = newId('pi');
      intents.set(intentId, { sessionId });
      if (outcome === 'asyncFailed') {
        stored.intent = intentFixture({ id: intentId, amount, currency, created: now(), status: 'requires_payment_method', chargeId: null, metadata: session.metadata ?? {} });
        Object.assign(session, { status: 'complete', payment_status: 'unpaid', payment_intent: intentId });
        emit({ ...eventBase(), type: 'checkout.session.completed', data: { object: structuredClone(session) } });
        emit({ ...eventBase(), type: 'checkout.session.async_payment_failed', data: { object: structuredClone(session) } });
        return;
      }
      const charge = chargeFixture({ id: newId('ch'), amount, currency, intentId, created: now(), last4: '4242' });
      stored.charge = charge;
      stored.intent = intentFixture({ id: intentId, amount, currency, created: now(), status: 'succeeded', chargeId: charge.id, metadata: session.metadata ?? {} });
      Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: intentId });
      if (outcome !== 'networkFailure') emit({ ...eventBase(), type: 'checkout.session.completed', data: { object: structuredClone(session) } });
    },
    /** The session's 24 hours are over. */
    expire(sessionId: string) {
      const stored = sessions.get(sessionId);
      if (!stored) throw new Error(`fake Stripe: no session ${sessionId}`);
      Object.assign(stored.session, { status: 'expired', url: null });
      emit({ ...eventBase(), type: 'checkout.session.expired', data: { object: structuredClone(stored.session) } });
    },
    /** The webhooks sent since the last call. */
    takeWebhooks: () => webhooks.splice(0, webhooks.length),
    /** A `Stripe-Signature` header for `payload`, made by the SDK's helper. */
    sign: (payload: string, opts: { timestamp: number; secret?: string }) =>
      signer.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? options.webhookSecret, timestamp: opts.timestamp }),
    refunds,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;
