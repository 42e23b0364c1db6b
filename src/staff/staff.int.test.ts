import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { type AuditEvent, auditEvents, recordEvent } from '../audit/index.ts';
import { authorities, authorityRoles, createAuthority } from '../authorities/index.ts';
import { accounts, sessions } from '../identity/index.ts';
import { organizationKinds, organizationMembers, organizations } from '../organizations/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildAccount } from '../../test/support/factories.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { AUDIT_PAGE_SIZE, csvCell } from './service.ts';

const password = 'lune verte sur le fleuve 42';
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

// A tiny data factory: every test builds the authorities, people and events it reads.
let n = 0;
const unique = (prefix: string) => `${prefix}-${++n}-${randomBytes(2).toString('hex')}`;

async function authority() {
  const slug = unique('authority');
  return (await createAuthority(t.database.db, { slug, name: { fr: `Ordre ${slug}`, en: `College ${slug}` } })).id;
}

async function person(authorityId: string, options: { staff?: boolean; givenName?: string; prefix?: string } = {}) {
  const email = `${unique(options.prefix ?? 'person')}@example.ca`;
  const account = await buildAccount(t.database.db, authorityId, { email, givenName: options.givenName ?? 'Pat', roles: options.staff ? ['staff'] : [] });
  return { id: account.id, email };
}

/** A staff member of the authority, signed in with their app. */
async function staffOf(authorityId: string) {
  const staff = await person(authorityId, { staff: true, prefix: 'staff' });
  const key = await addAuthenticatorApp(t, staff.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, staff.email, password, key)).statusCode, 303);
  return { ...staff, c };
}

async function organization(authorityId: string, name: string) {
  const [kind] = await t.database.db.insert(organizationKinds).values({ authorityId, slug: unique('kind'), name: { fr: 'Établissement', en: 'Institution' } }).returning();
  const [org] = await t.database.db
    .insert(organizations)
    .values({ authorityId, kindId: kind!.id, name: { fr: `${name} (fr)`, en: name }, addressLine1: '1 rue Principale', city: 'Montréal', province: 'QC', postalCode: 'H2X 1Y4', status: 'approved' })
    .returning();
  return org!.id;
}

/** An event of any kind, with an organization when asked: the filters read `details.organizationId` whatever the event. */
async function event(authorityId: string, name: AuditEvent, e: { actorId?: string | null; subjectId?: string | null; at: string; organizationId?: string; ip?: string }) {
  await recordEvent(t.database.db, {
    authorityId,
    event: name,
    actorId: e.actorId ?? null,
    subjectId: e.subjectId ?? null,
    origin: { ip: e.ip ?? '192.0.2.1', userAgent: 'test' },
    at: new Date(e.at),
    details: e.organizationId ? { organizationId: e.organizationId } : {},
  } as unknown as Parameters<typeof recordEvent>[1]);
}

/** The body rows of the page's first table. */
function rows(html: string): string[] {
  const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return body.split('<tr').slice(1);
}

