import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { agencyLinks } from '../agencies/index.ts';
import { auditEvents } from '../audit/index.ts';
import { invoices, seedFeeSchedule } from '../billing/index.ts';
import { seedExamsDemo } from '../exams/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildApplicationType, buildOrganization, buildOrganizationKind, buildRegistrationCategory, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { seedDemoRegistration } from './demo.ts';
import { files, registrationCategoryChanges, registrations } from './schema.ts';

/**
 * Files and their numbers, the office's exam rule for a new file after an expired certificate,
 * and a certificate that waits for its fee and its agency link (issue 15, points 2 to 4), on the
 * test clock's day: 22 November 2026.
 */
let t: TestApp;
let typeId = '';
let typeCode = '';
let agency: { id: string; manager: Client };
let exams: Awaited<ReturnType<typeof seedExamsDemo>>;

async function signedIn(account: { email: string }) {
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  assert.equal((await c.post('/en/sign-in', { email: account.email, password: FACTORY_PASSWORD })).statusCode, 303);
  return c;
}

async function withApp(roles?: ('staff' | 'administrator')[]) {
  const account = roles ? await buildStaff(t.database.db, t.authorityId, { roles }) : await buildAccount(t.database.db, t.authorityId);
  const key = await addAuthenticatorApp(t, account.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { account, c };
}

/** A representative whose 24-month certificate started on `since` (so expired by today when early enough). */
async function representative(since: `${number}-${number}-${number}`, name: string) {
  const account = await buildAccount(t.database.db, t.authorityId, { givenName: name, familyName: 'Représentant', preferredLanguage: 'en' });
  await seedDemoRegistration(t.database.db, { authorityId: t.authorityId, accountId: account.id, givenName: name, familyName: 'Représentant', typeCode, since, expired: true });
  return account;
}

/** Starts the type on the portal and answers the new application's id. */
async function start(c: Client) {
  await c.get('/en/applications');
  const res = await c.post('/en/applications/start', { typeId });
  assert.equal(res.statusCode, 303, 'started');
  return /\/en\/applications\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
}

const fileOf = async (applicationId: string) => (await t.database.db.select().from(files).where(eq(files.applicationId, applicationId)))[0];

before(async () => {
  t = await createTestApp();
  await seedFeeSchedule(t.database.db, t.authorityId, 'consumer_protection');
  const category = await buildRegistrationCategory(t.database.db, t.authorityId, { name: { fr: 'Représentant d’agent de recouvrement', en: 'Collection agent representative' }, validityMonths: 24, requiresExam: true, requiresAgencyLink: true });
  const type = await buildApplicationType(t.database.db, t.authorityId, { categoryId: category.id, sections: ['declarations'], feeCodes: ['certificate_fee'], decision: 'automatic' });
  typeId = type.id;
  typeCode = type.code;
  exams = await seedExamsDemo(t.database.db, t.authorityId, { now: t.clock.now(), feeCode: null });
  const kind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: 'collection_agency', name: { fr: 'Agence de recouvrement', en: 'Collection agency' } });
  const manager = await withApp();
  agency = { id: (await buildOrganization(t.database.db, t.authorityId, { kindId: kind.id, name: { fr: 'Recouvrement Alpha', en: 'Alpha Collections' }, people: [{ accountId: manager.account.id, role: 'manager' }] })).id, manager: manager.c };
  // The office numbers its files CAR + year + eight digits; an administrator sets it on the files page.
  const admin = await withApp(['staff', 'administrator']);
  await admin.c.get('/en/staff/files');
  assert.equal((await admin.c.post('/en/staff/files', { format: 'CAR{year}' })).statusCode, 400, 'a format without a sequence is refused');
  assert.equal((await admin.c.post('/en/staff/files', { format: 'CAR{year}{seq:8}' })).statusCode, 303);
  const [changed] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'file_number_format_changed'));
  assert.deepEqual(changed?.details, { from: '{year}-{seq:5}', to: 'CAR{year}{seq:8}' });
});
after(() => t.close());

describe('file numbers', () => {
  test('20 files opened at once get 20 consecutive numbers in the authority’s format, each unique', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => buildAccount(t.database.db, t.authorityId, { givenName: `Person${i}` })));
    const origin = { ip: null, userAgent: null };
    const before = (await t.database.db.select({ number: files.number }).from(files).where(eq(files.authorityId, t.authorityId))).length;
    const started = await Promise.all(
      people.map((p) => t.app.services.licensing.applicant.start({ ...p, staffAuthorityId: t.authorityId, authorityRoles: [], preferredLanguage: 'en' }, t.authorityId, typeId, origin)),
    );
    assert.ok(started.every((s) => s.kind === 'started'));
    const numbers = (await t.database.db.select({ number: files.number }).from(files).where(sql`${files.authorityId} = ${t.authorityId} and ${files.accountId} in ${people.map((p) => p.id)}`)).map((r) => r.number).sort();
    const first = before + 1;
    assert.deepEqual(numbers, Array.from({ length: 20 }, (_, i) => `CAR2026${String(first + i).padStart(8, '0')}`));
  });
});

