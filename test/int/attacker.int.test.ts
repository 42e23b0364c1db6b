// What an attacker tries first (issue 9): the development mail page, secrets in the log, password
// guesses while signed in, telling known emails from unknown ones, session tokens, per-page limits.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { serializeError } from '../../src/platform/logging.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { accounts, accountTokens, sessions, unknownSignInFailures } from '../../src/identity/schema.ts';
import { auditEvents } from '../../src/audit/schema.ts';
import { mailMessages } from '../../src/mail/schema.ts';
import { buildAccount } from '../support/factories.ts';

const password = 'lune verte sur le fleuve 42';
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

let people = 0;
async function person(overrides: { mustChangePassword?: boolean; email?: string } = {}) {
  people += 1;
  const email = overrides.email ?? `person${people}@example.ca`;
  const account = await buildAccount(t.database.db, t.authorityId, { email,
    givenName: 'Pat',
    familyName: `Person${people}`,
    preferredLanguage: 'en',
    password,
    mustChangePassword: overrides.mustChangePassword ?? false,
  });
  return { ...account, email };
}

async function signedIn(email: string, pass = password, app = t) {
  const c = new Client(app.app);
  await c.get('/en/sign-in');
  const res = await c.post('/en/sign-in', { email, password: pass });
  assert.equal(res.statusCode, 303, `sign-in answered ${res.statusCode}`);
  return c;
}

/** A page as a person sees it: the form tokens (different on every page) taken out. */
const visible = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf"');

describe('the development mail page', () => {
  test('opens only with the key printed at start-up, which it takes out of the address', async () => {
    const key = 'k3y-printed-in-the-terminal-only';
    const dev = await createTestApp({ devMailKey: key });
    try {
      const stranger = new Client(dev.app);
      assert.equal((await stranger.get('/en/dev/mail')).statusCode, 404, 'no key: as if it did not exist');
      assert.equal((await stranger.get('/en/dev/mail?key=guess')).statusCode, 404);
      assert.equal((await stranger.get('/fr/dev/courriels', { 'x-forwarded-for': '127.0.0.1' })).statusCode, 404, 'looking local is not enough');

      const developer = new Client(dev.app);
      const opened = await developer.get(`/en/dev/mail?key=${key}`);
      assert.equal(opened.statusCode, 303);
      assert.equal(opened.headers.location, '/en/dev/mail', 'the key leaves the address bar');
      const page = await developer.get('/en/dev/mail');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1[^>]*>Sent email \(development\)<\/h1>/);
      assert.equal((await developer.get('/fr/dev/courriels')).statusCode, 200, 'both languages');

      stranger.cookies.set('guichet_dev_mail', 'guess');
      assert.equal((await stranger.get('/en/dev/mail')).statusCode, 404, 'a made-up cookie does not open it');
    } finally {
      await dev.close();
    }
  });

  test('is not there at all when SMTP_URL is set, or when no key was given', async () => {
    const withSmtp = await createTestApp({ devMailKey: 'some-key-some-key', env: { SMTP_URL: 'smtp://127.0.0.1:2525' } });
    try {
      assert.equal((await new Client(withSmtp.app).get('/en/dev/mail?key=some-key-some-key')).statusCode, 404);
    } finally {
      await withSmtp.close();
    }
    assert.equal((await new Client(t.app).get('/en/dev/mail')).statusCode, 404, 'the test app got no key');
  });
});

