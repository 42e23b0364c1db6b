import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { invoices, seedFeeSchedule } from '../billing/index.ts';
import { reviews } from '../casework/index.ts';
import { documents, documentVersions } from '../documents/index.ts';
import { mailMessages } from '../mail/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildAuthority, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { applications, applicationTypes, registrationCategories, registrations } from './schema.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

let t: TestApp;
let typeId: string;
let otherTypeId: string;
let otherAuthorityId: string;

/** A type with every section, a document the applicant gives, one the school sends, an optional small one. */
async function defineTypes(authorityId: string) {
  const [category] = await t.database.db.insert(registrationCategories).values({ authorityId, code: 'registered', name: { fr: 'Psychothérapeute autorisé', en: 'Registered psychotherapist' } }).returning();
  const [type] = await t.database.db
    .insert(applicationTypes)
    .values({
      authorityId,
      code: 'new_applicant',
      name: { fr: 'Première inscription', en: 'First registration' },
      description: { fr: 'Pour une première inscription.', en: 'For a first registration.' },
      categoryId: category!.id,
      sections: ['personal', 'education', 'declarations', 'documents'],
      requiredDocuments: [
        { code: 'government_id', name: { fr: 'Pièce d’identité', en: 'Government ID' }, hint: { fr: 'Passeport ou permis.', en: 'Passport or licence.' }, providedBy: 'applicant' },
        { code: 'transcript', name: { fr: 'Relevé de notes officiel', en: 'Official transcript' }, hint: { fr: 'Envoyé par l’établissement.', en: 'Sent by the school.' }, providedBy: 'school' },
        { code: 'resume', name: { fr: 'Curriculum vitæ', en: 'Résumé' }, hint: { fr: 'Facultatif.', en: 'Optional.' }, providedBy: 'applicant', optional: true, maxBytes: 1024 },
      ],
      declarations: [{ code: 'criminal', question: { fr: 'Avez-vous déjà été reconnu coupable d’une infraction criminelle\u00a0?', en: 'Have you ever been found guilty of a criminal offence?' } }],
      feeCodes: ['application_fee', 'registration_fee'],
    })
    .returning();
  const [other] = await t.database.db
    .insert(applicationTypes)
    .values({ authorityId, code: 'transfer', name: { fr: 'Changement de catégorie', en: 'Category transfer' }, description: { fr: 'Changer.', en: 'Change.' }, categoryId: category!.id, sections: ['personal'] })
    .returning();
  return { typeId: type!.id, otherTypeId: other!.id };
}

before(async () => {
  t = await createTestApp();
  await seedFeeSchedule(t.database.db, t.authorityId, 'college');
  ({ typeId, otherTypeId } = await defineTypes(t.authorityId));
  otherAuthorityId = (await buildAuthority(t.database.db)).id;
});
after(() => t.close());

async function applicant(o: { preferredLanguage?: 'fr' | 'en' } = {}) {
  const account = await buildAccount(t.database.db, t.authorityId, { preferredLanguage: o.preferredLanguage ?? 'en' });
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  const res = await c.post('/en/sign-in', { email: account.email, password: FACTORY_PASSWORD });
  assert.equal(res.statusCode, 303, 'signed in');
  return { c, account };
}

async function staffMember(authorityId = t.authorityId) {
  const account = await buildStaff(t.database.db, authorityId);
  const key = await addAuthenticatorApp(t, account.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { c, account };
}

async function start(c: Client, type = typeId) {
  await c.get('/en/applications');
  const res = await c.post('/en/applications/start', { typeId: type });
  assert.equal(res.statusCode, 303);
  const id = /\/en\/applications\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1];
  assert.ok(id, 'leads to the application');
  return id;
}

const row = async (id: string) => (await t.database.db.select().from(applications).where(eq(applications.id, id)))[0]!;
const mailTo = async (accountId: string, template: string) => t.database.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, accountId), eq(mailMessages.template, template)));

