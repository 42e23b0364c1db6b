// Changing SESSION_SECRET (docs/operations.md): the portal restarts with the new secret and the old
// one beside it, `reseal` seals every sealed value again, and the old one is removed. Nobody sets up
// an authenticator app again, no identity provider is added again, forms open before the change
// still post while the old secret is kept, mailed links keep working, and no lockout count is lost.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { resealSecrets } from '../../src/app.ts';
import { verifyAuditChain } from '../../src/audit/index.ts';
import { providerSecretsSealer } from '../../src/federation/index.ts';
import { identityProviders } from '../../src/federation/schema.ts';
import { addIdentityProvider } from '../../src/federation/service.ts';
import { Secret } from '../../src/platform/config.ts';
import { queryRows } from '../../src/platform/db.ts';
import { createKeyedDigest, createSealer } from '../../src/platform/secrets.ts';
import { authenticatorApps } from '../../src/two-factor/schema.ts';
import { receiveRequest, setUpAccessOffice } from '../support/access.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../support/factors.ts';
import { buildAccount, FACTORY_PASSWORD } from '../support/factories.ts';

const OLD = 'the-old-session-secret-of-enough-length-0123';
const NEW = 'the-new-session-secret-of-enough-length-4567';
const PROVIDER_SECRET = 'client-secret-of-the-provider-0123456789';

/** A client of `t` carrying another's cookies and form token: the same browser, after a restart. */
function sameBrowser(c: Client, t: TestApp): Client {
  const moved = new Client(t.app);
  moved.cookies = new Map(c.cookies);
  moved.csrf = c.csrf;
  return moved;
}

const unknownFailures = (t: TestApp) => queryRows<{ email_digest: string; failures: number }>(t.database.db, sql`select email_digest, failures from unknown_sign_in_failures`);

