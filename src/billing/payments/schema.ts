import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { at } from '../../platform/columns.ts';

/** Where a test-gateway checkout stands: `challenge` waits for the 3-D Secure answer. */
export type TestCheckoutStatus = 'open' | 'challenge' | 'paid' | 'failed';

/**
 * The built-in test gateway's checkouts (development and tests): what a real gateway keeps on its
 * side. Never the card number or its code: the brand and last four digits only.
 */
export const paymentTestCheckouts = pgTable('payment_test_checkouts', {
  id: text('id').primaryKey(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  amountCents: integer('amount_cents').notNull(),
  currency: text('currency').$type<'CAD'>().notNull(),
  description: text('description').notNull(),
  reference: text('reference').notNull(),
  locale: text('locale').$type<'fr' | 'en'>().notNull(),
  successUrl: text('success_url').notNull(),
  cancelUrl: text('cancel_url').notNull(),
  email: text('email'),
  status: text('status').$type<TestCheckoutStatus>().notNull().default('open'),
  failureReason: text('failure_reason'),
  paymentId: text('payment_id').unique(),
  cardBrand: text('card_brand'),
  cardLast4: text('card_last4'),
  paidAt: at('paid_at'),
  createdAt: at('created_at').notNull(),
  expiresAt: at('expires_at').notNull(),
});

/** The refunds of a test-gateway payment, one per idempotency key (a refused one too: the same key gets the same answer). */
export const paymentTestRefunds = pgTable(
  'payment_test_refunds',
  {
    id: text('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    checkoutId: text('checkout_id')
      .notNull()
      .references(() => paymentTestCheckouts.id),
    paymentId: text('payment_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<'succeeded' | 'failed'>().notNull(),
    failureReason: text('failure_reason'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('payment_test_refunds_checkout').on(t.checkoutId)],
);
