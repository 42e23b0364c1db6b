import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import { createSealer } from '../platform/secrets.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp } from '../../test/support/factors.ts';
import { SoftAuthenticator } from '../../test/support/authenticator.ts';
import { TestProvider } from '../../test/support/oidc-provider.ts';
import { codeAt } from '../two-factor/totp.ts';
import { addIdentityProvider } from './service.ts';
import { accounts, sessions } from '../identity/index.ts';
import { auditEvents } from '../audit/index.ts';
import { mailMessages } from '../mail/index.ts';
import { federationFlows, identityProviders, linkedIdentities } from './schema.ts';
import { buildAccount, buildAuthority } from '../../test/support/factories.ts';
import { authorityPeople } from '../authorities/index.ts';

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
  const sealer = createSealer(t.config, 'identity-provider');
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
  (await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(auditEvents.id)).map((e) => e.event);
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
    const csp = String((await c.get('/en/sign-in')).headers['content-security-policy']);
    assert.match(csp, new RegExp(`form-action 'self' ${idp.issuer}`), 'the sign-in form may be redirected to the provider');
    assert.doesNotMatch(String((await c.get('/en/sign-up')).headers['content-security-policy']), new RegExp(idp.issuer));
    const back = await c.get(callback);
    assert.equal(back.statusCode, 303);
    assert.equal(back.headers.location, '/fr/connexion/fournisseur', 'the provider said fr-CA: the next page is in French');
    const firstTime = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'provider_sign_in')).orderBy(auditEvents.id)).at(-1);
    assert.deepEqual(firstTime?.details, { provider: 'plain', stage: 'first_time' }, 'the provider sign-in is audited before any account exists');
    const page = await c.get('/fr/connexion/fournisseur');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Première connexion avec Fournisseur simple/);
    assert.match(page.body, new RegExp(email));
    const created = await c.post('/fr/connexion/fournisseur/nouveau-compte', { givenName: 'Alice', familyName: 'Roy' });
    assert.equal(created.statusCode, 303, created.body);
    assert.equal(created.headers.location, '/fr/tableau-de-bord');
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
    assert.equal(second.headers.location, '/fr/tableau-de-bord', 'known identity: signed in');
    assert.equal((await events(account.id)).filter((e) => e === 'provider_sign_in').length, 2);
  });
});

/** A verified password account in the test authority. */
async function existing(options: { staff?: boolean; locale?: 'fr' | 'en' } = {}) {
  const email = `${unique('member')}@example.ca`;
  const account = await buildAccount(t.database.db, t.authorityId, { email,
    givenName: 'Member',
    familyName: 'Existing',
    preferredLanguage: options.locale ?? 'en',
    password,
    roles: options.staff ? ['staff'] : [],
  });
  return { id: account.id, email };
}