describe('the server log', () => {
  test('a whole journey leaves no token, password hash or password in the log', async () => {
    let log = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    const logged = await createTestApp({ log: sink, devMailKey: 'dev-mail-key-for-the-log-test' });
    try {
      const email = 'journey@example.ca';
      const newPassword = 'un autre mot de passe bien long';
      const lastPassword = 'et encore un troisième, le dernier';
      const c = new Client(logged.app);
      await c.get('/en/sign-up');
      await c.post('/en/sign-up', { email, givenName: 'Jo', familyName: 'Urney', preferredLanguage: 'en', password, passwordConfirm: password });
      const mailed = async (template: string) => {
        const rows = await logged.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, email), eq(mailMessages.template, template)));
        const url = new URL(/https?:\/\/\S+token=\S+/.exec(rows.at(-1)?.textBody ?? '')?.[0] ?? '');
        return { path: url.pathname + url.search, token: url.searchParams.get('token') ?? '' };
      };
      const verify = await mailed('verify');
      await c.get(verify.path);
      assert.equal((await c.post('/en/confirm-email', { token: verify.token })).statusCode, 303);
      await c.get('/en/sign-in');
      await c.post('/en/sign-in', { email, password: 'not my password at all' });
      await c.post('/en/sign-in', { email, password });
      const session1 = c.cookies.get('guichet_session') ?? '';
      await c.get('/en/account/password');
      await c.post('/en/account/password', { currentPassword: 'wrong current password', password: newPassword, passwordConfirm: newPassword });
      await c.post('/en/account/password', { currentPassword: password, password: newPassword, passwordConfirm: newPassword });
      await c.get('/en/forgot-password');
      await c.post('/en/forgot-password', { email });
      const reset = await mailed('reset');
      await c.get(reset.path);
      assert.equal((await c.post('/en/reset-password', { token: reset.token, password: lastPassword, passwordConfirm: lastPassword })).statusCode, 303);
      await c.get('/en/sign-in');
      await c.post('/en/sign-in', { email, password: lastPassword });
      await new Client(logged.app).get('/en/dev/mail?key=dev-mail-key-for-the-log-test');
      await new Client(logged.app).get('/oidc/callback/nobody?code=an-authorization-code&state=a-state-value');

      // A statement that fails with a hash among its parameters, logged the way the error handler does.
      const [row] = await logged.database.db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.email, email));
      const hash = row?.hash ?? '';
      assert.match(hash, /^\$argon2id\$/);
      const failure = await logged.database.db.execute(sql`select ${hash}::integer`).catch((error: unknown) => error);
      assert.ok(failure instanceof Error);
      logged.app.log.error(failure);

      const secrets = {
        'verification token': verify.token,
        'reset token': reset.token,
        'first session token': session1,
        'last session token': c.cookies.get('guichet_session') ?? '',
        'password hash': hash,
        'dev mail key': 'dev-mail-key-for-the-log-test',
        'authorization code': 'an-authorization-code',
        password,
        'new password': newPassword,
        'last password': lastPassword,
      };
      assert.ok(log.includes('/en/confirm-email?token=[redacted]'), 'the request is logged, its token is not');
      assert.match(log, /Failed query: select \$1::integer/, 'the failed statement is logged, without its parameters');
      for (const [what, value] of Object.entries(secrets)) {
        assert.ok(value.length >= 8, `${what} was captured`);
        assert.ok(!log.includes(value), `the ${what} is in the log`);
      }
    } finally {
      await logged.close();
    }
  });

  test('a database error keeps its statement and message, never its parameters or detail', async () => {
    const failure = await t.database.db
      .insert(accounts)
      .values({ authorityId: t.authorityId, email: 'dup@example.ca', givenName: 'D', familyName: 'Up', preferredLanguage: 'en', passwordHash: '$argon2id$secret-hash' })
      .then(() => t.database.db.insert(accounts).values({ authorityId: t.authorityId, email: 'dup@example.ca', givenName: 'D', familyName: 'Up', preferredLanguage: 'en', passwordHash: '$argon2id$secret-hash' }))
      .catch((error: unknown) => error);
    const logged = serializeError(failure);
    assert.match(logged.message, /^Failed query: insert into "accounts"/);
    assert.match(String((logged.cause as { message?: string } | undefined)?.message), /duplicate key/);
    assert.doesNotMatch(JSON.stringify(logged), /secret-hash|dup@example\.ca/);
  });
});