describe('audit log', () => {
  test('each filter narrows the events: who, what, when (Toronto days, inclusive), organization', async () => {
    const a = await authority();
    const alice = await person(a, { prefix: 'alice' });
    const bob = await person(a, { prefix: 'bob' });
    const org = await organization(a, 'Clinique du Nord');
    await event(a, 'details_updated', { actorId: alice.id, subjectId: alice.id, at: '2026-11-10T15:00:00Z' });
    await event(a, 'password_changed', { actorId: bob.id, subjectId: bob.id, at: '2026-11-20T15:00:00Z', organizationId: org });
    // 23:30 on 20 November in Toronto, already the 21st in UTC.
    await event(a, 'account_locked', { subjectId: alice.id, at: '2026-11-21T04:30:00Z' });
    const { c } = await staffOf(a);

    const all = await c.get('/en/staff/audit-log');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /<caption class="govuk-table__caption govuk-table__caption--s">Events, newest first<\/caption>/);
    assert.match(all.body, /<option value="password_changed">Password changed<\/option>/);
    assert.match(all.body, /<label class="govuk-label" for="from">From \(YYYY-MM-DD\)<\/label>/);
    assert.ok(rows(all.body).length >= 5, 'three events and the staff sign-in');

    const who = rows((await c.get(`/en/staff/audit-log?who=${encodeURIComponent(alice.email.slice(0, 9).toUpperCase())}`)).body);
    assert.equal(who.length, 1);
    assert.match(who[0]!, /Details changed/);
    assert.match(who[0]!, new RegExp(alice.email));

    const what = rows((await c.get('/en/staff/audit-log?event=password_changed')).body);
    assert.equal(what.length, 1);
    assert.match(what[0]!, new RegExp(bob.email));
    assert.match(what[0]!, /Clinique du Nord/);

    const day = rows((await c.get('/en/staff/audit-log?from=2026-11-20&to=2026-11-20')).body);
    assert.deepEqual(day.map((r) => /Password changed|Account locked/.exec(r)?.[0]), ['Account locked', 'Password changed']);
    assert.match(day[0]!, /System/, 'no actor: the system');
    assert.equal(rows((await c.get('/en/staff/audit-log?from=2026-11-11&to=2026-11-19')).body).length, 0);

    const byOrg = await c.get(`/fr/personnel/journal?organization=${org}`);
    assert.match(byOrg.body, /<option value="[^"]+" selected>Clinique du Nord \(fr\)<\/option>/);
    assert.equal(rows(byOrg.body).length, 1);
    assert.match(rows(byOrg.body)[0]!, /Mot de passe changé/);
  });

  test('invalid filters: 400 with the translated error, no events', async () => {
    const a = await authority();
    const { c } = await staffOf(a);
    const other = await organization(await authority(), 'Elsewhere');
    const bad = await c.get('/en/staff/audit-log?from=2026-02-30');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /class="govuk-error-summary"/);
    assert.match(bad.body, /<a href="#from">Enter a real date in the form YYYY-MM-DD, like 2026-11-22<\/a>/);
    assert.equal(rows(bad.body).length, 0);
    assert.match((await c.get('/fr/personnel/journal?to=hier')).body, /Entrez une date réelle de la forme AAAA-MM-JJ/);
    assert.equal((await c.get('/en/staff/audit-log?from=0000-01-01')).statusCode, 400, 'no year 0 reaches the database');
    const reversed = await c.get('/en/staff/audit-log?from=2026-11-20&to=2026-11-19');
    assert.equal(reversed.statusCode, 400);
    assert.match(reversed.body, /The end date must be the same as or after the start date/);
    assert.equal((await c.get('/en/staff/audit-log?event=drop_table')).statusCode, 400);
    const foreign = await c.get(`/en/staff/audit-log?organization=${other}`);
    assert.equal(foreign.statusCode, 400, "another authority's organization is not on the list");
    assert.match(foreign.body, /Choose an organization from the list/);
    assert.equal((await c.get('/en/staff/audit-log?before=-1')).statusCode, 400);
    assert.equal((await c.get('/en/staff/audit-log?who=a&who=b')).statusCode, 400);
    for (const search of ['/en/staff/audit-log?who=a%00', '/en/staff/accounts?q=Pat%00', '/en/staff/accounts?q=%1B%5B2J']) {
      const refused = await c.get(search);
      assert.equal(refused.statusCode, 400, search);
      assert.match(refused.body, /Remove the invisible or control characters from this field/, 'the search says why, no NUL reaches the database');
    }
    const csv = await c.get('/en/staff/audit-log.csv?from=nope');
    assert.equal(csv.statusCode, 400);
    assert.match(csv.headers['content-type'] as string, /text\/html/);
  });

  test('pages of 50 by keyset, older then newer', async () => {
    const a = await authority();
    const subject = await person(a);
    for (let i = 0; i < 55; i++) await event(a, 'sign_out', { actorId: subject.id, subjectId: subject.id, at: `2026-11-01T12:${String(i).padStart(2, '0')}:00Z` });
    const { c } = await staffOf(a);
    const first = await c.get('/en/staff/audit-log?event=sign_out');
    assert.equal(rows(first.body).length, AUDIT_PAGE_SIZE);
    assert.doesNotMatch(first.body, /Newer events/);
    const older = /href="([^"]+)" rel="next"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(older?.includes('event=sign_out') && older.includes('before='));
    const second = await c.get(older ?? '');
    assert.equal(rows(second.body).length, 5);
    assert.doesNotMatch(second.body, /rel="next"/);
    const newer = /href="([^"]+)" rel="prev"/.exec(second.body)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(newer);
    const back = await c.get(newer);
    assert.equal(rows(back.body).length, AUDIT_PAGE_SIZE);
    assert.deepEqual(rows(back.body), rows(first.body));
  });

  test('CSV export: BOM, header in the language, every cell quoted (RFC 4180), formula cells defused; the export is audited', async () => {
    const a = await authority();
    const mallory = await person(a, { givenName: '=HYPERLINK("http://evil.example","Click")', prefix: 'mallory' });
    await event(a, 'details_updated', { actorId: mallory.id, subjectId: mallory.id, at: '2026-11-15T15:00:00Z', ip: '+1' });
    const staff = await staffOf(a);
    const res = await staff.c.get(`/en/staff/audit-log.csv?who=${encodeURIComponent(mallory.email)}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(res.headers['content-disposition'] as string, /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.deepEqual([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = res.body.slice(1).split('\r\n');
    assert.equal(lines[0], '"Number","Date and time (UTC)","What","Event code","Who (email)","Who (name)","About whom (email)","About whom (name)","Organization","IP address"');
    assert.equal(lines.length, 3, 'one row and the final line break');
    assert.match(lines[1]!, /^"\d+","2026-11-15T15:00:00\.000Z","Details changed","details_updated",/);
    assert.ok(lines[1]!.includes(`,"'=HYPERLINK(""http://evil.example"",""Click"") Tremblay",`), lines[1]);
    assert.ok(lines[1]!.endsWith(`,"'+1"`));

    const fr = await staff.c.get(`/fr/personnel/journal.csv?who=${encodeURIComponent(mallory.email)}`);
    assert.match(fr.headers['content-disposition'] as string, /filename="journal-/);
    assert.ok(fr.body.startsWith('\uFEFF"Numéro","Date et heure (UTC)","Quoi",'));
    assert.match(fr.body, /,"Renseignements modifiés","details_updated",/);

    const exported = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.authorityId, a), eq(auditEvents.event, 'audit_exported')));
    assert.equal(exported.length, 2);
    assert.equal(exported[0]!.actorId, staff.id);
    assert.deepEqual(exported[0]!.details, { filters: { who: mallory.email }, rows: 1, truncated: false });
  });

  test('cells are quoted and defused one by one, also where a spreadsheet splitting on ; or , would start a cell', () => {
    assert.equal(csvCell('plain'), '"plain"');
    assert.equal(csvCell(''), '""');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${start}1`), `"'${start}1"`);
    assert.equal(csvCell('a;=1+1'), `"a;'=1+1"`, 'French-Canadian Excel splits on ;');
    assert.equal(csvCell('x; @SUM(A1:A9)'), `"x;' @SUM(A1:A9)"`);
    assert.equal(csvCell('a,+1;-2'), `"a,'+1;'-2"`);
    assert.equal(csvCell('  =1+1'), `"'  =1+1"`, 'leading spaces before the formula');
    assert.equal(csvCell('one\n=cmd'), `"one\n'=cmd"`, 'a line break inside the cell');
    assert.equal(csvCell('Jean-Pierre; Marie-Ève'), '"Jean-Pierre; Marie-Ève"', 'a hyphen inside a name is no formula');
    assert.equal(csvCell('192.0.2.1'), '"192.0.2.1"');
  });
});

