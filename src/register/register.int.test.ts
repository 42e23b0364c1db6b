import { formatLocalDate } from '../platform/i18n/index.ts';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildApplicationType, buildRegistrationCategory, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { auditEvents } from '../audit/index.ts';
import { reviews } from '../casework/index.ts';
import { mailMessages } from '../mail/index.ts';
import { registerOutcomes } from './schema.ts';

let t: TestApp;
let categoryId: string;
let typeId: string;
let counter = 0;

before(async () => {
  t = await createTestApp({ env: { REGISTER_RATE_LIMIT_PER_MINUTE: '10000' } });
  const category = await buildRegistrationCategory(t.database.db, t.authorityId, { code: 'regular', name: { fr: 'Permis régulier', en: 'Regular licence' } });
  categoryId = category.id;
  typeId = (await buildApplicationType(t.database.db, t.authorityId, { categoryId })).id;
});
after(() => t.close());

/**
 * A person on the register: an account with an approved application and its registration, as
 * licensing leaves them (written here directly: the register only reads them).
 */
async function registrant(o: { givenName: string; familyName: string; city?: string; postalCode?: string; status?: 'active' | 'revoked' | 'pending'; validUntil?: string }) {
  const account = await buildAccount(t.database.db, t.authorityId, { givenName: o.givenName, familyName: o.familyName });
  // The home address is not the register's: the place it shows and searches is the practice site's.
  await t.database.db.execute(sql`update accounts set city = 'Ville-Privée', province = 'QC', postal_code = 'J0J 0J0' where id = ${account.id}`);
  await site(account.id, { name: `Clinique ${o.familyName}`, city: o.city ?? 'Montréal', postalCode: o.postalCode ?? 'H2X 1Y4', isPrimary: true });
  counter += 1;
  const number = `2026-${String(counter).padStart(5, '0')}`;
  const status = o.status ?? 'active';
  await t.database.db.execute(sql`
    with application as (
      insert into applications (authority_id, applicant_id, type_id, reference, status) values (${t.authorityId}, ${account.id}, ${typeId}, ${`DEM-T-${counter}`}, 'approved') returning id
    )
    insert into registrations (authority_id, account_id, category_id, application_id, number, status, valid_from, valid_until, verification_code, revoked_at)
    select ${t.authorityId}, ${account.id}, ${categoryId}, id, ${number}, ${status},
      ${status === 'pending' ? null : '2026-01-01'}, ${status === 'pending' ? null : (o.validUntil ?? '2027-12-31')}, ${status === 'pending' ? null : `T${String(counter).padStart(3, '0')}-TEST`},
      ${status === 'revoked' ? '2026-06-01T12:00:00Z' : null}
    from application`);
  return { account, number };
}

/** A practice site as practice leaves it (written here directly: the register only reads it). */
async function site(accountId: string, o: { name: string; city: string; postalCode: string; isPrimary?: boolean; withholding?: 'none' | 'site' | 'address'; endedOn?: string }) {
  await t.database.db.execute(sql`
    insert into practice_sites (authority_id, account_id, name, address_line1, city, province, postal_code, phone, started_on, ended_on, is_primary, withholding)
    values (${t.authorityId}, ${accountId}, ${o.name}, ${`${o.name} street`}, ${o.city}, 'QC', ${o.postalCode}, '514 555-0101', '2024-01-01', ${o.endedOn ?? null}, ${o.isPrimary ?? false}, ${o.withholding ?? 'none'})`);
}

const html = async (url: string) => (await t.app.inject({ method: 'GET', url })).body;
const api = async (url: string) => t.app.inject({ method: 'GET', url });

