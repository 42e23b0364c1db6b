import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createApprovedOrganization, createOrganizationKind } from '../../src/organizations/service.ts';
import { allPages, href, type PageName } from '../../src/platform/paths.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../support/factors.ts';
import { authorityRoles } from '../../src/authorities/schema.ts';
import { factorRecoveryRequests } from '../../src/two-factor/schema.ts';
import { organizationMembers, organizations, securityCodes } from '../../src/organizations/schema.ts';
import { buildAccount } from '../support/factories.ts';
import { fieldsOf, formFor, password, plausible, prng, victimEmail } from '../support/fuzz.ts';

/*
 * Malformed forms and queries on every page of the page table, with a valid CSRF token so they
 * reach validation: no answer may be a 5xx. Seeded, so a failure replays with the same FUZZ_SEED.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
/** A deeper run, by hand: FUZZ_BODIES=100. */
const BODIES_PER_FORM = Number(process.env.FUZZ_BODIES ?? 6);
const QUERIES_PER_PAGE = Math.max(3, Math.round(BODIES_PER_FORM / 2));

const random = prng(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

/** Someone known with no help request open: the one whose request would be written. */
const helplessEmail = 'helpless@example.ca';

/** Values, already percent-encoded where the raw bytes matter (invalid UTF-8, stray %). */
const enc = encodeURIComponent;
const values: string[] = [
  '',
  enc('\u0000'),
  enc('Pat\u0000'),
  enc(`${victimEmail}\u0000`),
  enc(`\u0000${victimEmail}`),
  enc('vic\u0000tim@example.ca'),
  enc(victimEmail),
  enc(`${password}\u0000`),
  enc('a\u0001b\u0007c\u001b[31m'),
  enc('\u007f\u0085\u009b'),
  enc('line\r\nbreak\ttab'),
  enc('\u202eevil\u200b\ufeff'),
  enc('e\u0301\ufb01\uffff\u{1f600}'),
  enc('a'.repeat(5000)),
  enc('é'.repeat(2000)),
  enc(' '),
  '%',
  '%zz',
  '%C0%80',
  '%ED%A0%80',
  '%FF%FE',
  enc('=1+1;@SUM(A1)'),
  enc("'; drop table accounts; --"),
  enc('%_\\'),
  '-1',
  '1e309',
  '9007199254740993',
  'true',
  'null',
  enc('[object Object]'),
  '00000000-0000-0000-0000-000000000000',
  enc('2026-02-30'),
  'QC',
  'fr',
  'approve',
  'reset',
  'authenticator_app',
  'recovery_code',
  'manager',
  'self',
];

const knownFields = [
  'email', 'password', 'passwordConfirm', 'currentPassword', 'givenName', 'familyName', 'preferredLanguage', 'phone',
  'addressLine1', 'addressLine2', 'city', 'province', 'postalCode', 'message', 'note', 'action', 'method', 'code', 'name',
  'credential', 'kindId', 'nameFr', 'nameEn', 'role', 'roles', 'target', 'decision', 'reason', 'token', 'accountEmail',
  'q', 'state', 'status', 'who', 'event', 'from', 'to', 'organization', 'before', 'after', 'notice', 'next', 'return',
];
const oddFields = ['__proto__', 'constructor', 'constructor[prototype]', 'email[]', 'a[b]', '', enc('\u0000')];

let t: TestApp;
let organizationId: string;
let requestedId: string;
let memberId: string;
let codeId: string;
let recoveryId: string;
let victimId: string;
const clients: Partial<Record<'staff' | 'manager', Client>> = {};
let people = 0;

/** A fresh person signed in with their app; `staff` or the organization's manager. */
async function signIn(role: 'staff' | 'manager') {
  people += 1;
  const email = `${role}-${people}@example.ca`;
  const account = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Fuzz', familyName: role, preferredLanguage: 'en', password, roles: role === 'staff' ? ['staff'] : [] });
  const key = await addAuthenticatorApp(t, account.id);
  if (role === 'staff') await t.database.db.insert(authorityRoles).values({ authorityId: t.authorityId, accountId: account.id, role: 'administrator' });
  if (role === 'manager') {
    await t.database.db.insert(organizationMembers).values({ organizationId, accountId: account.id, role: 'manager' });
  }
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, email, password, key)).statusCode, 303);
  clients[role] = c;
  return { c, id: account.id };
}

