import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { createVerifiedAccount } from '../authorities/service.ts';
import { accounts, auditEvents, federationFlows, linkedIdentities, mailMessages, sessions } from '../platform/schema.ts';
import { createSealer } from '../platform/secrets.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp } from '../../test/support/factors.ts';
import { TestProvider } from '../../test/support/oidc-provider.ts';
import { codeAt } from '../two-factor/totp.ts';
import { addIdentityProvider } from './service.ts';

const PORTAL = 'http://localhost:3000';
const password = 'lune verte sur le fleuve 42';
let t: TestApp;
let idp: TestProvider;

before(async () => {
  idp = await TestProvider.start({
    plain: [`${PORTAL}/oidc/callback/plain`],
    gov: [`${PORTAL}/oidc/callback/gov`],
  });
  t = await createTestApp();
  const sealer = createSealer(t.config.sessionSecret, 'identity-provider');
  const common = { authorityId: t.authorityId, issuer: idp.issuer };
  await addIdentityProvider(t.database.db, sealer, {
    ...common,
    slug: 'plain',
    name: { fr: 'Fournisseur simple', en: 'Plain provider' },
    clientId: idp.clients.plain!.clientId,
    clientSecret: idp.clients.plain!.clientSecret,
  });
  await addIdentityProvider(t.database.db, sealer, {
    ...common,
    slug: 'gov',
    name: { fr: 'Clé gouvernementale', en: 'Government key' },
    clientId: idp.clients.gov!.clientId,
    clientSecret: idp.clients.gov!.clientSecret,
    scopes: 'openid',
    trustedForSecondFactor: true,
  });
});
after(async () => {
  await t?.close();
  await idp?.close();
});

let n = 0;
const unique = (prefix: string) => `${prefix}${++n}`;

/** Presses "Sign in with …" and goes through the provider as `login`; returns the callback path. */
async function throughProvider(c: Client, slug: string, login: string, options: { locale?: 'fr' | 'en'; tamper?: (url: URL) => void } = {}) {
  const locale = options.locale ?? 'en';
  await c.get(locale === 'en' ? '/en/sign-in' : '/fr/connexion');
  const start = await c.post(locale === 'en' ? `/en/sign-in/with/${slug}` : `/fr/connexion/avec/${slug}`, {});
  assert.equal(start.statusCode, 303, start.body);
  const authorization = new URL(String(start.headers.location));
  assert.equal(authorization.origin, idp.issuer);
  options.tamper?.(authorization);
  const back = await idp.signIn(authorization.toString(), login, PORTAL);
  return back.pathname + back.search;
}

const events = async (subjectId: string) =>
  (await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId))).map((e) => e.event);
const mailsTo = async (to: string) => (await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, to)));
const identitiesOf = (accountId: string) => t.database.db.select().from(linkedIdentities).where(eq(linkedIdentities.accountId, accountId));

describe('first sign-in through a provider', () => {
  test('a verified email nobody uses: a new account, linked, signed in, audited; the next time signs straight in', async () => {
    const login = unique('alice');
    const email = `${login}@example.ca`;
    idp.accounts.set(login, { email, email_verified: true, given_name: 'Alice', family_name: 'Roy', locale: 'fr-CA' });
    const c = new Client(t.app);
    const callback = await throughProvider(c, 'plain', login);
    assert.equal(idp.authorizationRequests.at(-1)?.get('ui_locales')?.split(' ')[0], 'en-CA');
    assert.equal(idp.authorizationRequests.at(-1)?.get('code_challenge_method'), 'S256');
    const back = await c.get(callback);
    assert.equal(back.statusCode, 303);
    assert.equal(back.headers.location, '/fr/connexion/fournisseur', 'the provider said fr-CA: the next page is in French');
    const page = await c.get('/fr/connexion/fournisseur');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Première connexion avec Fournisseur simple/);
    assert.match(page.body, new RegExp(email));
    const created = await c.post('/fr/connexion/fournisseur/nouveau-compte', { givenName: 'Alice', familyName: 'Roy' });
    assert.equal(created.statusCode, 303, created.body);
    assert.equal(created.headers.location, '/fr/compte');
    assert.equal((await c.get('/fr/compte')).statusCode, 200);

    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    assert.ok(account);
    assert.equal(account.passwordHash, null);
    assert.equal(account.preferredLanguage, 'fr');
    assert.ok(account.emailVerifiedAt);
    assert.equal((await identitiesOf(account.id)).length, 1);
    assert.deepEqual((await events(account.id)).sort(), ['provider_account_created', 'provider_sign_in']);
    assert.equal((await t.database.db.select().from(federationFlows)).filter((f) => f.subject === login).length, 0, 'the journey is over');

    const again = new Client(t.app);
    const second = await again.get(await throughProvider(again, 'plain', login));
    assert.equal(second.headers.location, '/fr/compte', 'known identity: signed in');
    assert.equal((await events(account.id)).filter((e) => e === 'provider_sign_in').length, 2);
  });
});
