import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, count, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { accounts, sessions } from './schema.ts';
import { auditEvents } from '../audit/index.ts';
import { mailMessages } from '../mail/index.ts';
import { buildAccount } from '../../test/support/factories.ts';

const password = 'lune verte sur le fleuve 42';
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const lastLink = async (to: string) => {
  const rows = await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, to));
  const last = rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1);
  const url = /https?:\/\/\S+/.exec(last?.textBody ?? '')?.[0];
  assert.ok(url, `no link mailed to ${to}`);
  const parsed = new URL(url);
  return { path: parsed.pathname + parsed.search, token: parsed.searchParams.get('token') ?? '', mail: last };
};
const events = async (subjectId: string, event: string) =>
  (await t.database.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.event, event))))[0]?.n;

describe('sign-up, verification, sign-in, sign-out', () => {
  test('a new account must confirm its email before signing in, then signs in and out', async () => {
    const c = new Client(t.app);
    await c.get('/en/sign-up');
    const email = 'Nadia.Roy@Example.ca';
    let res = await c.post('/en/sign-up', { email, givenName: 'Nadia', familyName: 'Roy', preferredLanguage: 'en', password, passwordConfirm: password });
    assert.equal(res.statusCode, 303, 'a success redirects: Back and refresh repeat nothing');
    assert.equal(res.headers.location, '/en/email-sent');
    res = await c.follow(res);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Check your email/);
    assert.match(res.body, /Nadia\.Roy@Example\.ca/, 'the address the link went to');
    assert.match(res.body, /<form method="post" action="\/en\/new-link"[\s\S]*?name="email" value="Nadia.Roy@Example.ca"[\s\S]*?Send the link again/, 'a way to resend');
    assert.match(res.body, /href="\/en\/sign-up\?correct=1"/, 'a way to correct the address');
    assert.equal((await c.get('/en/email-sent')).body.includes('Nadia.Roy@Example.ca'), true, 'refreshing shows the same page');
    const correcting = await c.get('/en/sign-up?correct=1');
    assert.match(correcting.body, /name="email" type="email" value="Nadia.Roy@Example.ca"/, 'the sign-up form filled again');
    assert.match(correcting.body, /name="givenName" type="text" value="Nadia"/);
    assert.doesNotMatch(correcting.body, /lune verte/, 'never the password');
    assert.doesNotMatch((await new Client(t.app).get('/en/email-sent')).body, /Nadia/, 'another browser sees no address');

    res = await c.post('/en/sign-in', { email: '  nadia.roy@example.CA ', password });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Confirm your email address/);

    const { path, token, mail } = await lastLink(email);
    assert.equal(mail?.language, 'en');
    assert.match(path, /^\/en\/confirm-email\?token=/);
    res = await c.get(path);
    assert.equal(res.statusCode, 200);
    res = await c.post('/en/confirm-email', { token });
    assert.equal(res.statusCode, 303);
    res = await c.post('/en/confirm-email', { token });
    assert.equal(res.statusCode, 200, 'a verification link works once');
    assert.match(res.body, /Your email address is already confirmed/);
    res = await c.get(path);
    assert.match(res.body, /Your email address is already confirmed/, 'the link opened again says so');
    assert.match(res.body, /href="\/en\/sign-in"[^>]*>Sign in</, 'and leads to sign-in');
    assert.doesNotMatch(res.body, /name="token"/, 'with nothing to confirm again');
    assert.equal((await c.get('/en/confirm-email?token=nonsense')).statusCode, 400, 'an unknown link is still refused');

    const before = c.cookies.get('guichet_session');
    res = await c.post('/en/sign-in', { email: 'NADIA.ROY@example.ca', password });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/en/dashboard');
    assert.match(String(res.headers['set-cookie']), /guichet_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    assert.notEqual(c.cookies.get('guichet_session'), before);
    res = await c.get('/en/account');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Nadia Roy/);
    assert.match(res.body, /href="\/fr\/compte"/, 'language link goes to the twin page');

    res = await c.post('/en/sign-out', {});
    assert.equal(res.statusCode, 303);
    res = await c.get('/en/account');
    assert.equal(res.statusCode, 302);
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    assert.ok(account);
    for (const event of ['sign_up', 'email_verified', 'sign_in', 'sign_out']) assert.equal(await events(account.id, event), 1, event);
  });

  test('a taken email gets the same answer, and its owner is told by mail', async () => {
    const email = 'taken@example.ca';
    await buildAccount(t.database.db, t.authorityId, { email, givenName: 'T', familyName: 'Aken', preferredLanguage: 'fr', password });
    const c = new Client(t.app);
    await c.get('/fr/inscription');
    const res = await c.follow(await c.post('/fr/inscription', { email: 'TAKEN@example.ca', givenName: 'X', familyName: 'Y', preferredLanguage: 'fr', password, passwordConfirm: password }));
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Vérifiez vos courriels/);
    const mails = await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email));
    assert.equal(mails.at(-1)?.template, 'exists');
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.email, email))).length, 1);
  });

  test('unknown email and wrong password get the same message', async () => {
    await buildAccount(t.database.db, t.authorityId, { email: 'same@example.ca', givenName: 'S', familyName: 'Ame', preferredLanguage: 'fr', password });
    const c = new Client(t.app);
    await c.get('/fr/connexion');
    const unknown = await c.post('/fr/connexion', { email: 'nobody@example.ca', password });
    const wrong = await c.post('/fr/connexion', { email: 'same@example.ca', password: 'wrong password here' });
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    const message = (body: string) => /govuk-error-summary__list">(.*?)<\/ul>/.exec(body)?.[1];
    assert.equal(message(unknown.body), message(wrong.body));
    assert.match(unknown.body, /<title>Erreur\u00a0: /);
  });
});