/** The client a page is meant for; a new one when a fuzzed post ended the session (sign out, lockout). */
async function clientFor(name: PageName): Promise<Client> {
  const role = name.startsWith('staff') ? 'staff' : /^\/en\/(account|organizations|security-key)/.test(allPages()[name]!.en) ? 'manager' : null;
  if (!role) {
    const c = new Client(t.app);
    await c.get(href('signIn', 'en'));
    return c;
  }
  const c = clients[role];
  if (c && (await c.get(href('account', 'en'))).statusCode === 200) return c;
  return (await signIn(role)).c;
}

/** Real ids where the page has them, so the post reaches the form behind the address. */
function address(name: PageName, locale: 'fr' | 'en', broken: boolean): string {
  const id = name === 'staffFactorRecovery' ? recoveryId : /^staffOrganization/.test(name) ? requestedId : /SecurityCode/.test(name) ? codeId : victimId;
  const params = { organizationId, accountId: memberId, codeId, id, slug: 'nowhere' };
  if (!broken) return href(name, locale, params);
  return allPages()[name]![locale].replace(/:\w+/g, () => pick(['%00', 'not-a-uuid', enc('\u0000'), '..%2F..', 'a'.repeat(300)]));
}

/** The form with one or two fields spoiled, sometimes one left out, doubled, or an odd one added. */
function malformedBody(form: Map<string, string>, csrf: string): string {
  const names = [...form.keys()];
  if (names.length === 0 || random() < 0.1) names.push(pick(knownFields));
  const spoiled = new Set([pick(names), ...(random() < 0.3 ? [pick(names)] : [])]);
  const pairs: string[] = [`_csrf=${enc(csrf)}`];
  for (const name of names) {
    const roll = random();
    const value = spoiled.has(name) ? pick(values) : enc(form.get(name) ?? plausible[name]?.() ?? 'x');
    if (spoiled.has(name) && roll < 0.1) continue; // missing
    pairs.push(`${enc(name)}=${value}`);
    if (spoiled.has(name) && roll > 0.85) pairs.push(`${enc(name)}=${pick(values)}`); // an array for a scalar
  }
  if (random() < 0.2) pairs.push(`${pick(oddFields)}=${pick(values)}`);
  return pairs.join('&');
}

function malformedQuery(): string {
  const pairs: string[] = [];
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const field = random() < 0.85 ? pick(knownFields) : pick(oddFields);
    pairs.push(`${enc(field)}=${pick(values)}`);
    if (random() < 0.2) pairs.push(`${enc(field)}=${pick(values)}`);
  }
  return pairs.join('&');
}