describe('password guesses while signed in', () => {
  test('wrong current passwords on the change-password form are counted and lock the account like sign-in', async () => {
    const p = await person();
    const c = await signedIn(p.email);
    await c.get('/en/account/password');
    const wrong = { currentPassword: 'a guess that is wrong', password: 'brand new password here', passwordConfirm: 'brand new password here' };
    for (let i = 1; i < 5; i++) assert.equal((await c.post('/en/account/password', wrong)).statusCode, 400, `guess ${i}`);
    const fifth = await c.post('/en/account/password', wrong);
    assert.equal(fifth.statusCode, 403);
    assert.match(fifth.body, /Your account is locked/);
    const [after] = await t.database.db.select().from(accounts).where(eq(accounts.id, p.id));
    assert.ok(after?.lockedAt, 'locked');
    assert.equal((await t.database.db.select().from(sessions).where(eq(sessions.accountId, p.id))).length, 0, 'every session ended');
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, p.id)).orderBy(auditEvents.id);
    assert.equal(events.filter((e) => e.event === 'password_check_failed').length, 5);
    assert.ok(events.some((e) => e.event === 'account_locked'));
    const mails = await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, p.email));
    assert.ok(mails.some((m) => m.template === 'locked'), 'the owner is told');
    const again = await new Client(t.app).get('/en/sign-in');
    assert.equal(again.statusCode, 200);
    const signIn = await signInAttempt(p.email, password);
    assert.equal(signIn.statusCode, 403, 'the right password does not open a locked account');
  });

  test('"confirm it is you" counts wrong passwords too, and a right one starts the count again', async () => {
    const p = await person();
    const c = await signedIn(p.email);
    t.clock.advance(11 * 60_000); // the sign-in no longer counts as a recent confirmation
    await c.get('/en/account/confirm-identity?return=/en/account/password');
    const url = '/en/account/confirm-identity?return=/en/account/password';
    for (let i = 0; i < 3; i++) assert.equal((await c.post(url, { password: 'not it' })).statusCode, 401);
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.id, p.id)))[0]?.failedSignIns, 3);
    assert.equal((await c.post(url, { password })).statusCode, 303);
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.id, p.id)))[0]?.failedSignIns, 0);
    t.clock.advance(11 * 60_000);
    for (let i = 0; i < 4; i++) await c.post(url, { password: 'not it' });
    const locked = await c.post(url, { password: 'not it' });
    assert.equal(locked.statusCode, 403);
    assert.match(locked.body, /Your account is locked/);
  });

  test('the change-password form has the sign-in rate limit', async () => {
    const limited = await createTestApp({ signInRateLimit: { max: 3, timeWindow: 60_000 } });
    try {
      const email = 'limited@example.ca';
      await buildAccount(limited.database.db, limited.authorityId, { email, givenName: 'L', familyName: 'Imited', preferredLanguage: 'en', password });
      const c = await signedIn(email, password, limited);
      await c.get('/en/account/password');
      const wrong = { currentPassword: 'a guess', password: 'brand new password here', passwordConfirm: 'brand new password here' };
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await c.post(i % 2 ? '/fr/compte/mot-de-passe' : '/en/account/password', wrong)).statusCode);
      assert.deepEqual(statuses, [400, 400, 400, 429]);
    } finally {
      await limited.close();
    }
  });
});

async function signInAttempt(email: string, pass: string, app = t, ip = '127.0.0.1') {
  const c = new Client(app.app, ip);
  await c.get('/en/sign-in');
  return c.post('/en/sign-in', { email, password: pass });
}

