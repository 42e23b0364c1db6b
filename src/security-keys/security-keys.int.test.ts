import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { authorities } from '../authorities/index.ts';
import { sessions, tokenId } from '../identity/index.ts';
import { mailMessages } from '../mail/index.ts';
import { recoveryCodes } from '../two-factor/schema.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { SoftAuthenticator } from '../../test/support/authenticator.ts';
import { Client } from '../../test/support/client.ts';
import { securityKeys, webauthnChallenges } from './schema.ts';
import { CHALLENGE_TTL_MS } from './service.ts';
import { buildAccount } from '../../test/support/factories.ts';

const password = 'lune verte sur le fleuve 42';
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

let n = 0;
async function person(options: { staff?: boolean } = {}) {
  n += 1;
  const email = `keys${n}@example.ca`;
  const account = await buildAccount(t.database.db, t.authorityId, { email,
    givenName: 'Key',
    familyName: `Holder ${n}`,
    preferredLanguage: 'en',
    password,
    roles: options.staff ? ['staff'] : [],
  });
  return { ...account, email, authenticator: new SoftAuthenticator('http://localhost:3000') };
}
type Person = Awaited<ReturnType<typeof person>>;

const events = async (subjectId: string) =>
  (await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(auditEvents.id)).map((e) => e.event);
const mailsTo = (to: string) => t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, to));
const keysOf = (accountId: string) => t.database.db.select().from(securityKeys).where(eq(securityKeys.accountId, accountId));

async function signIn(c: Client, email: string) {
  await c.get('/en/sign-in');
  return c.post('/en/sign-in', { email, password });
}

/** Adds a key from the account's page as the browser script does: options, ceremony, form post. */
async function addKey(c: Client, who: Person, name: string) {
  assert.equal((await c.get('/en/account/security-keys')).statusCode, 200);
  const options = (await c.get('/en/account/security-keys/options')).json<PublicKeyCredentialCreationOptionsJSON>();
  return c.post('/en/account/security-keys', { name, credential: JSON.stringify(who.authenticator.create(options)) });
}

/** Answers the key page of the second step (at `page`) with a signature from the person's authenticator. */
async function answerWithKey(c: Client, who: Person, page: string, at: Parameters<SoftAuthenticator['get']>[1] = {}) {
  await c.get(page);
  const options = (await c.get('/en/security-key/challenge')).json<PublicKeyCredentialRequestOptionsJSON>();
  return c.post(page, { credential: JSON.stringify(who.authenticator.get(options, at)) });
}

describe('adding keys', () => {
  test('the first key is checked, kept, audited and mailed about, and comes with recovery codes; a second is added beside it', async () => {
    const who = await person();
    const c = new Client(t.app);
    await signIn(c, who.email);
    const firstPost = await addKey(c, who, 'Blue YubiKey');
    assert.equal(firstPost.statusCode, 303);
    assert.equal(firstPost.headers.location, '/en/account/two-step-verification/recovery-codes');
    const first = await c.follow(firstPost);
    assert.equal(first.statusCode, 200);
    assert.equal([...first.body.matchAll(/<li><code>([0-9A-Z-]+)<\/code><\/li>/g)].length, 10, 'recovery codes shown once');
    assert.equal((await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, who.id))).length, 10);

    const options = (await c.get('/en/account/security-keys/options')).json<PublicKeyCredentialCreationOptionsJSON>();
    const [kept] = await keysOf(who.id);
    assert.deepEqual(options.excludeCredentials?.map((k) => k.id), [kept?.credentialId], 'a key cannot be added twice');
    assert.equal(options.rp.id, 'localhost');
    assert.deepEqual(options.authenticatorSelection, { residentKey: 'preferred', userVerification: 'preferred', requireResidentKey: false });
    const second = await c.post('/en/account/security-keys', { name: '', credential: JSON.stringify(who.authenticator.create(options)) });
    assert.equal(second.headers.location, '/en/account/security-keys?notice=added');

    const keys = await keysOf(who.id);
    assert.deepEqual(keys.map((k) => k.name).sort(), ['Blue YubiKey', 'Security key 2']);
    assert.deepEqual(keys[0]?.transports, ['usb']);
    const list = await c.get('/en/account/security-keys?notice=added');
    assert.match(list.body, /The security key was added/);
    assert.match(list.body, /Blue YubiKey<\/th>.*?Never/s);
    assert.match(list.body, /<script type="module" src="\/assets\/security-keys.js"><\/script>/);
    assert.deepEqual((await events(who.id)).filter((e) => e === 'security_key_added'), ['security_key_added', 'security_key_added']);
    const added = (await mailsTo(who.email)).filter((m) => m.template === 'factorAdded');
    assert.equal(added.length, 2);
    assert.match(added[0]?.textBody ?? '', /security key “Blue YubiKey”/);
    assert.match(added[0]?.textBody ?? '', /http:\/\/localhost:3000\/en\/account\/security-keys/);
  });

  test('an answer to no challenge, to a used one, from another site or not JSON at all is refused and nothing is kept', async () => {
    const who = await person();
    const c = new Client(t.app);
    await signIn(c, who.email);
    await c.get('/en/account/security-keys');
    const options = (await c.get('/en/account/security-keys/options')).json<PublicKeyCredentialCreationOptionsJSON>();
    const elsewhere = await c.post('/en/account/security-keys', { name: 'Phished', credential: JSON.stringify(who.authenticator.create(options, { origin: 'https://guichet.example.net' })) });
    assert.equal(elsewhere.statusCode, 400);
    assert.match(elsewhere.body, /The key’s answer was not accepted/);
    const reused = await c.post('/en/account/security-keys', { name: 'Late', credential: JSON.stringify(who.authenticator.create(options)) });
    assert.equal(reused.statusCode, 400, 'the challenge went with the first answer');
    const garbage = await c.post('/en/account/security-keys', { name: 'Junk', credential: '{"id":' });
    assert.equal(garbage.statusCode, 400);
    const tooLong = await c.post('/en/account/security-keys', { name: 'x'.repeat(61), credential: '{}' });
    assert.match(tooLong.body, /Enter a name of at most 60 characters/);
    assert.equal((await keysOf(who.id)).length, 0);
    assert.ok(!(await events(who.id)).includes('security_key_added'));
  });
});