before(async () => {
  t = await createTestApp();
  const kindId = (await createOrganizationKind(t.database.db, { authorityId: t.authorityId, slug: 'institution', name: { fr: 'Institution', en: 'Institution' } })).id;
  const victim = await buildAccount(t.database.db, t.authorityId, { email: victimEmail, givenName: 'Victor', familyName: 'Tim', preferredLanguage: 'fr', password, roles: [] });
  victimId = victim.id;
  await buildAccount(t.database.db, t.authorityId, { email: helplessEmail, givenName: 'Hel', familyName: 'Pless', preferredLanguage: 'en', password });
  memberId = (await buildAccount(t.database.db, t.authorityId, { email: 'member@example.ca', givenName: 'Mem', familyName: 'Ber', preferredLanguage: 'en', password })).id;
  const organization = await createApprovedOrganization(t.database.db, { authorityId: t.authorityId, kindId, name: { fr: 'Institution (fr)', en: 'Institution' }, people: [{ accountId: memberId, role: 'member' }] });
  organizationId = organization.id;
  const requested = await createApprovedOrganization(t.database.db, { authorityId: t.authorityId, kindId, name: { fr: 'Demande (fr)', en: 'Request' }, people: [{ accountId: memberId, role: 'manager' }] });
  await t.database.db.update(organizations).set({ status: 'requested', decidedAt: null }).where(eq(organizations.id, requested.id));
  requestedId = requested.id;
  const manager = await signIn('manager');
  await manager.c.get(`/en/organizations/${organizationId}/security-codes`);
  await manager.c.post(`/en/organizations/${organizationId}/security-codes`, { role: 'member' });
  codeId = (await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, organizationId)))[0]!.id;
  const anonymous = new Client(t.app);
  await anonymous.get(href('factorRecovery', 'en'));
  await anonymous.post(href('factorRecovery', 'en'), { email: victimEmail, message: 'Lost my phone' });
  recoveryId = (await t.database.db.select().from(factorRecoveryRequests).where(eq(factorRecoveryRequests.accountId, victimId)))[0]!.id;
  await signIn('staff');
});
after(() => t.close());

/** The pages with a form to post, each at its address in both languages. */
const forms = () => (Object.keys(allPages()) as PageName[]).filter((name) => t.app.hasRoute({ method: 'POST', url: allPages()[name]!.en }));

/** The addresses in no language: the provider's callback, the health check, assets. */
const outsideTheTable = ['/oidc/callback/nowhere', '/healthz', '/', '/assets/guichet.css', '/assets/govuk-frontend.min.css'];

const FORM = 'application/x-www-form-urlencoded';
/** Envelopes other than a plain form: refused (415, 413, 400), never a 5xx. */
const envelopes = [`${FORM}; charset=iso-8859-1`, 'application/json', 'text/plain', 'multipart/form-data; boundary=x', '', FORM.toUpperCase()];

async function post(c: Client, url: string, body: string, contentType = FORM) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { ...(contentType ? { 'content-type': contentType } : {}), cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
}

test('a NUL in any one field of any form, the others plausible, answers below 500', { timeout: 180_000 }, async () => {
  const failures: string[] = [];
  let sent = 0;
  for (const name of forms()) {
    const url = address(name, 'en', false);
    const form = await formFor(await clientFor(name), url);
    const emails = form.has('email') ? [plausible.email!(), helplessEmail] : [undefined];
    for (const [field, email] of [...form.keys()].flatMap((f) => emails.map((e) => [f, e] as const))) {
      if (email) form.set('email', email);
      // Again for each field: the post before may have ended the session (sign out).
      const c = await clientFor(name);
      const body = [`_csrf=${enc(c.csrf)}`, ...[...form].map(([k, v]) => `${enc(k)}=${enc(k === field ? `${v}\u0000` : v)}`)].join('&');
      const res = await post(c, url, body);
      sent += 1;
      if (res.statusCode >= 500) failures.push(`${res.statusCode} POST ${url} NUL in ${field}, body: ${body.slice(0, 300)}`);
    }
  }
  for (const name of Object.keys(allPages()) as PageName[]) {
    if (!t.app.hasRoute({ method: 'GET', url: allPages()[name]!.en })) continue;
    const url = address(name, 'en', false);
    const c = await clientFor(name);
    const searches = [...(await c.get(url)).body.matchAll(/<form\b[^>]*method="get"[^>]*>([\s\S]*?)<\/form>/g)];
    const form = fieldsOf(searches.map((m) => m[1]).join(''));
    for (const field of form.keys()) {
      const query = [...form].map(([k, v]) => `${enc(k)}=${enc(k === field ? `${v}\u0000` : v)}`).join('&');
      const res = await c.get(`${url}?${query}`);
      sent += 1;
      if (res.statusCode >= 500) failures.push(`${res.statusCode} GET ${url}?${query} NUL in ${field}`);
    }
  }
  console.log(`NUL sweep: ${sent} requests`);
  assert.deepEqual(failures, []);
});

