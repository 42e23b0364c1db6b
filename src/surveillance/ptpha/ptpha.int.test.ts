import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { auditEvents } from '../../audit/index.ts';
import { mailMessages } from '../../mail/index.ts';
import type { LocalDate } from '../../platform/calendar.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../../test/support/factors.ts';
import { buildAccount, buildOrganization, buildOrganizationKind, buildStaff, FACTORY_PASSWORD } from '../../../test/support/factories.ts';
import { PTPHA_KIND } from '../core.ts';
import type { Notice } from '../notice.ts';
import { caseReminders, complianceReports, documentRequests, surveillanceCases } from '../schema.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const DAY = 24 * 60 * 60 * 1000;

let t: TestApp;
let ontario: { id: string; member: Client; memberId: string; secondId: string };
let quebec: { id: string; member: Client; memberId: string };
let staffId: string;
const cases: Record<string, string> = {};

/** A member of a new PTPHA of the province, signed in with an authenticator app (two-step is required). */
async function ptpha(kindId: string, province: string, name: string) {
  const account = await buildAccount(t.database.db, t.authorityId, { givenName: 'Morgan', familyName: 'Membre' });
  const key = await addAuthenticatorApp(t, account.id);
  const second = await buildAccount(t.database.db, t.authorityId, { givenName: 'Sacha', familyName: 'Second', preferredLanguage: 'fr' });
  const organization = await buildOrganization(t.database.db, t.authorityId, { kindId, name: { fr: `${name} (fr)`, en: name }, people: [{ accountId: account.id, role: 'manager' }, { accountId: second.id, role: 'member' }] });
  await t.database.db.execute(sql`update organizations set province = ${province} where id = ${organization.id}`);
  const member = new Client(t.app);
  assert.equal((await signInWithApp(member, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { id: organization.id, member, memberId: account.id, secondId: second.id };
}

function notice(n: Partial<Notice> & Pick<Notice, 'noticeNumber'>): Notice {
  return {
    familyName: 'Tremblay',
    givenNames: 'Hélène',
    dateOfBirth: '1990-04-21' as LocalDate,
    clientId: 'UCI-0001',
    addressLine1: '1 rue Principale',
    addressLine2: null,
    city: 'Ottawa',
    province: 'ON',
    postalCode: 'K1A 0B1',
    phone: '613-555-0100',
    email: 'person@example.ca',
    arrivalDate: '2026-11-01' as LocalDate,
    code: 'routine',
    ...n,
  };
}

async function receive(n: Notice) {
  const core = t.app.services.surveillance.core;
  const received = await t.database.db.transaction((tx) =>
    core.receiveNotice(tx, t.authorityId, n, { source: 'form', accountId: staffId, apiClientId: null, origin: { ip: null, userAgent: null }, at: t.clock.now() }, { routineDays: 30, urgentDays: 7 }),
  );
  assert.equal(received.kind, 'created');
  return received.caseId;
}

const caseUrl = (o: { id: string }, caseId: string, rest = '') => `/en/public-health/${o.id}/cases/${caseId}${rest}`;
const listUrl = (o: { id: string }, query = '') => `/en/public-health/${o.id}/cases${query}`;
const viewsOf = async (caseId: string) => (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, caseId), eq(auditEvents.event, 'surveillance_case_viewed')))).length;
const statusOf = async (caseId: string) => (await t.database.db.select({ status: surveillanceCases.status }).from(surveillanceCases).where(eq(surveillanceCases.id, caseId)))[0]?.status;

