import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../platform/config.ts';
import { createPaymentProvider, paymentConfig, paymentSettings } from './index.ts';
import { testGatewaySecret } from './settings.ts';

const base = { NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', PUBLIC_URL: 'http://localhost:3000', DATA_DIR: '/tmp/guichet-test-unused' };

test('the test gateway is the default; Stripe needs its secret key and its webhook secret, named together', () => {
  assert.equal(paymentSettings.parse({}).PAYMENT_PROVIDER, 'test');
  assert.throws(() => loadConfig({ ...base, PAYMENT_PROVIDER: 'stripe' }, [paymentConfig]), (error: Error) =>
    /STRIPE_SECRET_KEY is required when PAYMENT_PROVIDER is stripe/.test(error.message) && /STRIPE_WEBHOOK_SECRET is required/.test(error.message));
  assert.throws(() => loadConfig({ ...base, PAYMENT_PROVIDER: 'paypal' }, [paymentConfig]), /PAYMENT_PROVIDER must be test or stripe/);
  assert.throws(() => loadConfig({ ...base, PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'pk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_1' }, [paymentConfig]), /STRIPE_SECRET_KEY must be a Stripe secret key/);
  const config = loadConfig({ ...base, PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_1', STRIPE_API_BASE: 'http://127.0.0.1:12111' }, [paymentConfig]);
  assert.equal(config.settings.STRIPE_API_BASE, 'http://127.0.0.1:12111');
});

test('production names its provider, and the test gateway refuses to start there', async () => {
  assert.deepEqual(paymentConfig.requiredInProduction, ['PAYMENT_PROVIDER']);
  await assert.rejects(
    createPaymentProvider(paymentSettings.parse({ PAYMENT_PROVIDER: 'test' }), { db: undefined as never, clock: { now: () => new Date() }, publicUrl: new URL('https://guichet.example'), sessionSecret: 'x', isProduction: true }),
    /cannot take payments in production/,
  );
});

test('the test gateway signs with its own secret, else one derived from (and unlike) the session secret', () => {
  assert.equal(testGatewaySecret(paymentSettings.parse({ PAYMENT_TEST_GATEWAY_SECRET: 'a'.repeat(32) }), 'session'), 'a'.repeat(32));
  const derived = testGatewaySecret(paymentSettings.parse({}), 'session-secret');
  assert.notEqual(derived, 'session-secret');
  assert.equal(derived, testGatewaySecret(paymentSettings.parse({}), 'session-secret'));
  assert.notEqual(derived, testGatewaySecret(paymentSettings.parse({}), 'another'));
});
