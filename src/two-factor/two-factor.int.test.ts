import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { authorities, createAuthority } from '../authorities/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { codeAt } from './totp.ts';
import { accounts, sessions } from '../identity/index.ts';
import { auditEvents } from '../audit/index.ts';
import { mailMessages } from '../mail/index.ts';
import { authenticatorApps, recoveryCodes } from './schema.ts';
import { buildAccount } from '../../test/support/factories.ts';

const password = 'lune verte sur le fleuve 42';
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

let n = 0;
async function person(options: { staff?: boolean; authorityId?: string } = {}) {
  n += 1;
  const email = `person${n}@example.ca`;
  const account = await buildAccount(t.database.db, options.authorityId ?? t.authorityId, { email,
    givenName: 'Person',
    familyName: String(n),
    preferredLanguage: 'en',
    password,
    roles: options.staff ? ['staff'] : [],
  });
  return { id: account.id, email };
}

async function signIn(c: Client, email: string) {
  await c.get('/en/sign-in');
  return c.post('/en/sign-in', { email, password });
}

const events = async (subjectId: string) =>
  (await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(auditEvents.id)).map((e) => e.event);
const mails = async (to: string) => (await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, to))).map((m) => m.template);

/** Enrols the app from the account pages as a person would, reading the key off the page. */
async function enrolApp(c: Client) {
  const page = await c.get('/en/account/two-step-verification/app');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<img src="data:image\/svg\+xml;base64,[^"]+" width="220" height="220" alt="QR code/);
  const key = /<code class="guichet-key">([A-Z2-7 ]+)<\/code>/.exec(page.body)?.[1]?.replace(/ /g, '');
  assert.ok(key);
  const wrong = await c.post('/en/account/two-step-verification/app', { code: '000000' === codeAt(key, t.clock.now()) ? '111111' : '000000' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /This code does not work/);
  const posted = await c.post('/en/account/two-step-verification/app', { code: codeAt(key, t.clock.now()) });
  t.clock.advance(30_000);
  const done = posted.statusCode === 303 && posted.headers.location === '/en/account/two-step-verification/recovery-codes' ? await c.follow(posted) : posted;
  return { key, done, posted };
}