async function staffClient(roles: ('registrar' | 'administrator')[] = []) {
  const staffAccount = await buildStaff(t.database.db, t.authorityId, { roles });
  const key = await addAuthenticatorApp(t, staffAccount.id);
  const staff = new Client(t.app);
  assert.equal((await signInWithApp(staff, t, staffAccount.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { staff, account: staffAccount };
}

describe('search', () => {
  let helene: Awaited<ReturnType<typeof registrant>>;
  before(async () => {
    helene = await registrant({ givenName: 'Hélène', familyName: 'Bélanger-Côté', city: 'Québec', postalCode: 'G1R 2B5' });
    await registrant({ givenName: 'John', familyName: 'Smith', city: 'Toronto', postalCode: 'M5V 3L9' });
    await registrant({ givenName: 'Pending', familyName: 'Bélanger', status: 'pending' });
  });

  test('finds a name typed with or without its accents, and with a typo, in both languages', async () => {
    for (const q of ['Hélène Bélanger-Côté', 'helene belanger', 'BELANGER COTE', 'Hélène Bélangr']) {
      const body = await html(`/fr/registre?q=${encodeURIComponent(q)}`);
      assert.match(body, new RegExp(`href="/fr/registre/${helene.number}"`), q);
    }
    const en = await html(`/en/register?q=${encodeURIComponent('helene belanger')}`);
    assert.match(en, new RegExp(`href="/en/register/${helene.number}"`));
    assert.doesNotMatch(en, /Pending/, 'a registration awaiting its fee is not on the register');
    assert.doesNotMatch(en, /Smith/);
  });

  test('finds a registration number, a postal area and a city', async () => {
    assert.match(await html(`/en/register?q=${helene.number}`), /Bélanger-Côté/);
    assert.match(await html(`/en/register?q=${helene.number.replace('-', '')}`), /Bélanger-Côté/, 'without its hyphen');
    const area = await html('/en/register?place=g1r');
    assert.match(area, /Bélanger-Côté/);
    assert.doesNotMatch(area, /Smith/);
    assert.match(await html(`/en/register?place=${encodeURIComponent('quebec')}`), /Bélanger-Côté/);
    assert.doesNotMatch(await html('/en/register?place=J0J'), /Bélanger-Côté/, 'never by the home address');
  });

  test('finds a previous name unless withheld, and the name used in practice; narrows by a published language', async () => {
    const person = await registrant({ givenName: 'Geneviève', familyName: 'Thériault' });
    await t.database.db.execute(sql`insert into previous_names (authority_id, account_id, given_name, family_name, used_until, withheld) values
      (${t.authorityId}, ${person.account.id}, 'Geneviève', 'Ouimet', '2019-05-01', false), (${t.authorityId}, ${person.account.id}, 'Geneviève', 'Zablocki', '2015-05-01', true)`);
    await t.database.db.execute(sql`insert into registrant_profiles (account_id, authority_id, practice_name, public_email, public_email_shown, languages, languages_shown)
      values (${person.account.id}, ${t.authorityId}, 'Ginette Thériault', 'gt@example.ca', false, '{fr,es}', true)`);
    const found = (q: string) => html(`/en/register?q=${encodeURIComponent(q)}`);
    assert.match(await found('genevieve ouimet'), new RegExp(person.number), 'a previous name');
    assert.match(await found('Ginette Theriault'), new RegExp(person.number), 'the name used in practice');
    assert.doesNotMatch(await found('Geneviève Zablocki'), new RegExp(person.number), 'a withheld previous name is not searchable');
    assert.match(await html(`/en/register?q=theriault&language=es`), new RegExp(person.number));
    assert.doesNotMatch(await html(`/en/register?q=theriault&language=de`), new RegExp(person.number));
    const entry = await html(`/en/register/${person.number}`);
    assert.match(entry, /Ouimet/);
    assert.match(entry, /Ginette Thériault/);
    assert.match(entry, /Spanish/);
    assert.doesNotMatch(entry, /Zablocki/, 'withheld');
    assert.doesNotMatch(entry, /gt@example\.ca/, 'the email only when opted in');
    assert.doesNotMatch(JSON.stringify((await api(`/api/v1/register/entries/${person.number}`)).json()), /Zablocki|gt@example/);
  });

  test('an empty search, or one by category alone, shows the form and lists no one', async () => {
    for (const url of ['/en/register', '/en/register?q=&place=', '/en/register?category=regular', '/fr/registre?language=fr']) {
      const body = await html(url);
      assert.match(body, /<form method="get"/, url);
      assert.doesNotMatch(body, /Bélanger-Côté|Smith/, url);
    }
    assert.equal((await api('/api/v1/register/search?category=regular')).statusCode, 400);
    assert.equal((await api('/api/v1/register/search')).statusCode, 400);
  });

  test('the API answers what the page shows', async () => {
    const res = await api(`/api/v1/register/search?q=${encodeURIComponent('helene belanger')}`);
    assert.equal(res.statusCode, 200);
    const body = res.json() as { results: { number: string; givenName: string; familyName: string; status: string; category: { en: string } }[]; more: boolean };
    assert.deepEqual(body.results.map((r) => r.number), [helene.number]);
    assert.equal(body.results[0]!.status, 'active');
    const entry = (await api(`/api/v1/register/entries/${helene.number}`)).json() as { givenName: string; familyName: string; category: { fr: string }; validUntil: string };
    const page = await html(`/fr/registre/${helene.number}`);
    assert.match(page, new RegExp(`<h1 class="govuk-heading-l">${entry.givenName} ${entry.familyName}</h1>`));
    assert.ok(page.includes(entry.category.fr));
    assert.ok(page.includes(formatLocalDate('fr', entry.validUntil)), 'the same end date, in words');
    assert.equal((await api('/api/v1/register/entries/2099-99999')).statusCode, 404);
  });
});

describe('withheld practice sites', () => {
  test('a withheld site is absent from the page, the API, the search and the open data; a withheld address leaves the site’s name', async () => {
    const person = await registrant({ givenName: 'Rosalie', familyName: 'Vachon', city: 'Sherbrooke', postalCode: 'J1H 1A1' });
    await site(person.account.id, { name: 'Refuge Secret', city: 'Magog', postalCode: 'J1X 1A1', withholding: 'site' });
    await site(person.account.id, { name: 'Cabinet Discret', city: 'Granby', postalCode: 'J2G 1A1', withholding: 'address' });
    await site(person.account.id, { name: 'Ancien Bureau', city: 'Orford', postalCode: 'J1X 2A2', endedOn: '2025-01-01' });
    const page = await html(`/fr/registre/${person.number}`);
    assert.match(page, /Clinique Vachon/);
    assert.match(page, /Cabinet Discret/);
    for (const hidden of ['Refuge Secret', 'Magog', 'Granby', 'Cabinet Discret street', 'Ancien Bureau']) assert.ok(!page.includes(hidden), hidden);
    const entry = (await api(`/api/v1/register/entries/${person.number}`)).json() as { businessAddress: { name: string }; sites: { name: string; address: unknown }[] };
    assert.equal(entry.businessAddress.name, 'Clinique Vachon');
    assert.deepEqual(entry.sites.map((s) => [s.name, s.address === null]), [['Clinique Vachon', false], ['Cabinet Discret', true]]);
    assert.doesNotMatch(await html('/en/register?place=Magog'), /Vachon/, 'not found by a withheld site');
    assert.doesNotMatch(await html('/en/register?place=J2G'), /Vachon/, 'not found by a withheld address');
    assert.equal(await t.app.services.register.exports.generate(), 1);
    const csv = (await api('/en/register/open-data/registre.csv')).body;
    assert.ok(csv.includes('Cabinet Discret') && csv.includes('Clinique Vachon'));
    for (const hidden of ['Refuge Secret', 'Magog', 'Granby']) assert.ok(!csv.includes(hidden), hidden);
    const json = (await api('/en/register/open-data/registre.json')).body;
    for (const hidden of ['Refuge Secret', 'Magog', 'Granby']) assert.ok(!json.includes(hidden), hidden);
  });
});

describe('committee outcomes and their removal', () => {
  test('staff enter an outcome; the registrant asks for its removal; a registrar approves and it leaves the register, kept in the table', async () => {
    const person = await registrant({ givenName: 'Marc-André', familyName: 'Lévesque' });
    const { staff } = await staffClient(['registrar']);
    await staff.get('/en/staff/register/outcomes');
    const bad = await staff.post('/en/staff/register/outcomes', { number: '2099-00000', kind: 'committee_outcome', decidedOn: '2026-10-01', summaryFr: 'Réprimande.', summaryEn: 'Reprimand.', removalPolicy: 'on_request', publishedUntil: '' });
    assert.equal(bad.statusCode, 400, 'an unknown number');
    const added = await staff.post('/en/staff/register/outcomes', { number: person.number, kind: 'committee_outcome', decidedOn: '2026-10-01', summaryFr: 'Réprimande du comité de discipline.', summaryEn: 'Reprimand by the discipline committee.', removalPolicy: 'on_request', publishedUntil: '' });
    assert.equal(added.statusCode, 303);
    assert.match(await html(`/en/register/${person.number}`), /Reprimand by the discipline committee/);
    assert.match(await html(`/fr/registre/${person.number}`), /Réprimande du comité de discipline/);

    const me = new Client(t.app);
    await me.get('/en/sign-in');
    assert.equal((await me.post('/en/sign-in', { email: person.account.email, password: FACTORY_PASSWORD })).statusCode, 303);
    const mine = await me.get('/en/my-register-entry');
    const outcomeId = /my-register-entry\/outcomes\/([0-9a-f-]{36})\/removal/.exec(mine.body)?.[1];
    assert.ok(outcomeId, 'the request link');
    await me.get(`/en/my-register-entry/outcomes/${outcomeId}/removal`);
    assert.equal((await me.post(`/en/my-register-entry/outcomes/${outcomeId}/removal`, { statement: '' })).statusCode, 400, 'the case is required');
    assert.equal((await me.post(`/en/my-register-entry/outcomes/${outcomeId}/removal`, { statement: 'Five years have passed without a complaint.' })).statusCode, 303);
    assert.match((await me.get('/en/my-register-entry')).body, /waiting for the registrar/);
    const [review] = await t.database.db.select().from(reviews).where(eq(reviews.subjectKind, 'register_removal'));
    assert.equal(review?.status, 'queued', 'in the casework queue');

    const list = await staff.get('/en/staff/register/removal-requests');
    const requestId = /removal-requests\/([0-9a-f-]{36})"/.exec(list.body)?.[1];
    assert.ok(requestId);
    await staff.get(`/en/staff/register/removal-requests/${requestId}`);
    assert.equal((await staff.post(`/en/staff/register/removal-requests/${requestId}`, { outcome: 'refuse', reason: '' })).statusCode, 400, 'a refusal needs reasons');
    assert.equal((await staff.post(`/en/staff/register/removal-requests/${requestId}`, { outcome: 'approve', reason: '' })).statusCode, 303);
    assert.doesNotMatch(await html(`/en/register/${person.number}`), /Reprimand/);
    const [kept] = await t.database.db.select().from(registerOutcomes).where(eq(registerOutcomes.id, outcomeId));
    assert.ok(kept?.removedAt, 'kept, marked removed');
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'register_removal_approved'));
    assert.equal(audit.length, 1);
    const mailed = await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, person.account.email), eq(mailMessages.template, 'registerRemovalDecided')));
    assert.equal(mailed.length, 1, 'the registrant is told, in their language');
    assert.match(mailed[0]!.textBody, /approved your request RET-/);
  });

  test('an outcome published until a date leaves the register after it; a plain staff member cannot decide removals', async () => {
    const person = await registrant({ givenName: 'Ana', familyName: 'Souza' });
    const { staff } = await staffClient();
    await staff.get('/en/staff/register/outcomes');
    await staff.post('/en/staff/register/outcomes', { number: person.number, kind: 'terms_and_conditions', decidedOn: '2026-01-10', summaryFr: 'Supervision obligatoire.', summaryEn: 'Must practise under supervision.', removalPolicy: 'until_date', publishedUntil: '2026-12-31' });
    assert.match(await html(`/en/register/${person.number}`), /Must practise under supervision/);
    t.clock.advance(45 * 86_400_000);
    assert.doesNotMatch(await html(`/en/register/${person.number}`), /Must practise under supervision/);
    t.clock.advance(-45 * 86_400_000);
    assert.equal((await staff.get('/en/staff/register/removal-requests')).statusCode, 404);
  });
});

