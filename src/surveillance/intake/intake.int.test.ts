import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../audit/index.ts';
import { documents } from '../../documents/index.ts';
import { mailMessages } from '../../mail/index.ts';
import { organizations } from '../../organizations/index.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../../test/support/factors.ts';
import { buildAccount, buildAuthority, buildOrganization, buildOrganizationKind, buildStaff, FACTORY_PASSWORD } from '../../../test/support/factories.ts';
import { PTPHA_KIND } from '../index.ts';
import { caseAssignments, caseDocuments, surveillanceApiClients, surveillanceCases, surveillanceSettings } from '../schema.ts';
import { checkNotices } from './csv.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
let t: TestApp;
let dataDir: string;
let officer: Client;
let admin: Client;
let elsewhere: Client;
let ontario: { id: string; member: { id: string; email: string } };
let quebec: { id: string; member: { id: string; email: string } };

async function staffClient(authorityId: string, roles: ('registrar' | 'administrator')[] = []) {
  const account = await buildStaff(t.database.db, authorityId, { roles });
  const key = await addAuthenticatorApp(t, account.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { c, account };
}

async function ptpha(kindId: string, province: string, name: string) {
  const member = await buildAccount(t.database.db, t.authorityId, { givenName: 'Membre', preferredLanguage: 'fr' });
  const organization = await buildOrganization(t.database.db, t.authorityId, { kindId, name: { fr: `${name} (fr)`, en: name }, people: [{ accountId: member.id, role: 'member' }] });
  await t.database.db.update(organizations).set({ province }).where(eq(organizations.id, organization.id));
  return { id: organization.id, member: { id: member.id, email: member.email } };
}

const form = (o: Record<string, string> = {}) => ({
  noticeNumber: 'F-0001',
  familyName: 'Lévesque',
  givenNames: 'Hélène',
  dateOfBirth: '1990-04-21',
  clientId: 'UCI12345',
  addressLine1: '100 Queen St',
  addressLine2: '',
  city: 'Toronto',
  province: 'ON',
  postalCode: 'M5H 2N2',
  phone: '',
  email: '',
  arrivalDate: '2026-11-20',
  code: 'routine',
  ...o,
});
const json = (o: Record<string, unknown> = {}) => ({ ...form(), noticeNumber: 'API-0001', ...o });

const caseOf = async (noticeNumber: string) => (await t.database.db.select().from(surveillanceCases).where(and(eq(surveillanceCases.authorityId, t.authorityId), eq(surveillanceCases.noticeNumber, noticeNumber))))[0];
const mailTo = (accountId: string) => t.database.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, accountId), eq(mailMessages.template, 'surveillanceNoticeRouted')));

async function sendForm(c: Client, fields: Record<string, string>, file?: { content: Buffer; type: string }) {
  await c.get('/en/staff/surveillance/notices/new');
  const parts = Object.entries(fields).map(([k, v]) => [k, v] as const);
  return c.upload('/en/staff/surveillance/notices/new', [...parts, { name: 'file', fileName: file ? 'xray.pdf' : '', content: file?.content ?? Buffer.alloc(0), contentType: file?.type ?? 'application/octet-stream' }]);
}