before(async () => {
  t = await createTestApp();
  // The test clock's day: Sunday 2026-11-22 in Toronto.
  await t.database.db.execute(sql`insert into surveillance_settings (authority_id) values (${t.authorityId})`);
  staffId = (await buildStaff(t.database.db, t.authorityId, { givenName: 'Dana', familyName: 'Officer' })).id;
  const kind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: PTPHA_KIND, name: { fr: 'Autorité de santé publique', en: 'Public health authority' } });
  ontario = await ptpha(kind.id, 'ON', 'Public Health Ontario');
  quebec = await ptpha(kind.id, 'QC', 'Santé publique Québec');
  // Routine, due 2026-12-01 (9 days ahead); urgent, due 2026-11-27 (due soon); routine reached
  // Saturday 2026-10-31, due Monday 2026-11-02 (overdue); and a case of Québec's.
  cases.helene = await receive(notice({ noticeNumber: 'N-1001' }));
  cases.urgent = await receive(notice({ noticeNumber: 'N-1002', familyName: 'Nguyen', givenNames: 'Anh', clientId: 'UCI-0002', dateOfBirth: '1985-02-03' as LocalDate, arrivalDate: '2026-11-20' as LocalDate, code: 'urgent' }));
  cases.overdue = await receive(notice({ noticeNumber: 'N-1003', familyName: 'Okafor', givenNames: 'Chidi', clientId: 'UCI-0003', dateOfBirth: '1979-07-30' as LocalDate, arrivalDate: '2026-10-01' as LocalDate }));
  cases.quebec = await receive(notice({ noticeNumber: 'N-2001', familyName: 'Gagnon', givenNames: 'Hélène', clientId: 'UCI-9001', province: 'QC', city: 'Québec', postalCode: 'G1R 4S9' }));
});
after(() => t.close());

describe('the PTPHA’s case list', () => {
  test('lists its own cases only, with the queues and their counts', async () => {
    const page = await ontario.member.get(listUrl(ontario));
    assert.equal(page.statusCode, 200);
    for (const n of ['N-1001', 'N-1002', 'N-1003']) assert.match(page.body, new RegExp(n));
    assert.doesNotMatch(page.body, /N-2001/);
    assert.match(page.body, /Due within 7 days \(1\)/);
    assert.match(page.body, /Overdue \(1\)/);
    assert.match(page.body, /Open urgent cases \(1\)/);
    const french = await ontario.member.get(`/fr/sante-publique/${ontario.id}/dossiers`);
    assert.equal(french.statusCode, 200);
    assert.match(french.body, /En retard \(1\)/);
  });

  test('filters by queue, status and arrival dates', async () => {
    const only = async (query: string) => [...(await ontario.member.get(listUrl(ontario, query))).body.matchAll(/N-\d{4}/g)].map((m) => m[0]).filter((v, i, a) => a.indexOf(v) === i);
    assert.deepEqual(await only('?queue=due_soon'), ['N-1002']);
    assert.deepEqual(await only('?queue=overdue'), ['N-1003']);
    assert.deepEqual(await only('?queue=urgent'), ['N-1002']);
    assert.deepEqual((await only('?status=notified')).sort(), ['N-1001', 'N-1002', 'N-1003']);
    assert.deepEqual(await only('?status=compliant'), []);
    assert.deepEqual(await only('?from=2026-11-01&to=2026-11-10'), ['N-1001']);
    assert.deepEqual((await only('?queue=nonsense')).sort(), ['N-1001', 'N-1002', 'N-1003'], 'a wrong filter is no filter');
  });

  test('search by name is accent-insensitive, and by client ID or date of birth; never another PTPHA’s case', async () => {
    await ontario.member.get(listUrl(ontario));
    const search = (form: Record<string, string>) => ontario.member.post(listUrl(ontario), form);
    const byName = await search({ name: 'Helene' });
    assert.equal(byName.statusCode, 200);
    assert.match(byName.body, /N-1001/);
    assert.doesNotMatch(byName.body, /N-2001/, 'Québec’s Hélène is not Ontario’s to find');
    assert.match((await search({ name: 'hélène TREMBLAY' })).body, /N-1001/);
    assert.match((await search({ name: 'Tremblai' })).body, /N-1001/, 'a letter wrong still finds the name');
    const byClient = await search({ clientId: 'uci-0002' });
    assert.match(byClient.body, /N-1002/);
    assert.doesNotMatch(byClient.body, /N-1001/);
    assert.doesNotMatch((await search({ clientId: 'UCI-9001' })).body, /N-2001/);
    const byBirth = await search({ dateOfBirth: '1979-07-30' });
    assert.match(byBirth.body, /N-1003/);
    assert.doesNotMatch(byBirth.body, /N-1001/);
    assert.equal((await search({ name: '' })).statusCode, 400, 'a search names someone');
    // The service itself, asked for Québec's client ID from Ontario: nothing.
    const found = await t.app.services.surveillance.ptpha.search({ accountId: ontario.memberId, organizationId: ontario.id, authorityId: t.authorityId }, { name: 'Hélène', clientId: null, dateOfBirth: null });
    assert.deepEqual(found.rows.map((r) => r.noticeNumber), ['N-1001']);
  });

  test('a member of one PTPHA finds neither another’s list nor its cases', async () => {
    assert.equal((await ontario.member.get(listUrl(quebec))).statusCode, 404);
    assert.equal((await ontario.member.get(caseUrl(ontario, cases.quebec!))).statusCode, 404);
    assert.equal((await ontario.member.get(caseUrl(quebec, cases.quebec!))).statusCode, 404);
    assert.equal((await quebec.member.get(caseUrl(quebec, cases.helene!))).statusCode, 404);
    await quebec.member.get(caseUrl(quebec, cases.quebec!));
    assert.equal((await quebec.member.post(caseUrl(ontario, cases.helene!, '/acknowledge'), {})).statusCode, 404);
    assert.equal((await quebec.member.post(caseUrl(quebec, cases.helene!, '/acknowledge'), {})).statusCode, 404);
    assert.equal(await statusOf(cases.helene!), 'notified');
  });

  test('the dashboard card says how many new notices and overdue cases', async () => {
    const dashboard = await ontario.member.get('/en/dashboard');
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /data-card="surveillanceCases"/);
    assert.match(dashboard.body, /New notices: 3\. Overdue cases: 1\./);
  });
});

