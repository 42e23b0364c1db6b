import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moduleSettings } from '../app.ts';
import { loadConfig as loadPlatformConfig } from './config.ts';

/** With the modules' own variables (SMTP_URL is mail's), as the server loads them. */
const loadConfig = (env: NodeJS.ProcessEnv) => loadPlatformConfig(env, moduleSettings);

const base = { DATA_DIR: '/tmp/guichet-config-test', SESSION_SECRET: 'x'.repeat(40) };

test('defaults serve on port 3000 with PGlite in DATA_DIR', () => {
  const c = loadConfig(base);
  assert.equal(c.port, 3000);
  assert.equal(c.env, 'development');
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.publicUrl.href, 'http://localhost:3000/');
  assert.ok(Object.isFrozen(c));
  assert.equal(JSON.stringify(c.sessionSecret), '"[secret]"');
});

test('a wrong value stops with one line naming the variable', () => {
  assert.throws(() => loadConfig({ ...base, PORT: 'abc' }), /^ConfigError: Configuration error: PORT must be a whole number$/);
  assert.throws(() => loadConfig({ ...base, PORT: '70000' }), /PORT must be between 0 and 65535/);
  assert.throws(() => loadConfig({ ...base, DATABASE_URL: 'mysql://x' }), /DATABASE_URL must be a postgres:\/\/ URL/);
  assert.throws(() => loadConfig({ ...base, SMTP_URL: 'http://x' }), /SMTP_URL must be/);
  assert.throws(() => loadConfig({ ...base, NODE_ENV: 'staging' }), /NODE_ENV must be one of/);
  assert.throws(() => loadConfig({ ...base, SESSION_SECRET: 'short' }), /SESSION_SECRET must be at least 32 characters/);
  assert.throws(() => loadConfig({ ...base, PUBLIC_URL: 'not a url' }), /PUBLIC_URL must be/);
});

test('the previous SESSION_SECRET is kept beside the new one while it changes, and only then', () => {
  assert.equal(loadConfig(base).previousSessionSecret, null);
  const changing = loadConfig({ ...base, SESSION_SECRET_PREVIOUS: 'y'.repeat(40) });
  assert.equal(changing.previousSessionSecret?.reveal(), 'y'.repeat(40));
  assert.equal(String(changing.previousSessionSecret), '[secret]');
  assert.throws(() => loadConfig({ ...base, SESSION_SECRET_PREVIOUS: 'short' }), /SESSION_SECRET_PREVIOUS must be at least 32 characters/);
  assert.throws(() => loadConfig({ ...base, SESSION_SECRET_PREVIOUS: base.SESSION_SECRET }), /SESSION_SECRET_PREVIOUS must differ from SESSION_SECRET/);
  assert.throws(() => loadConfig({ DATA_DIR: base.DATA_DIR, SESSION_SECRET_PREVIOUS: 'y'.repeat(40) }), /SESSION_SECRET_PREVIOUS needs SESSION_SECRET/);
});

test('production needs a session secret, an https public URL and SMTP', () => {
  const prod = { NODE_ENV: 'production', DATA_DIR: '/tmp/x', SMTP_URL: 'smtp://mail.example.ca:25', PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_guichet', STRIPE_WEBHOOK_SECRET: 'whsec_guichet' };
  assert.throws(() => loadConfig({ ...prod, PUBLIC_URL: 'https://portal.example.ca' }), /SESSION_SECRET is required in production/);
  assert.throws(() => loadConfig({ ...prod, SESSION_SECRET: 'x'.repeat(40), PUBLIC_URL: 'http://portal.example.ca' }), /PUBLIC_URL must be an https/);
  const ok = loadConfig({ ...prod, SESSION_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://portal.example.ca' });
  assert.equal(ok.isProduction, true);
  // Money: production names its payment provider, and never takes the built-in test gateway.
  const { PAYMENT_PROVIDER: _provider, ...noProvider } = prod;
  assert.throws(() => loadConfig({ ...noProvider, SESSION_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://portal.example.ca' }), /PAYMENT_PROVIDER is required in production/);
});

test('TRUST_PROXY: off by default; true, a number of hops or a list of proxy addresses', () => {
  assert.equal(loadConfig(base).trustProxy, false);
  assert.equal(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy, true);
  assert.equal(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy, 2);
  assert.deepEqual(loadConfig({ ...base, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy, ['127.0.0.1', '10.0.0.0/8', '::1']);
  assert.throws(() => loadConfig({ ...base, TRUST_PROXY: 'yes' }), /TRUST_PROXY must be false, true, a number of proxies/);
  assert.throws(() => loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/33' }), /TRUST_PROXY must be/);
});

test('every wrong variable is named, one line each, platform’s and the modules’ alike', () => {
  assert.throws(
    () => loadConfig({ ...base, PORT: 'abc', SMTP_URL: 'http://x', TRUST_PROXY: 'maybe' }),
    (error: Error) => {
      const lines = error.message.split('\n');
      assert.equal(lines.length, 3, error.message);
      assert.ok(lines.some((l) => /PORT must be a whole number/.test(l)));
      assert.ok(lines.some((l) => /SMTP_URL must be an smtp/.test(l)));
      assert.ok(lines.some((l) => /TRUST_PROXY must be/.test(l)));
      return true;
    },
  );
  assert.throws(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: '/tmp/x' }), /SESSION_SECRET is required in production\nConfiguration error: PUBLIC_URL must be an https:\/\/ URL in production\nConfiguration error: SMTP_URL is required in production/);
});
