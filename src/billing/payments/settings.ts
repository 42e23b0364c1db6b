import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { ModuleSettings } from '../../platform/config.ts';

/**
 * Which card gateway billing uses, and its secrets. `test` (the default) is the built-in test
 * gateway: a hosted page served by Guichet itself, for development and tests, refused in
 * production. `stripe` needs its secret key and its webhook signing secret; `STRIPE_API_BASE`
 * points the SDK elsewhere (a local fake in tests).
 */
export const paymentSettingsShape = {
  PAYMENT_PROVIDER: z.enum(['test', 'stripe'], { message: 'must be test or stripe' }).default('test'),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret key (sk_live_… or sk_test_…)').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, 'must be a Stripe webhook signing secret (whsec_…)').optional(),
  STRIPE_API_BASE: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as http://127.0.0.1:12111' }).optional(),
  PAYMENT_TEST_GATEWAY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
};

/** The checks across variables (Stripe's secrets go with PAYMENT_PROVIDER=stripe), for a schema that merges these variables with others. */
export function checkPaymentSettings(v: { PAYMENT_PROVIDER?: string | undefined; STRIPE_SECRET_KEY?: string | undefined; STRIPE_WEBHOOK_SECRET?: string | undefined }, ctx: z.RefinementCtx): void {
  if (v.PAYMENT_PROVIDER === 'stripe') {
    for (const key of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const) {
      if (!v[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when PAYMENT_PROVIDER is stripe' });
    }
  }
}

export const paymentSettings = z.object(paymentSettingsShape).superRefine(checkPaymentSettings);

export type PaymentSettings = z.infer<typeof paymentSettings>;

/** For the billing manifest's `config`: production names its provider (the test gateway is refused there). */
export const paymentConfig = { schema: paymentSettings, requiredInProduction: ['PAYMENT_PROVIDER'] } as const satisfies ModuleSettings;

/**
 * The test gateway's signing secret: PAYMENT_TEST_GATEWAY_SECRET, else one derived from the
 * session secret (so development needs no extra variable, and it never equals the session secret).
 */
export function testGatewaySecret(settings: PaymentSettings, sessionSecret: string): string {
  return settings.PAYMENT_TEST_GATEWAY_SECRET ?? createHmac('sha256', sessionSecret).update('guichet:payments:test-gateway').digest('base64url');
}