describe('a new file after an expired certificate', () => {
  test('linked to an agency on the day it expired: the old result is carried over, with the old file’s number, and the person reads why', async () => {
    const account = await representative('2024-10-01', 'Linked'); // valid until 2026-09-30
    await t.database.db.insert(agencyLinks).values({ authorityId: t.authorityId, accountId: account.id, organizationId: agency.id, status: 'ended', via: 'manager', requestedAt: new Date('2024-09-01T12:00:00Z'), startedOn: '2024-09-02', endedOn: '2026-10-15' });
    const resultId = await exams.givePassed(account.id, '2022-05-10');
    const c = await signedIn(account);
    const applicationId = await start(c);
    const file = await fileOf(applicationId);
    const [old] = await t.database.db.select().from(registrations).where(eq(registrations.accountId, account.id));
    assert.equal(file?.examRule, 'linked_at_expiry');
    assert.equal(file?.examResultId, resultId, 'the 2022 result itself, however old');
    assert.equal(file?.examEvidence?.previousNumber, old?.number);
    assert.equal(file?.previousFileId, old?.fileId);
    const page = await c.get(`/en/applications/${applicationId}`);
    assert.match(page.body, new RegExp(`carried over from file ${old!.number} to this new file: you were linked to the agency Alpha Collections on September 30, 2026`));
  });

  test('not linked, exam passed 23 months ago: carried over as a recent exam', async () => {
    const account = await representative('2024-10-01', 'Recent');
    const resultId = await exams.givePassed(account.id, '2024-12-22');
    const c = await signedIn(account);
    const applicationId = await start(c);
    const file = await fileOf(applicationId);
    assert.equal(file?.examRule, 'recent_exam');
    assert.equal(file?.examResultId, resultId);
    assert.match((await c.get(`/en/applications/${applicationId}`)).body, /Your exam result of December 22, 2024 is carried over from file .* it is valid until December 21, 2026/);
  });

  test('not linked, exam passed 25 months ago: refused, with both reasons and what to do, in both languages', async () => {
    const account = await representative('2024-10-01', 'Late');
    await exams.givePassed(account.id, '2024-10-22');
    const c = await signedIn(account);
    const applicationId = await start(c);
    const file = await fileOf(applicationId);
    assert.equal(file?.examRule, 'not_met');
    assert.equal(file?.examResultId, null);
    const en = (await c.get(`/en/applications/${applicationId}`)).body;
    assert.match(en, /Your exam result cannot be carried over from file/);
    assert.match(en, /you were not linked to any collection agency on September 30, 2026/);
    assert.match(en, /your exam of October 22, 2024 is more than 2 years old/);
    assert.match(en, /register for an exam session and pass it/);
    const fr = (await c.get(`/fr/demandes/${applicationId}`)).body;
    assert.match(fr, /vous n’étiez lié à aucune agence de recouvrement le 30 septembre 2026/);
  });
});