describe('authorities stay apart', () => {
  test("staff of B see none of A's events or people; a person of both shows only B's events to B", async () => {
    const a = await authority();
    const b = await authority();
    const alice = await person(a, { prefix: 'alice' });
    await event(a, 'details_updated', { actorId: alice.id, subjectId: alice.id, at: '2026-11-12T15:00:00Z' });
    const staffB = await staffOf(b);

    const log = await staffB.c.get('/en/staff/audit-log');
    assert.equal(log.statusCode, 200);
    assert.doesNotMatch(log.body, new RegExp(alice.email));
    assert.equal(rows((await staffB.c.get(`/en/staff/audit-log?who=${alice.email}`)).body).length, 0);
    const csv = await staffB.c.get('/en/staff/audit-log.csv');
    assert.doesNotMatch(csv.body, new RegExp(alice.email));
    assert.match((await staffB.c.get(`/en/staff/accounts?q=${alice.email}`)).body, /No account found/);
    assert.equal((await staffB.c.get(`/en/staff/accounts/${alice.id}`)).statusCode, 404);
    assert.equal((await staffB.c.post(`/en/staff/accounts/${alice.id}/end-sessions`, {})).statusCode, 404);

    // Carol lives in A, is a registrar of B and a member of one of B's organizations.
    const carol = await person(a, { prefix: 'carol' });
    const orgB = await organization(b, 'Pharmacie B');
    await t.database.db.insert(authorityRoles).values({ authorityId: b, accountId: carol.id, role: 'registrar' });
    await t.database.db.insert(organizationMembers).values({ organizationId: orgB, accountId: carol.id, role: 'member' });
    await event(a, 'details_updated', { actorId: carol.id, subjectId: carol.id, at: '2026-11-13T15:00:00Z' });
    await event(b, 'password_changed', { actorId: carol.id, subjectId: carol.id, at: '2026-11-14T15:00:00Z' });
    const page = await staffB.c.get(`/en/staff/accounts/${carol.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Password changed/);
    assert.doesNotMatch(page.body, /Details changed/, "A's events about her stay A's");
    assert.match(page.body, /Registrar, Member of Pharmacie B/);
    const found = await staffB.c.get(`/en/staff/accounts?q=${carol.email}`);
    assert.match(found.body, /Registrar, Member of Pharmacie B/);
  });

  test('people who are not staff get 404 on every console page', async () => {
    const a = await authority();
    const someone = await person(a);
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email: someone.email, password })).statusCode, 303);
    for (const url of ['/en/staff/audit-log', '/en/staff/audit-log.csv', '/fr/personnel/journal', '/en/staff/accounts', `/en/staff/accounts/${someone.id}`]) {
      assert.equal((await c.get(url)).statusCode, 404, url);
    }
    await c.get('/en/account');
    assert.equal((await c.post(`/en/staff/accounts/${someone.id}/end-sessions`, {})).statusCode, 404);
    assert.equal((await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'audit_exported'), eq(auditEvents.actorId, someone.id)))).length, 0);
  });
});

describe('people', () => {
  test('the state filter and each person’s roles', async () => {
    const a = await authority();
    const active = await person(a, { prefix: 'active' });
    const locked = await person(a, { prefix: 'locked' });
    const unverified = await person(a, { prefix: 'unverified' });
    await t.database.db.update(accounts).set({ lockedAt: t.clock.now() }).where(eq(accounts.id, locked.id));
    await t.database.db.update(accounts).set({ emailVerifiedAt: null }).where(eq(accounts.id, unverified.id));
    const staff = await staffOf(a);
    const emails = async (query: string) => {
      const res = await staff.c.get(`/en/staff/accounts?${query}`);
      assert.equal(res.statusCode, 200, query);
      return rows(res.body).map((r) => /[\w.-]+@example\.ca/.exec(r)?.[0]);
    };
    assert.deepEqual(await emails('state=locked'), [locked.email]);
    assert.deepEqual(await emails('state=unverified'), [unverified.email]);
    assert.deepEqual((await emails('state=active')).sort(), [active.email, staff.email].sort());
    assert.deepEqual(await emails(`q=${locked.email}&state=active`), []);
    assert.deepEqual(await emails(`q=${locked.email}&state=all`), [locked.email]);
    const staffRow = rows((await staff.c.get(`/en/staff/accounts?q=${staff.email}`)).body)[0];
    assert.match(staffRow ?? '', /<td class="govuk-table__cell"[^>]*>Staff<\/td>/);
    const bad = await staff.c.get('/en/staff/accounts?state=deleted');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choose a state from the list/);
  });

  test('end all sessions: the person is signed out at once, and it is audited', async () => {
    const a = await authority();
    const target = await person(a);
    const p = new Client(t.app);
    await p.get('/en/sign-in');
    await p.post('/en/sign-in', { email: target.email, password });
    assert.equal((await p.get('/en/account')).statusCode, 200);
    const staff = await staffOf(a);

    await staff.c.get(`/en/staff/accounts/${target.id}`);
    assert.equal((await staff.c.post(`/en/staff/accounts/${target.id}/end-sessions`, { _csrf: null })).statusCode, 403);
    assert.equal((await p.get('/en/account')).statusCode, 200, 'no token, nothing ended');

    const done = await staff.c.post(`/en/staff/accounts/${target.id}/end-sessions`, {});
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/en/staff/accounts/${target.id}?notice=sessionsEnded`);
    assert.match((await staff.c.get(done.headers.location)).body, /All of this person’s sessions were ended\./);

    const after = await p.get('/en/account');
    assert.equal(after.statusCode, 302);
    assert.equal(after.headers.location, '/en/sign-in');
    assert.equal((await t.database.db.select().from(sessions).where(eq(sessions.accountId, target.id))).length, 0);
    const [ended] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, target.id), eq(auditEvents.event, 'sessions_ended_by_staff')));
    assert.equal(ended?.actorId, staff.id);
    assert.equal(ended?.authorityId, a);
    assert.deepEqual(ended?.details, { sessions: 1 });
    assert.equal((await staff.c.get('/en/staff/accounts')).statusCode, 200, "the staff member's own session stays");
  });
});