describe('authenticator app', () => {
  test('enrolment shows a QR code and key, confirms with a code, shows 10 recovery codes once; the key is sealed at rest', async () => {
    const { id, email } = await person();
    const c = new Client(t.app);
    assert.equal((await signIn(c, email)).headers.location, '/en/dashboard', 'no factor, not required: signed in');
    const { key, done, posted } = await enrolApp(c);
    assert.equal(posted.statusCode, 303, 'the codes are shown by the GET it redirects to');
    assert.equal(done.statusCode, 200);
    const codes = [...done.body.matchAll(/<li><code>([0-9A-Z-]+)<\/code><\/li>/g)].map((m) => m[1]);
    assert.equal(codes.length, 10);
    assert.match(done.body, /download="guichet-recovery-codes.txt"/);
    const file = Buffer.from(/data:text\/plain;charset=utf-8;base64,([^"]+)"/.exec(done.body)?.[1] ?? '', 'base64').toString();
    assert.match(file, /codes de récupération \/ recovery codes/);
    for (const code of codes) assert.ok(file.includes(code ?? '?'));

    const [stored] = await t.database.db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, id));
    assert.ok(stored?.sealedKey && !stored.sealedKey.includes(key), 'the key is sealed');
    const hashes = await t.database.db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, id));
    assert.equal(hashes.length, 10);
    assert.ok(hashes.every((h) => h.codeHash.startsWith('$argon2id$') && !codes.some((code) => h.codeHash.includes(code ?? '?'))));
    assert.deepEqual((await mails(email)).filter((m) => m === 'factorAdded'), ['factorAdded']);
    assert.ok((await events(id)).includes('authenticator_app_added'));
    assert.ok((await events(id)).includes('recovery_codes_generated'));
  });

  test('sign-in then asks for a code; a code works once; one step of drift is accepted', async () => {
    const { id, email } = await person();
    const key = await addAuthenticatorApp(t, id);
    const c = new Client(t.app);
    const first = await signIn(c, email);
    assert.equal(first.headers.location, '/en/sign-in/verification');
    assert.equal((await c.get('/en/account')).statusCode, 302, 'not signed in before the second step');
    const code = codeAt(key, t.clock.now());
    await c.get('/en/sign-in/verification');
    assert.equal((await c.post('/en/sign-in/verification', { method: 'authenticator_app', code })).headers.location, '/en/dashboard');
    assert.equal((await c.get('/en/account')).statusCode, 200);

    const replay = new Client(t.app);
    await signIn(replay, email);
    await replay.get('/en/sign-in/verification');
    const again = await replay.post('/en/sign-in/verification', { method: 'authenticator_app', code });
    assert.equal(again.statusCode, 401, 'the same code is refused a second time');

    t.clock.advance(30_000);
    const drift = await replay.post('/en/sign-in/verification', { method: 'authenticator_app', code: codeAt(key, new Date(t.clock.now().getTime() - 30_000)) });
    assert.equal(drift.statusCode, 401, 'the previous step, already used, stays refused');
    const late = await replay.post('/en/sign-in/verification', { method: 'authenticator_app', code: codeAt(key, new Date(t.clock.now().getTime() + 30_000)) });
    assert.equal(late.headers.location, '/en/dashboard', 'the next step is accepted (clock drift)');
    t.clock.advance(60_000);
  });

  test('5 wrong codes lock the second step, end the sessions, and the right code then fails until staff unlock', async () => {
    const { id, email } = await person();
    const key = await addAuthenticatorApp(t, id);
    const c = new Client(t.app);
    await signIn(c, email);
    await c.get('/en/sign-in/verification');
    const wrong = codeAt(key, t.clock.now()) === '123456' ? '654321' : '123456';
    const answers = await Promise.all(Array.from({ length: 8 }, () => c.post('/en/sign-in/verification', { method: 'authenticator_app', code: wrong })));
    assert.ok(answers.some((a) => a.statusCode === 403));
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.id, id));
    assert.equal(account?.failedSecondFactors, 5, 'exactly 5 counted');
    assert.ok(account?.secondFactorLockedAt);
    assert.equal((await t.database.db.select().from(sessions).where(eq(sessions.accountId, id))).length, 0);
    assert.ok((await events(id)).includes('second_factor_locked'));
    const [lockMail] = await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, email), eq(mailMessages.template, 'secondFactorLocked')));
    assert.match(lockMail?.textBody ?? '', /second step is locked[\s\S]*\/en\/sign-in\/verification-help/, 'the mail says what is locked and where to ask for help');
    assert.deepEqual(await mails(email), ['secondFactorLocked'], 'not the password lockout mail');

    const after = new Client(t.app);
    const locked = await signIn(after, email);
    assert.equal(locked.statusCode, 403);
    assert.match(locked.body, /Two-step verification locked/);

    const staff = await person({ staff: true });
    const staffKey = await addAuthenticatorApp(t, staff.id);
    const s = new Client(t.app);
    assert.equal((await signInWithApp(s, t, staff.email, password, staffKey)).statusCode, 303);
    await s.get(`/en/staff/accounts/${id}`);
    assert.equal((await s.post(`/en/staff/accounts/${id}/unlock`, {})).statusCode, 303);
    assert.equal((await signInWithApp(new Client(t.app), t, email, password, key)).headers.location, '/en/dashboard');
  });

  test('a password reset does not skip the second step', async () => {
    const { id, email } = await person();
    await addAuthenticatorApp(t, id);
    const c = new Client(t.app);
    await c.get('/en/forgot-password');
    await c.post('/en/forgot-password', { email });
    const [mail] = await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, email), eq(mailMessages.template, 'reset')));
    const token = new URL(/https?:\/\/\S+/.exec(mail?.textBody ?? '')?.[0] ?? 'http://x').searchParams.get('token') ?? '';
    const fresh = 'un autre mot de passe bien long 7';
    assert.equal((await c.post('/en/reset-password', { token, password: fresh, passwordConfirm: fresh })).statusCode, 303);
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email, password: fresh })).headers.location, '/en/sign-in/verification');
  });
});