describe('lockout', () => {
  test('20 concurrent wrong passwords lock the account with exactly 5 counted failures; the right password then fails', async () => {
    const email = 'concurrent@example.ca';
    const account = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Con', familyName: 'Current', preferredLanguage: 'en', password });
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    const results = await Promise.all(Array.from({ length: 20 }, () => c.post('/en/sign-in', { email, password: 'definitely not it' })));
    assert.ok(results.every((r) => r.statusCode === 401 || r.statusCode === 403));
    assert.equal(await events(account.id, 'sign_in_failed'), 5);
    assert.equal(await events(account.id, 'account_locked'), 1);
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, account.id));
    assert.equal(row?.failedSignIns, 5);
    assert.ok(row?.lockedAt);
    const res = await c.post('/en/sign-in', { email, password });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Your account is locked/);
    assert.match(res.body, /5 incorrect passwords/);
  });

  test('a completed reset unlocks, ends every session, and the link works once', async () => {
    const email = 'reset@example.ca';
    const account = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Re', familyName: 'Set', preferredLanguage: 'fr', password });
    const other = new Client(t.app);
    await other.get('/fr/connexion');
    assert.equal((await other.post('/fr/connexion', { email, password })).statusCode, 303);
    const c = new Client(t.app);
    await c.get('/fr/connexion');
    for (let i = 0; i < 5; i++) await c.post('/fr/connexion', { email, password: 'mauvais mot de passe' });
    assert.match((await c.post('/fr/connexion', { email, password })).body, /verrouillé/);

    const unknown = await c.post('/fr/mot-de-passe-oublie', { email: 'nobody@example.ca' });
    const known = await c.post('/fr/mot-de-passe-oublie', { email });
    assert.equal(unknown.statusCode, known.statusCode);
    assert.equal(unknown.body.replace(/nobody@example.ca/g, ''), known.body.replace(/reset@example.ca/g, ''));

    const { path, token } = await lastLink(email);
    assert.match(path, /^\/fr\/reinitialiser\?token=/);
    assert.equal((await c.get(path)).statusCode, 200);
    const newPassword = 'un tout nouveau mot de passe';
    let res = await c.post('/fr/reinitialiser', { token, password: newPassword, passwordConfirm: newPassword });
    assert.equal(res.statusCode, 303);
    res = await c.post('/fr/reinitialiser', { token, password: newPassword, passwordConfirm: newPassword });
    assert.equal(res.statusCode, 400, 'single use');
    assert.equal((await other.get('/fr/compte')).statusCode, 302, 'the other session ended');
    res = await c.post('/fr/connexion', { email, password: newPassword });
    assert.equal(res.statusCode, 303);
    assert.equal(await events(account.id, 'account_unlocked'), 1);
    assert.equal(await events(account.id, 'password_reset_completed'), 1);
  });

  test('a reset link expires after one hour', async () => {
    const email = 'expire@example.ca';
    await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Ex', familyName: 'Pire', preferredLanguage: 'en', password });
    const c = new Client(t.app);
    await c.get('/en/forgot-password');
    await c.post('/en/forgot-password', { email });
    const { path } = await lastLink(email);
    t.clock.advance(61 * 60 * 1000);
    assert.equal((await c.get(path)).statusCode, 400);
  });

  test('staff find and unlock an account; registrants cannot reach staff pages', async () => {
    const email = 'locked.by.staff@example.ca';
    const target = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Élodie', familyName: 'Bérubé', preferredLanguage: 'fr', password });
    const staffMember = await buildAccount(t.database.db, t.authorityId, { email: 'staff@example.ca', givenName: 'Staff', familyName: 'Member', preferredLanguage: 'en', password, roles: ['staff'] });
    const staffKey = await addAuthenticatorApp(t, staffMember.id);
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    for (let i = 0; i < 5; i++) await c.post('/en/sign-in', { email, password: 'wrong wrong wrong' });

    assert.equal((await c.post('/en/sign-in', { email: 'taken@example.ca', password })).statusCode, 303);
    assert.equal((await c.get('/en/staff/accounts')).statusCode, 404);

    const staff = new Client(t.app);
    assert.equal((await signInWithApp(staff, t, 'staff@example.ca', password, staffKey)).statusCode, 303);
    const search = await staff.get('/en/staff/accounts?q=elodie berube');
    assert.match(search.body, new RegExp(`/en/staff/accounts/${target.id}`));
    const page = await staff.get(`/en/staff/accounts/${target.id}`);
    assert.match(page.body, /Locked/);
    const res = await staff.post(`/en/staff/accounts/${target.id}/unlock`, {});
    assert.equal(res.statusCode, 303);
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, target.id));
    assert.equal(row?.lockedAt, null);
    assert.equal(await events(target.id, 'account_unlocked'), 1);
    assert.equal((await c.post('/en/sign-in', { email, password })).statusCode, 303);
  });
});