describe('linking to an existing account', () => {
  test('the same email alone never links nor creates: the person is told to prove the account with its password', async () => {
    const owner = await existing();
    const login = unique('mallory');
    idp.accounts.set(login, { email: owner.email, email_verified: true, given_name: 'M', family_name: 'X', locale: 'en-CA' });
    const c = new Client(t.app);
    const back = await c.get(await throughProvider(c, 'plain', login));
    assert.equal(back.headers.location, '/en/sign-in/provider', 'not signed in by email');
    const page = await c.get('/en/sign-in/provider');
    assert.match(page.body, /An account already uses/);
    assert.doesNotMatch(page.body, /action="\/en\/sign-in\/provider\/new-account"/, 'no way to create an account with that email');
    const forced = await c.post('/en/sign-in/provider/new-account', { givenName: 'M', familyName: 'X' });
    assert.equal(forced.statusCode, 409);
    assert.equal((await identitiesOf(owner.id)).length, 0);
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.email, owner.email))).length, 1);
    assert.equal((await c.get('/en/account')).statusCode, 302, 'still not signed in');

    const wrong = await c.post('/en/sign-in/provider/link', { accountEmail: owner.email, password: 'not the password at all' });
    assert.equal(wrong.statusCode, 401);
    assert.equal((await identitiesOf(owner.id)).length, 0);
    assert.ok((await events(owner.id)).includes('sign_in_failed'), 'a wrong password counts as at any sign-in');
  });

  test('password proof (no second factor): linked, mailed, audited; the provider then opens the account', async () => {
    const owner = await existing();
    const login = unique('bob');
    idp.accounts.set(login, { email: `${login}@elsewhere.example`, email_verified: true });
    const c = new Client(t.app);
    await c.get(await throughProvider(c, 'plain', login));
    await c.get('/en/sign-in/provider');
    const linked = await c.post('/en/sign-in/provider/link', { accountEmail: owner.email, password });
    assert.equal(linked.statusCode, 303, linked.body);
    assert.equal(linked.headers.location, '/en/account/ways-to-sign-in?notice=linked');
    const ways = await c.get('/en/account/ways-to-sign-in?notice=linked');
    assert.match(ways.body, /Plain provider/);
    const [identity] = await identitiesOf(owner.id);
    assert.equal(identity?.subject, login);
    assert.ok((await events(owner.id)).includes('provider_linked'));
    assert.ok((await mailsTo(owner.email)).some((m) => m.template === 'providerLinked' && m.textBody.includes('Plain provider')));

    const later = new Client(t.app);
    const back = await later.get(await throughProvider(later, 'plain', login));
    assert.equal(back.headers.location, '/en/dashboard');
  });

  test('an account with an authenticator app: password, then its code, before the link; a wrong code links nothing', async () => {
    const owner = await existing();
    const key = await addAuthenticatorApp(t, owner.id);
    const login = unique('carol');
    idp.accounts.set(login, {});
    const c = new Client(t.app);
    await c.get(await throughProvider(c, 'plain', login));
    await c.get('/en/sign-in/provider');
    const first = await c.post('/en/sign-in/provider/link', { accountEmail: owner.email, password });
    assert.equal(first.headers.location, '/en/sign-in/provider/verification');
    assert.equal((await identitiesOf(owner.id)).length, 0, 'the password alone does not link');
    assert.equal((await c.get('/en/account')).statusCode, 302, 'not signed in before the second step');
    const step = await c.get('/en/sign-in/provider/verification');
    assert.equal(step.statusCode, 200);
    const wrongCode = codeAt(key, t.clock.now()) === '123456' ? '654321' : '123456';
    const wrong = await c.post('/en/sign-in/provider/verification', { method: 'authenticator_app', code: wrongCode });
    assert.equal(wrong.statusCode, 401);
    assert.equal((await identitiesOf(owner.id)).length, 0);
    const right = await c.post('/en/sign-in/provider/verification', { method: 'authenticator_app', code: codeAt(key, t.clock.now()) });
    t.clock.advance(30_000);
    assert.equal(right.headers.location, '/en/account/ways-to-sign-in?notice=linked');
    assert.equal((await identitiesOf(owner.id)).length, 1);
    const trail = await events(owner.id);
    assert.ok(trail.includes('second_factor_failed') && trail.includes('second_factor_passed') && trail.includes('provider_linked'));

    // An untrusted provider goes through the second step like a password does.
    const later = new Client(t.app);
    const back = await later.get(await throughProvider(later, 'plain', login));
    assert.equal(back.headers.location, '/en/sign-in/verification');
    assert.equal((await later.get('/en/account')).statusCode, 302);
  });

  test('out of sequence: the second step of a link without a password first goes back to the first-time page', async () => {
    const login = unique('dora');
    idp.accounts.set(login, {});
    const c = new Client(t.app);
    await c.get(await throughProvider(c, 'plain', login));
    assert.equal((await c.get('/en/sign-in/provider/verification')).headers.location, '/en/sign-in/provider');
    assert.equal((await c.get('/en/sign-in/provider/email')).headers.location, '/en/sign-in/provider');
    assert.equal((await new Client(t.app).get('/en/sign-in/provider')).headers.location, '/en/sign-in', 'no journey: sign in');
  });
});