function api(method: 'GET' | 'POST', url: string, key: string | null, body?: unknown) {
  return t.app.inject({ method, url, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
}

async function issueKey(name: string, scopes: string[]) {
  await admin.get('/en/staff/surveillance/api-keys');
  const res = await admin.post('/en/staff/surveillance/api-keys', { name, scopes });
  assert.equal(res.statusCode, 200, res.body);
  const key = /id="issued-key">(.*?)<\/code>/.exec(res.body)?.[1]?.replaceAll('<wbr/>', '');
  assert.ok(key, 'the page shows the key once');
  return key;
}

async function postCsv(c: Client, csv: string, action: 'check' | 'import') {
  await c.get('/en/staff/surveillance/notices/import');
  return c.upload('/en/staff/surveillance/notices/import', [{ name: 'file', fileName: 'notices.csv', content: Buffer.from(csv), contentType: 'text/csv' }, ['action', action]]);
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'guichet-intake-'));
  t = await createTestApp({ env: { DATA_DIR: dataDir } });
  await t.database.db.insert(surveillanceSettings).values({ authorityId: t.authorityId });
  const kind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: PTPHA_KIND, name: { fr: 'Autorité de santé publique', en: 'Public health authority' } });
  ontario = await ptpha(kind.id, 'ON', 'Public Health Ontario');
  quebec = await ptpha(kind.id, 'QC', 'Santé publique Québec');
  officer = (await staffClient(t.authorityId)).c;
  admin = (await staffClient(t.authorityId, ['administrator'])).c;
  const other = await buildAuthority(t.database.db);
  elsewhere = (await staffClient(other.id, ['administrator'])).c;
});
after(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the notice form', () => {
  test('a notice with a Canadian address goes to the PTPHA of its province, with its document; the members are mailed the number, the due day and the link only', async () => {
    const res = await sendForm(officer, { ...form(), documentType: 'xray' }, { content: PDF, type: 'application/pdf' });
    assert.equal(res.statusCode, 303, res.body);
    const c = await caseOf('F-0001');
    assert.ok(c);
    assert.equal(c.organizationId, ontario.id);
    assert.equal(c.status, 'notified');
    assert.equal(c.source, 'form');
    // Arrival 2026-11-20 + 30 days = Sunday 2026-12-20: due the Monday.
    assert.equal(c.dueOn, '2026-12-21');
    const page = await officer.follow(res);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Public Health Ontario/);
    const docs = await t.database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, c.id));
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.side, 'department');
    const [doc] = await t.database.db.select().from(documents).where(eq(documents.id, docs[0]!.documentId));
    assert.equal(doc!.subjectKind, 'surveillance_case');
    assert.equal(doc!.typeCode, 'xray');
    const mails = await mailTo(ontario.member.id);
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.textBody, /F-0001/);
    assert.match(mails[0]!.textBody, new RegExp(`/fr/sante-publique/${ontario.id}/dossiers/${c.id}`));
    for (const secret of ['Lévesque', 'Hélène', 'UCI12345', '1990', 'Queen', 'xray', 'radiographie']) assert.ok(!mails[0]!.textBody.toLowerCase().includes(secret.toLowerCase()), `the mail does not say ${secret}`);
    assert.equal((await mailTo(quebec.member.id)).length, 0);
    const events = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, c.id))).map((e) => e.event).sort();
    assert.deepEqual(events, ['surveillance_document_added', 'surveillance_notice_received']);
  });

  test('the form says each field’s problem, and the same number with other content is refused', async () => {
    const bad = await sendForm(officer, form({ noticeNumber: 'F-0002', clientId: '!', province: 'ON', city: '', code: '' }));
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the client ID/);
    assert.match(bad.body, /Choose the surveillance code/);
    const again = await sendForm(officer, form({ givenNames: 'Autre' }));
    assert.equal(again.statusCode, 409);
    const same = await sendForm(officer, form());
    assert.equal(same.statusCode, 303);
    assert.match((await officer.follow(same)).body, /already received/);
  });

  test('without a province the notice is in the cannot-route queue, and staff route it to a PTPHA (mailed then)', async () => {
    const res = await sendForm(officer, form({ noticeNumber: 'F-0003', addressLine1: '', city: '', province: '', postalCode: '', code: 'urgent' }));
    assert.equal(res.statusCode, 303, res.body);
    const c = (await caseOf('F-0003'))!;
    assert.equal(c.status, 'unrouted');
    assert.equal(c.organizationId, null);
    const queue = await officer.get('/fr/personnel/surveillance/non-achemines');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /data-case="F-0003"/);
    const routed = await officer.post(`/en/staff/surveillance/unrouted/${c.id}`, { organizationId: quebec.id });
    assert.equal(routed.statusCode, 303, routed.body);
    const now = (await caseOf('F-0003'))!;
    assert.equal(now.status, 'notified');
    assert.equal(now.organizationId, quebec.id);
    const [assignment] = await t.database.db.select().from(caseAssignments).where(eq(caseAssignments.caseId, c.id));
    assert.equal(assignment!.reason, 'routed_by_staff');
    assert.equal((await mailTo(quebec.member.id)).length, 1);
    assert.equal((await officer.post(`/en/staff/surveillance/unrouted/${c.id}`, { organizationId: ontario.id })).statusCode, 409, 'routed once');
    assert.doesNotMatch((await officer.get('/en/staff/surveillance/unrouted')).body, /data-case="F-0003"/);
  });

  test('the staff home card counts the queue for the department, and says nothing elsewhere; other authorities find no page', async () => {
    await sendForm(officer, form({ noticeNumber: 'F-0004', addressLine1: '', city: '', province: '', postalCode: '' }));
    const home = await officer.get('/en/staff/accounts');
    assert.match(home.body, /data-card="surveillanceIntake"/);
    assert.match(home.body, /data-unrouted="1"/);
    const other = await elsewhere.get('/en/staff/accounts');
    assert.equal(other.statusCode, 200);
    assert.doesNotMatch(other.body, /surveillanceIntake/);
    for (const path of ['/en/staff/surveillance/notices/new', '/fr/personnel/surveillance/avis/importer', '/en/staff/surveillance/unrouted', '/en/staff/surveillance/api-keys']) assert.equal((await elsewhere.get(path)).statusCode, 404, path);
    assert.equal((await officer.get('/en/staff/surveillance/api-keys')).statusCode, 404, 'administrators only');
    // Both addresses, each in its language.
    assert.match((await officer.get('/fr/personnel/surveillance/avis/nouveau')).body, /Nouvel avis d’arrivée/);
    assert.match((await officer.get('/fr/personnel/surveillance/avis/importer')).body, /Importer des avis/);
    assert.match((await admin.get('/fr/personnel/surveillance/cles-api')).body, /Clés d’API des systèmes clients/);
  });
});

