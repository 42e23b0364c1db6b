import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../audit/index.ts';
import { mailMessages } from '../../mail/index.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../../test/support/factors.ts';
import { buildAccount, buildAuthority, buildOrganization, buildOrganizationKind, buildStaff, FACTORY_PASSWORD } from '../../../test/support/factories.ts';
import { PTPHA_KIND } from '../index.ts';
import type { Notice } from '../notice.ts';
import { caseAssignments, caseContacts, caseFollowUps, complianceReports, documentRequests, surveillanceCases } from '../schema.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
let t: TestApp;
let officer: { c: Client; account: { id: string; email: string } };
let ontario: { id: string; member: Client; account: { id: string; email: string } };
let quebec: { id: string; member: Client; account: { id: string; email: string } };
let seq = 0;

async function withApp(authorityId: string, staff = false) {
  const account = staff ? await buildStaff(t.database.db, authorityId) : await buildAccount(t.database.db, authorityId);
  const key = await addAuthenticatorApp(t, account.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { account, c };
}

async function ptpha(kindId: string, province: string, name: string) {
  const member = await withApp(t.authorityId);
  const organization = await buildOrganization(t.database.db, t.authorityId, { kindId, name: { fr: `${name} (fr)`, en: name }, people: [{ accountId: member.account.id, role: 'manager' }] });
  await t.database.db.execute(sql`update organizations set province = ${province} where id = ${organization.id}`);
  return { id: organization.id, member: member.c, account: member.account };
}

const notice = (o: Partial<Notice> = {}): Notice => ({
  noticeNumber: `N-${++seq}-${Math.random().toString(36).slice(2, 8)}`,
  familyName: 'Lefebvre',
  givenNames: 'Hélène',
  dateOfBirth: '1990-04-21',
  clientId: 'UCI12345',
  addressLine1: '12 rue King',
  addressLine2: null,
  city: 'Toronto',
  province: 'ON',
  postalCode: 'M5V 1A1',
  phone: null,
  email: null,
  arrivalDate: '2026-11-01',
  code: 'routine',
  ...o,
});

/** A case through the shared core, as intake would make it (part A's pages are built beside this one). */
async function newCase(o: Partial<Notice> = {}, authorityId = t.authorityId) {
  const received = await t.database.db.transaction((tx) =>
    t.app.services.surveillance.core.receiveNotice(tx, authorityId, notice(o), { source: 'form', accountId: null, apiClientId: null, origin: { ip: null, userAgent: null }, at: t.clock.now() }, { routineDays: 30, urgentDays: 7 }),
  );
  assert.equal(received.kind, 'created');
  return received.caseId;
}

/** What the PTPHA side writes (part B builds its pages in parallel): rows, as its use cases would. */
async function report(caseId: string, organizationId: string, accountId: string, status: 'compliant' | 'moved' | 'under_follow_up', statusOn: string, sentAt: Date, movedToProvince: string | null = null) {
  await t.database.db.insert(complianceReports).values({ caseId, organizationId, status, statusOn, sentBy: accountId, sentAt, movedToProvince, note: null });
  await t.database.db.update(surveillanceCases).set({ status }).where(eq(surveillanceCases.id, caseId));
}
const contact = (caseId: string, organizationId: string, accountId: string, attemptedOn: string) =>
  t.database.db.insert(caseContacts).values({ caseId, organizationId, attemptedOn, method: 'phone', outcome: 'reached', recordedBy: accountId, recordedAt: t.clock.now() });

const viewsOf = (caseId: string) => t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, caseId), eq(auditEvents.event, 'surveillance_case_viewed')));
const mailTo = (accountId: string, template: string) => t.database.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, accountId), eq(mailMessages.template, template)));
const casePath = (caseId: string) => `/en/staff/surveillance/cases/${caseId}`;