describe('recovery codes', () => {
  test('a code replaces the second step once, is mailed about, and a new set voids the old one', async () => {
    const { email } = await person();
    const c = new Client(t.app);
    await signIn(c, email);
    const { done } = await enrolApp(c);
    const codes = [...done.body.matchAll(/<li><code>([0-9A-Z-]+)<\/code><\/li>/g)].map((m) => m[1] ?? '');

    const other = new Client(t.app);
    await signIn(other, email);
    await other.get('/en/sign-in/verification?with=recovery-code');
    const used = await other.post('/en/sign-in/verification', { method: 'recovery_code', code: codes[0]!.toLowerCase().replace(/-/g, ' ') });
    assert.equal(used.headers.location, '/en/dashboard');
    const [mail] = await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, email), eq(mailMessages.template, 'recoveryCodeUsed')));
    assert.match(mail?.textBody ?? '', /Codes left: 9/);
    assert.match((await other.get('/en/account/two-step-verification')).body, /You have 9 recovery codes left/);

    const third = new Client(t.app);
    await signIn(third, email);
    await third.get('/en/sign-in/verification');
    assert.equal((await third.post('/en/sign-in/verification', { method: 'recovery_code', code: codes[0]! })).statusCode, 401, 'used once only');

    // Regenerating is sensitive: after 10 minutes, the person confirms first.
    t.clock.advance(11 * 60_000);
    await other.get('/en/account/two-step-verification');
    const asked = await other.post('/en/account/two-step-verification/recovery-codes', {});
    assert.equal(asked.headers.location, `/en/account/confirm-identity?return=${encodeURIComponent('/en/account/two-step-verification')}`);
    await other.get(asked.headers.location as string);
    const confirmed = await other.post(asked.headers.location as string, { method: 'recovery_code', code: codes[1]! });
    assert.equal(confirmed.headers.location, '/en/account/two-step-verification');
    const regenerated = await other.post('/en/account/two-step-verification/recovery-codes', {});
    assert.equal(regenerated.statusCode, 303);
    const renewed = await other.follow(regenerated);
    assert.equal(renewed.statusCode, 200);
    assert.equal([...renewed.body.matchAll(/<li><code>/g)].length, 10);
    const refreshed = await other.get('/en/account/two-step-verification/recovery-codes');
    assert.equal([...refreshed.body.matchAll(/<li><code>/g)].length, 0, 'a refresh shows them no more');
    assert.match(refreshed.body, /Your recovery codes were shown once and are not shown again/);
    assert.match(refreshed.body, /href="\/en\/account\/two-step-verification"/, 'and says where to make new ones');
    assert.equal((await mails(email)).filter((m) => m === 'recoveryCodesRegenerated').length, 1, 'nor makes another set');
    assert.ok((await mails(email)).includes('recoveryCodesRegenerated'));

    const fourth = new Client(t.app);
    await signIn(fourth, email);
    await fourth.get('/en/sign-in/verification');
    assert.equal((await fourth.post('/en/sign-in/verification', { method: 'recovery_code', code: codes[2]! })).statusCode, 401, 'the old set is void');
  });
});