test(`no malformed form or query answers 5xx (seed ${SEED})`, { timeout: 60_000 + BODIES_PER_FORM * 20_000 }, async () => {
  const failures: string[] = [];
  let sent = 0;
  const started = Date.now();
  const names = Object.keys(allPages()) as PageName[];
  const posted = forms();
  // Every form is a page of the table: a POST route registered outside it would escape the fuzzer.
  // The exceptions are not pages (no language, no form token): the payment providers' webhook (a
  // signed raw body), which billing's own tests send forged, stale and replayed bodies to, and the
  // register's JSON API, fuzzed below.
  const registered = t.app.printRoutes({ commonPrefix: false, method: 'POST' }).split('\n').filter((l) => l.includes('(POST') && !l.includes('/webhooks/payments/') && !l.includes('/api/v1/')).length;
  for (const body of ['', '{', 'null', '[]', '{"numbers":null}', '{"numbers":[null,1,{}]}', `{"numbers":["\\u0000","${'9'.repeat(41)}"]}`, JSON.stringify({ numbers: Array.from({ length: 600 }, () => 'x') })]) {
    for (const authorization of [undefined, 'Bearer nope', 'Bearer \u00e9', 'Basic x']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/register/verifications', payload: body, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) } });
      assert.ok(res.statusCode < 500, `${res.statusCode} for ${body.slice(0, 40)} with ${authorization}`);
    }
  }
  for (const query of ['q=%00', 'q=x&place=%00', 'q[]=a&q[]=b', `q=${'a'.repeat(5000)}`, 'page=-1&q=ab', 'language=%00&q=ab']) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/register/search?${query}` });
    assert.ok(res.statusCode < 500, `${res.statusCode} for the API search ${query.slice(0, 40)}`);
  }
  assert.equal(registered, posted.length * 2, 'every POST route is a page of the table, in French and English');
  assert.ok(posted.length >= 40, `only ${posted.length} forms found`);
  const check = (method: string, url: string, body: string, status: number) => {
    sent += 1;
    if (status >= 500) failures.push(`${status} ${method} ${url}${body ? ` body: ${body.slice(0, 300)}` : ''}`);
  };
  for (const name of posted) {
    for (let i = 0; i < BODIES_PER_FORM; i++) {
      const locale = pick(['fr', 'en'] as const);
      const url = address(name, locale, false);
      const c = await clientFor(name);
      const roll = random();
      const form = malformedBody(await formFor(c, url), c.csrf);
      // One post in ten is too big for the body limit (16 KiB), or not sent as a plain form.
      const body = roll < 0.05 ? `${form}&pad=${'a'.repeat(17 * 1024)}` : form;
      const contentType = roll >= 0.05 && roll < 0.1 ? pick(envelopes) : FORM;
      const res = await post(c, url, body, contentType);
      check('POST', url, contentType === FORM ? body : `(${contentType || 'no content type'}) ${body}`, res.statusCode);
    }
  }
  for (const name of names) {
    if (!t.app.hasRoute({ method: 'GET', url: allPages()[name]!.en })) continue;
    const c = await clientFor(name);
    for (let i = 0; i < QUERIES_PER_PAGE; i++) {
      const locale = pick(['fr', 'en'] as const);
      const url = `${address(name, locale, i === QUERIES_PER_PAGE - 1 && allPages()[name]!.en.includes(':'))}?${malformedQuery()}`;
      check('GET', url, '', (await c.get(url)).statusCode);
    }
  }
  const anonymous = await clientFor('home');
  for (const page of outsideTheTable) {
    for (let i = 0; i < QUERIES_PER_PAGE; i++) {
      const url = `${page}?${malformedQuery()}`;
      check('GET', url, '', (await anonymous.get(url)).statusCode);
    }
  }
  console.log(`fuzz: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}, ${failures.length} answered 5xx`);
  assert.deepEqual(failures, []);
});