describe('signing in with a key', () => {
  test('the second step asks for the key; a signature passes once, moves the counter and the last use; a replay fails and is counted', async () => {
    const who = await person();
    const c = new Client(t.app);
    await signIn(c, who.email);
    await addKey(c, who, 'Office key');
    await c.post('/en/sign-out', {});

    const first = await signIn(c, who.email);
    assert.equal(first.headers.location, '/en/sign-in/verification');
    const asked = await c.get('/en/sign-in/verification');
    assert.equal(asked.headers.location, '/en/sign-in/verification/security-key', 'a key and no app: the key is asked for');
    const page = await c.get('/en/sign-in/verification/security-key');
    assert.match(page.body, /Use my security key/);
    assert.match(page.body, /href="\/en\/sign-in\/verification\?with=recovery-code"/);
    assert.equal((await c.get('/en/account')).statusCode, 302, 'not signed in yet');

    const options = (await c.get('/en/security-key/challenge')).json<PublicKeyCredentialRequestOptionsJSON>();
    assert.equal(options.userVerification, 'preferred');
    const answer = who.authenticator.get(options);
    const passed = await c.post('/en/sign-in/verification/security-key', { credential: JSON.stringify(answer) });
    assert.equal(passed.headers.location, '/en/dashboard');
    assert.equal((await c.get('/en/account')).statusCode, 200);
    const [key] = await keysOf(who.id);
    assert.equal(key?.counter, 1);
    assert.deepEqual(key?.lastUsedAt, t.clock.now());
    const [pass] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, who.id), eq(auditEvents.event, 'second_factor_passed')));
    assert.deepEqual(pass?.details, { method: 'security_key', sessionRenewed: true });

    await c.post('/en/sign-out', {});
    await signIn(c, who.email);
    await c.get('/en/sign-in/verification/security-key');
    await c.get('/en/security-key/challenge');
    const replay = await c.post('/en/sign-in/verification/security-key', { credential: JSON.stringify(answer) });
    assert.equal(replay.statusCode, 401);
    assert.match(replay.body, /This key was not accepted/);
    const [failed] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, who.id), eq(auditEvents.event, 'second_factor_failed')));
    assert.deepEqual(failed?.details, { method: 'security_key', count: 1 });
    const again = await answerWithKey(c, who, '/en/sign-in/verification/security-key');
    assert.equal(again.headers.location, '/en/dashboard');
  });

  test('5 refused answers lock the second step like wrong codes', async () => {
    const who = await person();
    const c = new Client(t.app);
    await signIn(c, who.email);
    await addKey(c, who, 'Key');
    await c.post('/en/sign-out', {});
    await signIn(c, who.email);
    let last;
    for (let i = 0; i < 5; i += 1) last = await answerWithKey(c, who, '/en/sign-in/verification/security-key', { origin: 'https://guichet.example.net' });
    assert.equal(last?.statusCode, 403);
    assert.match(last?.body ?? '', /Two-step verification locked/);
    assert.ok((await events(who.id)).includes('second_factor_locked'));
  });

  test('a sensitive action asks for the key again after 10 minutes and comes back', async () => {
    const who = await person();
    const c = new Client(t.app);
    await signIn(c, who.email);
    await addKey(c, who, 'Key');
    t.clock.advance(11 * 60_000);
    const asked = await c.get('/en/account/password');
    assert.equal(asked.headers.location, `/en/account/confirm-identity?return=${encodeURIComponent('/en/account/password')}`);
    const withKey = await c.get(asked.headers.location as string);
    const keyPage = `/en/account/confirm-identity/security-key?return=${encodeURIComponent('/en/account/password')}`;
    assert.equal(withKey.headers.location, keyPage);
    const back = await answerWithKey(c, who, keyPage);
    assert.equal(back.headers.location, '/en/account/password');
    assert.equal((await c.get('/en/account/password')).statusCode, 200);
  });
});