describe('the answer from the provider is checked', () => {
  test('a tampered state is refused and ends the journey; nothing is created', async () => {
    const login = unique('eve');
    idp.accounts.set(login, { email: `${login}@example.ca`, email_verified: true });
    const c = new Client(t.app);
    const callback = new URL(await throughProvider(c, 'plain', login), PORTAL);
    callback.searchParams.set('state', 'forged-state');
    const res = await c.get(callback.pathname + callback.search);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /did not work/);
    assert.equal((await c.get('/en/sign-in/provider')).headers.location, '/en/sign-in');
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.email, `${login}@example.ca`))).length, 0);
    const [failure] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'provider_sign_in_failed'));
    assert.ok(failure);
  });

  test('a replayed callback (same code) fails and changes nothing', async () => {
    const owner = await existing();
    const login = unique('frank');
    idp.accounts.set(login, {});
    const c = new Client(t.app);
    const callback = await throughProvider(c, 'plain', login);
    await c.get(callback);
    await c.get('/en/sign-in/provider');
    await c.post('/en/sign-in/provider/link', { accountEmail: owner.email, password });
    const sessionsBefore = await t.database.db.select().from(sessions).where(eq(sessions.accountId, owner.id));
    const eventsBefore = await events(owner.id);

    const replay = await c.get(callback);
    assert.equal(replay.statusCode, 400);
    const thief = new Client(t.app);
    thief.cookies = new Map(c.cookies);
    assert.equal((await thief.get(callback)).statusCode, 400, 'even with the journey cookie');
    assert.deepEqual(await t.database.db.select().from(sessions).where(eq(sessions.accountId, owner.id)), sessionsBefore);
    assert.deepEqual(await events(owner.id), eventsBefore);
  });

  test('an ID token with another nonce is refused', async () => {
    const login = unique('gina');
    idp.accounts.set(login, { email: `${login}@example.ca`, email_verified: true });
    const c = new Client(t.app);
    // The provider signs whatever nonce it was sent: send it another one than the portal chose.
    const callback = await throughProvider(c, 'plain', login, { tamper: (url) => url.searchParams.set('nonce', 'another-nonce') });
    const res = await c.get(callback);
    assert.equal(res.statusCode, 400);
    assert.equal((await c.get('/en/sign-in/provider')).headers.location, '/en/sign-in');
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.email, `${login}@example.ca`))).length, 0);
    const [failure] = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'provider_sign_in_failed')).orderBy(auditEvents.id)).slice(-1);
    assert.deepEqual(failure?.details, { provider: 'plain', reason: 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' }, 'the nonce claim did not match');
  });

  test('a callback without the journey cookie (another browser) is refused', async () => {
    const login = unique('hugo');
    idp.accounts.set(login, {});
    const c = new Client(t.app);
    const callback = await throughProvider(c, 'plain', login);
    assert.equal((await new Client(t.app).get(callback)).statusCode, 400);
  });
});