before(async () => {
  t = await createTestApp();
  await t.database.db.execute(sql`insert into surveillance_settings (authority_id) values (${t.authorityId})`);
  const kind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: PTPHA_KIND, name: { fr: 'Autorité de santé publique', en: 'Public health authority' } });
  ontario = await ptpha(kind.id, 'ON', 'Public Health Ontario');
  quebec = await ptpha(kind.id, 'QC', 'Santé publique Québec');
  officer = await withApp(t.authorityId, true);
});
after(() => t.close());

describe('the department’s case page', () => {
  test('shows everything about the case, read-only, and every view is audited as the department', async () => {
    const caseId = await newCase({ familyName: 'Nguyen', arrivalDate: '2026-10-01' });
    await contact(caseId, ontario.id, ontario.account.id, '2026-11-20');
    await t.database.db.insert(caseFollowUps).values({ caseId, chestXrayOn: '2026-11-21', chestXrayResult: 'normal', updatedBy: ontario.account.id, updatedAt: t.clock.now() });
    await report(caseId, ontario.id, ontario.account.id, 'under_follow_up', '2026-11-21', t.clock.now());
    const page = await officer.c.get(casePath(caseId));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Nguyen/);
    assert.match(page.body, /Public Health Ontario \(ON\) since/);
    assert.match(page.body, /Reached/);
    assert.match(page.body, /2026-11-21 — Normal/);
    assert.match(page.body, /Under follow-up|En suivi/);
    assert.doesNotMatch(page.body, /<input[^>]*name="followUp/, 'the follow-up is not editable here');
    // The clock shows its work: 30 days reach a Saturday, so the report is due the Monday after.
    assert.match(page.body, /Arrival on 2026-10-01 \+ 30 days = 2026-10-31/);
    assert.match(page.body, /Moved to 2026-11-02, the next business day, as these days are closed: 2026-10-31 \(Saturday\), 2026-11-01 \(Sunday\)/);
    assert.match(page.body, /2026-11-02<strong class="govuk-tag govuk-tag--red[^"]*">Overdue/);
    assert.equal((await officer.c.get(`/fr/personnel/surveillance/dossiers/${caseId}`)).statusCode, 200);
    const views = await viewsOf(caseId);
    assert.equal(views.length, 2);
    for (const v of views) {
      assert.equal(v.actorId, officer.account.id);
      assert.equal((v.details as { as: string }).as, 'department');
    }
  });

  test('staff of another authority, a PTPHA member and a wrong id find no such page; nothing is audited', async () => {
    const caseId = await newCase();
    const elsewhere = (await buildAuthority(t.database.db)).id;
    await t.database.db.execute(sql`insert into surveillance_settings (authority_id) values (${elsewhere})`);
    const stranger = await withApp(elsewhere, true);
    assert.equal((await stranger.c.get(casePath(caseId))).statusCode, 404);
    assert.equal((await stranger.c.get('/en/staff/surveillance/cases')).statusCode, 200, 'their own (empty) list');
    assert.doesNotMatch((await stranger.c.get('/en/staff/surveillance/cases')).body, new RegExp(caseId));
    const off = await withApp((await buildAuthority(t.database.db)).id, true);
    assert.equal((await off.c.get('/en/staff/surveillance/cases')).statusCode, 404, 'surveillance off: no page');
    assert.doesNotMatch((await off.c.get('/en/staff/accounts')).body, /data-card="surveillanceDepartment"/, 'and no card');
    assert.equal((await stranger.c.get(`${casePath(caseId)}/transfer`)).statusCode, 404);
    assert.equal((await stranger.c.post(`${casePath(caseId)}/transfer`, { organizationId: quebec.id })).statusCode, 404);
    assert.equal((await ontario.member.get(casePath(caseId))).statusCode, 404);
    assert.equal((await officer.c.get('/en/staff/surveillance/cases/not-a-uuid')).statusCode, 404);
    assert.equal((await viewsOf(caseId)).length, 0);
  });
});