describe('the challenge and the counter', () => {
  const service = () => t.app.services.securityKeys;

  async function keyHolder() {
    const who = await person();
    const c = new Client(t.app);
    await signIn(c, who.email);
    await addKey(c, who, 'Key');
    const sessionId = tokenId(c.cookies.get('guichet_session') ?? '');
    return { who, sessionId };
  }

  test('a challenge is used once and lasts 5 minutes', async () => {
    const { who, sessionId } = await keyHolder();
    const keys = service();
    const stale = await keys.authenticationOptions(sessionId, who.id);
    assert.ok(stale);
    t.clock.advance(CHALLENGE_TTL_MS);
    assert.equal(await keys.verifyAuthentication(sessionId, who.id, JSON.stringify(who.authenticator.get(stale))), false, 'expired');
    const fresh = await keys.authenticationOptions(sessionId, who.id);
    assert.ok(fresh);
    const answer = JSON.stringify(who.authenticator.get(fresh));
    assert.equal(await keys.verifyAuthentication(sessionId, who.id, answer), true);
    assert.equal(await keys.verifyAuthentication(sessionId, who.id, answer), false, 'used');
    assert.equal((await t.database.db.select().from(webauthnChallenges).where(eq(webauthnChallenges.sessionId, sessionId))).length, 0);
  });

  test('a counter that does not go up is refused: the key may have been copied', async () => {
    const { who, sessionId } = await keyHolder();
    const keys = service();
    const one = await keys.authenticationOptions(sessionId, who.id);
    assert.ok(one);
    assert.equal(await keys.verifyAuthentication(sessionId, who.id, JSON.stringify(who.authenticator.get(one, { counter: 7 }))), true);
    const two = await keys.authenticationOptions(sessionId, who.id);
    assert.ok(two);
    assert.equal(await keys.verifyAuthentication(sessionId, who.id, JSON.stringify(who.authenticator.get(two, { counter: 7 }))), false);
    assert.equal((await keysOf(who.id))[0]?.counter, 7);
  });

  test("someone else's key does not answer for an account", async () => {
    const { who } = await keyHolder();
    const other = await keyHolder();
    const keys = service();
    const options = await keys.authenticationOptions(other.sessionId, other.who.id);
    assert.ok(options);
    const [mine] = await keysOf(who.id);
    const answer = who.authenticator.get({ ...options, allowCredentials: [{ id: mine?.credentialId ?? '', type: 'public-key' }] });
    assert.equal(await keys.verifyAuthentication(other.sessionId, other.who.id, JSON.stringify(answer)), false);
  });

  test('challenges go with their session', async () => {
    const { who, sessionId } = await keyHolder();
    await service().authenticationOptions(sessionId, who.id);
    await t.database.db.delete(sessions).where(eq(sessions.id, sessionId));
    assert.equal((await t.database.db.select().from(webauthnChallenges).where(eq(webauthnChallenges.sessionId, sessionId))).length, 0);
  });
});