describe('changing SESSION_SECRET', () => {
  let before1: TestApp;
  let during: TestApp;
  let after1: TestApp;
  let email: string;
  let accountId: string;
  let appKey: string;
  let tracking: string;
  let formBrowser: Client;

  before(async () => {
    before1 = await createTestApp({ env: { SESSION_SECRET: OLD } });
    const account = await buildAccount(before1.database.db, before1.authorityId, { preferredLanguage: 'en' });
    email = account.email;
    accountId = account.id;
    appKey = await addAuthenticatorApp(before1, account.id);
    await addIdentityProvider(before1.database.db, providerSecretsSealer(before1.config), { authorityId: before1.authorityId, slug: 'idp', name: { fr: 'Fournisseur', en: 'Provider' }, issuer: 'https://idp.example.ca', clientId: 'guichet', clientSecret: PROVIDER_SECRET });
    const office = await setUpAccessOffice(before1);
    const { request, token } = await receiveRequest(before1, office.first.id);
    tracking = `/en/access-request/tracking/${request.id}?t=${token}`;
    // Wrong passwords for an email without an account, counted under the old secret's digest.
    const stranger = new Client(before1.app);
    for (let i = 0; i < 3; i++) {
      await stranger.get('/en/sign-in');
      await stranger.post('/en/sign-in', { email: 'nobody@example.ca', password: 'not the password 123' });
    }
    // A form opened before the change, posted after it.
    formBrowser = new Client(before1.app);
    await formBrowser.get('/en/sign-in');
    assert.ok(formBrowser.csrf);
  });
  after(async () => {
    await after1?.close();
    await during?.close();
    await before1.close();
  });

  test('with the new secret and the old one beside it, everything made under the old one still works', async () => {
    during = await createTestApp({ join: before1, env: { SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD } });
    during.clock.advance(10 * 60_000);
    // The form token of a page loaded before the restart.
    const posted = await sameBrowser(formBrowser, during).post('/en/sign-in', { email, password: FACTORY_PASSWORD });
    assert.equal(posted.statusCode, 303, 'not refused as a forged form');
    // The authenticator app sealed under the old secret.
    const signedIn = await signInWithApp(new Client(during.app), during, email, FACTORY_PASSWORD, appKey);
    assert.equal(signedIn.statusCode, 303);
    assert.doesNotMatch(String(signedIn.headers.location), /two-step|deux-etapes|sign-in/);
    // The tracking link mailed under the old secret, and the one mailed from now on (under the new one).
    assert.equal((await new Client(during.app).get(tracking)).statusCode, 200);
    const [request] = await queryRows<{ id: string }>(during.database.db, sql`select id from access_requests`);
    const remailed = during.app.services.accessRequests.core.trackingLink({ id: request!.id, requesterAccountId: null }, 'en');
    assert.notEqual(`${remailed.path}?t=${remailed.query?.t}`, tracking, 'a link mailed now carries the new digest');
    assert.equal((await new Client(during.app).get(`${remailed.path}?t=${remailed.query?.t}`)).statusCode, 200);
    // The unknown email's count moves to the new digest: one more wrong password makes 4, not 1.
    const stranger = new Client(during.app);
    await stranger.get('/en/sign-in');
    await stranger.post('/en/sign-in', { email: 'nobody@example.ca', password: 'not the password 123' });
    assert.deepEqual(await unknownFailures(during), [{ email_digest: createKeyedDigest(during.config, 'unknown-email')('nobody@example.ca'), failures: 4 }]);
  });

  test('reseal puts every sealed value under the new secret, with its audit row, in one transaction', async () => {
    const [app] = await during.database.db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, accountId));
    // The staff of the access office have apps too: every key and pending key, each once.
    const [keys] = await queryRows<{ n: number }>(during.database.db, sql`select (count(sealed_key) + count(pending_sealed_key))::int as n from authenticator_apps`);
    const sealed = await resealSecrets(during.database.db, during.config, during.clock.now());
    assert.deepEqual(sealed, { 'authenticator-app': keys!.n, 'identity-provider': 1 });
    assert.ok(keys!.n >= 1);
    const [resealed] = await during.database.db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, app!.accountId));
    assert.notEqual(resealed!.sealedKey, app!.sealedKey);
    assert.equal(createSealer({ sessionSecret: during.config.sessionSecret, previousSessionSecret: null }, 'authenticator-app').open(resealed!.sealedKey!), appKey, 'opens under the new secret alone');
    assert.throws(() => createSealer(before1.config, 'authenticator-app').open(resealed!.sealedKey!), 'no longer under the old one');
    const [event] = await queryRows<{ details: unknown; authority_id: string | null }>(during.database.db, sql`select details, authority_id from audit_events where event = 'secrets_resealed'`);
    assert.deepEqual(event, { details: { sealed }, authority_id: null });
    assert.deepEqual((await verifyAuditChain(during.database.db)).breaks, []);
  });

  test('a value sealed under a third secret stops the reseal: nothing is changed', async () => {
    const stray = providerSecretsSealer({ sessionSecret: new Secret('a-third-secret-nobody-kept-of-enough-length'), previousSessionSecret: null }).seal('lost');
    const [provider] = await during.database.db.select().from(identityProviders);
    const [app] = await during.database.db.select().from(authenticatorApps).orderBy(authenticatorApps.accountId).limit(1);
    await during.database.db.update(identityProviders).set({ sealedClientSecret: stray }).where(eq(identityProviders.id, provider!.id));
    const events = async () => (await queryRows<{ n: number }>(during.database.db, sql`select count(*)::int as n from audit_events where event = 'secrets_resealed'`))[0]?.n;
    const eventsBefore = await events();
    await assert.rejects(resealSecrets(during.database.db, during.config, during.clock.now()), new RegExp(`identity_providers.sealed_client_secret of ${provider!.id} opens with neither`));
    const [appAfter] = await during.database.db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, app!.accountId));
    assert.equal(appAfter!.sealedKey, app!.sealedKey, 'the values before it were not sealed again either');
    assert.equal(await events(), eventsBefore, 'no audit row');
    await during.database.db.update(identityProviders).set({ sealedClientSecret: provider!.sealedClientSecret }).where(eq(identityProviders.id, provider!.id));
  });

  test('with the old secret removed: apps and providers open, mailed links open, old forms are refused', async () => {
    after1 = await createTestApp({ join: before1, env: { SESSION_SECRET: NEW } });
    after1.clock.advance(20 * 60_000);
    const signedIn = await signInWithApp(new Client(after1.app), after1, email, FACTORY_PASSWORD, appKey);
    assert.equal(signedIn.statusCode, 303);
    assert.doesNotMatch(String(signedIn.headers.location), /two-step|deux-etapes|sign-in/);
    const [provider] = await after1.database.db.select().from(identityProviders);
    assert.equal(providerSecretsSealer(after1.config).open(provider!.sealedClientSecret), PROVIDER_SECRET);
    assert.equal((await new Client(after1.app).get(tracking)).statusCode, 200, 'the link mailed before the change: its hash was kept');
    const stale = await sameBrowser(formBrowser, after1).post('/en/sign-in', { email, password: FACTORY_PASSWORD });
    assert.equal(stale.statusCode, 403, 'a form loaded under the old secret is loaded again');
  });
});