describe('known and unknown emails answer alike', () => {
  test('through and after the lockout, an unknown email answers exactly like a known one', async () => {
    const known = await person();
    const unknown = 'nobody-by-this-name@example.ca';
    const answers = async (email: string) => {
      const out: { status: number; body: string }[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await signInAttempt(email, i === 6 && email === known.email ? password : 'wrong password again');
        out.push({ status: res.statusCode, body: visible(res.body).replaceAll(email, 'EMAIL') });
      }
      return out;
    };
    const k = await answers(known.email);
    const u = await answers(unknown);
    assert.deepEqual(k.map((a) => a.status), [401, 401, 401, 401, 403, 403, 403], 'the right password after the lock is refused too');
    assert.deepEqual(u.map((a) => a.status), k.map((a) => a.status));
    for (let i = 0; i < k.length; i++) assert.equal(u[i]?.body, k[i]?.body, `attempt ${i + 1}: the same page`);
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.email, unknown))).length, 0, 'no account was created');
    const [counted] = await t.database.db.select().from(unknownSignInFailures);
    assert.ok(counted && !JSON.stringify(counted).includes('nobody-by-this-name'), 'only a keyed digest of the email is kept');
  });

  test('signing up with an email that was guessed at does not start locked', async () => {
    const email = 'guessed-before@example.ca';
    for (let i = 0; i < 5; i++) await signInAttempt(email, 'a wrong password');
    const c = new Client(t.app);
    await c.get('/en/sign-up');
    await c.post('/en/sign-up', { email, givenName: 'Gue', familyName: 'Ssed', preferredLanguage: 'en', password, passwordConfirm: password });
    await t.database.db.update(accounts).set({ emailVerifiedAt: t.clock.now() }).where(eq(accounts.email, email));
    assert.equal((await signInAttempt(email, password)).statusCode, 303);
  });

  /**
   * Timing tests: each compares the lower quartiles of 40 + 40 interleaved requests within one run (a ratio,
   * never a duration), so a noisy machine slows both sides alike.
   */
  async function quartileRatio(url: string, known: (i: number) => Record<string, string>, unknown: (i: number) => Record<string, string>) {
    const c = new Client(t.app, '198.51.100.20');
    await c.get(url);
    const time = async (form: Record<string, string>) => {
      const start = performance.now();
      const res = await t.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams({ _csrf: c.csrf, ...form }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        remoteAddress: '198.51.100.20',
      });
      const elapsed = performance.now() - start;
      assert.equal(res.statusCode, 303, res.body.slice(0, 200));
      await t.app.background.drain();
      return elapsed;
    };
    for (let i = 0; i < 3; i++) {
      await time(known(100 + i));
      await time(unknown(100 + i));
    }
    const k: number[] = [];
    const u: number[] = [];
    // ABBA order: a known email leaves work behind it (its mail job), which slows whichever request comes
    // next; in strict alternation that was always the unknown one, a steady 0.8 that was not the page's.
    for (let i = 0; i < 40; i++) {
      if (i % 2 === 0) {
        k.push(await time(known(i)));
        u.push(await time(unknown(i)));
      } else {
        u.push(await time(unknown(i)));
        k.push(await time(known(i)));
      }
    }
    // The lower quartile, not the median: a busy machine only ever adds time, and once requests take
    // about a millisecond (prepared statements on PGlite) a quarter to a half of them can be slowed
    // by it on either side, which swung the median ratio between 0.75 and 1.28 with no difference.
    const at = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)] ?? 0;
    console.log(`timing: ${url}, known/unknown medians ${(at(k, 0.5) / at(u, 0.5)).toFixed(2)} (for the record; noisy at 1 ms)`);
    return at(k, 0.25) / at(u, 0.25);
  }

  const within = (ratio: number, what: string) => {
    console.log(`timing: ${what}, known/unknown ratio ${ratio.toFixed(2)}`);
    assert.ok(ratio >= 0.8 && ratio <= 1.25, `${what}: known/unknown ratio ${ratio.toFixed(2)}`);
  };

  test('"forgot password" takes the same time for a known and an unknown email (timing: quartiles within one run)', async () => {
    const known = await person();
    const ratio = await quartileRatio('/en/forgot-password', () => ({ email: known.email }), (i) => ({ email: `unknown-forgot-${i}@example.ca` }));
    within(ratio, 'forgot password');
    const resets = await t.database.db.select().from(accountTokens).where(and(eq(accountTokens.accountId, known.id), eq(accountTokens.purpose, 'reset_password')));
    assert.equal(resets.length, 43, 'the work is still done, after the answer');
  });

  test('"new verification link" takes the same time for a known and an unknown email (timing: quartiles within one run)', async () => {
    const known = await person();
    await t.database.db.update(accounts).set({ emailVerifiedAt: null }).where(eq(accounts.id, known.id));
    within(await quartileRatio('/en/new-link', () => ({ email: known.email }), (i) => ({ email: `unknown-link-${i}@example.ca` })), 'new verification link');
  });

  test('the second-step help request takes the same time for a known and an unknown email (timing: quartiles within one run)', async () => {
    const known = await person();
    within(
      await quartileRatio('/en/sign-in/verification-help', () => ({ email: known.email, message: 'I lost my phone' }), (i) => ({ email: `unknown-help-${i}@example.ca`, message: 'I lost my phone' })),
      'help request',
    );
  });

  test('sign-up takes the same time for a taken and a new email (timing: quartiles within one run)', async () => {
    const taken = await person();
    const form = (email: string) => ({ email, givenName: 'Ti', familyName: 'Ming', preferredLanguage: 'en', password, passwordConfirm: password });
    within(await quartileRatio('/en/sign-up', () => form(taken.email), (i) => form(`new-sign-up-${i}-${people}@example.ca`)), 'sign-up');
  });
});

