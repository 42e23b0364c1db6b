// Every page that is not public, of every module, tried by the people who must not reach it:
// signed-out visitors, people without a role, staff of another authority. The route list is the
// one the app registered (app.scopedRoutes), so a new page is walked the day it is added.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { accounts } from '../../src/identity/index.ts';
import { securityCodes } from '../../src/organizations/index.ts';
import { seedFeeSchedule } from '../../src/billing/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { allPages, pageFor } from '../../src/platform/paths.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../support/factors.ts';
import { buildAccount, buildApplicationType, buildAuthority, buildOrganization, buildOrganizationKind, buildQuestion, buildStaff, FACTORY_PASSWORD } from '../support/factories.ts';
import { agencyLinks } from '../../src/agencies/index.ts';
import { PTPHA_KIND } from '../../src/surveillance/index.ts';
import { INSTITUTION_KIND } from '../../src/access-requests/index.ts';

let t: TestApp;
const ids = { person: '', organization: '', code: '', request: '', key: randomUUID(), identity: randomUUID(), version: '', type: '', question: '', application: '', document: '', invoice: '', site: '', hoursRequest: '', withholding: '', changeRequest: '', removal: '', agency: '', link: '', examSession: '', examRegistration: '', renewal: '', ptpha: '', otherPtpha: '', case: '', documentRequest: '', apiClient: '', institution: '', otherInstitution: '', accessRequest: '', record: '', consultation: '', supportRequest: '', accessClient: '' };
const secrets: string[] = [];
let staffA: Client;
let staffB: Client;
let registrant: Client;
/** Members of the authority's two public health authorities: the Québec one holds the case, the Ontario one must never reach it. */
let ptpha: Client;
let otherPtpha: Client;
/** Practitioners of the authority's two institutions: the first holds the access request, the other must never reach it. */
let practitioner: Client;
let otherPractitioner: Client;

