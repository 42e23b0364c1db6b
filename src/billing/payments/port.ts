/**
 * The payment-provider port: what billing asks of a card gateway. An adapter (the built-in test
 * gateway, Stripe; later Moneris, Worldline/Bambora or the Receiver General) implements these four
 * calls and nothing else. Amounts are integer cents, CAD. Every call that can change money carries
 * an idempotency key, so a retry after a lost answer never charges or refunds twice.
 */

export type ProviderName = 'test' | 'stripe';

export interface CheckoutRequest {
  /** Billing's own key (one per checkout row): the provider returns the same checkout when it is sent again. */
  idempotencyKey: string;
  amountCents: number;
  currency: 'CAD';
  /** What the person pays for, in their language, shown on the hosted page. */
  description: string;
  /** Billing's reference (the invoice number), echoed back in webhooks and by getCheckout. */
  reference: string;
  locale: 'fr' | 'en';
  /** Where the hosted page sends the browser back. The return itself is never trusted. */
  successUrl: string;
  cancelUrl: string;
  /** The payer's email, when the provider shows or uses it. */
  email?: string;
}

export interface Checkout {
  /** The provider's id for the hosted payment session. */
  checkoutId: string;
  /** The hosted payment page to redirect the browser to. */
  url: string;
}

/** Where a checkout stands, as the provider sees it. */
export type CheckoutState =
  | { status: 'open' }
  | { status: 'paid'; paymentId: string; amountCents: number; method: PaymentMethod; paidAt: Date }
  | { status: 'failed'; reason: string }
  | { status: 'expired' };

export interface PaymentMethod {
  /** 'card' for now; an Interac or bank adapter adds its own. */
  kind: 'card';
  /** Card brand and last four digits, for the receipt (never the card number). */
  brand: string;
  last4: string;
}

/** A webhook, once its signature is verified, normalized across providers. */
export type PaymentEvent =
  | { type: 'checkout.paid'; eventId: string; checkoutId: string; reference: string; paymentId: string; amountCents: number; method: PaymentMethod; paidAt: Date }
  | { type: 'checkout.failed'; eventId: string; checkoutId: string; reference: string; reason: string }
  | { type: 'checkout.expired'; eventId: string; checkoutId: string; reference: string }
  | { type: 'refund.succeeded'; eventId: string; refundId: string; paymentId: string; amountCents: number }
  /** An event the provider sends that billing has no use for: acknowledged and ignored. */
  | { type: 'ignored'; eventId: string };

export interface RefundRequest {
  idempotencyKey: string;
  paymentId: string;
  /** Partial refunds allowed: at most what is left of the payment. */
  amountCents: number;
  reason: string;
}

export type RefundResult = { status: 'succeeded' | 'pending'; refundId: string } | { status: 'failed'; reason: string };

/** A webhook whose signature does not verify over the raw body (forged, altered or replayed too late). */
export class WebhookSignatureError extends Error {}

export interface PaymentProvider {
  readonly name: ProviderName;
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /** Verifies the signature over the exact bytes received, then normalizes; throws WebhookSignatureError. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent;
  /** Asks the provider directly (reconciliation, and the browser's return): never trusts the return address. */
  getCheckout(checkoutId: string): Promise<CheckoutState>;
  refund(request: RefundRequest): Promise<RefundResult>;
}