describe('bulk verification', () => {
  test('refuses without a key or with a revoked one, and answers each number with a key staff issued', async () => {
    const a = await registrant({ givenName: 'Zoé', familyName: 'Gagnon' });
    const revoked = await registrant({ givenName: 'Old', familyName: 'Timer', status: 'revoked' });
    const post = (body: unknown, key?: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/register/verifications', payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) } });
    assert.equal((await post({ numbers: [a.number] })).statusCode, 401);
    assert.equal((await post({ numbers: [a.number] }, 'grv_nonsense')).statusCode, 401);

    const { staff } = await staffClient();
    await staff.get('/en/staff/register/api-keys');
    const issued = await staff.post('/en/staff/register/api-keys', { employer: 'Hôpital Sainte-Justine' });
    const key = /id="issued-key">(.*?)<\/code>/.exec(issued.body)?.[1]?.replaceAll('<wbr/>', '');
    assert.ok(key, 'shown once');
    assert.doesNotMatch((await staff.get('/en/staff/register/api-keys')).body, new RegExp(key!), 'never again');

    const res = await post({ numbers: [a.number, revoked.number, '1999-00001'] }, key);
    assert.equal(res.statusCode, 200);
    const results = (res.json() as { results: { number: string; found: boolean; status: string | null }[] }).results;
    assert.deepEqual(results.map((r) => [r.number, r.found, r.status]), [[a.number, true, 'active'], [revoked.number, true, 'revoked'], ['1999-00001', false, null]]);
    assert.equal((await post({ numbers: Array.from({ length: 501 }, (_, i) => `2026-${i}`) }, key)).statusCode, 400, 'at most 500');

    const clientId = /api-keys\/([0-9a-f-]{36})\/revoke/.exec((await staff.get('/en/staff/register/api-keys')).body)?.[1];
    assert.equal((await staff.post(`/en/staff/register/api-keys/${clientId}/revoke`, {})).statusCode, 303);
    assert.equal((await post({ numbers: [a.number] }, key)).statusCode, 401, 'revoked');
  });
});

describe('the OpenAPI document', () => {
  test('is an OpenAPI 3.1 document listing every API route, its schemas resolvable', async () => {
    const res = await api('/api/v1/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(Object.keys(doc.paths).sort(), ['/register/entries/{number}', '/register/search', '/register/verifications']);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    assert.ok(refs.length > 5);
    for (const ref of refs) assert.ok(doc.components.schemas[ref], `${ref} is defined`);
    const entry = doc.components.schemas.Entry as { required: string[] };
    assert.ok(entry.required.includes('sites') && entry.required.includes('outcomes'));
  });
});

describe('open data', () => {
  test('the daily export holds what the register publishes, and is served with its links', async () => {
    const person = await registrant({ givenName: 'Émile', familyName: 'Nelligan' });
    await registrant({ givenName: 'Not', familyName: 'Yetpaid', status: 'pending' });
    t.clock.advance(86_400_000);
    assert.equal(await t.app.services.register.exports.generate(), 1, 'the next day');
    assert.equal(await t.app.services.register.exports.generate(), 0, 'a day is written once');
    t.clock.advance(-86_400_000);
    const page = await html('/fr/registre/donnees-ouvertes');
    assert.match(page, /href="\/fr\/registre\/donnees-ouvertes\/registre.csv"/);
    const csv = await api('/en/register/open-data/registre.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.ok(csv.body.includes(person.number));
    assert.ok(csv.body.includes('Nelligan'));
    assert.ok(!csv.body.includes('Yetpaid'), 'only published entries');
    const json = JSON.parse((await api('/en/register/open-data/registre.json')).body) as { entries: { number: string }[] };
    assert.ok(json.entries.some((e) => e.number === person.number));
  });
});

describe('rate limit', () => {
  test('the register pages and the API answer 429 past the per-address limit', async () => {
    const limited = await createTestApp({ env: { REGISTER_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const get = (url: string) => limited.app.inject({ method: 'GET', url, remoteAddress: '10.0.0.7' });
      assert.match((await limited.app.inject({ method: 'GET', url: '/en/register/open-data', remoteAddress: '10.0.0.9' })).body, /The first files/, 'no file before the first run');
      for (let i = 0; i < 3; i++) assert.equal((await get(i % 2 ? '/fr/registre' : '/en/register')).statusCode, 200);
      assert.equal((await get('/fr/registre')).statusCode, 429, 'both languages share one counter');
      for (let i = 0; i < 3; i++) assert.equal((await get('/api/v1/register/search?q=smith')).statusCode, 200);
      const over = await get('/api/v1/register/search?q=smith');
      assert.equal(over.statusCode, 429);
      assert.deepEqual(over.json(), { error: 'rate_limited' });
      assert.equal((await limited.app.inject({ method: 'GET', url: '/en/register', remoteAddress: '10.0.0.8' })).statusCode, 200, 'another address');
    } finally {
      await limited.close();
    }
  });
});