async function signedInStaff(authorityId: string) {
  const staff = await buildStaff(t.database.db, authorityId, { roles: ['registrar', 'administrator'] });
  const key = await addAuthenticatorApp(t, staff.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, staff.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return c;
}

const dataDir = mkdtempSync(join(tmpdir(), 'guichet-isolation-'));

before(async () => {
  t = await createTestApp({ env: { DATA_DIR: dataDir } });
  const other = await buildAuthority(t.database.db);
  const person = await buildAccount(t.database.db, t.authorityId, { email: 'secret.person@example.ca', givenName: 'Séraphine', familyName: 'Secrète' });
  await t.database.db.update(accounts).set({ lockedAt: t.clock.now(), failedSignIns: 5 }).where(eq(accounts.id, person.id));
  ids.person = person.id;
  const manager = await buildAccount(t.database.db, t.authorityId, { email: 'secret.manager@example.ca' });
  const managerKey = await addAuthenticatorApp(t, manager.id);
  const organization = await buildOrganization(t.database.db, t.authorityId, { name: { fr: 'Institution secrète', en: 'Secret Institution' }, people: [{ accountId: manager.id, role: 'manager' }] });
  ids.organization = organization.id;
  const m = new Client(t.app);
  await signInWithApp(m, t, manager.email, FACTORY_PASSWORD, managerKey);
  await m.get(`/en/organizations/${organization.id}/security-codes`);
  await m.post(`/en/organizations/${organization.id}/security-codes`, { role: 'member' });
  const [code] = await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, organization.id));
  ids.code = code?.id ?? '';
  const asking = new Client(t.app);
  await asking.get('/en/sign-in/verification-help');
  await asking.post('/en/sign-in/verification-help', { email: person.email, message: 'Lost my phone' });
  ids.request = (await t.app.services.twoFactor.pendingRecoveryRequests(t.authorityId))[0]?.id ?? '';
  // A document of the person's, readable (as licensing will say of applications) by them and their authority's staff.
  const documents = t.app.services.documents;
  documents.registerReader('isolation_subject', async (account, _subjectId, authorityId) => account.id === person.id || (account.staffAuthorityId === authorityId && account.authorityRoles.length > 0));
  const staged = await documents.stage({ fileName: 'Secret transcript.pdf', source: Buffer.from('%PDF-1.4\nSecret transcript of Séraphine\n%%EOF\n'), maxBytes: 1024 });
  assert.ok(staged.ok);
  ids.version = (
    await t.database.db.transaction((tx) =>
      documents.attach(tx, { authorityId: t.authorityId, ownerAccountId: person.id, subjectKind: 'isolation_subject', subjectId: randomUUID(), typeCode: 'transcript', uploadedBy: person.id, origin: { ip: null, userAgent: null }, at: t.clock.now() }, staged.file),
    )
  ).versionId;
  const type = await buildApplicationType(t.database.db, t.authorityId, {
    name: { fr: 'Type de demande secret', en: 'Secret application type' },
    requiredDocuments: [{ code: 'transcript', name: { fr: 'Relevé', en: 'Transcript' }, hint: { fr: 'Relevé.', en: 'Transcript.' }, providedBy: 'applicant' }],
  });
  ids.type = type.id;
  ids.question = (await buildQuestion(t.database.db, t.authorityId, { text: { fr: 'Question secrète\u00a0?', en: 'Secret question?' }, answers: [{ code: 'yes', label: { fr: 'Oui', en: 'Yes' }, outcome: { kind: 'type', typeId: type.id } }] })).id;
  // The person's application, with what they typed and a document: only they and their authority's staff see it.
  const started = await t.app.services.licensing.applicant.start({ ...person, staffAuthorityId: t.authorityId, authorityRoles: [] }, t.authorityId, type.id, { ip: null, userAgent: null });
  assert.equal(started.kind, 'started');
  ids.application = 'applicationId' in started ? started.applicationId : '';
  await t.app.services.licensing.applicant.savePersonal({ ...person, staffAuthorityId: t.authorityId, authorityRoles: [] }, ids.application, { givenName: 'Séraphine', familyName: 'Secrète', city: 'Ville secrète' }, false, { ip: null, userAgent: null });
  const own = await documents.stage({ fileName: 'Secret diploma.pdf', source: Buffer.from('%PDF-1.4\nSecret diploma\n%%EOF\n'), maxBytes: 1024 });
  assert.ok(own.ok);
  await t.app.services.licensing.applicant.upload({ ...person, staffAuthorityId: t.authorityId, authorityRoles: [] }, ids.application, 'transcript', own.file, { ip: null, userAgent: null });
  ids.document = (await documents.list('application', ids.application))[0]?.id ?? '';
  // The person's invoice: only they and their authority's staff see it.
  await seedFeeSchedule(t.database.db, t.authorityId, 'college');
  const issued = await t.database.db.transaction((tx) =>
    t.app.services.billing.issueInvoice(tx, { authorityId: t.authorityId, accountId: person.id, feeCodes: ['application_fee'], subject: { kind: 'application', id: ids.application, reference: 'SECRET-REF-42' }, locale: 'fr', at: t.clock.now() }),
  );
  ids.invoice = issued.kind === 'issued' ? issued.invoice.id : '';
  // The person's practice site, withholding request and hours sent for review: theirs and their authority's staff's.
  const practice = t.app.services.practice;
  const practising = { ...person, staffAuthorityId: t.authorityId, authorityRoles: [], authorityId: t.authorityId };
  const nowhere = { ip: null, userAgent: null };
  ids.site = (await practice.sites.add(practising, { name: 'Cabinet secret', addressLine1: '1 rue Secrète', addressLine2: '', city: 'Ville secrète', province: 'QC', postalCode: 'H2J 2K8', phone: '', startedOn: '2024-01-01', endedOn: '' }, nowhere)).siteId;
  assert.equal(await practice.sites.requestWithholding(practising, ids.site, 'address', 'Secret reason', nowhere), 'ok');
  ids.withholding = (await t.app.services.casework.queue(t.authorityId, { subjectKind: 'practice_withholding', page: 1, perPage: 10 }, ''))[`rows`][0]?.subjectId ?? '';
  await practice.hours.add(practising, { kind: 'direct_contact', startedOn: '2025-01-01', endedOn: '2025-06-30', siteId: ids.site, supervisorName: '', hours: 4242 }, nowhere);
  const sent = await practice.hours.send(practising, (await practice.hours.sendable(practising)).map((e) => e.id), nowhere);
  ids.hoursRequest = typeof sent === 'object' ? sent.requestId : '';
  // The person's change to their record: only they and their authority's staff see it.
  const change = await t.app.services.record.startLegalName({ id: person.id, staffAuthorityId: t.authorityId, authorityRoles: [] }, t.authorityId, { givenName: 'Séraphine', familyName: 'Nouveau-Secret', happenedOn: '2026-11-01' }, { ip: null, userAgent: null });
  ids.changeRequest = change.kind === 'started' ? change.requestId : '';
  // The person's request to remove an outcome from the register: theirs and their authority's registrars'.
  const [outcome] = await queryRows<{ id: string }>(t.database.db, sql`insert into register_outcomes (authority_id, account_id, kind, decided_on, summary, removal_policy, created_by)
    values (${t.authorityId}, ${person.id}, 'committee_outcome', '2026-01-01', ${JSON.stringify({ fr: 'Décision secrète', en: 'Secret outcome' })}::jsonb, 'on_request', ${person.id}) returning id`);
  assert.equal(typeof (await t.app.services.register.removals.request(person, outcome!.id, 'Secret case for removal', { ip: null, userAgent: null })), 'object');
  ids.removal = (await t.app.services.register.removals.open(t.authorityId))[0]?.id ?? '';
  // The person's request to be linked to a collection agency: its manager's and the authority's staff's to see.
  const agencyKind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: 'collection_agency' });
  ids.agency = (await buildOrganization(t.database.db, t.authorityId, { kindId: agencyKind.id, name: { fr: 'Agence secrète', en: 'Secret Agency' }, people: [{ accountId: manager.id, role: 'manager' }] })).id;
  const [link] = await queryRows<{ id: string }>(t.database.db, sql`insert into agency_links (authority_id, account_id, organization_id, status, via, requested_at)
    values (${t.authorityId}, ${person.id}, ${ids.agency}, 'requested', 'manager', ${t.clock.now().toISOString()}) returning id`);
  ids.link = link?.id ?? '';
  // The person's seat at an exam session, and their result there: theirs and their authority's staff's.
  const [examSession] = await queryRows<{ id: string }>(t.database.db, sql`insert into exam_sessions (authority_id, name, starts_at, mode, place, capacity, registration_deadline)
    values (${t.authorityId}, ${JSON.stringify({ fr: 'Séance d’examen secrète', en: 'Secret exam session' })}::jsonb, '2026-11-01T14:00:00Z', 'in_person', 'Salle secrète', 10, '2026-10-20') returning id`);
  ids.examSession = examSession!.id;
  const [examRegistration] = await queryRows<{ id: string }>(t.database.db, sql`insert into exam_registrations (authority_id, session_id, account_id, status, registered_at)
    values (${t.authorityId}, ${ids.examSession}, ${person.id}, 'registered', '2026-10-01T12:00:00Z') returning id`);
  ids.examRegistration = examRegistration!.id;
  // The person's renewal (a registration as licensing leaves one, its window opened): only they open its pages.
  const renewalType = await buildApplicationType(t.database.db, t.authorityId);
  const [renewal] = await queryRows<{ id: string }>(t.database.db, sql`with application as (
      insert into applications (authority_id, applicant_id, type_id, reference, status) values (${t.authorityId}, ${person.id}, ${renewalType.id}, 'DEM-RENEWAL-1', 'approved') returning id
    ), registration as (
      insert into registrations (authority_id, account_id, category_id, application_id, number, status, valid_from, valid_until, verification_code)
      select ${t.authorityId}, ${person.id}, ${renewalType.categoryId}, id, 'SECRET-RENEWAL-7', 'active', '2026-01-01', '2027-01-31', 'RNWL-0001' from application returning id
    )
    insert into renewals (authority_id, registration_id, account_id, number, expires_on, opens_on, deadline, validity_months, changes, opened_at)
    select ${t.authorityId}, id, ${person.id}, 'SECRET-RENEWAL-7', '2027-01-31', '2026-11-02', '2027-01-01', 12, 'Secret renewal change', now() from registration returning id`);
  ids.renewal = renewal?.id ?? '';
  // A surveillance case with the authority's Québec PTPHA: only its members and the authority's staff see it.
  await t.database.db.execute(sql`insert into surveillance_settings (authority_id) values (${t.authorityId})`);
  const ptphaKind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: PTPHA_KIND });
  const ptphaMember = await buildAccount(t.database.db, t.authorityId);
  ids.ptpha = (await buildOrganization(t.database.db, t.authorityId, { kindId: ptphaKind.id, name: { fr: 'Santé publique secrète', en: 'Secret Public Health' }, address: { addressLine1: '1 rue Secrète', city: 'Québec', province: 'QC', postalCode: 'G1R 4S9' }, people: [{ accountId: ptphaMember.id, role: 'manager' }] })).id;
  const received = await t.database.db.transaction((tx) =>
    t.app.services.surveillance.core.receiveNotice(tx, t.authorityId, {
      noticeNumber: 'SECRET-NOTICE-9', familyName: 'Confidentielle', givenNames: 'Zéphyrine', dateOfBirth: '1990-01-01', clientId: 'UCI9999', addressLine1: '9 rue Cachée', addressLine2: null, city: 'Québec', province: 'QC', postalCode: 'G1R 4S9', phone: null, email: null, arrivalDate: '2026-11-20', code: 'urgent',
    }, { source: 'form', accountId: null, apiClientId: null, origin: nowhere, at: t.clock.now() }, { routineDays: 30, urgentDays: 7 }),
  );
  assert.equal(received.kind === 'created' && received.organizationId, ids.ptpha, 'routed to the Québec PTPHA');
  ids.case = received.caseId;
  const [documentRequest] = await queryRows<{ id: string }>(t.database.db, sql`insert into surveillance_document_requests (case_id, organization_id, description, due_on, requested_by, requested_at)
    values (${ids.case}, ${ids.ptpha}, 'Secret X-ray request', '2026-12-20', ${ptphaMember.id}, now()) returning id`);
  ids.documentRequest = documentRequest!.id;
  const [apiClient] = await queryRows<{ id: string }>(t.database.db, sql`insert into surveillance_api_clients (authority_id, name, key_prefix, key_hash, scopes, created_by, created_at)
    values (${t.authorityId}, 'Secret client system', 'gsv_secret', 'secret-hash', array['notices:write'], ${manager.id}, now()) returning id`);
  ids.apiClient = apiClient!.id;
  // A manager of the authority's other PTPHA (Ontario): their own PTPHA's pages, never the Québec one's.
  const ontarioManager = await buildAccount(t.database.db, t.authorityId);
  ids.otherPtpha = (await buildOrganization(t.database.db, t.authorityId, { kindId: ptphaKind.id, name: { fr: 'Santé publique Ontario', en: 'Public Health Ontario' }, people: [{ accountId: ontarioManager.id, role: 'manager' }] })).id;
  otherPtpha = new Client(t.app);
  assert.equal((await signInWithApp(otherPtpha, t, ontarioManager.email, FACTORY_PASSWORD, await addAuthenticatorApp(t, ontarioManager.id))).statusCode, 303);
  ptpha = new Client(t.app);
  assert.equal((await signInWithApp(ptpha, t, ptphaMember.email, FACTORY_PASSWORD, await addAuthenticatorApp(t, ptphaMember.id))).statusCode, 303);
  // An access request with the authority's first institution, a record gathered for it, a consultation, a support request and an API key.
  await t.database.db.execute(sql`insert into access_settings (authority_id) values (${t.authorityId})`);
  const institutionKind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: INSTITUTION_KIND });
  const atip = await buildAccount(t.database.db, t.authorityId);
  ids.institution = (await buildOrganization(t.database.db, t.authorityId, { kindId: institutionKind.id, name: { fr: 'Ministère secret', en: 'Secret Ministry' }, people: [{ accountId: atip.id, role: 'manager' }] })).id;
  const { request: accessRequest } = await t.database.db.transaction((tx) =>
    t.app.services.accessRequests.core.receive(tx, {
      authorityId: t.authorityId, organizationId: ids.institution, act: 'access', channel: 'paper', requesterAccountId: null, requesterName: 'Philomène Demandeuse', requesterEmail: 'philomene@example.ca',
      requesterLocale: 'fr', requesterCategory: 'media', description: 'Secret briefing notes', fee: 'paid', origin: nowhere, at: t.clock.now(),
    }),
  );
  ids.accessRequest = accessRequest.id;
  const recordFile = await t.app.services.documents.stage({ fileName: 'secret-record.pdf', source: Buffer.from('%PDF-1.4\n% Secret record\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), maxBytes: 1_000_000 });
  assert.ok(recordFile.ok);
  const atipMember = { accountId: atip.id, organizationId: ids.institution, authorityId: t.authorityId };
  assert.equal(await t.app.services.accessRequests.release.addRecord(atipMember, ids.accessRequest, { title: 'Secret record title', pages: 3 }, recordFile.file, nowhere), 'ok');
  const [record] = await queryRows<{ id: string }>(t.database.db, sql`select id from access_records where request_id = ${ids.accessRequest}`);
  ids.record = record!.id;
  const [consultation] = await queryRows<{ id: string }>(t.database.db, sql`insert into access_consultations (request_id, kind, consulted_organization_id, party_name, question, status, sent_on, due_on, created_by, created_at)
    values (${ids.accessRequest}, 'institution', ${ids.institution}, 'Secret Ministry', 'Secret consultation question', 'sent', '2026-11-22', '2026-12-22', ${atip.id}, now()) returning id`);
  ids.consultation = consultation!.id;
  const [support] = await queryRows<{ id: string }>(t.database.db, sql`insert into access_support_requests (authority_id, organization_id, account_id, topic, subject, status, created_at, updated_at)
    values (${t.authorityId}, ${ids.institution}, ${atip.id}, 'technical', 'Secret support subject', 'open', now(), now()) returning id`);
  ids.supportRequest = support!.id;
  await t.database.db.execute(sql`insert into access_support_messages (support_request_id, author_id, from_office, body, created_at) values (${ids.supportRequest}, ${atip.id}, false, 'Secret support message', now())`);
  const [accessClient] = await queryRows<{ id: string }>(t.database.db, sql`insert into access_api_clients (authority_id, name, key_prefix, key_hash, scopes, created_by, created_at)
    values (${t.authorityId}, 'Secret ATIP system', 'gar_secret', 'secret-access-hash', array['requests:write'], ${manager.id}, now()) returning id`);
  ids.accessClient = accessClient!.id;
  const otherAtip = await buildAccount(t.database.db, t.authorityId);
  ids.otherInstitution = (await buildOrganization(t.database.db, t.authorityId, { kindId: institutionKind.id, name: { fr: 'Agence ouverte', en: 'Open Agency' }, people: [{ accountId: otherAtip.id, role: 'manager' }] })).id;
  practitioner = new Client(t.app);
  assert.equal((await signInWithApp(practitioner, t, atip.email, FACTORY_PASSWORD, await addAuthenticatorApp(t, atip.id))).statusCode, 303);
  otherPractitioner = new Client(t.app);
  assert.equal((await signInWithApp(otherPractitioner, t, otherAtip.email, FACTORY_PASSWORD, await addAuthenticatorApp(t, otherAtip.id))).statusCode, 303);
  assert.ok(ids.link && ids.code && ids.request && ids.version && ids.application && ids.document && ids.invoice && ids.site && ids.withholding && ids.hoursRequest && ids.changeRequest && ids.removal && ids.examSession && ids.examRegistration && ids.renewal && ids.case, 'the data each route needs exists');
  secrets.push('Secret Agency', 'Agence secrète', 'Secret case for removal', 'Secret outcome', 'Nouveau-Secret', 'Secret transcript', 'Secret diploma', 'Ville secrète', 'secret.person@example.ca', 'Séraphine', 'Secret Institution', 'Institution secrète', 'Lost my phone', 'Secret application type', 'Type de demande secret', 'Secret question', 'Question secrète', 'SECRET-REF-42', 'Cabinet secret', 'Secret reason', 'Secret exam session', 'Séance d’examen secrète', 'Salle secrète', 'SECRET-RENEWAL-7', 'Secret renewal change', 'Zéphyrine', 'Confidentielle', 'UCI9999', 'Secret Public Health', 'Santé publique secrète', 'Secret X-ray request', 'Secret client system', 'Secret Ministry', 'Ministère secret', 'Secret briefing notes', 'Philomène', 'Secret record title', 'Secret consultation question', 'Secret support subject', 'Secret support message', 'Secret ATIP system');

  staffA = await signedInStaff(t.authorityId);
  staffB = await signedInStaff(other.id);
  registrant = new Client(t.app);
  const someone = await buildAccount(t.database.db, t.authorityId);
  await registrant.get('/en/sign-in');
  assert.equal((await registrant.post('/en/sign-in', { email: someone.email, password: FACTORY_PASSWORD })).statusCode, 303);
});
after(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The route's address with this test's ids: a staff page's `:id` is what that page is about. */
function fill(url: string): string {
  // An agency's pages (its manager's, and staff's list of its representatives) are about the agency.
  const agencyPage = url.includes('representants') || url.includes('representatives');
  // A public health authority's pages are about the Québec PTPHA, which holds the case.
  const surveillancePage = url.includes('sante-publique') || url.includes('public-health');
  // An institution's access-requests pages are about the first institution, which holds the request.
  const accessPage = url.includes('/institutions/');
  const staffId = agencyPage
    ? ids.agency
    : url.includes('demandes-de-retrait') || url.includes('removal-requests')
    ? ids.removal
    : url.includes('/organisations/') || url.includes('/organizations/')
    ? ids.organization
    : url.includes('codes-de-securite') || url.includes('security-codes')
      ? ids.code
      : url.includes('aide-verification') || url.includes('verification-help')
        ? ids.request
        : url.includes('cles-de-securite') || url.includes('security-keys')
          ? ids.key
          : url.includes('identites') || url.includes('identities')
            ? ids.identity
            : ids.person;
  return url
    .replace(':organizationId', agencyPage ? ids.agency : surveillancePage ? ids.ptpha : accessPage ? ids.institution : ids.organization)
    .replace(':caseId', ids.case)
    .replace(':linkId', ids.link)
    .replace(':accountId', ids.person)
    .replace(':codeId', ids.code)
    .replace(':versionId', ids.version)
    .replace(':typeId', ids.type)
    .replace(':questionId', ids.question)
    .replace(':applicationId', ids.application)
    .replace(':documentId', ids.document)
    .replace(':invoiceId', ids.invoice)
    // Practice's hours requests and record's change requests both name their id :requestId.
    .replace(':requestId', accessPage ? ids.accessRequest : url.includes('surveillance') ? ids.documentRequest : url.includes('pratique') || url.includes('practice') ? ids.hoursRequest : ids.changeRequest)
    .replace(':clientId', url.includes('aiprp') || url.includes('atip') ? ids.accessClient : ids.apiClient)
    .replace(':recordId', ids.record)
    .replace(':consultationId', ids.consultation)
    .replace(':supportRequestId', ids.supportRequest)
    .replace(':renewalId', ids.renewal)
    .replace(':code', 'insurance')
    .replace(':entryId', randomUUID())
    .replace(':siteId', ids.site)
    .replace(':withholdingId', ids.withholding)
    .replace(':sessionId', ids.examSession)
    .replace(':registrationId', ids.examRegistration)
    .replace(':typeCode', 'transcript')
    .replace(':slug', 'plain')
    .replace(':id', staffId);
}

const routes = () => t.app.scopedRoutes.filter((r) => r.method !== 'HEAD');

async function request(c: Client, method: string, url: string) {
  if (method === 'GET') return c.get(url);
  await c.get(url.startsWith('/fr') ? '/fr/connexion' : '/en/sign-in'); // a page with a form: its token
  return c.post(url, {});
}

describe('every scoped page of every module', () => {
  test('every page declares who may open it; the scopes are the ones this test knows', () => {
    const scopes = new Set(routes().map((r) => r.scope));
    assert.deepEqual([...scopes].sort(), ['access-requests', 'account', 'agency', 'application', 'document', 'invoice', 'organization', 'practice', 'renewal', 'signing-in', 'staff', 'surveillance']);
    // Every page route is a declared page: the others (assets, /healthz, the OIDC callback) are not pages.
    for (const r of routes()) assert.ok(pageFor(r.url), `${r.method} ${r.url} is a page`);
    assert.ok(Object.keys(allPages()).length > 60);
  });

  test('a signed-out visitor is sent to sign in from every page that is not public', async () => {
    for (const r of routes()) {
      const res = await request(new Client(t.app), r.method, fill(r.url));
      assert.equal(res.statusCode, 302, `${r.method} ${r.url} answered ${res.statusCode}`);
      assert.match(String(res.headers.location), /^\/(fr\/connexion|en\/sign-in)$/, `${r.method} ${r.url}`);
    }
  });

  test('someone already signed in is not between two steps: the second-step pages send them to sign in', async () => {
    for (const r of routes().filter((r) => r.scope === 'signing-in')) {
      const res = await request(registrant, r.method, fill(r.url));
      assert.equal(res.statusCode, 302, `${r.method} ${r.url}`);
    }
  });

  test('a person without a role, and staff of another authority, find no staff page and none of its data', async () => {
    for (const visitor of [registrant, staffB]) {
      for (const r of routes().filter((r) => r.scope === 'staff' || r.scope === 'organization' || r.scope === 'agency' || r.scope === 'document' || r.scope === 'application' || r.scope === 'invoice' || r.scope === 'practice' || r.scope === 'renewal' || r.scope === 'surveillance' || r.scope === 'access-requests')) {
        const url = fill(r.url);
        const res = await request(visitor, r.method, url);
        const leaks = secrets.filter((s) => res.body.includes(s));
        assert.deepEqual(leaks, [], `${r.method} ${url} shows another authority's data`);
        // Staff of another authority use the console's pages about their own authority (lists, settings), never one of these records.
        const ownList = visitor === staffB && r.scope === 'staff' && !r.url.includes(':');
        if (!ownList) assert.ok([403, 404].includes(res.statusCode), `${r.method} ${url} answered ${res.statusCode}`);
      }
    }
    const [person] = await t.database.db.select().from(accounts).where(eq(accounts.id, ids.person));
    assert.ok(person?.lockedAt, 'still locked: nobody unlocked it');
    const [code] = await t.database.db.select().from(securityCodes).where(eq(securityCodes.id, ids.code));
    assert.equal(code?.revokedAt, null, 'the code was not cancelled');
    assert.equal((await t.app.services.twoFactor.pendingRecoveryRequests(t.authorityId)).length, 1, 'the help request is still pending');
    const file = await t.app.services.licensing.applicant.file(ids.person, ids.application);
    assert.equal(file?.application.status, 'draft', 'nobody submitted or withdrew the application');
    assert.equal(file?.application.personal.givenName, 'Séraphine', 'nobody changed what the person typed');
    assert.equal(file?.documents[0]?.versions.length, 1, 'nobody replaced the document');
    const invoice = await t.app.services.billing.invoiceFor({ id: ids.person, staffAuthorityId: t.authorityId, authorityRoles: [] }, ids.invoice);
    assert.equal(invoice?.invoice.status, 'open', 'nobody paid, refunded or voided the invoice');
    assert.equal(invoice?.checkouts.length, 0, 'nobody started paying it');
    const [renewal] = await queryRows<{ status: string; changes: string }>(t.database.db, sql`select status, changes from renewals where id = ${ids.renewal}`);
    assert.deepEqual(renewal, { status: 'open', changes: 'Secret renewal change' }, 'nobody sent or changed the renewal');
    const practising = { ...person!, staffAuthorityId: t.authorityId, authorityRoles: [], authorityId: t.authorityId };
    const sites = await t.app.services.practice.sitesPage(practising);
    assert.deepEqual(sites.sites.map((s) => [s.name, s.withholding]), [['Cabinet secret', 'none']], 'nobody changed, removed or withheld the site');
    assert.equal(sites.withholding.get(ids.site)?.status, 'pending', 'nobody decided the withholding request');
    assert.equal((await t.app.services.practice.requestPage(practising, ids.hoursRequest))?.review?.status, 'queued', 'nobody picked up, decided or withdrew the hours request');
    const [link] = await t.database.db.select().from(agencyLinks).where(eq(agencyLinks.id, ids.link));
    assert.equal(link?.status, 'requested', 'nobody confirmed, refused or withdrew the agency link');
    const [seat] = await queryRows<{ status: string }>(t.database.db, sql`select status from exam_registrations where id = ${ids.examRegistration}`);
    assert.equal(seat?.status, 'registered', 'nobody cancelled the exam registration');
    assert.deepEqual(await queryRows(t.database.db, sql`select id from exam_results`), [], 'nobody entered or imported an exam result');
  });

  test('a member of another public health authority of the same department reaches none of this one’s cases', async () => {
    const surveillance = routes().filter((r) => r.scope === 'surveillance');
    assert.ok(surveillance.length >= 8, 'the PTPHA pages are walked');
    for (const r of surveillance) {
      // Through the Québec PTPHA's address, and through the Ontario one's own address with the Québec case's id.
      for (const url of [fill(r.url), fill(r.url).replace(ids.ptpha, ids.otherPtpha)]) {
        if (!url.includes(ids.case) && url.includes(ids.otherPtpha)) continue; // the Ontario PTPHA's own list is theirs
        const res = await request(otherPtpha, r.method, url);
        assert.ok([403, 404].includes(res.statusCode), `${r.method} ${url} answered ${res.statusCode}`);
        assert.deepEqual(secrets.filter((s) => res.body.includes(s)), [], `${r.method} ${url} shows another PTPHA's case`);
      }
    }
    // Their own list and search never hold it.
    const list = await otherPtpha.get(`/en/public-health/${ids.otherPtpha}/cases`);
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /Zéphyrine|Confidentielle/);
    // The test can fail: the Québec PTPHA's own member opens every page of its case.
    for (const r of surveillance.filter((r) => r.method === 'GET')) {
      const res = await ptpha.get(fill(r.url));
      // The report page of a case not yet acknowledged sends back to the case, which says to acknowledge it first.
      if (res.statusCode === 303) assert.match(String(res.headers.location), new RegExp(`/cases/${ids.case}|/dossiers/${ids.case}`), r.url);
      else assert.equal(res.statusCode, 200, `${r.url} answered ${res.statusCode}`);
    }
    assert.match((await ptpha.get(`/en/public-health/${ids.ptpha}/cases/${ids.case}`)).body, /Confidentielle/);
    const [status] = await queryRows<{ status: string }>(t.database.db, sql`select status from surveillance_cases where id = ${ids.case}`);
    assert.equal(status?.status, 'notified', 'nobody acknowledged, reported on or transferred the case');
    assert.deepEqual(await queryRows(t.database.db, sql`select id from surveillance_compliance_reports`), [], 'nobody sent a report');
    assert.deepEqual(await queryRows(t.database.db, sql`select id from surveillance_case_contacts`), [], 'nobody recorded a contact');
  });

  test('a practitioner of another institution of the same office reaches none of this one’s requests', async () => {
    const access = routes().filter((r) => r.scope === 'access-requests');
    assert.ok(access.length >= 15, 'the institution pages are walked');
    for (const r of access) {
      // Through the first institution's address, and through the other's own address with the first one's ids.
      for (const url of [fill(r.url), fill(r.url).replace(ids.institution, ids.otherInstitution)]) {
        const ownPage = url.includes(ids.otherInstitution) && ![ids.accessRequest, ids.record, ids.consultation, ids.supportRequest].some((id) => url.includes(id));
        if (ownPage) continue; // the other institution's own dashboard, lists and forms are theirs
        const res = await request(otherPractitioner, r.method, url);
        assert.ok([403, 404].includes(res.statusCode), `${r.method} ${url} answered ${res.statusCode}`);
        assert.deepEqual(secrets.filter((s) => res.body.includes(s)), [], `${r.method} ${url} shows another institution's request`);
      }
    }
    const own = await otherPractitioner.get(`/en/institutions/${ids.otherInstitution}/requests?status=in_progress`);
    assert.equal(own.statusCode, 200);
    assert.doesNotMatch(own.body, /Secret briefing notes|Philomène/);
    // The test can fail: the first institution's own practitioner opens every page of its request.
    for (const r of access.filter((r) => r.method === 'GET')) {
      const res = await practitioner.get(fill(r.url));
      assert.ok([200, 303].includes(res.statusCode), `${r.url} answered ${res.statusCode}`);
    }
    assert.match((await practitioner.get(`/en/institutions/${ids.institution}/requests/${ids.accessRequest}`)).body, /Secret briefing notes/);
    const [row] = await queryRows<{ status: string; assignee_id: string | null }>(t.database.db, sql`select status, assignee_id from access_requests where id = ${ids.accessRequest}`);
    assert.deepEqual(row, { status: 'in_progress', assignee_id: null }, 'nobody assigned, asked, extended, transferred or closed the request');
    assert.deepEqual(await queryRows(t.database.db, sql`select id from access_extensions`), [], 'nobody extended it');
    const [decided] = await queryRows<{ decision: string }>(t.database.db, sql`select decision from access_records where id = ${ids.record}`);
    assert.equal(decided?.decision, 'pending', 'nobody decided the record');
  });

  test('the dashboard counts an authority’s pending work for its own staff only', async () => {
    for (const path of ['/en/dashboard', '/fr/tableau-de-bord']) {
      for (const visitor of [registrant, staffB]) {
        const res = await visitor.get(path);
        assert.equal(res.statusCode, 200);
        assert.doesNotMatch(res.body, /data-card="twoFactorHelpRequests"/, `${path} counts another authority's help requests`);
        assert.deepEqual(secrets.filter((s) => res.body.includes(s)), [], `${path} shows another authority's data`);
      }
      // The test can fail: the authority's own staff are told of the one pending request.
      assert.match((await staffA.get(path)).body, /data-card="twoFactorHelpRequests"/);
    }
  });

  test('the test can fail: the authority’s own staff reach every staff page and see its data', async () => {
    for (const r of routes().filter((r) => r.scope === 'staff' && r.method === 'GET')) {
      const res = await staffA.get(fill(r.url));
      assert.equal(res.statusCode, 200, `${r.url} answered ${res.statusCode}`);
    }
    assert.match((await staffA.get(`/en/staff/accounts/${ids.person}`)).body, /secret\.person@example\.ca/);
    // A document's readers (its owner module's say) get it: the authority's own staff among them.
    for (const r of routes().filter((r) => r.scope === 'document' && r.method === 'GET')) {
      const res = await staffA.get(fill(r.url));
      assert.equal(res.statusCode, 200, `${r.url} answered ${res.statusCode}`);
      assert.match(res.body, /Secret transcript/);
    }
  });
});