describe('authority roles', () => {
  test('an administrator gives and takes roles, each change audited; staff cannot; the last administrator stays', async () => {
    const authorityId = await authority();
    const admin = await staffOf(authorityId);
    await t.database.db.insert(authorityRoles).values({ authorityId, accountId: admin.id, role: 'administrator' });
    const target = await person(authorityId);
    const page = await admin.c.get(`/en/staff/accounts/${target.id}`);
    assert.match(page.body, /Roles in this authority/);

    const given = await admin.c.post(`/en/staff/accounts/${target.id}/roles`, { roles: 'registrar' });
    assert.equal(given.statusCode, 303);
    const held = async (accountId: string) =>
      (await t.database.db.select().from(authorityRoles).where(and(eq(authorityRoles.authorityId, authorityId), eq(authorityRoles.accountId, accountId)))).map((r) => r.role).sort();
    assert.deepEqual(await held(target.id), ['registrar']);

    const plain = await staffOf(authorityId);
    assert.doesNotMatch((await plain.c.get(`/en/staff/accounts/${target.id}`)).body, /Roles in this authority/);
    assert.equal((await plain.c.post(`/en/staff/accounts/${target.id}/roles`, { roles: 'administrator' })).statusCode, 403);
    assert.equal((await plain.c.post(`/en/staff/accounts/${plain.id}/roles`, { roles: 'administrator' })).statusCode, 403, 'nobody promotes themselves');
    assert.deepEqual(await held(plain.id), ['staff']);

    const own = await admin.c.get(`/en/staff/accounts/${admin.id}`);
    assert.match(own.body, /<input type="hidden" name="roles" value="administrator"\/><input class="govuk-checkboxes__input" id="role-administrator" type="checkbox" value="administrator" checked disabled/, 'the only administrator is not offered to drop the role');
    assert.match(own.body, /The authority’s only administrator: make someone else an administrator first/);
    const asked = await admin.c.post(`/en/staff/accounts/${admin.id}/roles`, { roles: 'staff' });
    assert.equal(asked.statusCode, 303, 'taking a role is confirmed first');
    const refusedPage = await admin.c.get(String(asked.headers.location));
    assert.equal(refusedPage.statusCode, 409, 'a change that would be refused is not offered: the page says why');
    assert.match(refusedPage.body, /at least one administrator/);
    const last = await admin.c.post(`/en/staff/accounts/${admin.id}/roles`, { roles: 'staff', confirmed: 'yes' });
    assert.equal(last.statusCode, 409);
    assert.match(last.body, /at least one administrator/);
    assert.deepEqual(await held(admin.id), ['administrator', 'staff']);

    const bad = await admin.c.post(`/en/staff/accounts/${target.id}/roles`, { roles: 'king' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(await held(target.id), ['registrar']);

    const other = await authority();
    const stranger = await person(other);
    assert.equal((await admin.c.post(`/en/staff/accounts/${stranger.id}/roles`, { roles: 'staff' })).statusCode, 404, 'not one of the authority\'s people');

    const unconfirmed = await admin.c.post(`/en/staff/accounts/${target.id}/roles`, {});
    assert.equal(unconfirmed.statusCode, 303);
    assert.deepEqual(await held(target.id), ['registrar'], 'nothing is taken before it is confirmed');
    const confirm = await admin.c.get(String(unconfirmed.headers.location));
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<h1 class="govuk-heading-l">Take roles away — Pat Tremblay<\/h1>/);
    assert.match(confirm.body, /Roles taken from Pat Tremblay: Registrar\./);
    assert.match(confirm.body, /<a class="govuk-link" href="\/en\/staff\/accounts\/[0-9a-f-]+">Cancel and go back to the person<\/a>/);
    assert.match(confirm.body, /name="confirmed" value="yes"/);
    assert.equal((await admin.c.post(`/en/staff/accounts/${target.id}/roles`, { confirmed: 'yes' })).statusCode, 303);
    assert.deepEqual(await held(target.id), []);
    const events = (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.authorityId, authorityId), eq(auditEvents.subjectId, target.id))).orderBy(auditEvents.id)).map((e) => [e.event, e.details?.role]);
    assert.deepEqual(events, [
      ['authority_role_granted', 'registrar'],
      ['authority_role_removed', 'registrar'],
    ]);
  });
});