describe('a certificate waits for its fee and its agency link', () => {
  test('submitted, it is approved at once and waits; paid, it still waits for the link; linked, it is issued and downloads', async () => {
    const account = await representative('2024-10-01', 'Waiting');
    await exams.givePassed(account.id, '2025-06-01');
    const c = await signedIn(account);
    const applicationId = await start(c);
    assert.equal((await c.post(`/en/applications/${applicationId}/declarations`, { intent: 'continue' })).statusCode, 303);
    await c.get(`/en/applications/${applicationId}/check`);
    assert.equal((await c.post(`/en/applications/${applicationId}/check`, {})).statusCode, 303, 'submitted');
    const [registration] = await t.database.db.select().from(registrations).where(and(eq(registrations.applicationId, applicationId)));
    assert.equal(registration?.status, 'pending', 'approved by the portal, waiting for its conditions');
    assert.equal(registration?.number, (await fileOf(applicationId))?.number, 'the certificate bears its file’s number');
    let page = (await c.get(`/en/applications/${applicationId}`)).body;
    assert.match(page, /data-waiting="fee agency_link"/);

    const [invoice] = await t.database.db.select().from(invoices).where(eq(invoices.subjectId, registration!.id));
    await c.get(`/en/fees-and-receipts/${invoice!.id}`);
    const pay = await c.post(`/en/fees-and-receipts/${invoice!.id}/pay`, {});
    const gateway = new URL(String(pay.headers.location), 'http://x').pathname;
    await c.get(gateway);
    const paid = await c.post(gateway, { cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
    assert.equal(paid.statusCode, 303, 'paid on the test gateway');
    const back = new URL(String(paid.headers.location), 'http://x');
    await c.get(back.pathname + back.search);
    page = (await c.get(`/en/applications/${applicationId}`)).body;
    assert.match(page, /data-waiting="agency_link"/, 'paid: only the link is missing');
    assert.equal((await c.get(`/en/registrations/${registration!.id}/certificate`)).statusCode, 404);

    await c.get('/en/collection-agency');
    assert.equal((await c.post('/en/collection-agency/request', { organizationId: agency.id })).statusCode, 303);
    const [link] = await t.database.db.select().from(agencyLinks).where(and(eq(agencyLinks.accountId, account.id), eq(agencyLinks.status, 'requested')));
    await agency.manager.get(`/en/organizations/${agency.id}/representatives`);
    assert.equal((await agency.manager.post(`/en/organizations/${agency.id}/representatives/${link!.id}/decision`, { decision: 'confirm', reason: '' })).statusCode, 303);
    const [issued] = await t.database.db.select().from(registrations).where(eq(registrations.id, registration!.id));
    assert.equal(issued?.status, 'active', 'the link confirmed, the certificate is issued in the same transaction');
    assert.equal(issued?.validFrom, '2026-11-22');
    assert.equal(issued?.validUntil, '2028-11-21', 'two years');
    const pdf = await c.get(`/en/registrations/${registration!.id}/certificate`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
  });
});

describe('category transfer', () => {
  test('approved, it moves the registration to the new category, keeping its number, with its history; a second one has nowhere to go', async () => {
    const from = await buildRegistrationCategory(t.database.db, t.authorityId, { name: { fr: 'Inscrit admissible', en: 'Qualifying registrant' } });
    const to = await buildRegistrationCategory(t.database.db, t.authorityId, { name: { fr: 'Psychothérapeute autorisé', en: 'Registered psychotherapist' } });
    const first = await buildApplicationType(t.database.db, t.authorityId, { categoryId: from.id, sections: ['declarations'] });
    const transfer = await buildApplicationType(t.database.db, t.authorityId, { categoryId: to.id, sections: ['declarations'], eligibility: 'registered', kind: 'category_transfer' });
    const account = await buildAccount(t.database.db, t.authorityId, { preferredLanguage: 'en' });
    await seedDemoRegistration(t.database.db, { authorityId: t.authorityId, accountId: account.id, givenName: 'Tara', familyName: 'Transfer', typeCode: first.code, since: '2026-06-01' });
    const [before] = await t.database.db.select().from(registrations).where(eq(registrations.accountId, account.id));
    const c = await signedIn(account);
    await c.get('/en/applications');
    const res = await c.post('/en/applications/start', { typeId: transfer.id });
    const id = /\/en\/applications\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
    assert.equal(await fileOf(id), undefined, 'a transfer opens no new file');
    await c.post(`/en/applications/${id}/declarations`, { intent: 'continue' });
    await c.get(`/en/applications/${id}/check`);
    assert.equal((await c.post(`/en/applications/${id}/check`, {})).statusCode, 303, 'submitted to the review queue');
    const staff = await withApp(['staff']);
    await staff.c.get(`/en/staff/applications/${id}`);
    await staff.c.post(`/en/staff/applications/${id}/assignment?action=pick_up`, {});
    assert.equal((await staff.c.post(`/en/staff/applications/${id}/decision`, { outcome: 'approve', reasons: '' })).statusCode, 303, 'approved');
    const all = await t.database.db.select().from(registrations).where(eq(registrations.accountId, account.id));
    assert.equal(all.length, 1, 'the same registration, not a second one');
    assert.equal(all[0]?.categoryId, to.id);
    assert.equal(all[0]?.number, before?.number);
    assert.equal(all[0]?.validUntil, before?.validUntil, 'its validity unchanged');
    const history = await t.database.db.select().from(registrationCategoryChanges).where(eq(registrationCategoryChanges.registrationId, before!.id));
    assert.deepEqual(history.map((h) => [h.fromCategoryId, h.toCategoryId, h.applicationId]), [[from.id, to.id, id]]);
    assert.match((await c.get(`/en/applications/${id}`)).body, /Registered psychotherapist/);
    const again = await c.post('/en/applications/start', { typeId: transfer.id });
    assert.equal(again.statusCode, 403);
    assert.match(again.body, /You are already registered in this category/);
  });
});
