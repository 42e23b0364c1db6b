import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { invoices, seedFeeSchedule } from '../billing/index.ts';
import { mailMessages } from '../mail/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildAuthority, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { seedExamsDemo } from './index.ts';
import { examRegistrations, examResults, examSessions, examSettings } from './schema.ts';

let t: TestApp;
let admin: Client;
let elsewhere: Client;
let adminSignIn: () => Promise<Client>;
let elsewhereSignIn: () => Promise<Client>;
const DAY = 24 * 60 * 60_000;

/** Sign-ins idle out after 30 minutes: past a clock jump, everyone signs in again. */
async function signIn(email: string) {
  const c = new Client(t.app);
  await c.get(`/en/sign-in?portal=${t.authoritySlug}`);
  assert.equal((await c.post('/en/sign-in', { email, password: FACTORY_PASSWORD })).statusCode, 303);
  return c;
}
async function jump(ms: number, ...people: { c: Client; account: { email: string } }[]) {
  t.clock.advance(ms);
  admin = await adminSignIn();
  elsewhere = await elsewhereSignIn();
  for (const p of people) p.c = await signIn(p.account.email);
}

async function person(language: 'fr' | 'en' = 'en') {
  const account = await buildAccount(t.database.db, t.authorityId, { preferredLanguage: language });
  return { c: await signIn(account.email), account };
}

async function staffClient(authorityId: string, roles: ('registrar' | 'administrator')[] = []) {
  const account = await buildStaff(t.database.db, authorityId, { roles });
  const key = await addAuthenticatorApp(t, account.id);
  const again = async () => {
    const c = new Client(t.app);
    assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
    return c;
  };
  return { c: await again(), account, again };
}

const session = (o: Record<string, string> = {}) => ({ nameFr: 'Examen de décembre', nameEn: 'December exam', day: '2026-12-10', time: '09:00', mode: 'in_person', place: '5199, rue Sherbrooke Est, Montréal', capacity: '1', registrationDeadline: '2026-11-30', feeCode: 'exam_fee', ...o });

async function createSession(o: Record<string, string> = {}) {
  await admin.get('/en/staff/exams/new-session');
  const res = await admin.post('/en/staff/exams/new-session', session(o));
  assert.equal(res.statusCode, 303, res.body);
  const [row] = await t.database.db.select().from(examSessions).where(eq(examSessions.name, { fr: session(o).nameFr, en: session(o).nameEn }));
  return row!;
}

async function register(c: Client, sessionId: string, locale: 'en' | 'fr' = 'en') {
  const path = locale === 'en' ? `/en/exams/sessions/${sessionId}/register` : `/fr/examens/seances/${sessionId}/inscription`;
  await c.get(path);
  return c.post(path, {});
}

const registrationsOf = (accountId: string) => t.database.db.select().from(examRegistrations).where(eq(examRegistrations.accountId, accountId));
const mailTo = (accountId: string, template: string) => t.database.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, accountId), eq(mailMessages.template, template)));
const results = () => t.database.db.select().from(examResults);

/** Posts the import form as a browser does (multipart: the token first, then the file, then the button). */
async function postCsv(c: Client, csv: string, action: 'check' | 'import') {
  await c.get('/en/staff/exams/import-results');
  return c.upload('/en/staff/exams/import-results', [{ name: 'file', fileName: 'results.csv', content: Buffer.from(csv), contentType: 'text/csv' }, ['action', action]]);
}

before(async () => {
  t = await createTestApp();
  await seedFeeSchedule(t.database.db, t.authorityId, 'consumer_protection');
  const a = await staffClient(t.authorityId, ['administrator']);
  const b = await staffClient((await buildAuthority(t.database.db)).id, ['registrar', 'administrator']);
  [admin, adminSignIn, elsewhere, elsewhereSignIn] = [a.c, a.again, b.c, b.again];
});
after(() => t.close());