describe('a case', () => {
  test('shows the person, the notice and the clock with how it was counted; every view is audited', async () => {
    const before = await viewsOf(cases.overdue!);
    const page = await ontario.member.get(caseUrl(ontario, cases.overdue!));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Okafor/);
    assert.match(page.body, /UCI-0003/);
    assert.match(page.body, /Arrival on .*2026.* \+ 30 days/);
    assert.match(page.body, /Moved to .*the next business day: .*Saturday.*Sunday/);
    assert.match(page.body, /overdue, days: 20/);
    assert.equal(await viewsOf(cases.overdue!), before + 1);
    await ontario.member.get(`/fr/sante-publique/${ontario.id}/dossiers/${cases.overdue}`);
    assert.equal(await viewsOf(cases.overdue!), before + 2);
  });

  test('acknowledged once', async () => {
    await ontario.member.get(caseUrl(ontario, cases.helene!));
    const first = await ontario.member.post(caseUrl(ontario, cases.helene!, '/acknowledge'), {});
    assert.equal(first.statusCode, 303);
    assert.equal(await statusOf(cases.helene!), 'acknowledged');
    const again = await ontario.member.post(caseUrl(ontario, cases.helene!, '/acknowledge'), {});
    assert.equal(again.statusCode, 409);
    const events = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, cases.helene!), eq(auditEvents.event, 'surveillance_case_acknowledged')));
    assert.equal(events.length, 1);
  });

  test('contact attempts and the follow-up, audited by field name', async () => {
    await ontario.member.get(caseUrl(ontario, cases.helene!));
    assert.equal((await ontario.member.post(caseUrl(ontario, cases.helene!, '/contacts'), { attemptedOn: '2026-11-21', method: 'phone', outcome: 'appointment_booked', contactNote: 'Booked for Tuesday' })).statusCode, 303);
    assert.equal((await ontario.member.post(caseUrl(ontario, cases.helene!, '/contacts'), { attemptedOn: '2026-12-21', method: 'phone', outcome: 'no_answer' })).statusCode, 400, 'not in the future');
    assert.equal((await ontario.member.post(caseUrl(ontario, cases.helene!, '/contacts'), { attemptedOn: '2026-11-21', method: 'fax', outcome: 'no_answer' })).statusCode, 400);
    const saved = await ontario.member.post(caseUrl(ontario, cases.helene!, '/follow-up'), { firstAppointmentOn: '2026-11-24', chestXrayOn: '2026-11-24', chestXrayResult: 'normal', furtherTests: '', assessmentOn: '', assessmentOutcome: '' });
    assert.equal(saved.statusCode, 303);
    const page = await ontario.member.follow(saved);
    assert.match(page.body, /Booked for Tuesday/);
    assert.match(page.body, /value="2026-11-24"/);
    const [changed] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, cases.helene!), eq(auditEvents.event, 'surveillance_follow_up_changed')));
    assert.deepEqual((changed?.details as { fields: string[] }).fields, ['firstAppointmentOn', 'chestXrayOn', 'chestXrayResult']);
    assert.doesNotMatch(JSON.stringify(changed?.details), /normal/, 'the audit names fields, not values');
    const same = await ontario.member.post(caseUrl(ontario, cases.helene!, '/follow-up'), { firstAppointmentOn: '2026-11-24', chestXrayOn: '2026-11-24', chestXrayResult: 'normal' });
    assert.match(String(same.headers.location), /notice=unchanged/);
  });

  test('a compliance report: confirmation first, then sent, never changed; a later one supersedes it', async () => {
    // Not before the notice is acknowledged.
    assert.equal((await ontario.member.get(caseUrl(ontario, cases.urgent!, '/report'))).statusCode, 303);
    const form = await ontario.member.get(caseUrl(ontario, cases.helene!, '/report'));
    assert.equal(form.statusCode, 200);
    assert.equal((await ontario.member.post(caseUrl(ontario, cases.helene!, '/report'), { status: 'moved', statusOn: '2026-11-21' })).statusCode, 400, 'a move names the province');
    const confirm = await ontario.member.post(caseUrl(ontario, cases.helene!, '/report'), { status: 'under_follow_up', statusOn: '2026-11-21', note: 'X-ray done' });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /cannot be changed or withdrawn/);
    assert.equal((await t.database.db.select().from(complianceReports).where(eq(complianceReports.caseId, cases.helene!))).length, 0, 'nothing sent before the confirmation');
    const sent = await ontario.member.post(caseUrl(ontario, cases.helene!, '/report'), { status: 'under_follow_up', statusOn: '2026-11-21', note: 'X-ray done', movedToProvince: '', confirmed: 'yes' });
    assert.equal(sent.statusCode, 303);
    assert.equal(await statusOf(cases.helene!), 'under_follow_up');
    const [first] = await t.database.db.select().from(complianceReports).where(eq(complianceReports.caseId, cases.helene!));
    const refused = (error: unknown) => /never changed/.test(String((error as { cause?: { message?: string } }).cause?.message ?? error));
    await assert.rejects(t.database.db.execute(sql`update surveillance_compliance_reports set note = 'changed' where id = ${first!.id}`), refused);
    await assert.rejects(t.database.db.execute(sql`delete from surveillance_compliance_reports where id = ${first!.id}`), refused);
    t.clock.advance(60_000);
    await ontario.member.get(caseUrl(ontario, cases.helene!, '/report'));
    assert.equal((await ontario.member.post(caseUrl(ontario, cases.helene!, '/report'), { status: 'compliant', statusOn: '2026-11-22', confirmed: 'yes' })).statusCode, 303);
    assert.equal(await statusOf(cases.helene!), 'compliant');
    const page = await ontario.member.get(caseUrl(ontario, cases.helene!));
    assert.match(page.body, /Compliant \(assessment done\)[\s\S]*Under follow-up[\s\S]*Superseded/);
    const mails = await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, staffId), eq(mailMessages.template, 'surveillancePtphaReport')));
    assert.equal(mails.length, 2, 'the department’s staff are told of each report');
    assert.match(mails[0]!.textBody, /N-1001/);
  });

  test('documents: the PTPHA’s own report uploaded, listed with its download; a document requested of the department', async () => {
    await ontario.member.get(caseUrl(ontario, cases.urgent!));
    const uploaded = await ontario.member.upload(caseUrl(ontario, cases.urgent!, '/documents'), [['typeCode', 'report'], { name: 'file', fileName: 'report.pdf', content: PDF, contentType: 'application/pdf' }]);
    assert.equal(uploaded.statusCode, 303);
    const page = await ontario.member.follow(uploaded);
    assert.match(page.body, /report\.pdf/);
    const versionId = /\/en\/documents\/([0-9a-f-]{36})/.exec(page.body)?.[1];
    assert.ok(versionId);
    assert.equal((await ontario.member.get(`/en/documents/${versionId}`)).statusCode, 200);
    assert.equal((await quebec.member.get(`/en/documents/${versionId}`)).statusCode, 404, 'another PTPHA cannot download it');
    const empty = await ontario.member.upload(caseUrl(ontario, cases.urgent!, '/documents'), [['typeCode', 'report']]);
    assert.equal(empty.statusCode, 400);
    assert.equal((await ontario.member.post(caseUrl(ontario, cases.urgent!, '/requests'), { description: 'The full lab report', requestDueOn: '2026-11-01' })).statusCode, 400, 'not in the past');
    const asked = await ontario.member.post(caseUrl(ontario, cases.urgent!, '/requests'), { description: 'The full lab report', requestDueOn: '2026-11-30' });
    assert.equal(asked.statusCode, 303);
    const [request] = await t.database.db.select().from(documentRequests).where(eq(documentRequests.caseId, cases.urgent!));
    assert.deepEqual([request?.status, request?.dueOn, request?.organizationId], ['open', '2026-11-30', ontario.id]);
    assert.match((await ontario.member.follow(asked)).body, /The full lab report/);
    const templates = (await t.database.db.select().from(mailMessages).where(eq(mailMessages.accountId, staffId))).map((m) => m.template);
    assert.ok(templates.includes('surveillancePtphaDocument') && templates.includes('surveillancePtphaRequest'));
  });
  test('a move names the province the person went to; the case waits for the department to transfer it', async () => {
    const french = await ontario.member.get(`/fr/sante-publique/${ontario.id}/dossiers/${cases.overdue}`);
    assert.match(french.body, /Prendre l’avis en charge/);
    assert.equal((await ontario.member.post(`/fr/sante-publique/${ontario.id}/dossiers/${cases.overdue}/prise-en-charge`, {})).statusCode, 303);
    const form = await ontario.member.get(`/fr/sante-publique/${ontario.id}/dossiers/${cases.overdue}/rapport`);
    assert.equal(form.statusCode, 200);
    const confirm = await ontario.member.post(`/fr/sante-publique/${ontario.id}/dossiers/${cases.overdue}/rapport`, { status: 'moved', statusOn: '2026-11-20', movedToProvince: 'QC' });
    assert.match(confirm.body, /ne peut plus être modifié ni retiré/);
    assert.equal((await ontario.member.post(`/fr/sante-publique/${ontario.id}/dossiers/${cases.overdue}/rapport`, { status: 'moved', statusOn: '2026-11-20', movedToProvince: 'QC', note: '', confirmed: 'yes' })).statusCode, 303);
    const [report] = await t.database.db.select().from(complianceReports).where(eq(complianceReports.caseId, cases.overdue!));
    assert.deepEqual([report?.status, report?.movedToProvince, report?.organizationId], ['moved', 'QC', ontario.id]);
    assert.equal(await statusOf(cases.overdue!), 'moved');
    assert.equal((await ontario.member.get(caseUrl(ontario, cases.overdue!))).statusCode, 200, 'still Ontario’s until the department transfers it');
  });

  test('a file that is not a PDF or an image is refused, and nothing is attached', async () => {
    await ontario.member.get(caseUrl(ontario, cases.urgent!));
    const before = (await t.app.services.documents.list('surveillance_case', cases.urgent!)).length;
    const refused = await ontario.member.upload(caseUrl(ontario, cases.urgent!, '/documents'), [['typeCode', 'other'], { name: 'file', fileName: 'notes.exe', content: Buffer.from('MZ\x90\x00 not a document'), contentType: 'application/octet-stream' }]);
    assert.ok(refused.statusCode >= 400 && refused.statusCode < 500, `answered ${refused.statusCode}`);
    assert.equal((await t.app.services.documents.list('surveillance_case', cases.urgent!)).length, before);
  });
});