describe('security settings', () => {
  const settings = '/en/staff/security';
  const roles = async (authorityId: string) =>
    (await t.database.db.select({ roles: authorities.twoFactorRoles }).from(authorities).where(eq(authorities.id, authorityId)))[0]?.roles;

  test('an administrator requires two-step verification of registrants: one without a factor enrols at next sign-in; audited before/after', async () => {
    const authorityId = await authority();
    const admin = await staffOf(authorityId);
    await t.database.db.insert(authorityRoles).values({ authorityId, accountId: admin.id, role: 'administrator' });
    const registrant = await person(authorityId);
    const signIn = async () => {
      const c = new Client(t.app);
      await c.get('/en/sign-in');
      return (await c.post('/en/sign-in', { email: registrant.email, password })).headers.location;
    };
    assert.equal(await signIn(), '/en/dashboard', 'not required by default');

    assert.match((await admin.c.get('/en/staff/accounts')).body, /href="\/en\/staff\/security"/, 'in the staff navigation');
    const page = await admin.c.get(settings);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /The authority’s staff must always use it/);
    assert.doesNotMatch(page.body, /value="staff"/, 'said, not a box that cannot be unticked');
    assert.match(page.body, /<input[^>]*value="organization_member" checked/);
    assert.doesNotMatch(page.body, /<input[^>]*value="registrant" checked/);
    assert.match((await admin.c.get('/fr/personnel/securite')).body, /Paramètres de sécurité/);

    // The form never sends staff: they stay required all the same.
    const saved = await admin.c.post(settings, { roles: ['organization_member', 'registrant'] });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/en/staff/security?notice=saved');
    assert.match((await admin.c.get(saved.headers.location)).body, /The security settings have been saved/);
    assert.deepEqual(await roles(authorityId), ['staff', 'organization_member', 'registrant']);
    assert.equal(await signIn(), '/en/account/two-step-verification', 'the registrant is taken to enrolment');

    assert.equal((await admin.c.post(settings, { roles: 'registrant' })).statusCode, 303);
    assert.deepEqual(await roles(authorityId), ['staff', 'registrant']);
    assert.equal((await admin.c.post(settings, { roles: 'registrant' })).statusCode, 303, 'saving the same list again');
    assert.equal((await admin.c.post(settings, { roles: 'everyone' })).statusCode, 400);
    const changes = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.authorityId, authorityId), eq(auditEvents.event, 'two_factor_roles_changed')))
      .orderBy(auditEvents.id);
    assert.deepEqual(
      changes.map((e) => [e.actorId, e.subjectId, e.details]),
      [
        [admin.id, null, { before: ['staff', 'organization_member'], after: ['staff', 'organization_member', 'registrant'] }],
        [admin.id, null, { before: ['staff', 'organization_member', 'registrant'], after: ['staff', 'registrant'] }],
      ],
    );
  });

  test('staff who are not administrators, and people who are not staff, get 404; the database keeps staff required', async () => {
    const authorityId = await authority();
    const plain = await staffOf(authorityId);
    assert.doesNotMatch((await plain.c.get('/en/staff/accounts')).body, /href="\/en\/staff\/security"/);
    assert.equal((await plain.c.get(settings)).statusCode, 404);
    assert.equal((await plain.c.post(settings, { roles: 'registrant' })).statusCode, 404);
    const someone = await person(authorityId);
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    await c.post('/en/sign-in', { email: someone.email, password });
    assert.equal((await c.get('/fr/personnel/securite')).statusCode, 404);
    assert.deepEqual(await roles(authorityId), ['staff', 'organization_member']);
    await assert.rejects(t.database.db.update(authorities).set({ twoFactorRoles: ['registrant'] }).where(eq(authorities.id, authorityId)));
  });
});