describe('documents and requests', () => {
  test('attaching a document mails the PTPHA’s members the notice number and a link, nothing medical', async () => {
    const caseId = await newCase({ familyName: 'Zylberstein', givenNames: 'Aurèle' });
    await officer.c.get(casePath(caseId));
    const res = await officer.c.upload(`${casePath(caseId)}/documents`, [['typeCode', 'xray'], { name: 'file', fileName: 'chest-xray.pdf', content: PDF, contentType: 'application/pdf' }]);
    assert.equal(res.statusCode, 303);
    const page = await officer.c.follow(res);
    assert.match(page.body, /chest-xray\.pdf/);
    assert.match(page.body, /Chest X-ray/);
    const [c] = await t.database.db.select().from(surveillanceCases).where(eq(surveillanceCases.id, caseId));
    const mails = await mailTo(ontario.account.id, 'surveillanceDepartmentDocument');
    assert.equal(mails.length, 1);
    const mail = mails[0];
    assert.ok(mail);
    assert.match(mail.textBody, new RegExp(c?.noticeNumber ?? '-'));
    assert.match(mail.textBody, new RegExp(`/en/public-health/${ontario.id}/cases/${caseId}`));
    for (const secret of ['Zylberstein', 'Aurèle', 'UCI12345', '1990-04-21', 'chest-xray', 'X-ray']) {
      assert.ok(!mail.textBody.includes(secret) && !mail.htmlBody.includes(secret) && !mail.subject.includes(secret), `no ${secret} in the mail`);
    }
    assert.equal((await mailTo(quebec.account.id, 'surveillanceDepartmentDocument')).length, 0);
    const [added] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, caseId), eq(auditEvents.event, 'surveillance_document_added')));
    assert.equal((added?.details as { side: string }).side, 'department');
    // A file that is not a document is refused and nothing is attached.
    const bad = await officer.c.upload(`${casePath(caseId)}/documents`, [['typeCode', 'lab'], { name: 'file', fileName: 'x.exe', content: Buffer.from('MZ\x90\x00not a document'), contentType: 'application/octet-stream' }]);
    assert.ok(bad.statusCode >= 400);
    assert.equal((await t.app.services.documents.list('surveillance_case', caseId)).length, 1);
  });

  test('a request answered with a document is fulfilled; another is closed with a reason; both once', async () => {
    const caseId = await newCase();
    const [asked] = await t.database.db.insert(documentRequests).values({ caseId, organizationId: ontario.id, description: 'Previous X-ray', dueOn: '2026-11-25', requestedBy: ontario.account.id, requestedAt: t.clock.now() }).returning();
    const [other] = await t.database.db.insert(documentRequests).values({ caseId, organizationId: ontario.id, description: 'Lab report', dueOn: '2026-11-20', requestedBy: ontario.account.id, requestedAt: t.clock.now() }).returning();
    assert.ok(asked && other);
    const queue = await officer.c.get('/en/staff/surveillance/requests');
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.body.indexOf(`#request-${other.id}`) < queue.body.indexOf(`#request-${asked.id}`), 'the overdue request first');
    assert.match(queue.body, /Overdue/);

    const page = await officer.c.get(casePath(caseId));
    const ids = [...page.body.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids, [...new Set(ids)], 'two open requests, each form its own field ids');
    const answered = await officer.c.upload(`${casePath(caseId)}/requests/${asked.id}`, [['typeCode', 'xray'], { name: 'file', fileName: 'old-xray.pdf', content: PDF, contentType: 'application/pdf' }]);
    assert.equal(answered.statusCode, 303);
    const [fulfilled] = await t.database.db.select().from(documentRequests).where(eq(documentRequests.id, asked.id));
    assert.equal(fulfilled?.status, 'fulfilled');
    assert.ok(fulfilled?.documentId);
    assert.equal(fulfilled?.answeredBy, officer.account.id);
    const again = await officer.c.upload(`${casePath(caseId)}/requests/${asked.id}`, [['typeCode', 'xray'], { name: 'file', fileName: 'again.pdf', content: PDF, contentType: 'application/pdf' }]);
    assert.equal(again.statusCode, 409);

    await officer.c.get(casePath(caseId));
    const empty = await officer.c.post(`${casePath(caseId)}/requests/${other.id}/close`, { reason: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, new RegExp(`href="#close-${other.id}-reason"`));
    assert.match(empty.body, new RegExp(`id="close-${other.id}-reason"`));
    assert.equal((await officer.c.post(`${casePath(caseId)}/requests/${other.id}/close`, { reason: 'We hold no lab report for this person.' })).statusCode, 303);
    const [closed] = await t.database.db.select().from(documentRequests).where(eq(documentRequests.id, other.id));
    assert.equal(closed?.status, 'closed');
    assert.equal(closed?.closeReason, 'We hold no lab report for this person.');
    assert.equal((await mailTo(ontario.account.id, 'surveillanceRequestClosed')).length, 1);
    const events = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, caseId))).map((e) => e.event);
    assert.ok(events.includes('surveillance_request_closed'));
    assert.doesNotMatch((await officer.c.get('/en/staff/surveillance/requests')).body, new RegExp(caseId));
  });
});