describe('managing keys', () => {
  test('rename and remove one\'s own keys only; both audited, removal mailed; the last key takes the recovery codes', async () => {
    const who = await person();
    const c = new Client(t.app);
    await signIn(c, who.email);
    await addKey(c, who, 'Old name');
    const [key] = await keysOf(who.id);
    assert.ok(key);
    const keyPage = `/en/account/security-keys/${key.id}`;

    const intruder = new Client(t.app);
    await signIn(intruder, (await person()).email);
    await intruder.get('/en/account/security-keys');
    assert.equal((await intruder.get(keyPage)).statusCode, 404);
    assert.equal((await intruder.post(keyPage, { name: 'Mine now' })).statusCode, 404);
    assert.equal((await intruder.post(`${keyPage}/remove`, {})).statusCode, 404);
    assert.equal((await intruder.get('/en/account/security-keys/not-a-uuid')).statusCode, 404);

    assert.match((await c.get(keyPage)).body, /Security key “Old name”/);
    assert.equal((await c.post(keyPage, { name: '  ' })).statusCode, 400);
    const renamed = await c.post(keyPage, { name: 'Spare key' });
    assert.equal(renamed.headers.location, '/en/account/security-keys?notice=renamed');
    assert.equal((await keysOf(who.id))[0]?.name, 'Spare key');
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, who.id), eq(auditEvents.event, 'security_key_renamed')));
    assert.deepEqual(audit?.details, { keyId: key.id, from: 'Old name', to: 'Spare key' });

    const removed = await c.post(`${keyPage}/remove`, {});
    assert.equal(removed.headers.location, '/en/account/security-keys?notice=removed');
    assert.equal((await keysOf(who.id)).length, 0);
    assert.ok((await events(who.id)).includes('security_key_removed'));
    const gone = (await mailsTo(who.email)).filter((m) => m.template === 'factorRemoved');
    assert.match(gone[0]?.textBody ?? '', /security key “Spare key”/);
    assert.equal((await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, who.id))).length, 0);
  });

  test('staff keep their last key, and enrol with a key from the enrolment gate', async () => {
    const staff = await person({ staff: true });
    const c = new Client(t.app);
    assert.equal((await signIn(c, staff.email)).headers.location, '/en/account/two-step-verification');
    assert.match((await c.get('/en/account/two-step-verification')).body, /href="\/en\/account\/security-keys"/);
    const gated = await c.get('/en/staff/accounts');
    assert.equal(gated.headers.location, '/en/account/two-step-verification', 'enrolment first');
    const enrolled = await c.follow(await addKey(c, staff, 'Staff key'));
    assert.equal(enrolled.statusCode, 200);
    assert.match(enrolled.body, /<a class="govuk-button" href="\/en\/staff\/accounts">I have saved my codes<\/a>/, 'then on to where they were going');
    assert.equal((await c.get('/en/staff/accounts')).statusCode, 200, 'the key opened the gate');
    const [key] = await keysOf(staff.id);
    const page = await c.get(`/en/account/security-keys/${key?.id}`);
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /\/remove"/, 'removing the last key someone must keep is not offered');
    assert.match(page.body, /Your role requires two-step verification: add another method before removing this key\./, 'and the page says why');
    const refused = await c.post(`/en/account/security-keys/${key?.id}/remove`, {});
    assert.equal(refused.headers.location, '/en/account/security-keys?notice=lastFactor');
    assert.equal((await keysOf(staff.id)).length, 1);
    assert.ok(!(await events(staff.id)).includes('security_key_removed'));
  });
});

describe('the page without WebAuthn', () => {
  test('the form stays hidden behind what to do instead; the script and the library are served from this origin', async () => {
    const who = await person();
    const c = new Client(t.app);
    await signIn(c, who.email);
    const page = await c.get('/fr/compte/cles-de-securite');
    assert.match(page.body, /<noscript><div class="govuk-inset-text">L’ajout d’une clé de sécurité demande JavaScript/);
    assert.match(page.body, /<div class="govuk-inset-text" data-webauthn-unsupported="true" hidden>Ce navigateur ne peut pas utiliser de clé de sécurité/);
    assert.match(page.body, /<form method="post" action="\/fr\/compte\/cles-de-securite" novalidate hidden data-webauthn="register"/);
    const script = await c.get('/assets/security-keys.js');
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    assert.match(script.body, /from '\.\/webauthn\/index\.js'/);
    assert.equal((await c.get('/assets/webauthn/index.js')).statusCode, 200);
    assert.equal((await c.get('/assets/webauthn/methods/startRegistration.js')).statusCode, 200);
    assert.equal((await c.get('/assets/webauthn/index.d.ts')).statusCode, 404);
    assert.doesNotMatch(String(page.headers['content-security-policy']), /unsafe-inline/);
  });
});

describe('mail about keys', () => {
  test('a key added or removed is mailed in the name of the portal the person is in, with a link back to it', async () => {
    const [portal] = await t.database.db.select().from(authorities).where(eq(authorities.id, t.authorityId));
    assert.ok(portal);
    const who = await person();
    const c = new Client(t.app);
    await c.get(`/en/${portal.slug}`);
    await signIn(c, who.email);
    await addKey(c, who, 'Portal key');
    const [key] = await keysOf(who.id);
    assert.ok(key);
    await c.get(`/en/account/security-keys/${key.id}`);
    assert.equal((await c.post(`/en/account/security-keys/${key.id}/remove`, {})).statusCode, 303);
    const sent = (await mailsTo(who.email)).filter((m) => m.template === 'factorAdded' || m.template === 'factorRemoved');
    assert.deepEqual(sent.map((m) => m.template).sort(), ['factorAdded', 'factorRemoved']);
    for (const mail of sent) {
      assert.equal(mail.fromName, portal.name.en);
      assert.match(mail.textBody, new RegExp(portal.name.en), 'signed with its name');
      assert.match(mail.textBody, new RegExp(`/en/account/security-keys\\?portal=${portal.slug}`));
    }
  });
});