describe('a provider that gives no email', () => {
  test('the person gives one and proves it from the same browser before the account exists; trusted: no second step', async () => {
    const login = unique('anon');
    idp.accounts.set(login, {});
    const c = new Client(t.app);
    const back = await c.get(await throughProvider(c, 'gov', login, { locale: 'fr' }));
    assert.equal(back.headers.location, '/fr/connexion/fournisseur');
    const page = await c.get('/fr/connexion/fournisseur');
    assert.match(page.body, /ne nous a pas transmis d’adresse/);
    const email = `${login}@example.ca`;
    const sent = await c.post('/fr/connexion/fournisseur/courriel', { email, givenName: 'Anne', familyName: 'Nyme' });
    assert.equal(sent.headers.location, '/fr/connexion/fournisseur/courriel');
    assert.match((await c.get('/fr/connexion/fournisseur/courriel')).body, /Vérifiez vos courriels/);
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.email, email))).length, 0, 'no account before the proof');
    assert.equal((await c.get('/fr/connexion/fournisseur')).headers.location, '/fr/connexion/fournisseur/courriel', 'out of sequence');

    const [mail] = await mailsTo(email);
    assert.equal(mail?.template, 'providerVerify');
    const link = new URL(/https?:\/\/\S+token=\S+/.exec(mail?.textBody ?? '')?.[0] ?? '');
    assert.equal((await new Client(t.app).get(link.pathname + link.search)).statusCode, 400, 'another browser cannot use the link');
    const confirm = await c.get(link.pathname + link.search);
    assert.equal(confirm.statusCode, 200);
    const done = await c.post('/fr/connexion/fournisseur/confirmer-courriel', { token: link.searchParams.get('token') ?? '' });
    assert.equal(done.statusCode, 303, done.body);
    assert.equal(done.headers.location, '/fr/tableau-de-bord');
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    assert.ok(account?.emailVerifiedAt);
    assert.equal(account?.givenName, 'Anne');
    const [session] = await t.database.db.select().from(sessions).where(eq(sessions.accountId, account!.id));
    assert.equal(session?.stage, 'complete');
    assert.ok(session?.secondFactorAt, 'the trusted provider counts as the second factor');
    await c.get('/fr/compte'); // a new session: the form token comes from a page of it
    const again = await c.post('/fr/connexion/fournisseur/confirmer-courriel', { token: link.searchParams.get('token') ?? '' });
    assert.equal(again.statusCode, 400, 'the link works once');
  });

  test('an email the provider did not verify counts as none: the person proves one', async () => {
    const owner = await existing();
    const login = unique('unverified');
    idp.accounts.set(login, { email: owner.email, email_verified: false });
    const c = new Client(t.app);
    await c.get(await throughProvider(c, 'plain', login));
    const page = await c.get('/en/sign-in/provider');
    assert.match(page.body, /did not give us a confirmed email address/);
    assert.doesNotMatch(page.body, /An account already uses/, 'an unverified claim says nothing about the account');
    assert.equal((await c.post('/en/sign-in/provider/new-account', { givenName: 'A', familyName: 'B' })).headers.location, '/en/sign-in/provider');
    assert.equal((await identitiesOf(owner.id)).length, 0);
  });

  test('an email that belongs to an account: the same answer, its owner is told, nothing is created', async () => {
    const owner = await existing();
    const login = unique('anon');
    idp.accounts.set(login, {});
    const c = new Client(t.app);
    await c.get(await throughProvider(c, 'gov', login));
    await c.get('/en/sign-in/provider');
    const sent = await c.post('/en/sign-in/provider/email', { email: owner.email, givenName: 'A', familyName: 'B' });
    assert.equal(sent.headers.location, '/en/sign-in/provider/email');
    const mails = await mailsTo(owner.email);
    assert.deepEqual(mails.map((m) => m.template), ['exists']);
    assert.equal((await identitiesOf(owner.id)).length, 0);
    assert.ok((await events(owner.id)).includes('provider_email_sent'));
    const confirm = await c.post('/en/sign-in/provider/confirm-email', { token: 'guessed-token' });
    assert.equal(confirm.statusCode, 400);
  });
});

describe('trusted and untrusted providers and the two-factor policy', () => {
  test('a trusted provider completes the sign-in of an account with a second factor; an untrusted one asks for it', async () => {
    const owner = await existing();
    const key = await addAuthenticatorApp(t, owner.id);
    const login = unique('ivan');
    idp.accounts.set(login, {});
    // Link the government identity with the password and the app.
    const c = new Client(t.app);
    await c.get(await throughProvider(c, 'gov', login));
    await c.get('/en/sign-in/provider');
    await c.post('/en/sign-in/provider/link', { accountEmail: owner.email, password });
    await c.get('/en/sign-in/provider/verification');
    await c.post('/en/sign-in/provider/verification', { method: 'authenticator_app', code: codeAt(key, t.clock.now()) });
    t.clock.advance(30_000);
    assert.equal((await identitiesOf(owner.id)).length, 1);

    const d = new Client(t.app);
    const back = await d.get(await throughProvider(d, 'gov', login));
    assert.equal(back.headers.location, '/en/dashboard');
    const [event] = (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, owner.id), eq(auditEvents.event, 'provider_sign_in'))).orderBy(auditEvents.id)).slice(-1);
    assert.deepEqual(event?.details, { provider: 'gov', stage: 'complete', secondFactorDone: true });
  });

  test('staff who must use a second factor and have none are taken to enrolment after an untrusted provider', async () => {
    const staff = await existing({ staff: true });
    const login = unique('judy');
    idp.accounts.set(login, {});
    await t.database.db.insert(linkedIdentities).values({ accountId: staff.id, providerId: (await providerId('plain'))!, subject: login, linkedAt: t.clock.now() });
    const c = new Client(t.app);
    const back = await c.get(await throughProvider(c, 'plain', login));
    assert.equal(back.headers.location, '/en/account/two-step-verification');
  });
});

async function providerId(slug: string) {
  const [p] = await t.database.db.select().from(identityProviders).where(eq(identityProviders.slug, slug));
  return p?.id;
}