describe('sessions', () => {
  test('idle 30 minutes ends a session; sign out everywhere ends them all', async () => {
    const email = 'idle@example.ca';
    await buildAccount(t.database.db, t.authorityId, { email, givenName: 'I', familyName: 'Dle', preferredLanguage: 'en', password });
    const a = new Client(t.app);
    const b = new Client(t.app);
    for (const c of [a, b]) {
      await c.get('/en/sign-in');
      assert.equal((await c.post('/en/sign-in', { email, password })).statusCode, 303);
    }
    t.clock.advance(29 * 60 * 1000);
    assert.equal((await a.get('/en/account')).statusCode, 200);
    t.clock.advance(29 * 60 * 1000);
    assert.equal((await a.get('/en/account')).statusCode, 200, 'activity kept it alive');
    assert.equal((await b.get('/en/account')).statusCode, 302, 'b idled out');
    const accountPage = await a.get('/en/account');
    assert.match(accountPage.body, /<a class="govuk-button govuk-button--secondary" href="\/en\/account\/sign-out-everywhere">Sign out everywhere<\/a>/, 'a link to its confirmation, not a one-click button');
    const confirm = await a.get('/en/account/sign-out-everywhere');
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<h1 class="govuk-heading-l">Sign out everywhere<\/h1>/);
    assert.match(confirm.body, /Every open session of your account ends, this one included \(open sessions: 1\)\./);
    assert.match(confirm.body, /<a class="govuk-link" href="\/en\/account">Cancel and go back to my account<\/a>/);
    assert.equal((await a.get('/en/account')).statusCode, 200, 'looking signs no one out');
    assert.equal((await a.post('/en/account/sign-out-everywhere', {})).statusCode, 303);
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    assert.equal((await t.database.db.select().from(sessions).where(eq(sessions.accountId, account!.id))).length, 0);
  });

  test('signing in again from the same browser ends the session it came with', async () => {
    const email = 'twice@example.ca';
    const account = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'T', familyName: 'Wice', preferredLanguage: 'en', password });
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email, password })).statusCode, 303);
    const first = c.cookies.get('guichet_session');
    // The form token is bound to the session: the browser loads the form again to sign in again.
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email, password })).statusCode, 303);
    assert.notEqual(c.cookies.get('guichet_session'), first);
    const left = await t.database.db.select().from(sessions).where(eq(sessions.accountId, account.id));
    assert.equal(left.length, 1, 'only the new session is left');
    const replay = new Client(t.app);
    replay.cookies.set('guichet_session', first ?? '');
    assert.equal((await replay.get('/en/account')).statusCode, 302, 'the earlier cookie no longer works');
  });
});