describe('policy and step-up', () => {
  test('staff without a factor reach only enrolment until they enrol', async () => {
    const staff = await person({ staff: true });
    const c = new Client(t.app);
    const first = await signIn(c, staff.email);
    assert.equal(first.headers.location, '/en/account/two-step-verification');
    const gated = await c.get('/en/staff/accounts');
    assert.equal(gated.statusCode, 303);
    assert.equal(gated.headers.location, '/en/account/two-step-verification');
    assert.equal((await c.get('/en/account')).headers.location, '/en/account/two-step-verification');
    assert.match((await c.get('/en/account/two-step-verification')).body, /Your role requires two-step verification. Set up a method to continue./);
    await enrolApp(c);
    assert.equal((await c.get('/en/staff/accounts')).statusCode, 200);
  });

  test('the last factor of someone who must use one cannot be removed', async () => {
    const staff = await person({ staff: true });
    const key = await addAuthenticatorApp(t, staff.id);
    const c = new Client(t.app);
    await signInWithApp(c, t, staff.email, password, key);
    const page = await c.get('/en/account/two-step-verification');
    assert.doesNotMatch(page.body, /app\/remove/, 'not offered');
    assert.match(page.body, /Your role requires two-step verification: add another method before removing this one\./, 'and the page says why');
    assert.equal((await c.get('/en/account/two-step-verification/app/remove')).headers.location, '/en/account/two-step-verification?notice=lastFactor');
    const refused = await c.post('/en/account/two-step-verification/app/remove', {});
    assert.equal(refused.headers.location, '/en/account/two-step-verification?notice=lastFactor');
    assert.equal((await t.database.db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, staff.id))).length, 1);
  });

  test('removing the app is confirmed on a page of its own that says what will happen', async () => {
    const { id, email } = await person();
    const key = await addAuthenticatorApp(t, id);
    const c = new Client(t.app);
    await signInWithApp(c, t, email, password, key);
    const page = await c.get('/en/account/two-step-verification');
    assert.match(page.body, /<a class="govuk-link" href="\/en\/account\/two-step-verification\/app\/remove">Remove the app<\/a>/);
    const confirm = await c.get('/en/account/two-step-verification/app/remove');
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<h1 class="govuk-heading-l">Remove the authenticator app<\/h1>/);
    assert.match(confirm.body, /It is your only two-step verification method: your recovery codes stop working too/);
    assert.match(confirm.body, /<a class="govuk-link" href="\/en\/account\/two-step-verification">Cancel and go back to two-step verification<\/a>/);
    assert.equal((await t.database.db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, id))).length, 1, 'looking changes nothing');
    assert.equal((await c.post('/en/account/two-step-verification/app/remove', {})).headers.location, '/en/account/two-step-verification?notice=appRemoved');
  });

  test('changing the password needs a second factor within 10 minutes', async () => {
    const { id, email } = await person();
    const key = await addAuthenticatorApp(t, id);
    const c = new Client(t.app);
    await signInWithApp(c, t, email, password, key);
    assert.equal((await c.get('/en/account/password')).statusCode, 200, 'fresh from sign-in');
    t.clock.advance(11 * 60_000);
    const asked = await c.get('/en/account/password');
    assert.equal(asked.headers.location, `/en/account/confirm-identity?return=${encodeURIComponent('/en/account/password')}`);
    await c.get(asked.headers.location as string);
    const back = await c.post(asked.headers.location as string, { method: 'authenticator_app', code: codeAt(key, t.clock.now()) });
    assert.equal(back.headers.location, '/en/account/password');
    assert.equal((await c.get('/en/account/password')).statusCode, 200);
    t.clock.advance(30_000);
  });
});