describe('ways to sign in, from the account', () => {
  test('linking from the account page needs a recent confirmation, then goes through the provider', async () => {
    const owner = await existing();
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    await c.post('/en/sign-in', { email: owner.email, password });
    t.clock.advance(11 * 60 * 1000);
    await c.get('/en/account/ways-to-sign-in');
    const stale = await c.post('/en/account/ways-to-sign-in/plain/link', {});
    assert.match(String(stale.headers.location), /^\/en\/account\/confirm-identity\?return=/);
    await c.get(String(stale.headers.location));
    await c.post(String(stale.headers.location), { password });
    await c.get('/en/account/ways-to-sign-in');
    const start = await c.post('/en/account/ways-to-sign-in/plain/link', {});
    assert.equal(new URL(String(start.headers.location)).origin, idp.issuer);
    const login = unique('kim');
    idp.accounts.set(login, { email: `${login}@example.ca`, email_verified: true });
    const back = await idp.signIn(String(start.headers.location), login, PORTAL);
    const res = await c.get(back.pathname + back.search);
    assert.equal(res.headers.location, '/en/account/ways-to-sign-in?notice=linked');
    assert.equal((await identitiesOf(owner.id)).length, 1);
  });

  test('an identity linked to another account is not linked again', async () => {
    const first = await existing();
    const second = await existing();
    const login = unique('lea');
    idp.accounts.set(login, {});
    await t.database.db.insert(linkedIdentities).values({ accountId: first.id, providerId: (await providerId('plain'))!, subject: login, linkedAt: t.clock.now() });
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    await c.post('/en/sign-in', { email: second.email, password });
    await c.get('/en/account/ways-to-sign-in');
    const start = await c.post('/en/account/ways-to-sign-in/plain/link', {});
    const back = await idp.signIn(String(start.headers.location), login, PORTAL);
    assert.equal((await c.get(back.pathname + back.search)).headers.location, '/en/account/ways-to-sign-in?notice=linkedElsewhere');
    assert.equal((await identitiesOf(second.id)).length, 0);
  });

  test('unlink: refused for the last way in (no password, no other provider), allowed when another remains', async () => {
    const login = unique('max');
    const email = `${login}@example.ca`;
    idp.accounts.set(login, { email, email_verified: true, given_name: 'Max', family_name: 'Only' });
    const c = new Client(t.app);
    await c.get(await throughProvider(c, 'plain', login));
    await c.get('/en/sign-in/provider');
    await c.post('/en/sign-in/provider/new-account', { givenName: 'Max', familyName: 'Only' });
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    const [only] = await identitiesOf(account!.id);
    await c.get('/en/account/ways-to-sign-in');
    const refused = await c.post(`/en/account/ways-to-sign-in/identities/${only!.id}/unlink`, {});
    assert.equal(refused.headers.location, '/en/account/ways-to-sign-in?notice=lastWayIn');
    assert.equal((await identitiesOf(account!.id)).length, 1);

    // A second provider, linked from the account page (the provider sign-in is recent: no step-up needed).
    const start = await c.post('/en/account/ways-to-sign-in/gov/link', {});
    const back = await idp.signIn(String(start.headers.location), unique('max-gov'), PORTAL);
    assert.equal((await c.get(back.pathname + back.search)).headers.location, '/en/account/ways-to-sign-in?notice=linked');
    await c.get('/en/account/ways-to-sign-in');
    const unlinked = await c.post(`/en/account/ways-to-sign-in/identities/${only!.id}/unlink`, {});
    assert.equal(unlinked.headers.location, '/en/account/ways-to-sign-in?notice=unlinked');
    assert.equal((await identitiesOf(account!.id)).length, 1);
    assert.ok((await events(account!.id)).includes('provider_unlinked'));
    assert.ok((await mailsTo(email)).some((m) => m.template === 'providerUnlinked'));
  });
});