describe('transfer', () => {
  test('after a “moved” report: the case goes to Québec, keeps its history, and access moves with it', async () => {
    const caseId = await newCase({ familyName: 'Moreau' });
    await contact(caseId, ontario.id, ontario.account.id, '2026-11-10');
    await report(caseId, ontario.id, ontario.account.id, 'moved', '2026-11-15', t.clock.now(), 'QC');
    await officer.c.get(casePath(caseId));
    const up = await officer.c.upload(`${casePath(caseId)}/documents`, [['typeCode', 'history'], { name: 'file', fileName: 'history.pdf', content: PDF, contentType: 'application/pdf' }]);
    assert.equal(up.statusCode, 303);
    const [doc] = await t.app.services.documents.list('surveillance_case', caseId);
    const versionId = doc?.versions[0]?.id ?? '';
    assert.equal((await ontario.member.get(`/en/documents/${versionId}`)).statusCode, 200, 'Ontario reads the case’s documents before');
    assert.equal((await quebec.member.get(`/en/documents/${versionId}`)).statusCode, 404, 'Québec does not');

    const reports = await officer.c.get('/en/staff/surveillance/reports');
    assert.match(reports.body, /To transfer/);
    const form = await officer.c.get(`${casePath(caseId)}/transfer`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, new RegExp(`value="${quebec.id}"[^>]*checked`), 'the PTPHA of the province moved to is proposed');
    assert.equal((await officer.c.post(`${casePath(caseId)}/transfer`, { organizationId: ontario.id })).statusCode, 409, 'not to the PTPHA it is with');
    const moved = await officer.c.post(`${casePath(caseId)}/transfer`, { organizationId: quebec.id });
    assert.equal(moved.statusCode, 303);

    const [c] = await t.database.db.select().from(surveillanceCases).where(eq(surveillanceCases.id, caseId));
    assert.equal(c?.organizationId, quebec.id);
    assert.equal(c?.status, 'notified');
    const assignments = await t.database.db.select().from(caseAssignments).where(eq(caseAssignments.caseId, caseId)).orderBy(caseAssignments.assignedAt);
    assert.deepEqual(assignments.map((a) => [a.organizationId, a.reason, a.endedAt !== null]), [[ontario.id, 'routed', true], [quebec.id, 'transferred', false]]);
    // The history stays, with who wrote it.
    assert.equal((await t.database.db.select().from(caseContacts).where(eq(caseContacts.caseId, caseId)))[0]?.organizationId, ontario.id);
    assert.equal((await t.database.db.select().from(complianceReports).where(eq(complianceReports.caseId, caseId))).length, 1);
    const page = await officer.c.get(casePath(caseId));
    assert.match(page.body, /Public Health Ontario \(ON\) from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
    assert.match(page.body, /Santé publique Québec \(QC\) since/);
    assert.match(page.body, /history\.pdf/);
    // Access moved at once.
    assert.equal((await ontario.member.get(`/en/documents/${versionId}`)).statusCode, 404, 'Ontario no longer reads it');
    assert.equal((await quebec.member.get(`/en/documents/${versionId}`)).statusCode, 200, 'Québec does');
    if (t.app.hasRoute({ method: 'GET', url: '/en/public-health/:organizationId/cases/:caseId' })) {
      assert.equal((await ontario.member.get(`/en/public-health/${ontario.id}/cases/${caseId}`)).statusCode, 404);
      assert.equal((await quebec.member.get(`/en/public-health/${quebec.id}/cases/${caseId}`)).statusCode, 200);
    }
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, caseId), eq(auditEvents.event, 'surveillance_case_transferred')));
    assert.deepEqual({ from: (event?.details as { from: string }).from, to: (event?.details as { to: string }).to }, { from: ontario.id, to: quebec.id });
    const mails = await mailTo(quebec.account.id, 'surveillanceCaseTransferred');
    assert.equal(mails.length, 1);
    assert.ok(!mails[0]?.textBody.includes('Moreau'));
    assert.equal((await mailTo(ontario.account.id, 'surveillanceCaseTransferred')).length, 0);
    // A compliant case is closed: no transfer.
    const done = await newCase();
    await report(done, ontario.id, ontario.account.id, 'compliant', '2026-11-20', t.clock.now());
    assert.equal((await officer.c.post(`${casePath(done)}/transfer`, { organizationId: quebec.id })).statusCode, 409);
  });
});