describe('exam sessions and registrations', () => {
  let december: typeof examSessions.$inferSelect;
  let early: typeof examSessions.$inferSelect;
  let first: Awaited<ReturnType<typeof person>>;
  let second: Awaited<ReturnType<typeof person>>;

  test('an administrator creates sessions; a plain staff member cannot, and a wrong form changes nothing', async () => {
    december = await createSession();
    assert.equal(december.startsAt.toISOString(), '2026-12-10T14:00:00.000Z', '09:00 in Montréal, standard time');
    early = await createSession({ nameFr: 'Examen en ligne', nameEn: 'Online exam', day: '2026-12-01', mode: 'online', place: '', capacity: '5', registrationDeadline: '2026-11-24', feeCode: '' });
    assert.equal(early.place, null);
    const bad = await admin.post('/en/staff/exams/new-session', session({ place: '', registrationDeadline: '2026-12-20', capacity: '0' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter where the in-person session takes place/);
    assert.match(bad.body, /on or before the session’s day/);
    assert.match(bad.body, /number of seats/);
    const plain = (await staffClient(t.authorityId)).c;
    assert.equal((await plain.get('/en/staff/exams/new-session')).statusCode, 404);
    assert.equal((await plain.get('/en/staff/exams')).statusCode, 200, 'staff see the sessions');
    assert.equal((await t.database.db.select().from(examSessions)).length, 2);
  });

  test('a person registers: the confirmation is in their account and in their mail, with the fee invoice', async () => {
    first = await person();
    const list = await first.c.get('/en/exams');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /December exam/);
    const res = await register(first.c, december.id);
    assert.equal(res.statusCode, 303, res.body);
    const [registration] = await registrationsOf(first.account.id);
    assert.equal(registration?.status, 'registered');
    assert.equal(res.headers.location, `/en/exams/registrations/${registration!.id}?notice=registered`);
    const page = await first.c.follow(res);
    assert.match(page.body, /data-confirmation/);
    assert.match(page.body, /Registration confirmed/);
    assert.match(page.body, /5199, rue Sherbrooke Est, Montréal/);
    assert.match(page.body, /December 10, 2026/);
    const [invoice] = await t.database.db.select().from(invoices).where(eq(invoices.subjectId, registration!.id));
    assert.equal(invoice?.subjectKind, 'exam_registration');
    assert.equal(invoice?.totalCents, 9_800);
    assert.match(page.body, new RegExp(`Invoice ${invoice!.number}`));
    const [mail] = await mailTo(first.account.id, 'examRegistered');
    assert.ok(mail, 'the confirmation is mailed');
    assert.match(mail.textBody, /5199, rue Sherbrooke Est/);
    assert.match(mail.textBody, /December 10, 2026/);
    assert.match(mail.textBody, new RegExp(`/en/exams/registrations/${registration!.id}`));
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'exam_registered'), eq(auditEvents.actorId, first.account.id)));
    assert.ok(event);
    assert.match((await first.c.get(`/en/exams/sessions/${december.id}/register`)).body, new RegExp(`href="/en/exams/registrations/${registration!.id}"`), 'the session says they hold a seat');
    // The account's dashboard shows it too.
    assert.match((await first.c.get('/en/dashboard')).body, /data-card="examsComing"[\s\S]*December exam/);
    // Another person does not see it.
    const other = await person();
    assert.equal((await other.c.get(`/en/exams/registrations/${registration!.id}`)).statusCode, 404);
    assert.equal((await other.c.post(`/en/exams/registrations/${registration!.id}/cancel`, {})).statusCode, 404);
  });

  test('a full session refuses, in the person’s language, and writes nothing', async () => {
    second = await person();
    const res = await register(second.c, december.id);
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /This session is full/);
    const fr = await register(second.c, december.id, 'fr');
    assert.equal(fr.statusCode, 409);
    assert.match(fr.body, /Cette séance est complète/);
    assert.deepEqual(await registrationsOf(second.account.id), []);
    assert.deepEqual(await t.database.db.select().from(invoices).where(eq(invoices.accountId, second.account.id)), []);
    assert.deepEqual(await mailTo(second.account.id, 'examRegistered'), []);
  });

  test('cancelled before the deadline, the seat is free again', async () => {
    assert.equal((await register(second.c, early.id)).statusCode, 303, 'a free online session');
    const [registration] = await registrationsOf(first.account.id);
    await first.c.get(`/en/exams/registrations/${registration!.id}`);
    const res = await first.c.post(`/en/exams/registrations/${registration!.id}/cancel`, {});
    assert.equal(res.statusCode, 303);
    assert.match((await first.c.follow(res)).body, /Your registration is cancelled/);
    assert.equal((await registrationsOf(first.account.id))[0]?.status, 'cancelled');
    assert.equal((await mailTo(first.account.id, 'examCancelled')).length, 1);
    assert.equal((await first.c.post(`/en/exams/registrations/${registration!.id}/cancel`, {})).statusCode, 409, 'once');
    assert.equal((await register(second.c, december.id)).statusCode, 303, 'the freed seat is taken');
  });

  test('past the deadline, registering and cancelling are refused with the reason', async () => {
    await jump(3 * DAY, first, second); // 2026-11-25: the online session's deadline (11-24) has passed
    const late = await person('fr');
    const res = await register(late.c, early.id, 'fr');
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /La date limite d’inscription à cette séance est passée/);
    const en = await register(late.c, early.id);
    assert.match(en.body, /The registration deadline for this session has passed/);
    assert.deepEqual(await registrationsOf(late.account.id), []);
    const [mine] = (await registrationsOf(second.account.id)).filter((r) => r.sessionId === early.id);
    await second.c.get(`/en/exams/registrations/${mine!.id}`);
    const cancel = await second.c.post(`/en/exams/registrations/${mine!.id}/cancel`, {});
    assert.equal(cancel.statusCode, 409);
    assert.match(cancel.body, /can no longer be cancelled online/);
    assert.equal((await registrationsOf(second.account.id)).find((r) => r.id === mine!.id)?.status, 'registered');
  });

  test('staff enter a result after the sitting; the person sees it valid 24 months; another authority’s staff can do nothing', async () => {
    const roster = `/en/staff/exams/${december.id}`;
    const entry = `${roster}/results/${second.account.id}`;
    await admin.get(roster);
    const early = await admin.post(entry, { outcome: 'passed', score: '85' });
    assert.equal(early.statusCode, 409, 'not before the sitting');
    assert.match(early.body, /has not taken place yet/);
    await jump(16 * DAY, first, second); // 2026-12-11
    // Another authority's staff: no roster, no entry, nothing written.
    assert.equal((await elsewhere.get(roster)).statusCode, 404);
    await elsewhere.get('/en/staff/exams');
    assert.equal((await elsewhere.post(entry, { outcome: 'failed', score: '1' })).statusCode, 404);
    assert.doesNotMatch((await elsewhere.get('/en/staff/exams')).body, /December exam/);
    assert.deepEqual(await results(), []);
    await admin.get(roster);
    assert.equal((await admin.post(entry, { outcome: 'maybe', score: '' })).statusCode, 400);
    const res = await admin.post(entry, { outcome: 'passed', score: '85' });
    assert.equal(res.statusCode, 303, res.body);
    const [result] = await results();
    assert.equal(result?.satOn, '2026-12-10');
    assert.equal(result?.source, 'staff');
    assert.equal((await admin.post(entry, { outcome: 'failed', score: '' })).statusCode, 409, 'a result is kept, never replaced');
    const page = await second.c.get('/en/exams/results');
    assert.match(page.body, /Valid until December 9, 2028/);
    assert.match(page.body, /data-valid-until="2028-12-09"/);
    const exams = t.app.services.exams;
    assert.deepEqual(await exams.latestPassed(t.database.db, second.account.id, t.authorityId), { id: result!.id, satOn: '2026-12-10', validUntil: '2028-12-09' });
    assert.deepEqual(await exams.result(t.database.db, result!.id), { id: result!.id, satOn: '2026-12-10', outcome: 'passed', validUntil: '2028-12-09' });
    assert.equal(await exams.latestPassed(t.database.db, first.account.id, t.authorityId), null);
    // The authority's setting decides the validity.
    await admin.get('/en/staff/exams/settings');
    const wrong = await admin.post('/en/staff/exams/settings', { resultValidityMonths: '0' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /number of months from 1 to 120/);
    assert.equal((await admin.post('/en/staff/exams/settings', { resultValidityMonths: '12' })).statusCode, 303);
    assert.equal((await t.database.db.select().from(examSettings))[0]?.resultValidityMonths, 12);
    assert.equal((await elsewhere.get('/en/staff/exams/settings')).statusCode, 200, 'their own authority’s');
    assert.match((await elsewhere.get('/en/staff/exams/settings')).body, /value="24"/, 'not this one’s');
    assert.equal((await exams.latestPassed(t.database.db, second.account.id, t.authorityId))?.validUntil, '2027-12-09');
    assert.match((await second.c.get('/fr/examens/resultats')).body, /Valide jusqu’au 9 décembre 2027/);
    assert.equal((await admin.post('/en/staff/exams/settings', { resultValidityMonths: '24' })).statusCode, 303);
  });

  test('a results file: the dry run reports every line’s problem and writes nothing; a clean file imports', async () => {
    const before = (await results()).length;
    const known = await person();
    const csv = [
      'email,account_id,session,sat_on,outcome,score',
      `${known.account.email},,,2026-11-15,passed,70`,
      'nobody@example.ca,,,2026-11-15,passed,70',
      `${known.account.email},,,2026-02-30,passed,70`,
      `,${known.account.id},,2026-11-16,maybe,70`,
      `${known.account.email.toUpperCase()},,,2026-11-15,failed,`,
      `${second.account.email},,${december.id},,passed,90`,
    ].join('\n');
    const res = await postCsv(admin, csv, 'check');
    assert.equal(res.statusCode, 200, res.body);
    const problems = Object.fromEntries([...res.body.matchAll(/data-line="(\d+)" data-problems="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    assert.deepEqual(problems, { '3': 'unknown_person', '4': 'bad_date', '5': 'bad_outcome', '6': 'duplicate', '7': 'already_entered' });
    assert.match(res.body, /Unknown person: no account has this email/);
    assert.match(res.body, /5 of 6 line\(s\) have a problem/);
    assert.equal((await results()).length, before, 'the dry run writes nothing');
    const refused = await postCsv(admin, csv, 'import');
    assert.equal(refused.statusCode, 409);
    assert.equal((await results()).length, before, 'a file with a bad line writes nothing');
    // Another authority's staff: the session is not theirs, and nothing of this file is written there.
    const theirs = await postCsv(elsewhere, `email,session,sat_on,outcome\n${first.account.email},${december.id},,passed`, 'import');
    assert.equal(theirs.statusCode, 409);
    assert.match(theirs.body, /data-problems="unknown_session/);
    const clean = ['email,account_id,session,sat_on,outcome,score', `${known.account.email},,,2026-11-15,passed,70`, `,${first.account.id},,2026-11-16,failed,`].join('\n');
    const dry = await postCsv(admin, clean, 'check');
    assert.match(dry.body, /data-clean/);
    const imported = await postCsv(admin, clean, 'import');
    assert.equal(imported.statusCode, 200);
    assert.match(imported.body, /2 result\(s\) imported/);
    const written = (await results()).filter((r) => r.source === 'import');
    assert.deepEqual(written.map((r) => [r.accountId, r.satOn, r.outcome, r.score]).sort(), [[known.account.id, '2026-11-15', 'passed', 70], [first.account.id, '2026-11-16', 'failed', null]].sort());
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'exam_results_imported'));
    assert.ok(event);
    assert.equal((await postCsv(admin, clean, 'import')).statusCode, 409, 'imported twice: already entered');
    assert.match((await known.c.get('/en/exams/results')).body, /Valid until November 14, 2028/);
  });
});

describe('the last seats, asked for at once', () => {
  test('five people after two seats: two get one, three are told it is full', async () => {
    const [row] = await t.database.db
      .insert(examSessions)
      .values({ authorityId: t.authorityId, name: { fr: 'Séance courue', en: 'Popular session' }, startsAt: new Date(t.clock.now().getTime() + 30 * DAY), mode: 'online', capacity: 2, registrationDeadline: '2027-12-31', feeCode: 'exam_fee' })
      .returning();
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => buildAccount(t.database.db, t.authorityId)));
    const answers = await Promise.all(
      people.map((p) => t.app.services.exams.register({ id: p.id, staffAuthorityId: t.authorityId, authorityRoles: [] }, t.authorityId, row!.id, 'fr', null, { ip: null, userAgent: null })),
    );
    assert.deepEqual(answers.map((a) => (a.kind === 'registered' ? 'registered' : a.reason)).sort(), ['full', 'full', 'full', 'registered', 'registered']);
    assert.equal((await t.database.db.select().from(examRegistrations).where(eq(examRegistrations.sessionId, row!.id))).length, 2);
    const billed = await t.database.db.select().from(invoices).where(eq(invoices.subjectKind, 'exam_registration'));
    assert.equal(billed.filter((i) => people.some((p) => p.id === i.accountId)).length, 2, 'an invoice only for a seat given');
  });
});

describe('the demo', () => {
  test('a past session, one open for registration with the exam fee, and a passed result given on a day', async () => {
    const authority = await buildAuthority(t.database.db);
    await seedFeeSchedule(t.database.db, authority.id, 'consumer_protection');
    const demo = await seedExamsDemo(t.database.db, authority.id, { now: t.clock.now() });
    const open = await t.app.services.exams.openSession(authority.id, demo.openSessionId);
    assert.equal(open?.open, true);
    assert.equal(open?.session.feeCode, 'exam_fee');
    assert.equal((await t.app.services.exams.openSession(authority.id, demo.pastSessionId))?.open, false);
    const someone = await buildAccount(t.database.db, authority.id);
    const registered = await t.app.services.exams.register({ id: someone.id, staffAuthorityId: authority.id, authorityRoles: [] }, authority.id, demo.openSessionId, 'fr', null, { ip: null, userAgent: null });
    assert.equal(registered.kind, 'registered', 'the demo fee is in the preset');
    const resultId = await demo.givePassed(someone.id, '2025-01-15');
    assert.deepEqual(await t.app.services.exams.latestPassed(t.database.db, someone.id, authority.id), { id: resultId, satOn: '2025-01-15', validUntil: '2027-01-14' });
  });
});