describe('password change and rehash', () => {
  test('changing the password needs the current one, ends other sessions and is audited', async () => {
    const email = 'change@example.ca';
    const account = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Ch', familyName: 'Ange', preferredLanguage: 'en', password });
    const a = new Client(t.app);
    const b = new Client(t.app);
    for (const c of [a, b]) {
      await c.get('/en/sign-in');
      await c.post('/en/sign-in', { email, password });
    }
    await a.get('/en/account/password');
    const next = 'a brand new passphrase here';
    let res = await a.post('/en/account/password', { currentPassword: 'not the current one', password: next, passwordConfirm: next });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /The current password is incorrect/);
    res = await a.post('/en/account/password', { currentPassword: password, password: next, passwordConfirm: next });
    assert.equal(res.statusCode, 303);
    assert.equal((await a.get('/en/account')).statusCode, 200, 'this session stays');
    assert.equal((await b.get('/en/account')).statusCode, 302, 'the other session ended');
    assert.equal(await events(account.id, 'password_changed'), 1);
    const mails = await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email));
    assert.ok(mails.some((m) => m.template === 'passwordChanged'));
  });

  test('a hash made with older parameters is replaced at sign-in', async () => {
    const { hash } = await import('@node-rs/argon2');
    const email = 'rehash@example.ca';
    const account = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Re', familyName: 'Hash', preferredLanguage: 'en', password });
    const weak = await hash(password, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await t.database.db.update(accounts).set({ passwordHash: weak }).where(eq(accounts.id, account.id));
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email, password })).statusCode, 303);
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, account.id));
    assert.match(row?.passwordHash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('control characters', () => {
  test('a NUL in a name refuses the sign-up with the field’s message; in new passwords too; at sign-in it is a wrong password', async () => {
    const c = new Client(t.app);
    await c.get('/fr/inscription');
    const form = { email: 'nul@example.ca', givenName: 'Pat', familyName: 'Tremblay', preferredLanguage: 'fr', password, passwordConfirm: password };
    const name = await c.post('/fr/inscription', { ...form, givenName: 'Pat\u0000' });
    assert.equal(name.statusCode, 400);
    assert.match(name.body, /Retirez les caractères invisibles ou de contrôle de ce champ/);
    const secret = await c.post('/fr/inscription', { ...form, password: `${password}\u0000`, passwordConfirm: `${password}\u0000` });
    assert.equal(secret.statusCode, 400);
    assert.match(secret.body, /Le mot de passe ne doit pas contenir de caractères invisibles ou de contrôle/);
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.email, 'nul@example.ca'))).length, 0);

    await buildAccount(t.database.db, t.authorityId, { email: 'known-nul@example.ca', givenName: 'K', familyName: 'Nown', preferredLanguage: 'fr', password });
    const message = (body: string) => /govuk-error-summary__list">(.*?)<\/ul>/.exec(body)?.[1];
    const known = await c.post('/fr/connexion', { email: 'known-nul@example.ca', password: `${password}\u0000` });
    const unknown = await c.post('/fr/connexion', { email: 'nobody@example.ca', password: `${password}\u0000` });
    assert.equal(known.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(message(known.body), message(unknown.body));
  });

  test('account details refuse a control character in any text field and keep names in NFC', async () => {
    const email = 'details-nul@example.ca';
    const account = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'D', familyName: 'Etails', preferredLanguage: 'en', password });
    const c = new Client(t.app);
    await signInWithApp(c, t, email, password, await addAuthenticatorApp(t, account.id));
    await c.get('/en/account/details');
    const form = { givenName: 'Pat', familyName: 'Tremblay', preferredLanguage: 'en', phone: '', addressLine1: '1 rue Principale', addressLine2: '', city: 'Montréal', province: 'QC', postalCode: 'H2X 1Y4' };
    for (const field of ['givenName', 'familyName', 'phone', 'addressLine1', 'addressLine2', 'city', 'postalCode'] as const) {
      const res = await c.post('/en/account/details', { ...form, [field]: `${form[field]}\u0001` });
      assert.equal(res.statusCode, 400, field);
      assert.match(res.body, /Remove the invisible or control characters from this field/, field);
    }
    assert.equal((await c.post('/en/account/details', { ...form, givenName: 'E\u0301loi\u0308se' })).statusCode, 303);
    const [saved] = await t.database.db.select().from(accounts).where(eq(accounts.id, account.id));
    assert.equal(saved?.givenName, 'Éloïse');
  });
});

