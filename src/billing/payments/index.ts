/**
 * Billing's card gateways behind one port (`port.ts`): the built-in test gateway (a hosted page
 * served by Guichet itself, for development and tests) and Stripe (loaded only when configured).
 * Billing's manifest merges what this folder declares: `gatewayPaths` into its pages, the catalog,
 * `paymentTables` into its tables, `paymentConfig` into its config; its `register` calls
 * `createPaymentProvider` and `registerTestGateway`.
 */
import type { FastifyInstance } from 'fastify';
import type { BackgroundWork } from '../../platform/background.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import type { ModuleKit } from '../../platform/module.ts';
import type { PaymentProvider } from './port.ts';
import { type PaymentSettings, testGatewaySecret } from './settings.ts';
import { createTestGatewayStore, type TestGatewayStore } from './test-gateway/gateway.ts';
import { registerTestGatewayRoutes } from './test-gateway/routes.tsx';
import { createWebhookSender, type WebhookLog, type WebhookSender } from './test-gateway/webhooks.ts';

export interface PaymentDeps {
  db: Database;
  clock: Clock;
  /** The portal's public address: the test gateway's pages and its webhook address are under it. */
  publicUrl: URL;
  /** The session secret: the test gateway's signing secret is derived from it when PAYMENT_TEST_GATEWAY_SECRET is unset. */
  sessionSecret: string;
  isProduction: boolean;
  /** Where the test gateway's webhook deliveries run (kit.background: drained when the server closes). */
  background?: BackgroundWork | undefined;
  log?: WebhookLog | undefined;
  /** Tests: where the test gateway posts its webhooks (default `${publicUrl}/webhooks/payments/test`), and its waits between attempts. */
  testGateway?: { webhookUrl?: string; retryDelaysMs?: readonly number[] } | undefined;
  /** Tests: the Stripe client's retries (default 2) and timeout in ms (default 20 000). */
  stripe?: { maxNetworkRetries?: number; timeoutMs?: number } | undefined;
}

/** The deps from a module's kit, as billing's `register` has them. */
export function paymentDeps(kit: ModuleKit, log?: WebhookLog): PaymentDeps {
  return {
    db: kit.db,
    clock: kit.clock,
    publicUrl: kit.config.publicUrl,
    sessionSecret: kit.config.sessionSecret.reveal(),
    isProduction: kit.config.isProduction,
    background: kit.background,
    log,
  };
}

/** Where billing's webhook route answers for a provider (billing registers `POST /webhooks/payments/:provider`). */
export const webhookPath = (provider: PaymentProvider['name']) => `/webhooks/payments/${provider}`;

/** The test gateway behind each provider it made: its hosted pages work on the same store and sender. */
const testGateways = new WeakMap<PaymentProvider, { store: TestGatewayStore; webhooks: WebhookSender; defaultUrl: boolean; clock: Clock }>();

function createTestGateway(settings: PaymentSettings, deps: PaymentDeps): PaymentProvider {
  const secret = testGatewaySecret(settings, deps.sessionSecret);
  const webhooks = createWebhookSender({
    url: deps.testGateway?.webhookUrl ?? new URL(webhookPath('test'), deps.publicUrl).toString(),
    secret,
    clock: deps.clock,
    background: deps.background,
    retryDelaysMs: deps.testGateway?.retryDelaysMs,
    log: deps.log,
  });
  const store = createTestGatewayStore({ db: deps.db, clock: deps.clock, publicUrl: deps.publicUrl, secret, webhooks });
  testGateways.set(store.provider, { store, webhooks, defaultUrl: !deps.testGateway?.webhookUrl, clock: deps.clock });
  return store.provider;
}

/**
 * The provider the configuration names. Asynchronous because Stripe's SDK is imported only when
 * it is the one configured. The test gateway is refused in production.
 */
export async function createPaymentProvider(settings: PaymentSettings, deps: PaymentDeps): Promise<PaymentProvider> {
  switch (settings.PAYMENT_PROVIDER) {
    case 'test':
      if (deps.isProduction) throw new Error('PAYMENT_PROVIDER=test is the built-in test gateway: it cannot take payments in production');
      return createTestGateway(settings, deps);
    case 'stripe': {
      const { createStripeProvider } = await import('./stripe.ts');
      return createStripeProvider({
        secretKey: settings.STRIPE_SECRET_KEY ?? '',
        webhookSecret: settings.STRIPE_WEBHOOK_SECRET ?? '',
        ...(settings.STRIPE_API_BASE ? { apiBase: settings.STRIPE_API_BASE } : {}),
        ...(deps.stripe?.maxNetworkRetries !== undefined ? { maxNetworkRetries: deps.stripe.maxNetworkRetries } : {}),
        ...(deps.stripe?.timeoutMs !== undefined ? { timeoutMs: deps.stripe.timeoutMs } : {}),
        clock: deps.clock,
      });
    }
  }
}

/**
 * Registers the test gateway's hosted pages (`billing.testGateway`, `billing.testGatewayChallenge`,
 * both public) for a provider `createPaymentProvider` made with PAYMENT_PROVIDER=test; does nothing
 * for any other provider. The gateway then posts its webhooks to this app itself (`app.inject` on
 * `/webhooks/payments/test`: the same bytes and headers, without needing PUBLIC_URL to be reachable
 * from the server), unless `testGateway.webhookUrl` named another address; its retries stop when the app closes.
 */
export function registerTestGateway(app: FastifyInstance, provider: PaymentProvider): void {
  const gateway = testGateways.get(provider);
  if (!gateway) return;
  if (gateway.defaultUrl) {
    gateway.webhooks.useTransport(async ({ body, headers }) => (await app.inject({ method: 'POST', url: webhookPath('test'), payload: body, headers })).statusCode);
  }
  app.addHook('preClose', (done) => {
    gateway.webhooks.stop();
    done();
  });
  registerTestGatewayRoutes(app, gateway.store, gateway.clock);
}

export { en as gatewayCatalogEn } from './i18n/en.ts';
export { fr as gatewayCatalogFr } from './i18n/fr.ts';
export { gatewayPaths } from './paths.ts';
export * from './port.ts';
export { paymentTestCheckouts, paymentTestRefunds } from './schema.ts';
export * as paymentTables from './schema.ts';
export { checkPaymentSettings, paymentConfig, type PaymentSettings, paymentSettings, paymentSettingsShape } from './settings.ts';
export { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS } from './signature.ts';
export { TEST_CARDS } from './test-gateway/cards.ts';