describe('the lists, the figures and the card', () => {
  test('the list filters by status, province, PTPHA and overdue, and counts by status × province', async () => {
    const late = await newCase({ familyName: 'Late', arrivalDate: '2026-09-01' });
    const quebecCase = await newCase({ familyName: 'Tremblay', province: 'QC', city: 'Montréal', postalCode: 'H2X 1Y4' });
    const overdue = await officer.c.get('/en/staff/surveillance/cases?overdue=yes');
    assert.match(overdue.body, new RegExp(late));
    assert.doesNotMatch(overdue.body, new RegExp(quebecCase));
    const qc = await officer.c.get('/en/staff/surveillance/cases?province=QC');
    assert.match(qc.body, new RegExp(quebecCase));
    assert.doesNotMatch(qc.body, new RegExp(late));
    const byPtpha = await officer.c.get(`/en/staff/surveillance/cases?organizationId=${ontario.id}&status=notified`);
    assert.match(byPtpha.body, new RegExp(late));
    assert.doesNotMatch(byPtpha.body, new RegExp(quebecCase));
    assert.match(qc.body, /Cases by status and province/);
    assert.equal((await officer.c.get('/fr/personnel/surveillance/dossiers?status=nonsense')).statusCode, 200);
    const home = await officer.c.get('/en/staff/accounts');
    assert.match(home.body, /data-card="surveillanceDepartment"/);
    assert.match(home.body, /Overdue cases: [1-9]/);
  });
});

