import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { count } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { accounts } from '../identity/index.ts';
import { auditEvents } from '../audit/index.ts';
import { mailMessages } from '../mail/index.ts';
import { buildAccount } from '../../test/support/factories.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const snapshot = async () => {
  const db = t.database.db;
  return [
    (await db.select({ n: count() }).from(accounts))[0]?.n,
    (await db.select({ n: count() }).from(auditEvents))[0]?.n,
    (await db.select({ n: count() }).from(mailMessages))[0]?.n,
  ];
};
const good = { email: 'ok@example.ca', givenName: 'Ok', familyName: 'Kay', preferredLanguage: 'fr', password: 'lune verte sur le fleuve 42', passwordConfirm: 'lune verte sur le fleuve 42' };

test('/ redirects by Accept-Language; every page is under /fr or /en with its twin', async () => {
  const c = new Client(t.app);
  assert.equal((await c.get('/', { 'accept-language': 'en-CA,en;q=0.9' })).headers.location, '/en');
  assert.equal((await c.get('/', { 'accept-language': 'fr-CA' })).headers.location, '/fr');
  const res = await c.get('/fr/inscription');
  assert.match(res.body, /<html lang="fr"/);
  assert.match(res.body, /href="\/en\/sign-up"/);
  assert.match(res.body, /class="govuk-skip-link"/);
  assert.equal((res.body.match(/<h1/g) ?? []).length, 1);
  assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
  assert.doesNotMatch(String(res.headers['content-security-policy']), /unsafe-inline/);
  assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
  assert.equal(res.headers['x-frame-options'], 'DENY');
  assert.equal(res.headers['strict-transport-security'], undefined, 'HSTS only in production');
  assert.equal((await c.get('/healthz')).statusCode, 200);
  const missing = await c.get('/en/nowhere');
  assert.equal(missing.statusCode, 404);
  assert.match(missing.body, /Page not found/);
});

test('bad input gets a clear 4xx and changes nothing', async () => {
  const c = new Client(t.app);
  await c.get('/fr/inscription');
  const before = await snapshot();
  const cases: [string, Promise<{ statusCode: number; body: string }>, RegExp][] = [
    ['missing CSRF token', c.post('/fr/inscription', { ...good, _csrf: null }), /Le formulaire a expiré/],
    ['forged CSRF token', c.post('/fr/inscription', { ...good, _csrf: 'x'.repeat(43) }), /Le formulaire a expiré/],
    ['oversized body', c.post('/fr/inscription', { ...good, givenName: 'a'.repeat(20_000) }), /trop volumineuse/],
    ['too long name', c.post('/fr/inscription', { ...good, givenName: 'a'.repeat(101) }), /Ce champ est trop long/],
    ['malformed email', c.post('/fr/inscription', { ...good, email: 'not-an-email' }), /Entrez une adresse courriel valide/],
    ['short password', c.post('/fr/inscription', { ...good, password: 'court', passwordConfirm: 'court' }), /au moins 12 caractères/],
    ['common password', c.post('/fr/inscription', { ...good, password: 'password1234', passwordConfirm: 'password1234' }), /trop courant/],
    ['mismatch', c.post('/fr/inscription', { ...good, passwordConfirm: 'something else entirely' }), /ne correspondent pas/],
    ['bad language', c.post('/fr/inscription', { ...good, preferredLanguage: 'de' }), /Choisissez une langue/],
    [
      'JSON body',
      t.app.inject({ method: 'POST', url: '/fr/inscription', payload: good, headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } }),
      /Format non pris en charge/,
    ],
  ];
  for (const [name, pending, message] of cases) {
    const res = await pending;
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${name}: ${res.statusCode}`);
    assert.match(res.body, message, name);
  }
  const repeated = await t.app.inject({
    method: 'POST',
    url: '/fr/inscription',
    payload: `${new URLSearchParams({ ...good, _csrf: c.csrf })}&email=second@example.ca`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  assert.equal(repeated.statusCode, 400, 'a repeated field (array) is a wrong type');
  assert.deepEqual(await snapshot(), before);
});

test('the error summary links to each field in error and the title says Error', async () => {
  const c = new Client(t.app);
  await c.get('/en/sign-up');
  const res = await c.post('/en/sign-up', { email: '', givenName: '', familyName: '', password: '', passwordConfirm: '' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /<title>Error: Create an account/);
  for (const field of ['email', 'givenName', 'familyName', 'preferredLanguage', 'password']) {
    assert.match(res.body, new RegExp(`<a href="#${field}">`), field);
    assert.match(res.body, new RegExp(`id="${field}"`), field);
  }
});

test('account details: Canadian postal code validated and normalized', async () => {
  await buildAccount(t.database.db, t.authorityId, { email: 'details@example.ca', givenName: 'De', familyName: 'Tails', preferredLanguage: 'en', password: good.password });
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  await c.post('/en/sign-in', { email: 'details@example.ca', password: good.password });
  await c.get('/en/account/details');
  const base = { givenName: 'De', familyName: 'Tails', preferredLanguage: 'en', phone: '514 555-0199', addressLine1: '1 rue Sainte-Catherine', addressLine2: '', city: 'Montréal', province: 'QC' };
  let res = await c.post('/en/account/details', { ...base, postalCode: 'D2X 1Y4' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /valid Canadian postal code/);
  res = await c.post('/en/account/details', { ...base, postalCode: 'h2x1y4' });
  assert.equal(res.statusCode, 303);
  res = await c.get('/en/account');
  assert.match(res.body, /H2X 1Y4/);
});

test('production: Secure cookies, HSTS, and no development mail page', async () => {
  const prod = await createTestApp({
    env: { NODE_ENV: 'production', PUBLIC_URL: 'https://portal.example.ca', SMTP_URL: 'smtp://127.0.0.1:2525', PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_guichet', STRIPE_WEBHOOK_SECRET: 'whsec_guichet' },
  });
  try {
    const c = new Client(prod.app);
    const res = await c.get('/en/sign-in');
    assert.match(String(res.headers['strict-transport-security']), /max-age=31536000/);
    assert.match(String(res.headers['set-cookie']), /; Secure/);
    assert.equal((await c.get('/en/dev/mail')).statusCode, 404);
  } finally {
    await prod.close();
  }
});

test('the stylesheet asks for no typeface it does not have, and is cached by its tag', async () => {
  const c = new Client(t.app);
  const css = await c.get('/assets/govuk-frontend.min.css');
  assert.equal(css.statusCode, 200);
  assert.match(String(css.headers['content-type']), /^text\/css/);
  assert.match(css.body, /\.govuk-button\{/);
  assert.doesNotMatch(css.body, /@font-face|\/assets\/fonts\/|GDS Transport/);
  const again = await c.get('/assets/govuk-frontend.min.css', { 'if-none-match': String(css.headers.etag) });
  assert.equal(again.statusCode, 304);
  assert.equal((await c.get('/assets/fonts/light-94a07e06a1-v2.woff2')).statusCode, 404);
});
