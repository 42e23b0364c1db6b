import type StripeSdk from 'stripe';
import type { Clock } from '../../platform/clock.ts';
import { type CheckoutState, type PaymentEvent, type PaymentMethod, type PaymentProvider, type RefundResult, WebhookSignatureError } from './port.ts';
import { SIGNATURE_TOLERANCE_SECONDS } from './signature.ts';

/**
 * The Stripe API version Guichet is written against: the one the installed SDK's types describe
 * (the type check fails on an SDK upgrade until this line is reviewed). Stripe answers in this
 * version whatever the account's default is.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies StripeSdk.LatestApiVersion;

export interface StripeOptions {
  secretKey: string;
  /** The endpoint's signing secret (whsec_…), from the dashboard or `stripe listen`. */
  webhookSecret: string;
  /** Another API address (a local fake in tests): its protocol, host and port are given to the SDK. */
  apiBase?: string;
  maxNetworkRetries?: number;
  timeoutMs?: number;
  /** The time webhook signatures are checked against. */
  clock: Clock;
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};
const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));

/** The card of a charge, for the receipt (brand and last four digits only). */
function methodOf(charge: StripeSdk.Charge | string | null | undefined): PaymentMethod {
  const card = typeof charge === 'object' && charge !== null ? charge.payment_method_details?.card : undefined;
  return { kind: 'card', brand: card?.brand ?? 'unknown', last4: card?.last4 ?? '' };
}

/** Why Stripe refused a refund, as billing records it; a network or server error is thrown instead (retry with the same key). */
function refundRefusal(error: unknown): RefundResult | null {
  const e = error as { type?: string; code?: string; message?: string };
  if (e?.type === 'StripeInvalidRequestError' || e?.type === 'StripeCardError') return { status: 'failed', reason: e.code ?? e.message ?? 'refused' };
  return null;
}

/**
 * Stripe Checkout behind the port: a hosted Checkout Session per checkout (mode payment, one line
 * in CAD cents, the reference as client_reference_id and metadata), read back with its payment
 * intent and charge, webhooks verified by the SDK over the raw body, refunds on the payment intent.
 * The SDK is imported here, when Stripe is the provider configured.
 */
export async function createStripeProvider(options: StripeOptions): Promise<PaymentProvider> {
  const { default: Stripe } = await import('stripe');
  const base = options.apiBase ? new URL(options.apiBase) : undefined;
  const stripe = new Stripe(options.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    telemetry: false,
    appInfo: { name: 'Guichet' },
    ...(base
      ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol === 'http:' ? ('http' as const) : ('https' as const) }
      : {}),
  });

  function paidEvent(eventId: string, session: StripeSdk.Checkout.Session, created: number): PaymentEvent {
    return {
      type: 'checkout.paid',
      eventId,
      checkoutId: session.id,
      reference: session.client_reference_id ?? session.metadata?.reference ?? '',
      paymentId: idOf(session.payment_intent) ?? '',
      amountCents: session.amount_total ?? 0,
      // A webhook's session names its payment intent without the charge: the card is read by getCheckout.
      method: typeof session.payment_intent === 'object' && session.payment_intent ? methodOf(session.payment_intent.latest_charge) : { kind: 'card', brand: 'unknown', last4: '' },
      paidAt: new Date(created * 1000),
    };
  }

  return {
    name: 'stripe',

    async createCheckout(request) {
      if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) throw new RangeError('amountCents must be a positive integer');
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [{ quantity: 1, price_data: { currency: request.currency.toLowerCase(), unit_amount: request.amountCents, product_data: { name: request.description } } }],
          client_reference_id: request.reference,
          metadata: { reference: request.reference },
          payment_intent_data: { description: request.description, metadata: { reference: request.reference } },
          locale: request.locale === 'fr' ? 'fr-CA' : 'en',
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          ...(request.email ? { customer_email: request.email } : {}),
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
      return { checkoutId: session.id, url: session.url };
    },

    parseWebhook(rawBody, headers) {
      let event: StripeSdk.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, header(headers, 'stripe-signature') ?? '', options.webhookSecret, SIGNATURE_TOLERANCE_SECONDS, undefined, options.clock.now().getTime());
      } catch (error) {
        throw new WebhookSignatureError(error instanceof Error ? error.message : 'Stripe signature does not verify');
      }
      switch (event.type) {
        case 'checkout.session.completed':
          // A card is paid when the session completes; a delayed method completes unpaid and says later.
          return event.data.object.payment_status === 'paid' ? paidEvent(event.id, event.data.object, event.created) : { type: 'ignored', eventId: event.id };
        case 'checkout.session.async_payment_succeeded':
          return paidEvent(event.id, event.data.object, event.created);
        case 'checkout.session.async_payment_failed': {
          const session = event.data.object;
          return { type: 'checkout.failed', eventId: event.id, checkoutId: session.id, reference: session.client_reference_id ?? '', reason: 'async_payment_failed' };
        }
        case 'checkout.session.expired': {
          const session = event.data.object;
          return { type: 'checkout.expired', eventId: event.id, checkoutId: session.id, reference: session.client_reference_id ?? '' };
        }
        case 'refund.created':
        case 'refund.updated': {
          // One event per refund (charge.refunded carries the charge, not which refund): billing keys them by refundId.
          const refund = event.data.object;
          const paymentId = idOf(refund.payment_intent);
          if (refund.status !== 'succeeded' || !paymentId) return { type: 'ignored', eventId: event.id };
          return { type: 'refund.succeeded', eventId: event.id, refundId: refund.id, paymentId, amountCents: refund.amount };
        }
        default:
          return { type: 'ignored', eventId: event.id };
      }
    },

    async getCheckout(checkoutId): Promise<CheckoutState> {
      const session = await stripe.checkout.sessions.retrieve(checkoutId, { expand: ['payment_intent.latest_charge'] });
      if (session.status === 'expired') return { status: 'expired' };
      const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
      if (session.status === 'complete' && session.payment_status === 'paid') {
        const charge = intent && typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
        return {
          status: 'paid',
          paymentId: intent?.id ?? idOf(session.payment_intent) ?? '',
          amountCents: session.amount_total ?? 0,
          method: methodOf(charge),
          paidAt: new Date((charge?.created ?? session.created) * 1000),
        };
      }
      if (session.status === 'complete' && intent && (intent.status === 'requires_payment_method' || intent.status === 'canceled')) {
        return { status: 'failed', reason: intent.last_payment_error?.code ?? 'async_payment_failed' };
      }
      return { status: 'open' };
    },

    async refund(request) {
      if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) return { status: 'failed', reason: 'invalid_amount' };
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: request.paymentId, amount: request.amountCents, reason: 'requested_by_customer', metadata: { reason: request.reason.slice(0, 500) } },
          { idempotencyKey: request.idempotencyKey },
        );
        if (refund.status === 'succeeded') return { status: 'succeeded', refundId: refund.id };
        if (refund.status === 'failed' || refund.status === 'canceled') return { status: 'failed', reason: refund.failure_reason ?? refund.status };
        return { status: 'pending', refundId: refund.id };
      } catch (error) {
        const refused = refundRefusal(error);
        if (refused) return refused;
        throw error;
      }
    },
  };
}