describe('session tokens and form tokens', () => {
  test('the second step gives a new session token; the one issued after the password alone stops working', async () => {
    const p = await person();
    const key = await addAuthenticatorApp(t, p.id);
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email: p.email, password })).headers.location, '/en/sign-in/verification');
    const afterPassword = c.cookies.get('guichet_session') ?? '';
    await c.get('/en/sign-in/verification');
    const passed = await c.post('/en/sign-in/verification', { method: 'authenticator_app', code: codeAt(key, t.clock.now()) });
    t.clock.advance(30_000);
    assert.equal(passed.statusCode, 303);
    const full = c.cookies.get('guichet_session') ?? '';
    assert.ok(full && full !== afterPassword, 'a new token');
    assert.equal((await c.get('/en/account')).statusCode, 200);
    const stolen = new Client(t.app);
    stolen.cookies.set('guichet_session', afterPassword);
    assert.equal((await stolen.get('/en/account')).statusCode, 302, 'the first token no longer opens anything');
  });

  test('a form token belongs to its session: one from before sign-in, or from another browser, is refused', async () => {
    const p = await person();
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    const beforeSignIn = c.csrf;
    await c.post('/en/sign-in', { email: p.email, password });
    const stale = await c.post('/en/account/sign-out-everywhere', { _csrf: beforeSignIn });
    assert.equal(stale.statusCode, 403, 'signing in renews the form token');

    // A sibling subdomain plants its own seed cookie and the token that goes with it.
    const attacker = new Client(t.app);
    await attacker.get('/en/sign-in');
    c.cookies.set('guichet_csrf', attacker.cookies.get('guichet_csrf') ?? '');
    const planted = await c.post('/en/account/sign-out-everywhere', { _csrf: attacker.csrf });
    assert.equal(planted.statusCode, 403, 'a planted seed does not go with the victim’s session');
    assert.equal((await t.database.db.select().from(sessions).where(eq(sessions.accountId, p.id))).length, 1, 'nothing happened');
  });

  test('in production the cookies are named __Host- (Secure, path /, no domain)', async () => {
    const prod = await createTestApp({ env: { NODE_ENV: 'production', PUBLIC_URL: 'https://portal.example.ca', SMTP_URL: 'smtp://127.0.0.1:2525', PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_guichet', STRIPE_WEBHOOK_SECRET: 'whsec_guichet' } });
    try {
      const email = 'prod@example.ca';
      await buildAccount(prod.database.db, prod.authorityId, { email, givenName: 'P', familyName: 'Rod', preferredLanguage: 'en', password });
      const c = new Client(prod.app);
      const page = await c.get('/en/sign-in');
      const csrfCookie = String(page.headers['set-cookie']);
      assert.match(csrfCookie, /^__Host-guichet_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      const res = await c.post('/en/sign-in', { email, password });
      assert.equal(res.statusCode, 303);
      const session = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((h) => h.startsWith('__Host-guichet_session='));
      assert.ok(session, 'the session cookie has the prefix');
      assert.match(session, /; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
      assert.doesNotMatch(session, /Domain=/i);
    } finally {
      await prod.close();
    }
  });
});

describe('rate limits and the client address', () => {
  test('the French and English addresses of a page share one counter', async () => {
    const limited = await createTestApp({ signInRateLimit: { max: 4, timeWindow: 60_000 } });
    try {
      const statuses = [];
      for (const url of ['/fr/connexion', '/en/sign-in', '/fr/connexion', '/en/sign-in', '/fr/connexion']) {
        const c = new Client(limited.app, '203.0.113.50');
        await c.get(url);
        statuses.push((await c.post(url, { email: 'who@example.ca', password: 'whatever it is' })).statusCode);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
      const other = new Client(limited.app, '203.0.113.50');
      await other.get('/en/forgot-password');
      assert.equal((await other.post('/en/forgot-password', { email: 'who@example.ca' })).statusCode, 303, 'another page has its own counter');
    } finally {
      await limited.close();
    }
  });

  test('TRUST_PROXY: off by default, a forwarded address is ignored; on, the limits and the audit see the real client', async () => {
    const forwarded = { 'x-forwarded-for': '192.0.2.77' };
    const signInIp = async (app: TestApp) => {
      const [row] = await app.database.db.select({ ip: auditEvents.ip }).from(auditEvents).where(eq(auditEvents.event, 'sign_in'));
      return row?.ip;
    };
    for (const [trust, expected] of [['', '127.0.0.1'], ['127.0.0.1', '192.0.2.77']] as const) {
      const app = await createTestApp(trust ? { env: { TRUST_PROXY: trust } } : {});
      try {
        const email = 'proxied@example.ca';
        await buildAccount(app.database.db, app.authorityId, { email, givenName: 'Pro', familyName: 'Xy', preferredLanguage: 'en', password });
        const c = new Client(app.app);
        await c.get('/en/sign-in', forwarded);
        assert.equal((await c.post('/en/sign-in', { email, password }, forwarded)).statusCode, 303);
        assert.equal(await signInIp(app), expected, `TRUST_PROXY=${trust || '(unset)'}`);
      } finally {
        await app.close();
      }
    }
  });
});

describe('passwords someone else chose', () => {
  test('are replaced at first sign-in before any other page opens; a reset clears the duty too', async () => {
    const p = await person({ mustChangePassword: true });
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    const res = await c.post('/en/sign-in', { email: p.email, password });
    assert.equal(res.headers.location, '/en/account/password');
    for (const url of ['/en/account', '/fr/organisations', '/en/account/two-step-verification']) {
      const other = await c.get(url);
      assert.equal(other.statusCode, 303, url);
      assert.equal(other.headers.location, url.startsWith('/fr') ? '/fr/compte/mot-de-passe' : '/en/account/password');
    }
    const form = await c.get('/en/account/password');
    assert.match(form.body, /Choose your own password/);
    const french = await c.get('/fr/compte/mot-de-passe');
    assert.match(french.body, /Choisissez votre propre mot de passe/);
    const same = await c.post('/en/account/password', { currentPassword: password, password, passwordConfirm: password });
    assert.equal(same.statusCode, 303, 'any acceptable password, as on the ordinary form');
    assert.equal((await c.get('/en/account')).statusCode, 200);
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.id, p.id)))[0]?.mustChangePassword, false);

    const q = await person({ mustChangePassword: true });
    const r = new Client(t.app);
    await r.get('/en/forgot-password');
    await r.post('/en/forgot-password', { email: q.email });
    const [token] = await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, q.email), eq(mailMessages.template, 'reset')));
    const link = new URL(/https?:\/\/\S+token=\S+/.exec(token?.textBody ?? '')?.[0] ?? '');
    await r.get(link.pathname + link.search);
    await r.post('/en/reset-password', { token: link.searchParams.get('token') ?? '', password: 'my very own password', passwordConfirm: 'my very own password' });
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.id, q.id)))[0]?.mustChangePassword, false);
  });
});