describe('a case that moves to another PTPHA', () => {
  test('the old PTPHA loses it at once, pages and changes alike; the new one has it', async () => {
    // As part C's transfer leaves it: the case with Québec (its history keeps Ontario's rows).
    const moving = await receive(notice({ noticeNumber: 'N-1009', clientId: 'UCI-0009', arrivalDate: '2026-10-01' as LocalDate }));
    await ontario.member.get(caseUrl(ontario, moving));
    await t.database.db.execute(sql`update surveillance_cases set organization_id = ${quebec.id} where id = ${moving}`);
    assert.equal((await ontario.member.get(caseUrl(ontario, moving))).statusCode, 404);
    assert.equal((await ontario.member.post(caseUrl(ontario, moving, '/contacts'), { attemptedOn: '2026-11-21', method: 'phone', outcome: 'no_answer' })).statusCode, 404);
    assert.doesNotMatch((await ontario.member.get(listUrl(ontario))).body, /N-1009/);
    assert.equal((await quebec.member.get(caseUrl(quebec, moving))).statusCode, 200);
    await t.database.db.execute(sql`update surveillance_cases set organization_id = ${ontario.id} where id = ${moving}`);
  });
});

describe('reminders before the due day', () => {
  test('each member once per offset, even when run twice at once', async () => {
    await t.database.db.delete(caseReminders);
    const before = await t.database.db.select().from(mailMessages).where(eq(mailMessages.template, 'surveillancePtphaReminder'));
    assert.equal(before.length, 0);
    const ptphaService = t.app.services.surveillance.ptpha;
    const [a, b] = await Promise.all([ptphaService.run(), ptphaService.run()]);
    assert.equal(a + b, 1, 'only the urgent case (due in 5 days) reached an offset (7)');
    await ptphaService.run();
    const mails = await t.database.db.select().from(mailMessages).where(eq(mailMessages.template, 'surveillancePtphaReminder'));
    assert.deepEqual(mails.map((m) => m.accountId).sort(), [ontario.memberId, ontario.secondId].sort());
    assert.match(mails.find((m) => m.accountId === ontario.secondId)!.textBody, /N-1002.*jours restants\u00a0: 5/);
    // Three days on: the urgent case is two days from its due day (the second offset), and
    // Québec's case a week from its own (the first): each once.
    t.clock.advance(3 * DAY);
    await ptphaService.run();
    await ptphaService.run();
    const later = await t.database.db.select().from(mailMessages).where(eq(mailMessages.template, 'surveillancePtphaReminder'));
    const count = (id: string) => later.filter((m) => m.accountId === id).length;
    assert.deepEqual([count(ontario.memberId), count(ontario.secondId), count(quebec.memberId)], [2, 2, 1]);
    assert.equal(later.length, 6);
    const written = await t.database.db.select().from(caseReminders).where(eq(caseReminders.caseId, cases.urgent!));
    assert.deepEqual(written.map((r) => r.daysBefore).sort(), [2, 7]);
    t.clock.advance(-3 * DAY);
  });
});

describe('privacy', () => {
  test('no mail sent names the person or says anything medical', async () => {
    const mails = await t.database.db.select().from(mailMessages).where(inArray(mailMessages.template, ['surveillancePtphaReport', 'surveillancePtphaDocument', 'surveillancePtphaRequest', 'surveillancePtphaReminder']));
    assert.ok(mails.length >= 6);
    for (const m of mails) {
      for (const secret of ['Hélène', 'Helene', 'Tremblay', 'Nguyen', 'Anh ', 'UCI-', '1990-04-21', 'X-ray done', 'lab report', 'normal', 'Booked']) {
        assert.ok(!m.textBody.includes(secret) && !m.htmlBody.includes(secret) && !m.subject.includes(secret), `${m.template} mentions ${secret}`);
      }
    }
  });
});