/** Fills every section but the documents, as a person would. */
async function complete(c: Client, id: string) {
  const base = `/en/applications/${id}`;
  await c.get(`${base}/personal-details`);
  let res = await c.post(`${base}/personal-details`, { intent: 'continue', givenName: 'Alex', familyName: 'Martin', 'dateOfBirth-day': '27', 'dateOfBirth-month': '3', 'dateOfBirth-year': '1990', phone: '', addressLine1: '10 rue Principale', addressLine2: '', city: 'Québec', province: 'QC', postalCode: 'G1R 4S9' });
  assert.equal(res.statusCode, 303, 'personal details saved');
  res = await c.post(`${base}/education/add`, { program: 'Maîtrise en psychothérapie', institution: 'Université Laval', credential: 'M.A.', 'startedOn-month': '9', 'startedOn-year': '2018', 'endedOn-month': '6', 'endedOn-year': '2020' });
  assert.equal(res.statusCode, 303, 'education entry added');
  res = await c.post(`${base}/education`, { done: 'yes' });
  assert.equal(res.statusCode, 303);
  res = await c.post(`${base}/declarations`, { intent: 'continue', 'answer-criminal': 'no', 'explanation-criminal': '' });
  assert.equal(res.statusCode, 303);
}

const upload = (c: Client, id: string, code: string, content: Buffer, fileName: string, contentType = 'application/pdf') =>
  c.upload(`/en/applications/${id}/documents/${code}`, [{ name: 'file', fileName, content, contentType }]);