describe('the API', () => {
  let writer: string;
  let reader: string;
  let both: string;
  before(async () => {
    writer = await issueKey('Case management system', ['notices:write']);
    reader = await issueKey('Reporting', ['notices:read']);
    both = await issueKey('Both', ['notices:write', 'notices:read']);
  });

  test('a key is kept as its hash only, and the list shows its start', async () => {
    const rows = await t.database.db.select().from(surveillanceApiClients).where(eq(surveillanceApiClients.authorityId, t.authorityId));
    assert.equal(rows.length, 3);
    for (const r of rows) assert.ok(![writer, reader, both].includes(r.keyHash));
    const page = await admin.get('/en/staff/surveillance/api-keys');
    assert.ok(page.body.includes(writer.slice(0, 12)));
    assert.ok(!page.body.includes(writer));
  });

  test('created, replayed with the same content (the same answer), replayed with other content (409); the due date counted on the fixed clock', async () => {
    const first = await api('POST', '/api/v1/surveillance/notices', writer, json({ code: 'urgent', documents: [{ typeCode: 'lab', fileName: 'lab.pdf', contentBase64: PDF.toString('base64') }] }));
    assert.equal(first.statusCode, 201, first.body);
    const answer = first.json() as { routed: boolean; dueOn: string; caseId: string };
    assert.equal(answer.routed, true);
    // Arrival Friday 2026-11-20 + 7 days = Friday 2026-11-27.
    assert.equal(answer.dueOn, '2026-11-27');
    t.clock.advance(5 * 60_000);
    const replay = await api('POST', '/api/v1/surveillance/notices', writer, json({ code: 'urgent', documents: [{ typeCode: 'lab', fileName: 'lab.pdf', contentBase64: PDF.toString('base64') }] }));
    assert.equal(replay.statusCode, 200);
    assert.deepEqual(replay.json(), first.json());
    assert.equal((await t.database.db.select().from(caseDocuments).where(eq(caseDocuments.caseId, answer.caseId))).length, 1, 'a replay attaches nothing');
    const differs = await api('POST', '/api/v1/surveillance/notices', writer, json({ code: 'routine' }));
    assert.equal(differs.statusCode, 409);
    assert.equal((await caseOf('API-0001'))!.code, 'urgent');
    const c = (await caseOf('API-0001'))!;
    assert.equal(c.source, 'api');
    const [client] = await t.database.db.select().from(surveillanceApiClients).where(eq(surveillanceApiClients.id, c.apiClientId!));
    assert.ok(client!.lastUsedAt, 'the key’s use is noted');
  });

  test('field errors name their path; an unknown province is refused; no province is received unrouted', async () => {
    const unknown = await api('POST', '/api/v1/surveillance/notices', writer, json({ noticeNumber: 'API-0002', province: 'XX' }));
    assert.equal(unknown.statusCode, 400);
    const issues = (unknown.json() as { issues: { path: string[]; message: string }[] }).issues;
    assert.deepEqual(issues.map((i) => i.path.join('.')), ['province']);
    assert.match(issues[0]!.message, /province or territory/);
    const bad = await api('POST', '/api/v1/surveillance/notices', writer, { noticeNumber: 'API-0003', documents: [{ typeCode: 'scan' }] });
    assert.equal(bad.statusCode, 400);
    const paths = (bad.json() as { issues: { path: (string | number)[] }[] }).issues.map((i) => i.path.join('.'));
    for (const p of ['familyName', 'dateOfBirth', 'code', 'documents.0.typeCode']) assert.ok(paths.includes(p), p);
    const none = await api('POST', '/api/v1/surveillance/notices', writer, json({ noticeNumber: 'API-0004', province: null, addressLine1: null, city: null, postalCode: null }));
    assert.equal(none.statusCode, 201, none.body);
    assert.equal((none.json() as { routed: boolean }).routed, false);
    assert.equal((await caseOf('API-0004'))!.status, 'unrouted');
    const refused = await api('POST', '/api/v1/surveillance/notices', writer, json({ noticeNumber: 'API-0006', documents: [{ typeCode: 'xray', fileName: 'x.exe', contentBase64: Buffer.from('MZ not a document').toString('base64') }] }));
    assert.equal(refused.statusCode, 422);
    assert.equal((refused.json() as { error: string }).error, 'document_type_not_allowed');
    assert.equal(await caseOf('API-0006'), undefined, 'a refused document leaves no case');
    const notJson = await t.app.inject({ method: 'POST', url: '/api/v1/surveillance/notices', headers: { authorization: `Bearer ${writer}`, 'content-type': 'text/plain' }, payload: 'x' });
    assert.equal(notJson.statusCode, 415);
  });

  test('scopes: write to send, read to read back; no key, a wrong key or a revoked key is 401', async () => {
    assert.equal((await api('POST', '/api/v1/surveillance/notices', reader, json({ noticeNumber: 'API-0005' }))).statusCode, 403);
    assert.equal((await api('GET', '/api/v1/surveillance/notices/API-0001', writer)).statusCode, 403);
    const read = await api('GET', '/api/v1/surveillance/notices/API-0001', reader);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), { noticeNumber: 'API-0001', routed: true, status: 'notified', dueOn: '2026-11-27' });
    assert.ok(!read.body.includes('Lévesque'));
    assert.equal((await api('GET', '/api/v1/surveillance/notices/NOPE', both)).statusCode, 404);
    assert.equal((await api('POST', '/api/v1/surveillance/notices', null, json())).statusCode, 401);
    assert.equal((await api('POST', '/api/v1/surveillance/notices', 'gsv_wrong', json())).statusCode, 401);
    const [row] = await t.database.db.select().from(surveillanceApiClients).where(eq(surveillanceApiClients.name, 'Both'));
    await admin.get('/en/staff/surveillance/api-keys');
    assert.equal((await admin.post(`/en/staff/surveillance/api-keys/${row!.id}/revoke`, {})).statusCode, 303);
    assert.equal((await api('GET', '/api/v1/surveillance/notices/API-0001', both)).statusCode, 401);
    const events = (await t.database.db.select({ event: auditEvents.event }).from(auditEvents).where(sql`${auditEvents.event} like 'surveillance_api_client%'`)).map((e) => e.event);
    assert.equal(events.filter((e) => e === 'surveillance_api_client_issued').length, 3);
    assert.equal(events.filter((e) => e === 'surveillance_api_client_revoked').length, 1);
  });

  test('the OpenAPI document is generated from the same schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/surveillance/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> } };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/notices'] && doc.paths['/notices/{noticeNumber}']);
    assert.ok(doc.components.schemas.Notice?.properties?.noticeNumber);
    assert.ok(doc.components.schemas.Notice?.properties?.documents);
    assert.ok(doc.components.schemas.NoticeAnswer);
  });
});