describe('figures', () => {
  test('on known data, by province and overall, with their denominators; the CSV export is audited', async () => {
    const figures = await createTestApp();
    const db = figures.database.db;
    const authorityId = figures.authorityId;
    try {
      await db.execute(sql`insert into surveillance_settings (authority_id) values (${authorityId})`);
      const kind = await buildOrganizationKind(db, authorityId, { slug: PTPHA_KIND });
      const on = await buildOrganization(db, authorityId, { kindId: kind.id });
      const qcOrg = await buildOrganization(db, authorityId, { kindId: kind.id });
      await db.execute(sql`update organizations set province = 'QC' where id = ${qcOrg.id}`);
      const member = await buildAccount(db, authorityId);
      const staff = await buildStaff(db, authorityId);
      const limits = { routineDays: 30, urgentDays: 7 };
      const make = async (o: Partial<Notice>, receivedAt: Date) => {
        const r = await db.transaction((tx) => figures.app.services.surveillance.core.receiveNotice(tx, authorityId, notice(o), { source: 'api', accountId: null, apiClientId: null, origin: { ip: null, userAgent: null }, at: receivedAt }, limits));
        assert.equal(r.kind, 'created');
        return r.caseId;
      };
      const at = (d: string) => new Date(`${d}T15:00:00Z`);
      const send = (caseId: string, org: string, statusOn: string, sentOn: string) => db.insert(complianceReports).values({ caseId, organizationId: org, status: 'compliant', statusOn, sentBy: member.id, sentAt: at(sentOn) });
      // Today (the test clock) is 2026-11-22. Ontario: three routine cases and one urgent; Québec: one routine.
      const a = await make({ arrivalDate: '2025-06-02' }, at('2025-06-03')); // due 2025-07-02; compliant on time; old enough for both shares
      await send(a, on.id, '2025-06-20', '2025-06-25');
      await db.insert(caseContacts).values({ caseId: a, organizationId: on.id, attemptedOn: '2025-06-05', method: 'phone', outcome: 'reached', recordedBy: member.id, recordedAt: at('2025-06-05') }); // 2 days
      const b = await make({ arrivalDate: '2026-03-02' }, at('2026-03-02')); // due 2026-04-01; compliant late, assessed within 90 days
      await send(b, on.id, '2026-04-20', '2026-04-22');
      await db.insert(caseContacts).values({ caseId: b, organizationId: on.id, attemptedOn: '2026-03-08', method: 'phone', outcome: 'no_answer', recordedBy: member.id, recordedAt: at('2026-03-08') }); // 6 days
      const c = await make({ arrivalDate: '2026-11-10' }, at('2026-11-10')); // not due yet: not counted for compliance
      await db.insert(caseContacts).values({ caseId: c, organizationId: on.id, attemptedOn: '2026-11-14', method: 'email', outcome: 'reached', recordedBy: member.id, recordedAt: at('2026-11-14') }); // 4 days
      const d = await make({ code: 'urgent', arrivalDate: '2026-06-01' }, at('2026-06-01')); // due 2026-06-08, never reported: late
      await db.insert(caseFollowUps).values({ caseId: d, assessmentOn: '2026-10-01', updatedBy: member.id, updatedAt: at('2026-10-01') }); // assessed after 90 days
      const e = await make({ province: 'QC', city: 'Québec', postalCode: 'G1R 4P5', arrivalDate: '2026-01-05' }, at('2026-01-05')); // due 2026-02-04
      await send(e, qcOrg.id, '2026-02-01', '2026-02-03');
      await make({ province: null, addressLine1: null, city: null, postalCode: null, arrivalDate: '2026-10-01' }, at('2026-10-01')); // unrouted
      await make({ arrivalDate: '2024-01-01' }, at('2024-01-01')); // outside the period

      const rows = await figures.app.services.surveillance.department.figures({ id: staff.id, staffAuthorityId: authorityId }, '2025-01-01', '2026-11-22');
      const byProvince = Object.fromEntries(rows.map((r) => [r.overall ? 'ALL' : (r.province ?? 'none'), r]));
      assert.deepEqual(Object.keys(byProvince), ['ON', 'QC', 'none', 'ALL']);
      const onRow = byProvince.ON;
      assert.ok(onRow);
      assert.equal(onRow.cases, 4);
      assert.deepEqual([onRow.routineInTime, onRow.routineCounted, onRow.urgentInTime, onRow.urgentCounted], [1, 2, 0, 1]);
      assert.deepEqual([onRow.contacted, onRow.medianDaysToContact], [3, 4]);
      // 90 days: a, b, d are old enough (c is not); a and b assessed in time, d after 120 days.
      assert.deepEqual([onRow.assessed90, onRow.counted90], [2, 3]);
      // A year: only a arrived a year ago or more.
      assert.deepEqual([onRow.assessed365, onRow.counted365], [1, 1]);
      const all = byProvince.ALL;
      assert.ok(all);
      assert.equal(all.cases, 6);
      assert.deepEqual([all.routineInTime, all.routineCounted], [2, 4], 'the unrouted case is due and not compliant');
      assert.deepEqual([all.assessed90, all.counted90], [3, 4]);

      // The page shows the denominators; the CSV holds the same numbers and its export is audited.
      const key = await addAuthenticatorApp(figures, staff.id);
      const c2 = new Client(figures.app);
      assert.equal((await signInWithApp(c2, figures, staff.email, FACTORY_PASSWORD, key)).statusCode, 303);
      const page = await c2.get('/en/staff/surveillance/figures?from=2025-01-01&to=2026-11-22');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /1 of 2 \(50%\)/);
      assert.match(page.body, /median 4 days \(cases contacted: 3\)/);
      assert.equal((await c2.get('/en/staff/surveillance/figures?from=nonsense')).statusCode, 400);
      const csv = await c2.get('/en/staff/surveillance/figures.csv?from=2025-01-01&to=2026-11-22');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      const lines = csv.body.trim().split('\r\n');
      assert.equal(lines[0], 'province,cases,routine_in_time,routine_counted,urgent_in_time,urgent_counted,contacted,median_days_to_first_contact,assessed_90_days,counted_90_days,assessed_1_year,counted_1_year');
      assert.equal(lines[1], 'ON,4,1,2,0,1,3,4,2,3,1,1');
      assert.equal(lines.at(-1)?.split(',')[0], 'ALL');
      const [exported] = await db.select().from(auditEvents).where(eq(auditEvents.event, 'surveillance_figures_exported'));
      assert.equal(exported?.actorId, staff.id);
      assert.deepEqual(exported?.details, { from: '2025-01-01', to: '2026-11-22' });
      // The default period: the twelve months before today.
      assert.match((await c2.get('/fr/personnel/surveillance/indicateurs')).body, /2025-11-22/);
    } finally {
      await figures.close();
    }
  });
});