describe('an application from start to decision', () => {
  let person: Awaited<ReturnType<typeof applicant>>;
  let id: string;

  test('starting opens a draft with a reference; starting the same type again opens it again', async () => {
    person = await applicant();
    id = await start(person.c);
    assert.match((await row(id)).reference, /^DEM-\d{4}-\d{6}$/);
    assert.equal(await start(person.c), id, 'one open application per type');
    const page = await person.c.get(`/en/applications/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /govuk-task-list/);
    assert.match(page.body, /Cannot start yet/, 'submitting says why it is not possible yet');
    assert.match(page.body, /Expected from your school, which staff add when it arrives: Official transcript/);
  });

  test('nobody else sees it: another person, another authority’s staff, signed out', async () => {
    const other = await applicant();
    assert.equal((await other.c.get(`/en/applications/${id}`)).statusCode, 404);
    assert.equal((await other.c.post(`/en/applications/${id}/personal-details`, { intent: 'later', givenName: 'Eve' })).statusCode, 404);
    const elsewhere = await staffMember(otherAuthorityId);
    assert.equal((await elsewhere.c.get(`/en/staff/applications/${id}`)).statusCode, 404);
    const anonymous = new Client(t.app);
    const res = await anonymous.get(`/en/applications/${id}`);
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /sign-in/);
  });

  test('submitting before every section is complete is refused and changes nothing', async () => {
    await person.c.get(`/en/applications/${id}/check`);
    const res = await person.c.post(`/en/applications/${id}/check`, {});
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /First complete these sections|You cannot submit the application yet/);
    assert.equal((await row(id)).status, 'draft');
  });

  test('"save and continue" checks everything; "save and come back later" keeps what is there', async () => {
    const base = `/en/applications/${id}/personal-details`;
    await person.c.get(base);
    let res = await person.c.post(base, { intent: 'continue', givenName: 'Alex', familyName: '', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '1990' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter your family name/);
    assert.match(res.body, /Enter a real date of birth/);
    assert.match(res.body, /value="31"/, 'what was typed is shown again');
    assert.deepEqual((await row(id)).progress, {}, 'nothing saved');
    res = await person.c.post(base, { intent: 'later', givenName: 'Alex', familyName: '', city: 'Québec' });
    assert.equal(res.statusCode, 303);
    const saved = await row(id);
    assert.equal(saved.progress.personal, 'in_progress');
    assert.equal(saved.personal.city, 'Québec');
  });

  test('education needs a real start; declarations need an explanation on "yes"', async () => {
    const base = `/en/applications/${id}`;
    let res = await person.c.post(`${base}/education/add`, { program: 'M.A.', institution: 'Laval', credential: 'M.A.', 'startedOn-month': '13', 'startedOn-year': '2018' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter the month and year it started/);
    res = await person.c.post(`${base}/education`, { done: 'yes' });
    assert.equal(res.statusCode, 400, 'no entry yet');
    res = await person.c.post(`${base}/declarations`, { intent: 'continue', 'answer-criminal': 'yes', 'explanation-criminal': '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /You answered yes: explain what happened/);
  });

  test('documents: too large and wrong type are refused and nothing is kept; a school’s document cannot be uploaded by the applicant', async () => {
    await complete(person.c, id);
    await person.c.get(`/en/applications/${id}/documents`);
    let res = await upload(person.c, id, 'resume', Buffer.concat([PDF, Buffer.alloc(4096, 32)]), 'cv.pdf');
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /larger|too large|at most/i);
    res = await upload(person.c, id, 'government_id', SVG, 'id.pdf', 'application/pdf');
    assert.equal(res.statusCode, 415);
    res = await upload(person.c, id, 'transcript', PDF, 'transcript.pdf');
    assert.equal(res.statusCode, 404);
    const kept = await t.database.db.select().from(documents).where(eq(documents.subjectId, id));
    assert.equal(kept.length, 0, 'no document row');
    const refused = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'document_refused'));
    assert.ok(refused.length >= 2, 'refusals are audited');
  });

  test('replace keeps every version; the section completes once the applicant’s documents are in', async () => {
    let res = await upload(person.c, id, 'government_id', PDF, 'passport.pdf');
    assert.equal(res.statusCode, 303);
    assert.match((await person.c.follow(res)).body, /Document added\./, 'the page says it worked');
    res = await upload(person.c, id, 'government_id', Buffer.concat([PDF, Buffer.from('% second scan\n')]), 'passport-2.pdf');
    assert.equal(res.statusCode, 303);
    const [doc] = await t.database.db.select().from(documents).where(and(eq(documents.subjectId, id), eq(documents.typeCode, 'government_id')));
    const versions = await t.database.db.select().from(documentVersions).where(eq(documentVersions.documentId, doc!.id));
    assert.equal(versions.length, 2);
    const page = await person.c.get(`/en/applications/${id}/documents`);
    assert.match(page.body, /passport\.pdf/);
    assert.match(page.body, /passport-2\.pdf/);
    assert.match(page.body, /version 1, replaced/);
    const first = versions.find((v) => v.number === 1)!;
    const download = await person.c.get(`/en/documents/${first.id}`);
    assert.equal(download.statusCode, 200, 'an earlier version stays downloadable');
    assert.match(String(download.headers['content-disposition']), /attachment/);
    assert.equal(download.rawPayload.subarray(0, 8).toString(), '%PDF-1.4');
  });

  test('submitting queues it for the authority’s staff, with its audit row and mail', async () => {
    await person.c.get(`/en/applications/${id}/check`);
    const res = await person.c.post(`/en/applications/${id}/check`, {});
    assert.equal(res.statusCode, 303);
    assert.equal((await row(id)).status, 'submitted');
    const [review] = await t.database.db.select().from(reviews).where(eq(reviews.subjectId, id));
    assert.equal(review?.status, 'queued');
    assert.equal((await mailTo(person.account.id, 'applicationSubmitted')).length, 1);
    const [invoice, ...more] = await t.database.db.select().from(invoices).where(eq(invoices.subjectId, id));
    assert.equal(more.length, 0, 'one invoice');
    assert.equal(invoice?.subjectKind, 'application');
    assert.equal(invoice?.status, 'open');
    assert.equal(invoice?.subtotalCents, 15_000, 'the application fee only: the registration fee waits for the approval');
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'application_submitted'));
    assert.ok(audit.some((a) => (a.details as { applicationId?: string }).applicationId === id));
    const page = await person.c.get(`/en/applications/${id}`);
    assert.match(page.body, /data-wait/, 'where it is in the queue');
    assert.match(page.body, /not enough decisions|No decision/i);
    assert.equal((await person.c.get(`/en/applications/${id}/personal-details`)).statusCode, 303, 'no longer editable: its page says why');
  });

  let staff: Awaited<ReturnType<typeof staffMember>>;
  test('the dashboard shows the open application to its applicant, and the queue to the authority’s staff only', async () => {
    const mine = await person.c.get('/en/dashboard');
    assert.match(mine.body, /data-card="openApplications"/);
    assert.ok(mine.body.includes((await row(id)).reference));
    staff = await staffMember();
    assert.match((await staff.c.get('/en/dashboard')).body, /data-card="applicationsToReview"/);
    assert.match((await staff.c.get('/en/staff/accounts')).body, /data-card="applicationsQueue"/, 'and on the staff console’s home');
    const elsewhere = await staffMember(otherAuthorityId);
    assert.doesNotMatch((await elsewhere.c.get('/en/dashboard')).body, /data-card="applicationsToReview"/);
  });

  test('staff see it in their queue; nothing is done before it is picked up', async () => {
    const queue = await staff.c.get('/en/staff/applications');
    assert.equal(queue.statusCode, 200);
    assert.ok(queue.body.includes(`/en/staff/applications/${id}`), 'it links to the file');
    assert.ok(queue.body.includes((await row(id)).reference), 'with its reference');
    assert.match(queue.body, /Alex Martin/);
    const page = await staff.c.get(`/en/staff/applications/${id}`);
    assert.match(page.body, /Pick up the application to mark its documents/);
    const res = await staff.c.post(`/en/staff/applications/${id}/ask-for-more`, { request: 'Send a clearer scan.' });
    assert.equal(res.statusCode, 409);
    assert.equal((await row(id)).status, 'submitted');
  });

  test('staff add the school’s transcript with its source, mark a document, and ask for more', async () => {
    let res = await staff.c.post(`/en/staff/applications/${id}/assignment?action=pick_up`, {});
    assert.equal(res.statusCode, 303);
    await staff.c.get(`/en/staff/applications/${id}`);
    res = await staff.c.upload(`/en/staff/applications/${id}/documents/add`, [['typeCode', 'transcript'], ['source', 'Université Laval'], { name: 'file', fileName: 'releve.pdf', content: PDF, contentType: 'application/pdf' }]);
    assert.equal(res.statusCode, 303);
    const mine = await person.c.get(`/en/applications/${id}`);
    assert.match(mine.body, /sent by Université Laval/, 'the applicant sees where it came from');
    assert.equal((await mailTo(person.account.id, 'documentAdded')).length, 1);

    const [doc] = await t.database.db.select().from(documents).where(and(eq(documents.subjectId, id), eq(documents.typeCode, 'government_id')));
    res = await staff.c.post(`/en/staff/applications/${id}/documents/${doc!.id}`, { status: 'needs_replacing', reason: '' });
    assert.equal(res.statusCode, 400, 'a reason is required');
    res = await staff.c.post(`/en/staff/applications/${id}/documents/${doc!.id}`, { status: 'needs_replacing', reason: 'The photo is blurred.' });
    assert.equal(res.statusCode, 303);
    res = await staff.c.post(`/en/staff/applications/${id}/ask-for-more`, { request: 'Please send a sharper copy of your ID.' });
    assert.equal(res.statusCode, 303);
    assert.equal((await row(id)).status, 'returned');
    const [review] = await t.database.db.select().from(reviews).where(eq(reviews.subjectId, id));
    assert.equal(review?.status, 'waiting_for_applicant');
    const returned = await mailTo(person.account.id, 'applicationReturned');
    assert.equal(returned.length, 1);
    assert.match(returned[0]!.textBody, /Please send a sharper copy of your ID\./);
  });

  test('the applicant answers: replaces the document and sends it back with a message', async () => {
    const page = await person.c.get(`/en/applications/${id}`);
    assert.match(page.body, /Staff ask you for this/);
    assert.match(page.body, /Please send a sharper copy of your ID\./);
    assert.match(page.body, /The photo is blurred\./);
    assert.equal((await upload(person.c, id, 'government_id', Buffer.concat([PDF, Buffer.from('% sharp\n')]), 'passport-3.pdf')).statusCode, 303);
    await person.c.get(`/en/applications/${id}/check`);
    const res = await person.c.post(`/en/applications/${id}/check`, { answer: 'Here is a sharper scan.' });
    assert.equal(res.statusCode, 303);
    assert.equal((await row(id)).status, 'submitted');
    const [review] = await t.database.db.select().from(reviews).where(eq(reviews.subjectId, id));
    assert.equal(review?.status, 'queued');
  });

  test('approval waits for every required document to be accepted, then gives a registration pending its fee', async () => {
    await staff.c.post(`/en/staff/applications/${id}/assignment?action=pick_up`, {});
    let res = await staff.c.post(`/en/staff/applications/${id}/decision`, { outcome: 'approve', reasons: '' });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /cannot be approved until all its required documents are accepted/);
    for (const doc of await t.database.db.select().from(documents).where(eq(documents.subjectId, id))) {
      res = await staff.c.post(`/en/staff/applications/${id}/documents/${doc.id}`, { status: 'accepted', reason: '' });
      assert.equal(res.statusCode, 303);
    }
    const [accepted] = await t.database.db.select().from(documents).where(eq(documents.subjectId, id));
    res = await staff.c.post(`/en/staff/applications/${id}/documents/${accepted!.id}`, { status: 'accepted', reason: '' });
    assert.equal(res.statusCode, 409, 'accepting twice is said, not recorded twice');
    res = await staff.c.post(`/en/staff/applications/${id}/decision`, { outcome: 'approve', reasons: '' });
    assert.equal(res.statusCode, 303);
    const [registration] = await t.database.db.select().from(registrations).where(eq(registrations.applicationId, id));
    assert.equal(registration?.status, 'pending', 'the type has a registration fee');
    const [invoice] = await t.database.db.select().from(invoices).where(eq(invoices.subjectId, registration!.id));
    assert.equal(invoice?.subjectKind, 'registration', 'the approval issued the registration fee’s invoice');
    assert.equal(invoice?.subtotalCents, 72_500);
    assert.equal((await row(id)).status, 'approved');
    assert.equal((await mailTo(person.account.id, 'applicationApproved')).length, 1);
    const page = await person.c.get(`/en/applications/${id}`);
    assert.match(page.body, new RegExp(`Registration number: ${registration!.number}`));
    assert.doesNotMatch(page.body, new RegExp(staff.account.familyName), 'the applicant’s history names no staff member');
    res = await staff.c.post(`/en/staff/applications/${id}/decision`, { outcome: 'refuse', reasons: 'Too late' });
    assert.equal(res.statusCode, 409, 'decided once');
  });
});

describe('refusal, withdrawal, language', () => {
  test('a refusal needs its reasons, which the applicant reads in their language', async () => {
    const person = await applicant({ preferredLanguage: 'fr' });
    const id = await start(person.c, otherTypeId);
    await person.c.get(`/en/applications/${id}/personal-details`);
    await person.c.post(`/en/applications/${id}/personal-details`, { intent: 'continue', givenName: 'Zoé', familyName: 'Roy', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '1980', addressLine1: '1 rue', city: 'Laval', province: 'QC', postalCode: 'H7N 1A1' });
    await person.c.post(`/en/applications/${id}/check`, {});
    const staff = await staffMember();
    await staff.c.get(`/en/staff/applications/${id}`);
    await staff.c.post(`/en/staff/applications/${id}/assignment?action=pick_up`, {});
    let res = await staff.c.post(`/en/staff/applications/${id}/decision`, { outcome: 'refuse', reasons: '' });
    assert.equal(res.statusCode, 400);
    res = await staff.c.post(`/en/staff/applications/${id}/decision`, { outcome: 'refuse', reasons: 'Catégorie déjà détenue.' });
    assert.equal(res.statusCode, 303);
    const [mail] = await mailTo(person.account.id, 'applicationRefused');
    assert.equal(mail?.language, 'fr');
    assert.match(mail!.textBody, /est refusée/);
    assert.match(mail!.textBody, /Catégorie déjà détenue\./);
  });

  test('withdrawing keeps the file; a new application of the type can then start', async () => {
    const person = await applicant();
    const id = await start(person.c, otherTypeId);
    await person.c.get(`/en/applications/${id}/withdraw`);
    const res = await person.c.post(`/en/applications/${id}/withdraw`, {});
    assert.equal(res.statusCode, 303);
    assert.equal((await row(id)).status, 'withdrawn');
    assert.notEqual(await start(person.c, otherTypeId), id);
  });

  test('a draft answered in French continues in English; the language switch keeps what was typed', async () => {
    const person = await applicant({ preferredLanguage: 'fr' });
    const id = await start(person.c);
    await person.c.get(`/fr/demandes/${id}/renseignements-personnels`);
    let res = await person.c.post(`/fr/demandes/${id}/renseignements-personnels`, { intent: 'later', givenName: 'Léa', familyName: 'Côté', province: 'QC', city: 'Montréal' });
    assert.equal(res.statusCode, 303);
    const page = await person.c.get(`/en/applications/${id}/personal-details`);
    assert.match(page.body, /value="Léa"/);
    assert.match(page.body, /<option value="QC" selected/);
    res = await person.c.post(`/fr/demandes/${id}/renseignements-personnels`, { keepTyped: 'language', givenName: 'Léa-Rose', familyName: 'Côté', city: 'Montréal' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /value="Léa-Rose"/);
    assert.equal((await row(id)).personal.givenName, 'Léa', 'the switch saves nothing');
  });
});