describe('edges of the journey', () => {
  test('an account whose only second factor is a security key links after the key signs', async () => {
    const owner = await existing();
    const authenticator = new SoftAuthenticator(PORTAL);
    const setUp = new Client(t.app);
    await setUp.get('/en/sign-in');
    await setUp.post('/en/sign-in', { email: owner.email, password });
    await setUp.get('/en/account/security-keys');
    const creation = (await setUp.get('/en/account/security-keys/options')).json<PublicKeyCredentialCreationOptionsJSON>();
    assert.equal((await setUp.post('/en/account/security-keys', { name: 'Blue', credential: JSON.stringify(authenticator.create(creation)) })).statusCode, 303, 'to the recovery codes, shown once');

    const login = unique('nina');
    idp.accounts.set(login, {});
    const c = new Client(t.app);
    await c.get(await throughProvider(c, 'plain', login));
    await c.get('/en/sign-in/provider');
    await c.post('/en/sign-in/provider/link', { accountEmail: owner.email, password });
    const step = await c.get('/en/sign-in/provider/verification');
    assert.equal(step.headers.location, '/en/sign-in/provider/verification?with=security-key', 'a key and no app: the key is asked for');
    assert.equal((await c.get('/en/sign-in/provider/verification?with=security-key')).statusCode, 200);
    const options = (await c.get('/en/security-key/challenge')).json<PublicKeyCredentialRequestOptionsJSON>();
    const done = await c.post('/en/sign-in/provider/verification?with=security-key', { credential: JSON.stringify(authenticator.get(options)) });
    assert.equal(done.headers.location, '/en/account/ways-to-sign-in?notice=linked');
    assert.equal((await identitiesOf(owner.id)).length, 1);
  });

  test('a journey left more than 30 minutes on the first-time page is over', async () => {
    const login = unique('olga');
    idp.accounts.set(login, { email: `${login}@example.ca`, email_verified: true });
    const c = new Client(t.app);
    await c.get(await throughProvider(c, 'plain', login));
    assert.equal((await c.get('/en/sign-in/provider')).statusCode, 200);
    t.clock.advance(31 * 60 * 1000);
    assert.equal((await c.get('/en/sign-in/provider')).headers.location, '/en/sign-in');
    const late = await c.post('/en/sign-in/provider/new-account', { givenName: 'O', familyName: 'L' });
    assert.equal(late.headers.location, '/en/sign-in');
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.email, `${login}@example.ca`))).length, 0);
  });

  test('a locked account stays locked through a provider, and the refusal is audited', async () => {
    const owner = await existing();
    const login = unique('pia');
    idp.accounts.set(login, {});
    await t.database.db.insert(linkedIdentities).values({ accountId: owner.id, providerId: (await providerId('plain'))!, subject: login, linkedAt: t.clock.now() });
    await t.database.db.update(accounts).set({ lockedAt: t.clock.now() }).where(eq(accounts.id, owner.id));
    const c = new Client(t.app);
    const res = await c.get(await throughProvider(c, 'plain', login));
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Your account is locked/);
    assert.equal((await t.database.db.select().from(sessions).where(eq(sessions.accountId, owner.id))).length, 0);
    assert.ok((await events(owner.id)).includes('sign_in_blocked'));
  });
});

describe('confirming a sensitive action at the provider', () => {
  test('an account without password confirms by signing in again at its linked provider, then links another', async () => {
    const login = unique('quinn');
    const email = `${login}@example.ca`;
    idp.accounts.set(login, { email, email_verified: true, given_name: 'Quinn', family_name: 'Only' });
    const c = new Client(t.app);
    await c.get(await throughProvider(c, 'plain', login));
    await c.get('/en/sign-in/provider');
    await c.post('/en/sign-in/provider/new-account', { givenName: 'Quinn', familyName: 'Only' });
    t.clock.advance(11 * 60 * 1000);

    await c.get('/en/account/ways-to-sign-in');
    const stale = await c.post('/en/account/ways-to-sign-in/gov/link', {});
    const confirmPage = String(stale.headers.location);
    assert.match(confirmPage, /^\/en\/account\/confirm-identity\?return=/);
    const page = await c.get(confirmPage);
    assert.doesNotMatch(page.body, /name="password"/, 'no password to ask for');
    const action = /action="(\/en\/account\/confirm-identity\/with\/plain\?return=[^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
    assert.ok(action, 'a button to confirm with the linked provider');
    assert.match(String(page.headers['content-security-policy']), new RegExp(`form-action 'self' ${idp.issuer}`));

    // Another person's identity at the same provider does not confirm this account.
    const other = unique('someone-else');
    idp.accounts.set(other, {});
    const wrong = await c.post(action, {});
    const wrongBack = await idp.signIn(String(wrong.headers.location), other, PORTAL);
    assert.equal((await c.get(wrongBack.pathname + wrongBack.search)).statusCode, 400);

    const start = await c.post(action, {});
    const request = new URL(String(start.headers.location));
    assert.equal(request.searchParams.get('prompt'), 'login');
    assert.equal(request.searchParams.get('max_age'), '0');
    const back = await idp.signIn(request.toString(), login, PORTAL);
    const confirmed = await c.get(back.pathname + back.search);
    assert.equal(confirmed.headers.location, '/en/account/ways-to-sign-in');
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    const [stepUp] = (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, account!.id), eq(auditEvents.event, 'step_up'))));
    assert.deepEqual(stepUp?.details, { method: 'provider', provider: 'plain', secondFactorDone: false });

    await c.get('/en/account/ways-to-sign-in');
    const link = await c.post('/en/account/ways-to-sign-in/gov/link', {});
    assert.equal(new URL(String(link.headers.location)).origin, idp.issuer, 'confirmed: the link goes ahead');
  });
});