describe('the CSV import', () => {
  const header = 'notice_number,family_name,given_names,date_of_birth,client_id,address_line1,address_line2,city,province,postal_code,phone,email,arrival_date,code';
  const good = ['C-1,Nguyen,Minh,1985-02-03,UCI2222,1 Rue Principale,,Montréal,QC,H2X 1Y4,,,2026-11-18,routine', 'C-2,Smith,Ann,1979-12-31,UCI3333,,,,,,,,2026-11-19,urgent'];

  test('the check is pure and names every line’s problem with its catalog key', () => {
    const report = checkNotices([header, good[0], 'C-1,Nguyen,Minh,1985-02-03,UCI2222,,,,,,,,2026-11-18,routine', 'C-9,,Jo,2030-01-01,x,,,,ZZ,,,,2026-11-18,soon'].join('\n'));
    assert.equal(report.fileProblem, null);
    assert.deepEqual(report.lines.map((l) => l.problems.map((p) => `${p.field}:${p.key}`)), [
      [],
      ['noticeNumber:surveillance.intake.import.problem.duplicate'],
      ['familyName:invalid.surveillance.familyName', 'clientId:invalid.surveillance.clientId', 'province:invalid.surveillance.province', 'code:invalid.surveillance.code'],
    ]);
    assert.equal(checkNotices('a,b\n1,2').fileProblem, 'missing_columns');
    assert.equal(checkNotices('').fileProblem, 'empty');
  });

  test('a dry run shows every bad line and writes nothing; the import then receives, routes and mails', async () => {
    const bad = [header, ...good, 'C-3,Doe,,1990-01-01,UCI4444,,,,,,,,2026-11-19,routine', `F-0001,Other,Name,1990-01-01,UCI5555,,,,,,,,2026-11-19,routine`].join('\n');
    const dry = await postCsv(officer, bad, 'check');
    assert.equal(dry.statusCode, 200);
    assert.match(dry.body, /data-line="4" data-problems="givenNames:invalid.surveillance.givenNames"/);
    assert.match(dry.body, /data-line="5" data-problems="noticeNumber:surveillance.intake.import.problem.differs"/);
    assert.match(dry.body, /Enter the given name or names/);
    const refused = await postCsv(officer, bad, 'import');
    assert.equal(refused.statusCode, 409);
    assert.equal(await caseOf('C-1'), undefined, 'nothing was written');
    const file = [header, ...good, 'F-0001,Lévesque,Hélène,1990-04-21,UCI12345,100 Queen St,,Toronto,ON,M5H 2N2,,,2026-11-20,routine'].join('\n');
    const check = await postCsv(officer, file, 'check');
    assert.match(check.body, /data-clean/);
    const done = await postCsv(officer, file, 'import');
    assert.equal(done.statusCode, 200, done.body);
    assert.match(done.body, /2 notice\(s\) imported; 1 already received/);
    assert.equal((await caseOf('C-1'))!.organizationId, quebec.id);
    assert.equal((await caseOf('C-2'))!.status, 'unrouted');
    assert.equal((await caseOf('C-1'))!.source, 'csv');
    assert.equal((await mailTo(quebec.member.id)).length, 2);
    const [imported] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'surveillance_notices_imported'));
    assert.deepEqual((imported!.details as { notices: number }).notices, 2);
  });
});