describe('malformed input', () => {
  test('odd queries and forms on every department page answer below 500 and change nothing', async () => {
    const caseId = await newCase();
    const before = await t.database.db.select().from(surveillanceCases).where(eq(surveillanceCases.id, caseId));
    const gets = ['/en/staff/surveillance/cases?status[]=x&page=abc&province=%00', '/en/staff/surveillance/figures?from[]=1&to=2026-13-40', '/en/staff/surveillance/figures.csv?from=2026-06-01&to=2026-01-01', `${casePath(caseId)}/transfer?x=%FF`, '/en/staff/surveillance/requests?notice=%3Cscript%3E'];
    for (const url of gets) assert.ok((await officer.c.get(url)).statusCode < 500, url);
    await officer.c.get(casePath(caseId));
    const posts: [string, Record<string, string | string[] | null>][] = [
      [`${casePath(caseId)}/transfer`, { organizationId: 'not-a-uuid' }],
      [`${casePath(caseId)}/transfer`, { organizationId: ['a', 'b'] }],
      [`${casePath(caseId)}/transfer`, { organizationId: caseId }],
      [`${casePath(caseId)}/requests/${caseId}/close`, { reason: 'x' }],
      [`${casePath(caseId)}/requests/${caseId}/close`, { reason: ['a', 'b'] }],
      [`${casePath(caseId)}/documents`, { typeCode: 'xray' }],
      [`${casePath(caseId)}/requests/${caseId}`, { typeCode: 'xray' }],
    ];
    for (const [url, form] of posts) assert.ok((await officer.c.post(url, form)).statusCode < 500, url);
    const bad = await officer.c.upload(`${casePath(caseId)}/documents`, [['typeCode', 'nonsense'], { name: 'file', fileName: 'a.pdf', content: PDF, contentType: 'application/pdf' }]);
    assert.equal(bad.statusCode, 400);
    assert.equal((await t.app.services.documents.list('surveillance_case', caseId)).length, 0);
    assert.deepEqual(await t.database.db.select().from(surveillanceCases).where(eq(surveillanceCases.id, caseId)), before);
  });
});