describe('form errors', () => {
  const summary = (body: string) => [...(/govuk-error-summary__list">(.*?)<\/ul>/.exec(body)?.[1] ?? '').matchAll(/<a href="#(\w+)">([^<]*)<\/a>/g)].map((m) => `${m[1]}: ${m[2]}`);

  test('a wrong password marks no field; the summary names email or password, and is focused first', async () => {
    await buildAccount(t.database.db, t.authorityId, { email: 'wrong-pass@example.ca', givenName: 'W', familyName: 'Rong', preferredLanguage: 'en', password });
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    const res = await c.post('/en/sign-in', { email: 'wrong-pass@example.ca', password: 'not the right one at all' });
    assert.equal(res.statusCode, 401);
    assert.deepEqual(summary(res.body), ['email: Incorrect email address or password']);
    assert.doesNotMatch(res.body, /govuk-form-group--error|aria-invalid|govuk-error-message/, 'no single field highlighted');
    assert.match(res.body, /name="email" type="email" value="wrong-pass@example.ca"/, 'the email is kept');
    assert.match(res.body, /<main[^>]*><div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" autofocus/, 'first in main, focused on arrival');
  });

  test('each field left empty gets one message that names it', async () => {
    const c = new Client(t.app);
    await c.get('/en/sign-up');
    const res = await c.post('/en/sign-up', { email: '', givenName: '', familyName: '', password: '', passwordConfirm: '' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(summary(res.body), [
      'email: Enter your email address',
      'givenName: Enter your given name',
      'familyName: Enter your family name',
      'preferredLanguage: Choose a language',
      'password: Choose a password',
    ]);
    assert.equal([...res.body.matchAll(/class="govuk-error-message"/g)].length, 5, 'one message per field');
    assert.doesNotMatch(res.body, /This field is required/);
    const confirm = await c.post('/en/sign-up', { email: 'x@example.ca', givenName: 'X', familyName: 'Y', preferredLanguage: 'en', password, passwordConfirm: '' });
    assert.deepEqual(summary(confirm.body), ['passwordConfirm: Enter the password again']);
    await c.get('/fr/connexion');
    const signIn = await c.post('/fr/connexion', { email: '', password: '' });
    assert.deepEqual(summary(signIn.body), ['email: Entrez votre adresse courriel', 'password: Entrez votre mot de passe']);
    const malformed = await c.post('/en/sign-in', { email: 'not-an-email', password: 'x' });
    assert.deepEqual(summary(malformed.body), ['email: Enter a valid email address, like name@example.ca']);
  });
});

describe('the language switch of a form', () => {
  const inputs = (body: string) => Object.fromEntries([...body.matchAll(/<input class="govuk-input[^"]*"[^>]*name="(\w+)"[^>]*>/g)].map((m) => [m[1], /value="([^"]*)"/.exec(m[0])?.[1] ?? '']));

  test('on sign-up it is a button of the form: the twin page shows what was typed, never the password, and no error', async () => {
    const c = new Client(t.app);
    const page = await c.get('/en/sign-up');
    assert.match(page.body, /<form method="post" action="\/en\/sign-up" novalidate id="page-form">/);
    assert.match(page.body, /<button type="submit" form="page-form" formaction="\/fr\/inscription" formnovalidate name="keepTyped" value="language"[^>]*lang="fr">Français<\/button>/);
    assert.doesNotMatch(page.body, /<a [^>]*href="\/fr\/inscription"/, 'no link that would empty the form');
    const email = 'switching@example.ca';
    const res = await c.post('/fr/inscription', { keepTyped: 'language', email, givenName: 'Zoé', familyName: '', preferredLanguage: 'en', password, passwordConfirm: 'typo' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="fr"/);
    assert.match(res.body, /<h1 class="govuk-heading-l">Créer un compte<\/h1>/);
    assert.deepEqual(inputs(res.body), { email, givenName: 'Zoé', familyName: '', password: '', passwordConfirm: '' });
    assert.match(res.body, /id="preferredLanguage-en" name="preferredLanguage" type="radio" value="en" checked/);
    assert.doesNotMatch(res.body, /lune verte|typo/, 'never a password');
    assert.doesNotMatch(res.body, /govuk-error/, 'no error message: nothing was submitted');
    assert.match(res.body, /formaction="\/en\/sign-up"[^>]*>English</, 'and back again');
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.email, email))).length, 0, 'no account made');
    assert.equal((await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email))).length, 0);
  });

  test('on the account details form it keeps the edits and saves nothing; pages without a form keep the link', async () => {
    const email = 'switch-details@example.ca';
    const account = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Dora', familyName: 'Tails', preferredLanguage: 'fr', password });
    const c = new Client(t.app);
    await signInWithApp(c, t, email, password, await addAuthenticatorApp(t, account.id), 'fr');
    await c.get('/fr/compte/renseignements');
    const form = { givenName: 'Dorothée', familyName: 'Tails', preferredLanguage: 'en', phone: '514 555-0199', addressLine1: '1 rue Principale', addressLine2: '', city: 'Laval', province: 'QC', postalCode: 'not yet' };
    const res = await c.post('/en/account/details', { keepTyped: 'language', ...form });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="en"/);
    assert.deepEqual(inputs(res.body), { givenName: 'Dorothée', familyName: 'Tails', phone: '514 555-0199', addressLine1: '1 rue Principale', addressLine2: '', city: 'Laval', postalCode: 'not yet' });
    assert.match(res.body, /<option value="QC" selected>/);
    assert.doesNotMatch(res.body, /govuk-error/, 'the postal code is not checked yet');
    const [kept] = await t.database.db.select().from(accounts).where(eq(accounts.id, account.id));
    assert.equal(kept?.givenName, 'Dora', 'nothing saved');
    assert.equal(await events(account.id, 'details_updated'), 0);
    assert.match((await c.get('/en/account')).body, /<a class="govuk-link guichet-header__link" href="\/fr\/compte" lang="fr" hreflang="fr">Français<\/a>/, 'a page without a form of its own keeps the link');
  });

  test('"forgot password" on the sign-in form carries the email typed, and sends nothing', async () => {
    const c = new Client(t.app);
    const page = await c.get('/en/sign-in');
    assert.match(page.body, /<button type="submit" form="page-form" formaction="\/en\/forgot-password" formnovalidate name="keepTyped" value="page"[^>]*>Forgot your password\?<\/button>/);
    const email = 'forgetful@example.ca';
    await buildAccount(t.database.db, t.authorityId, { email, givenName: 'F', familyName: 'Orget', preferredLanguage: 'en', password });
    const res = await c.post('/en/forgot-password', { keepTyped: 'page', email, password: 'half typed' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(inputs(res.body), { email });
    assert.doesNotMatch(res.body, /half typed/);
    assert.equal((await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email))).length, 0, 'no link sent before asked');
  });

  test('the page not found links home', async () => {
    const res = await new Client(t.app).get('/fr/nulle-part');
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /<a class="govuk-link" href="\/fr">Aller à la page d’accueil du Guichet<\/a>/);
  });
});