test('a provider that cannot be reached: a translated error, no journey', async () => {
  await addIdentityProvider(t.database.db, createSealer(t.config, 'identity-provider'), {
    authorityId: t.authorityId,
    slug: 'down',
    name: { fr: 'En panne', en: 'Down' },
    issuer: 'http://127.0.0.1:9',
    clientId: 'x',
    clientSecret: 'y',
  });
  const c = new Client(t.app);
  await c.get('/fr/connexion');
  const res = await c.post('/fr/connexion/avec/down', {});
  assert.equal(res.statusCode, 502);
  assert.match(res.body, /Le fournisseur ne répond pas/);
  assert.equal(c.cookies.has('guichet_oidc'), false);
  assert.equal((await c.post('/fr/connexion/avec/nobody', {})).statusCode, 404);
});

// Last in the file: it adds a second authority, and the other tests rely on a single one.
describe('within a portal', () => {
  test('signing in through a provider at another portal records the relation; an account the provider creates signs up there', async () => {
    const other = await buildAuthority(t.database.db, { name: { fr: 'Office des fournisseurs', en: 'Providers Office' } });
    const relationsOf = async (accountId: string) =>
      (await t.database.db.select().from(authorityPeople).where(eq(authorityPeople.accountId, accountId))).map((r) => `${r.authorityId === other.id ? 'other' : 'home'}:${r.firstAct}`).sort();

    // A known identity, signing in at the other portal.
    const login = unique('portal');
    const email = `${login}@example.ca`;
    idp.accounts.set(login, { email, email_verified: true, given_name: 'Pia', family_name: 'Portail', locale: 'en' });
    const first = new Client(t.app);
    await first.get(await throughProvider(first, 'plain', login));
    assert.equal((await first.post('/en/sign-in/provider/new-account', { givenName: 'Pia', familyName: 'Portail' })).statusCode, 303);
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    assert.ok(account);
    assert.deepEqual(await relationsOf(account.id), ['home:sign_up'], 'in no portal: the provider’s authority');
    const c = new Client(t.app);
    await c.get(`/en/${other.slug}`);
    const back = await c.get(await throughProvider(c, 'plain', login));
    assert.equal(back.headers.location, '/en/dashboard');
    assert.deepEqual(await relationsOf(account.id), ['home:sign_up', 'other:sign_in']);

    // A new identity, first seen at the other portal: the account signs up with it.
    const newcomer = unique('portal');
    idp.accounts.set(newcomer, { email: `${newcomer}@example.ca`, email_verified: true, given_name: 'Noé', family_name: 'Neuf', locale: 'en' });
    const d = new Client(t.app);
    await d.get(`/en/${other.slug}`);
    await d.get(await throughProvider(d, 'plain', newcomer));
    assert.equal((await d.post('/en/sign-in/provider/new-account', { givenName: 'Noé', familyName: 'Neuf' })).statusCode, 303);
    const [created] = await t.database.db.select().from(accounts).where(eq(accounts.email, `${newcomer}@example.ca`));
    assert.ok(created);
    assert.equal(created.authorityId, other.id);
    assert.deepEqual(await relationsOf(created.id), ['other:sign_up']);
  });
});