describe('lost every factor', () => {
  test('staff record how they checked identity and reset the factors; the account and its history stay', async () => {
    const { id, email } = await person();
    await addAuthenticatorApp(t, id);
    const c = new Client(t.app);
    await c.get('/en/sign-in/verification-help');
    const posted = await c.post('/en/sign-in/verification-help', { email, message: 'Phone lost, call me after 5 pm' });
    assert.equal(posted.statusCode, 303);
    const asked = await c.follow(posted);
    assert.match(asked.body, /If an account exists for this address/);
    const unknownPosted = await c.post('/en/sign-in/verification-help', { email: 'nobody@example.ca' });
    assert.equal(unknownPosted.headers.location, posted.headers.location, 'the same answer');
    const unknown = await c.follow(unknownPosted);
    assert.equal(unknown.body.replace(/value="[^"]*"/g, ''), asked.body.replace(/value="[^"]*"/g, ''), 'the same page');

    const elsewhere = await createAuthority(t.database.db, { slug: 'other-office', name: { fr: 'Autre office', en: 'Other office' } });
    const outsider = await person({ staff: true, authorityId: elsewhere.id });
    const outsiderKey = await addAuthenticatorApp(t, outsider.id);
    const o = new Client(t.app);
    await signInWithApp(o, t, outsider.email, password, outsiderKey);
    assert.doesNotMatch((await o.get('/en/staff/verification-help')).body, new RegExp(email));

    const staff = await person({ staff: true });
    const staffKey = await addAuthenticatorApp(t, staff.id);
    const s = new Client(t.app);
    await signInWithApp(s, t, staff.email, password, staffKey);
    const list = await s.get('/en/staff/verification-help');
    const requestPath = /href="(\/en\/staff\/verification-help\/[0-9a-f-]+)">/.exec(list.body)?.[1];
    assert.ok(requestPath);
    assert.equal((await o.get(requestPath)).statusCode, 404, 'staff of another authority cannot open it');
    const page = await s.get(requestPath);
    assert.match(page.body, /Phone lost, call me after 5 pm/);
    const incomplete = await s.post(requestPath, { action: 'reset', method: 'video_call_with_id', note: '' });
    assert.equal(incomplete.statusCode, 400);
    assert.equal((await t.database.db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, id))).length, 1, 'nothing changed');
    const reset = await s.post(requestPath, { action: 'reset', method: 'video_call_with_id', note: 'Driver licence matched on video' });
    assert.equal(reset.statusCode, 303);

    assert.equal((await t.database.db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, id))).length, 0);
    const [audit] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.event, 'factors_reset')));
    assert.equal(audit?.actorId, staff.id);
    assert.deepEqual({ method: audit?.details?.method, note: audit?.details?.note }, { method: 'video_call_with_id', note: 'Driver licence matched on video' });
    assert.ok((await mails(email)).includes('factorsReset'));
    assert.ok((await events(id)).includes('factor_recovery_requested'), 'history kept');
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.id, id))).length, 1, 'account kept');

    const back = new Client(t.app);
    assert.equal((await signIn(back, email)).headers.location, '/en/account/two-step-verification', 'must enrol again');
  });

  test('a control character in the help request answers the same for a known and an unknown email, and writes nothing; the staff note refuses one too', async () => {
    const { id, email } = await person();
    const c = new Client(t.app);
    await c.get('/en/sign-in/verification-help');
    const same = (body: string) => body.replace(/value="[^"]*"/g, '');
    for (const form of [{ message: 'Phone\u0000lost' }, { message: 'Phone lost\u001b[2J' }, { email: `${email}\u0000` }] as Record<string, string>[]) {
      const known = await c.post('/en/sign-in/verification-help', { email, ...form });
      const unknown = await c.post('/en/sign-in/verification-help', { email: 'nobody@example.ca', ...form });
      assert.equal(known.statusCode, 400, JSON.stringify(form));
      assert.equal(unknown.statusCode, known.statusCode);
      assert.equal(same(unknown.body), same(known.body), 'the same answer');
    }
    const refused = await c.post('/en/sign-in/verification-help', { email, message: 'Phone\u0000lost' });
    assert.match(refused.body, /Remove the invisible or control characters from this field/);
    assert.deepEqual(await events(id), [], 'no request recorded');
    const kept = await c.post('/en/sign-in/verification-help', { email, message: 'Phone lost.\r\n\tCall me after 5 pm' });
    assert.equal(kept.statusCode, 303, 'a textarea keeps its line breaks and tabs');

    const staff = await person({ staff: true });
    const s = new Client(t.app);
    await signInWithApp(s, t, staff.email, password, await addAuthenticatorApp(t, staff.id));
    const row = (await s.get('/en/staff/verification-help')).body.split('<tr').find((r) => r.includes(email)) ?? '';
    const requestPath = /href="(\/en\/staff\/verification-help\/[0-9a-f-]+)"/.exec(row)?.[1];
    assert.ok(requestPath);
    await s.get(requestPath);
    const note = await s.post(requestPath, { action: 'decline', method: 'video_call_with_id', note: 'Checked\u0000on video' });
    assert.equal(note.statusCode, 400);
    assert.match(note.body, /Remove the invisible or control characters from this field/);
  });
});

