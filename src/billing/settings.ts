import { z } from 'zod';
import { type Config, ConfigError, settingsOf } from '../platform/config.ts';

/**
 * Which payment provider takes the cards, and its secrets. `test` (the default) is the built-in
 * test gateway; production refuses it without its own secret, and Stripe without both keys.
 */
export const settings = z
  .object({
    PAYMENT_PROVIDER: z.enum(['test', 'stripe'], { message: 'must be test or stripe' }).optional(),
    STRIPE_SECRET_KEY: z.string().startsWith('sk_', 'must be a Stripe secret key (sk_…)').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must be a Stripe webhook signing secret (whsec_…)').optional(),
    PAYMENT_TEST_GATEWAY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Minutes a checkout may stay open before reconciliation asks the provider about it. */
    PAYMENT_RECONCILE_AFTER_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int('must be a number of minutes').min(1, 'must be a number of minutes').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.PAYMENT_PROVIDER === 'stripe') {
      for (const key of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const) if (!v[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when PAYMENT_PROVIDER is stripe' });
    }
  });

/** The development default: never accepted in production. */
const DEVELOPMENT_GATEWAY_SECRET = 'guichet-test-gateway-development-secret';

export interface PaymentSettings {
  provider: 'test' | 'stripe';
  stripe: { secretKey: string; webhookSecret: string } | null;
  testGatewaySecret: string;
  reconcileAfterMinutes: number;
}

export function paymentSettings(config: Config): PaymentSettings {
  const v = settingsOf(config, settings);
  const provider = v.PAYMENT_PROVIDER ?? 'test';
  if (config.isProduction && provider === 'test' && !v.PAYMENT_TEST_GATEWAY_SECRET) {
    throw new ConfigError('Configuration error: PAYMENT_TEST_GATEWAY_SECRET is required in production when PAYMENT_PROVIDER is test (or set PAYMENT_PROVIDER=stripe)');
  }
  return {
    provider,
    stripe: v.STRIPE_SECRET_KEY && v.STRIPE_WEBHOOK_SECRET ? { secretKey: v.STRIPE_SECRET_KEY, webhookSecret: v.STRIPE_WEBHOOK_SECRET } : null,
    testGatewaySecret: v.PAYMENT_TEST_GATEWAY_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
    reconcileAfterMinutes: v.PAYMENT_RECONCILE_AFTER_MINUTES ?? 15,
  };
}