describe('wayfinding in the console', () => {
  test('every menu entry opens a page whose heading is the entry’s name, in both languages', async () => {
    const authorityId = await authority();
    const admin = await staffOf(authorityId);
    await t.database.db.insert(authorityRoles).values({ authorityId, accountId: admin.id, role: 'administrator' });
    for (const start of ['/en/staff/accounts', '/fr/personnel/comptes']) {
      const page = await admin.c.get(start);
      const nav = /<nav[^>]*>([\s\S]*?)<\/nav>/g;
      const menus = [...page.body.matchAll(nav)].map((m) => m[1] ?? '').find((html) => html.includes('aria-current="page"')) ?? '';
      const links = [...menus.matchAll(/<a class="govuk-link" href="([^"]+)"[^>]*>(?:<strong>)?([^<]+)(?:<\/strong>)?<\/a>/g)].map((m) => ({ href: m[1] ?? '', label: (m[2] ?? '').replace(/&#x2019;|&rsquo;/g, '’') }));
      assert.ok(links.length >= 5, `the menu of ${start} (${page.statusCode} ${String(page.headers.location ?? '')}): ${links.map((l) => l.label).join(', ')}`);
      for (const link of links) {
        const res = await admin.c.get(link.href);
        assert.equal(res.statusCode, 200, link.href);
        assert.equal(/<h1 class="govuk-heading-l">([^<]+)<\/h1>/.exec(res.body)?.[1], link.label, `the heading of ${link.href}`);
      }
    }
  });

  test('with no search, the people page lists the authority’s people, not the audit log', async () => {
    const authorityId = await authority();
    const staff = await staffOf(authorityId);
    const someone = await person(authorityId, { givenName: 'Zoé' });
    const page = await staff.c.get('/en/staff/accounts');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<caption[^>]*>The authority’s people, by name \(at most 50\)<\/caption>/);
    assert.match(page.body, new RegExp(`href="/en/staff/accounts/${someone.id}">Zoé Tremblay</a>`));
    assert.doesNotMatch(page.body, /Security log|Audit log<\/caption>/);
  });

  test('the audit log’s “who” finds names as well as emails, and its names link to the person', async () => {
    const authorityId = await authority();
    const staff = await staffOf(authorityId);
    const actor = await person(authorityId, { givenName: 'Hélène' });
    const other = await person(authorityId, { givenName: 'Bruno' });
    await event(authorityId, 'details_updated', { actorId: actor.id, subjectId: actor.id, at: '2026-11-20T15:00:00Z' });
    await event(authorityId, 'details_updated', { actorId: other.id, subjectId: other.id, at: '2026-11-20T16:00:00Z' });
    for (const who of ['helene tremblay', 'HÉLÈNE', actor.email.slice(0, 12)]) {
      const page = await staff.c.get(`/en/staff/audit-log?who=${encodeURIComponent(who)}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`<a class="govuk-link" href="/en/staff/accounts/${actor.id}">Hélène Tremblay</a>`), who);
      assert.doesNotMatch(page.body, /Bruno Tremblay/, who);
    }
  });

  test('a person’s page shows their email confirmation, contact details and two-step verification', async () => {
    const authorityId = await authority();
    const staff = await staffOf(authorityId);
    const someone = await person(authorityId);
    await t.database.db.update(accounts).set({ phone: '514 555-0199', addressLine1: '1 rue Principale', city: 'Montréal', province: 'QC', postalCode: 'H2X 1Y4' }).where(eq(accounts.id, someone.id));
    const bare = await staff.c.get(`/en/staff/accounts/${someone.id}`);
    assert.match(bare.body, /Email address confirmation<\/dt><dd class="govuk-summary-list__value">Confirmed on /);
    assert.match(bare.body, /Phone<\/dt><dd class="govuk-summary-list__value">514 555-0199/);
    assert.match(bare.body, /Address<\/dt><dd class="govuk-summary-list__value">1 rue Principale, Montréal \(QC\) H2X 1Y4/);
    assert.match(bare.body, /Two-step verification<\/dt><dd class="govuk-summary-list__value"><strong class="govuk-tag govuk-tag--grey">No method<\/strong>/);
    await addAuthenticatorApp(t, someone.id);
    const withApp = await staff.c.get(`/en/staff/accounts/${someone.id}`);
    assert.match(withApp.body, /<li>Authenticator app since [^<]+<\/li><li>Recovery codes left: 0<\/li>/);
    await t.database.db.update(accounts).set({ emailVerifiedAt: null }).where(eq(accounts.id, someone.id));
    assert.match((await staff.c.get(`/fr/personnel/comptes/${someone.id}`)).body, /Confirmation de l’adresse courriel<\/dt><dd class="govuk-summary-list__value">Pas encore confirmée/);
  });

  test('ending a person’s sessions is confirmed on a page of its own', async () => {
    const authorityId = await authority();
    const staff = await staffOf(authorityId);
    const someone = await person(authorityId);
    const page = await staff.c.get(`/en/staff/accounts/${someone.id}`);
    assert.match(page.body, new RegExp(`<a class="govuk-button govuk-button--secondary" href="/en/staff/accounts/${someone.id}/end-sessions">End all sessions</a>`));
    const confirm = await staff.c.get(`/en/staff/accounts/${someone.id}/end-sessions`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /<h1 class="govuk-heading-l">End all sessions — Pat Tremblay<\/h1>/);
    assert.match(confirm.body, /Every open session of Pat Tremblay ends now/);
    assert.match(confirm.body, new RegExp(`<form method="post" action="/en/staff/accounts/${someone.id}/end-sessions"`));
    assert.match(confirm.body, new RegExp(`href="/en/staff/accounts/${someone.id}">Cancel and go back to the person</a>`));
  });
});