describe('the reminder to set up two-step verification', () => {
  const reminder = /Protect your account with two-step verification/;

  test('a registrant with no factor sees it after sign-in; "Not now" (a form, audited) keeps it away for 180 days', async () => {
    const { id, email } = await person();
    const c = new Client(t.app);
    assert.equal((await signIn(c, email)).headers.location, '/en/dashboard');
    const page = await c.get('/en/dashboard');
    assert.match(page.body, reminder);
    assert.match(page.body, /<a class="govuk-button" href="\/en\/account\/two-step-verification">Set up two-step verification<\/a>/);
    assert.match(page.body, /<form method="post" action="\/en\/account\/two-step-verification\/reminder"/);
    assert.match((await c.get('/fr/tableau-de-bord')).body, /Protégez votre compte avec la vérification en deux étapes/);

    assert.equal((await c.post('/en/account/two-step-verification/reminder', { _csrf: null })).statusCode, 403, 'CSRF checked');
    const dismissed = await c.post('/en/account/two-step-verification/reminder', {});
    assert.equal(dismissed.statusCode, 303);
    assert.equal(dismissed.headers.location, '/en/dashboard?notice=nudgeDismissed');
    const after = await c.get(dismissed.headers.location);
    assert.match(after.body, /Noted. We will remind you in 6 months./);
    assert.doesNotMatch(after.body, reminder);
    assert.match((await c.get('/en/account')).body, /Two-step verification reminder put off/, 'in the account’s security activity');
    const [row] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.event, 'second_factor_nudge_dismissed')));
    assert.deepEqual(row?.details, { remindAfter: new Date(t.clock.now().getTime() + 180 * 24 * 3600_000).toISOString() });
    assert.equal(row?.actorId, id);

    const later = new Client(t.app);
    await signIn(later, email);
    assert.doesNotMatch((await later.get('/en/dashboard')).body, reminder, 'not at the next sign-in either');
    t.clock.advance(180 * 24 * 3600_000);
    const months = new Client(t.app);
    await signIn(months, email);
    assert.match((await months.get('/en/dashboard')).body, reminder, 'back after 180 days');
  });

  test('not shown to someone with a factor, nor to someone who must have one; everyone sees why and where to set it up', async () => {
    const withApp = await person();
    const key = await addAuthenticatorApp(t, withApp.id);
    const c = new Client(t.app);
    assert.equal((await signInWithApp(c, t, withApp.email, password, key)).headers.location, '/en/dashboard');
    assert.doesNotMatch((await c.get('/en/dashboard')).body, reminder);
    const page = await c.get('/en/account');
    assert.match(page.body, /Two-step verification protects your account even if someone learns your password/);
    assert.match(page.body, /href="\/en\/account\/two-step-verification"/);
    assert.match(page.body, /href="\/en\/account\/security-keys"/);

    const staff = await person({ staff: true });
    const s = new Client(t.app);
    assert.equal((await signIn(s, staff.email)).headers.location, '/en/account/two-step-verification');
    assert.equal((await s.get('/en/account')).headers.location, '/en/account/two-step-verification', 'enrolment, not a reminder');
  });
});

describe('the audit log of a sign-in in two steps', () => {
  test('the password accepted is recorded as such; "signed in" only once the second step is passed', async () => {
    const p = await person();
    const key = await addAuthenticatorApp(t, p.id);
    const c = new Client(t.app);
    const first = await signIn(c, p.email);
    assert.equal(first.headers.location, '/en/sign-in/verification');
    assert.deepEqual(await events(p.id), ['password_accepted'], 'the password alone signs no one in');
    await c.get('/en/sign-in/verification');
    await c.post('/en/sign-in/verification', { method: 'authenticator_app', code: codeAt(key, t.clock.now()) });
    t.clock.advance(30_000);
    assert.deepEqual(await events(p.id), ['password_accepted', 'second_factor_passed', 'sign_in']);
    const [signedIn] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, p.id), eq(auditEvents.event, 'sign_in')));
    assert.deepEqual(signedIn?.details, { stage: 'complete', method: 'authenticator_app' });
  });

  test('a person without a second step is signed in by the password, recorded once', async () => {
    const p = await person();
    await signIn(new Client(t.app), p.email);
    assert.deepEqual(await events(p.id), ['sign_in']);
  });
});

describe('mail from signed-in pages', () => {
  test('sent in the name of the portal the person is in, else of the authority the session acts for; its link opens that portal', async () => {
    const portal = await createAuthority(t.database.db, { slug: 'factors-office', name: { fr: 'Office des facteurs', en: 'Factors Office' } });
    const [home] = await t.database.db.select().from(authorities).where(eq(authorities.id, t.authorityId));
    assert.ok(home);
    const added = async (email: string) => {
      const [mail] = await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, email), eq(mailMessages.template, 'factorAdded')));
      assert.ok(mail, 'mailed');
      return mail;
    };

    const inPortal = await person();
    const c = new Client(t.app);
    await c.get('/en/factors-office');
    await signIn(c, inPortal.email);
    await enrolApp(c);
    const mail = await added(inPortal.email);
    assert.equal(mail.fromName, 'Factors Office');
    assert.match(mail.textBody, /Factors Office/, 'signed with its name');
    assert.match(mail.textBody, /\/en\/account\/two-step-verification\?portal=factors-office/);
    assert.equal(portal.slug, 'factors-office');

    // No portal named (several authorities): the authority the session acts for, the account's own.
    const elsewhere = await person();
    const d = new Client(t.app);
    await signIn(d, elsewhere.email);
    await enrolApp(d);
    const own = await added(elsewhere.email);
    assert.equal(own.fromName, home.name.en);
    assert.match(own.textBody, new RegExp(`portal=${home.slug}`));
  });
});
