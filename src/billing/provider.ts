import type { FastifyInstance } from 'fastify';
import type { ModuleKit } from '../platform/module.ts';
import { createPaymentProvider, type PaymentProvider, paymentDeps, type PaymentSettings, registerTestGateway } from './payments/index.ts';

/**
 * The one place billing builds its payment provider (src/billing/payments/): the built-in test
 * gateway with its hosted pages (refused in production), or Stripe (its SDK imported only then).
 */
export async function buildPaymentProvider(app: FastifyInstance, kit: ModuleKit, settings: PaymentSettings): Promise<PaymentProvider> {
  const provider = await createPaymentProvider(settings, paymentDeps(kit, app.log));
  // The test gateway's hosted pages (nothing for Stripe); it posts its webhooks to this app itself.
  registerTestGateway(app, provider);
  return provider;
}
