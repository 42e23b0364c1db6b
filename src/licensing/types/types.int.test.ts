// Application types and the eligibility questionnaire: administrators define them for their own
// authority (forms in both languages, errors shown with what was typed, audit rows), and a person
// answers the questionnaire of the portal they are in, one question per page, to a type or to
// "not eligible", with the path in language-neutral codes that survives a language switch.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../audit/index.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../../test/support/factors.ts';
import {
  answerQuestion,
  buildAccount,
  buildApplicationType,
  buildAuthority,
  buildQuestion,
  buildRegistrationCategory,
  buildStaff,
  FACTORY_PASSWORD,
} from '../../../test/support/factories.ts';
import { applications, applicationTypes, eligibilityAnswers, eligibilityQuestions, registrationCategories } from '../schema.ts';

let t: TestApp;
let admin: Client;
let staffOnly: Client;
let otherAdmin: Client;

async function signedInStaff(authorityId: string, roles: ('registrar' | 'administrator')[]) {
  const staff = await buildStaff(t.database.db, authorityId, { roles });
  const key = await addAuthenticatorApp(t, staff.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, staff.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return c;
}

const typeForm = (categoryId: string, extra: Record<string, string> = {}) => ({
  key: 'new_applicant',
  nameFr: 'Nouvelle demande — première inscription',
  nameEn: 'New applicant — first registration',
  descriptionFr: 'Pour une première inscription au tableau.',
  descriptionEn: 'For a first registration.',
  categoryId,
  sectionPersonal: 'yes',
  sectionDocuments: 'yes',
  documentRows: '1',
  doc0Key: 'government_id',
  doc0NameFr: 'Pièce d’identité',
  doc0NameEn: 'Government ID',
  doc0ProvidedBy: 'applicant',
  declarationRows: '1',
  fees: 'application_fee',
  eligibility: 'anyone',
  position: '10',
  active: 'yes',
  ...extra,
});

const eventsOf = (event: string) => t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, event), eq(auditEvents.authorityId, t.authorityId)));

before(async () => {
  t = await createTestApp();
  const other = await buildAuthority(t.database.db);
  admin = await signedInStaff(t.authorityId, ['administrator']);
  staffOnly = await signedInStaff(t.authorityId, ['registrar']);
  otherAdmin = await signedInStaff(other.id, ['administrator']);
});
after(() => t.close());

describe('staff define types', () => {
  let categoryId = '';
  let typeId = '';

  test('an administrator adds a category, then a type in both languages; each change has its audit row', async () => {
    await admin.get('/en/staff/application-types');
    const added = await admin.post('/en/staff/application-types', { categoryKey: 'qualifying', categoryNameFr: 'Inscrit admissible', categoryNameEn: 'Qualifying registrant' });
    assert.equal(added.statusCode, 303);
    assert.match((await admin.follow(added)).body, /Qualifying registrant/);
    assert.equal((await eventsOf('registration_category_created')).length, 1);
    categoryId = (await t.database.db.select().from(registrationCategories).where(eq(registrationCategories.authorityId, t.authorityId)))[0]?.id ?? '';

    await admin.get('/en/staff/application-types/new');
    const created = await admin.post('/en/staff/application-types/new', typeForm(categoryId));
    assert.equal(created.statusCode, 303);
    const list = await admin.follow(created);
    assert.match(list.body, /New applicant — first registration/);
    assert.match(list.body, /Qualifying registrant/);
    const [row] = await t.database.db.select().from(applicationTypes).where(eq(applicationTypes.code, 'new_applicant'));
    assert.ok(row);
    typeId = row.id;
    assert.deepEqual(row.name, { fr: 'Nouvelle demande — première inscription', en: 'New applicant — first registration' });
    assert.deepEqual(row.sections, ['personal', 'documents']);
    assert.deepEqual(row.feeCodes, ['application_fee']);
    assert.deepEqual(row.requiredDocuments, [{ code: 'government_id', name: { fr: 'Pièce d’identité', en: 'Government ID' }, hint: { fr: '', en: '' }, providedBy: 'applicant' }]);
    const [event] = await eventsOf('application_type_created');
    assert.deepEqual(event?.details, { typeId, code: 'new_applicant' });
    // In French, the same list.
    assert.match((await admin.get('/fr/personnel/types-de-demande')).body, /Nouvelle demande — première inscription/);
  });

  test('the office’s settings through the same forms: a 2-year category asking for an exam and an agency link, a type the portal decides, a transfer', async () => {
    await admin.get('/en/staff/application-types');
    assert.equal((await admin.post('/en/staff/application-types', { categoryKey: 'representative', categoryNameFr: 'Représentant', categoryNameEn: 'Representative', categoryValidityMonths: '200' })).statusCode, 400, 'more than 120 months');
    const added = await admin.post('/en/staff/application-types', { categoryKey: 'representative', categoryNameFr: 'Représentant', categoryNameEn: 'Representative', categoryValidityMonths: '24', categoryRequiresExam: 'yes', categoryRequiresAgencyLink: 'yes' });
    assert.equal(added.statusCode, 303);
    assert.match((await admin.follow(added)).body, /Representative.*24 months · Requires a passed exam that is still valid · Requires an active link with a collection agency/s);
    const [category] = await t.database.db.select().from(registrationCategories).where(eq(registrationCategories.code, 'representative'));
    assert.deepEqual([category?.validityMonths, category?.requiresExam, category?.requiresAgencyLink], [24, true, true]);
    await admin.get('/en/staff/application-types/new');
    assert.equal((await admin.post('/en/staff/application-types/new', typeForm(category!.id, { key: 'certificate', decision: 'automatic' }))).statusCode, 303);
    assert.equal((await admin.post('/en/staff/application-types/new', typeForm(category!.id, { key: 'transfer', kind: 'category_transfer', eligibility: 'registered' }))).statusCode, 303);
    assert.equal((await admin.post('/en/staff/application-types/new', typeForm(category!.id, { key: 'odd', kind: 'reinstatement' }))).statusCode, 400, 'an unknown kind is refused');
    const types = await t.database.db.select({ code: applicationTypes.code, kind: applicationTypes.kind, decision: applicationTypes.decision }).from(applicationTypes).where(eq(applicationTypes.categoryId, category!.id));
    assert.deepEqual(types.sort((a, b) => a.code.localeCompare(b.code)), [
      { code: 'certificate', kind: 'registration', decision: 'automatic' },
      { code: 'transfer', kind: 'category_transfer', decision: 'staff' },
    ]);
  });

  test('"add another" shows one more row, saves nothing; editing adds a document from a school and records what changed', async () => {
    const page = await admin.get(`/en/staff/application-types/${typeId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="government_id"/);
    const more = await admin.post(`/en/staff/application-types/${typeId}`, { ...typeForm(categoryId), documentRows: '1', more: 'documents', nameEn: 'Typed but not saved' });
    assert.equal(more.statusCode, 200);
    assert.match(more.body, /name="doc1Key"/);
    assert.match(more.body, /value="Typed but not saved"/);
    assert.equal((await eventsOf('application_type_changed')).length, 0, 'nothing saved');

    const saved = await admin.post(`/en/staff/application-types/${typeId}`, {
      ...typeForm(categoryId),
      documentRows: '2',
      doc1Key: 'transcript',
      doc1NameFr: 'Relevé de notes officiel',
      doc1NameEn: 'Official transcript',
      doc1ProvidedBy: 'school',
      doc1MaxMib: '5',
      doc1Optional: 'yes',
      declarationRows: '1',
      decl0Key: 'criminal',
      decl0QuestionFr: 'Avez-vous déjà été reconnu coupable d’une infraction criminelle\u00a0?',
      decl0QuestionEn: 'Have you ever been found guilty of a criminal offence?',
    });
    assert.equal(saved.statusCode, 303);
    const [row] = await t.database.db.select().from(applicationTypes).where(eq(applicationTypes.id, typeId));
    assert.deepEqual(row?.requiredDocuments[1], { code: 'transcript', name: { fr: 'Relevé de notes officiel', en: 'Official transcript' }, hint: { fr: '', en: '' }, providedBy: 'school', optional: true, maxBytes: 5 * 1024 * 1024 });
    assert.equal(row?.declarations.length, 1);
    const [event] = await eventsOf('application_type_changed');
    assert.deepEqual(event?.details, { typeId, code: 'new_applicant', changed: ['requiredDocuments', 'declarations'] });
  });

  test('a missing English name, a bad code, no section: translated errors, what was typed shown again, nothing saved', async () => {
    const before = await t.database.db.select().from(applicationTypes);
    await admin.get('/en/staff/application-types/new');
    const res = await admin.post('/en/staff/application-types/new', typeForm(categoryId, { key: 'New Type', nameEn: '', sectionPersonal: '', sectionDocuments: '', nameFr: 'Gardé tel quel' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /Enter the name in English/);
    assert.match(res.body, /Enter a lower-case code/);
    assert.match(res.body, /Tick at least one section/);
    assert.match(res.body, /value="Gardé tel quel"/);
    const fr = await admin.post('/fr/personnel/types-de-demande/nouveau', typeForm(categoryId, { nameEn: '' }));
    assert.equal(fr.statusCode, 400);
    assert.match(fr.body, /Entrez le nom en anglais/);
    // The language link carries what was typed, without errors.
    const switched = await admin.post('/fr/personnel/types-de-demande/nouveau', { ...typeForm(categoryId, { nameFr: 'Tapé avant le changement' }), keepTyped: 'language' });
    assert.equal(switched.statusCode, 200);
    assert.match(switched.body, /<html lang="fr"/);
    assert.match(switched.body, /value="Tapé avant le changement"/);
    assert.match(switched.body, /name="doc0Key"[^>]*value="government_id"|value="government_id"[^>]*name="doc0Key"/);
    assert.doesNotMatch(switched.body, /govuk-error-summary/);
    const taken = await admin.post('/en/staff/application-types/new', typeForm(categoryId));
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /This code is already used/);
    assert.equal((await t.database.db.select().from(applicationTypes)).length, before.length);
  });

  test('once an application of a type exists, its code no longer changes (the rest still does)', async () => {
    const applicant = await buildAccount(t.database.db, t.authorityId);
    await t.database.db.insert(applications).values({ authorityId: t.authorityId, applicantId: applicant.id, typeId, reference: 'DEM-2026-000001' });
    const page = await admin.get(`/en/staff/application-types/${typeId}`);
    assert.match(page.body, /which can no longer change/);
    assert.doesNotMatch(page.body, /id="key"/);
    const refused = await admin.post(`/en/staff/application-types/${typeId}`, typeForm(categoryId, { key: 'renamed' }));
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /its code can no longer change/);
    const renamed = await admin.post(`/en/staff/application-types/${typeId}`, typeForm(categoryId, { position: '5' }));
    assert.equal(renamed.statusCode, 303);
    const [row] = await t.database.db.select().from(applicationTypes).where(eq(applicationTypes.id, typeId));
    assert.equal(row?.code, 'new_applicant');
    assert.equal(row?.position, 5);
  });

  test('the definitions are for administrators of the authority only', async () => {
    for (const url of ['/en/staff/application-types', `/en/staff/application-types/${typeId}`, '/en/staff/questionnaire', '/en/staff/questionnaire/new-question']) {
      assert.equal((await staffOnly.get(url)).statusCode, 404, `staff without the role: ${url}`);
      const signedOut = await new Client(t.app).get(url);
      assert.equal(signedOut.statusCode, 302, `signed out: ${url}`);
      assert.equal(signedOut.headers.location, '/en/sign-in');
    }
    assert.equal((await otherAdmin.get(`/en/staff/application-types/${typeId}`)).statusCode, 404);
    const list = await otherAdmin.get('/en/staff/application-types');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /New applicant/);
    await otherAdmin.get('/en/staff/application-types');
    assert.equal((await otherAdmin.post(`/en/staff/application-types/${typeId}`, typeForm(categoryId, { nameEn: 'Hijacked' }))).statusCode, 404);
    const [row] = await t.database.db.select().from(applicationTypes).where(eq(applicationTypes.id, typeId));
    assert.equal(row?.name.en, 'New applicant — first registration');
  });

  test('questions in both languages; an answer leading back to an earlier question is refused', async () => {
    await admin.get('/en/staff/questionnaire/new-question');
    const second = await admin.post('/en/staff/questionnaire/new-question', {
      key: 'masters',
      textFr: 'Avez-vous une maîtrise\u00a0?',
      textEn: 'Do you hold a master’s degree?',
      position: '2',
      answerRows: '2',
      ans0Key: 'yes',
      ans0LabelFr: 'Oui',
      ans0LabelEn: 'Yes',
      ans0Outcome: `type:${typeId}`,
      ans1Key: 'no',
      ans1LabelFr: 'Non',
      ans1LabelEn: 'No',
      ans1Outcome: 'not_eligible',
      ans1ReasonFr: 'Une maîtrise est exigée.',
      ans1ReasonEn: 'A master’s degree is required.',
      ans1WhatFr: 'Terminez votre programme.',
      ans1WhatEn: 'Complete your program.',
    });
    assert.equal(second.statusCode, 303);
    const [masters] = await t.database.db.select().from(eligibilityQuestions).where(eq(eligibilityQuestions.code, 'masters'));
    assert.ok(masters);
    const first = await admin.post('/en/staff/questionnaire/new-question', {
      key: 'registered',
      textFr: 'Êtes-vous inscrit auprès d’un autre ordre\u00a0?',
      textEn: 'Are you registered with another regulator?',
      position: '1',
      answerRows: '2',
      ans0Key: 'yes',
      ans0LabelFr: 'Oui',
      ans0LabelEn: 'Yes',
      ans0Outcome: `question:${masters.id}`,
      ans1Key: 'no',
      ans1LabelFr: 'Non',
      ans1LabelEn: 'No',
      ans1Outcome: `question:${masters.id}`,
    });
    assert.equal(first.statusCode, 303);
    const list = await admin.follow(first);
    assert.match(list.body, /Next question: Do you hold a master’s degree\?/);
    assert.match(list.body, /Not eligible/);
    assert.equal((await eventsOf('eligibility_question_created')).length, 2);
    const [registered] = await t.database.db.select().from(eligibilityQuestions).where(eq(eligibilityQuestions.code, 'registered'));

    // masters → registered → masters: a loop.
    const loop = await admin.post(`/en/staff/questionnaire/${masters.id}`, {
      key: 'masters',
      textFr: 'Avez-vous une maîtrise\u00a0?',
      textEn: 'Do you hold a master’s degree?',
      position: '2',
      answerRows: '2',
      ans0Key: 'yes',
      ans0LabelFr: 'Oui',
      ans0LabelEn: 'Yes',
      ans0Outcome: `question:${registered?.id}`,
      ans1Key: 'no',
      ans1LabelFr: 'Non',
      ans1LabelEn: 'No',
      ans1Outcome: `type:${typeId}`,
    });
    assert.equal(loop.statusCode, 409);
    assert.match(loop.body, /leads back to a question already asked/);
    assert.match(loop.body, /id="ans0Outcome-error"/);
    const answers = await t.database.db.select().from(eligibilityAnswers).where(eq(eligibilityAnswers.questionId, masters.id));
    assert.equal(answers.find((a) => a.code === 'yes')?.typeId, typeId, 'unchanged');

    // Missing English text and "not eligible" without its reason, in French.
    const bad = await admin.post(`/fr/personnel/questionnaire/${masters.id}`, { key: 'masters', textFr: 'Maîtrise\u00a0?', textEn: '', position: '2', answerRows: '2', ans0Key: 'yes', ans0LabelFr: 'Oui', ans0LabelEn: 'Yes', ans0Outcome: 'not_eligible', ans1Key: 'no', ans1LabelFr: 'Non', ans1LabelEn: 'No', ans1Outcome: `type:${typeId}` });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Entrez la question en anglais/);
    assert.match(bad.body, /entrez la raison et que faire dans les deux langues/);

    const changed = await admin.post(`/en/staff/questionnaire/${masters.id}`, { key: 'masters', textFr: 'Détenez-vous une maîtrise\u00a0?', textEn: 'Do you hold a master’s degree?', position: '2', answerRows: '2', ans0Key: 'yes', ans0LabelFr: 'Oui', ans0LabelEn: 'Yes', ans0Outcome: `type:${typeId}`, ans1Key: 'no', ans1LabelFr: 'Non', ans1LabelEn: 'No', ans1Outcome: `type:${typeId}` });
    assert.equal(changed.statusCode, 303);
    const [event] = await eventsOf('eligibility_question_changed');
    assert.deepEqual(event?.details, { questionId: masters.id, code: 'masters', changed: ['text', 'answers'] });
    assert.equal((await staffOnly.get(`/en/staff/questionnaire/${masters.id}`)).statusCode, 404);
    assert.equal((await otherAdmin.get(`/en/staff/questionnaire/${masters.id}`)).statusCode, 404);
  });
});

describe('the person’s questionnaire', () => {
  let slug = '';
  let newApplicantId = '';

  before(async () => {
    const college = await buildAuthority(t.database.db, { name: { fr: 'Ordre du questionnaire', en: 'College of the Questionnaire' } });
    slug = college.slug;
    const category = await buildRegistrationCategory(t.database.db, college.id, { code: 'qualifying', name: { fr: 'Inscrit admissible', en: 'Qualifying registrant' } });
    const newApplicant = await buildApplicationType(t.database.db, college.id, {
      code: 'new_applicant',
      categoryId: category.id,
      name: { fr: 'Nouvelle demande — première inscription', en: 'New applicant — first registration' },
      description: { fr: 'Pour une première inscription.', en: 'For a first registration.' },
    });
    newApplicantId = newApplicant.id;
    const masters = await buildQuestion(t.database.db, college.id, { code: 'masters', position: 2, text: { fr: 'Avez-vous une maîtrise\u00a0?', en: 'Do you hold a master’s degree?' } });
    const first = await buildQuestion(t.database.db, college.id, { code: 'registered', position: 1, text: { fr: 'Êtes-vous déjà inscrit\u00a0?', en: 'Are you already registered?' }, hint: { fr: 'Au tableau de l’Ordre', en: 'On the College’s register' } });
    await answerQuestion(t.database.db, first.id, [
      { code: 'no', label: { fr: 'Non', en: 'No' }, outcome: { kind: 'question', questionId: masters.id } },
      { code: 'yes', label: { fr: 'Oui', en: 'Yes' }, outcome: { kind: 'not_eligible', reason: { fr: 'Vous êtes déjà au tableau.', en: 'You are already registered.' }, whatToDo: { fr: 'Renouvelez plutôt.', en: 'Renew instead.' } } },
    ]);
    await answerQuestion(t.database.db, masters.id, [
      { code: 'yes', label: { fr: 'Oui', en: 'Yes' }, outcome: { kind: 'type', typeId: newApplicant.id } },
      { code: 'no', label: { fr: 'Non', en: 'No' }, outcome: { kind: 'not_eligible', reason: { fr: 'Une maîtrise est exigée.', en: 'A master’s degree is required.' }, whatToDo: { fr: 'Terminez un programme de maîtrise.', en: 'Complete a master’s program.' } } },
    ]);
  });

  test('in English: one question per page to a type; signed out, the result says to sign in or create an account', async () => {
    const c = new Client(t.app);
    const first = await c.get(`/en/eligibility?portal=${slug}`);
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /<h1 class="govuk-fieldset__heading">Are you already registered\?<\/h1>/);
    assert.match(first.body, /On the College’s register/);
    const none = await c.post('/en/eligibility', { answers: '' });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /govuk-error-summary/);
    assert.match(none.body, /Choose an answer/);
    const step = await c.post('/en/eligibility', { answers: '', answer: 'no' });
    assert.equal(step.statusCode, 303);
    assert.equal(step.headers.location, `/en/eligibility?answers=${encodeURIComponent('registered:no')}`);
    const second = await c.follow(step);
    assert.match(second.body, /Do you hold a master’s degree\?/);
    assert.match(second.body, /class="govuk-back-link" href="\/en\/eligibility"/);
    const result = await c.follow(await c.post('/en/eligibility', { answers: 'registered:no', answer: 'yes' }));
    assert.match(result.body, /Your application type is: New applicant — first registration/);
    assert.match(result.body, /For a first registration\./);
    assert.match(result.body, /Qualifying registrant/);
    assert.match(result.body, /href="\/en\/sign-in"/);
    assert.match(result.body, /href="\/en\/sign-up"/);
    assert.doesNotMatch(result.body, /name="typeId"/);
    assert.match(result.body, /Start the questionnaire again/);
  });

  test('in French, to "not eligible" with the reason and what to do', async () => {
    const c = new Client(t.app);
    await c.get(`/fr/admissibilite?portal=${slug}`);
    const result = await c.follow(await c.post('/fr/admissibilite', { answers: 'registered:no', answer: 'no' }));
    assert.match(result.body, /Vous ne pouvez pas présenter de demande pour l’instant/);
    assert.match(result.body, /Une maîtrise est exigée\./);
    assert.match(result.body, /Terminez un programme de maîtrise\./);
    assert.match(result.body, /Recommencer le questionnaire/);
  });

  test('signed in, the result is a button that starts the application of that type', async () => {
    const person = await buildAccount(t.database.db, t.authorityId);
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email: person.email, password: FACTORY_PASSWORD })).statusCode, 303);
    const result = await c.get(`/en/eligibility?portal=${slug}&answers=registered:no,masters:yes`);
    assert.match(result.body, /<form method="post" action="\/en\/applications\/start"/);
    assert.match(result.body, new RegExp(`name="typeId" value="${newApplicantId}"`));
    assert.match(result.body, /name="_csrf"/);
  });

  test('a tampered or stale path goes back to the first question with a notice, never an error', async () => {
    const c = new Client(t.app);
    await c.get(`/en/eligibility?portal=${slug}`);
    for (const answers of ['registered:maybe', 'masters:yes', 'registered:yes,masters:yes', 'not a path', 'registered:no,masters:yes,extra:x']) {
      const res = await c.get(`/en/eligibility?answers=${encodeURIComponent(answers)}`);
      assert.equal(res.statusCode, 303, answers);
      const restarted = await c.follow(res);
      assert.match(restarted.body, /The questionnaire has changed or the address was incomplete/);
      assert.match(restarted.body, /Are you already registered\?/);
    }
    const posted = await c.post('/en/eligibility', { answers: 'bogus:x', answer: 'yes' });
    assert.equal(posted.statusCode, 303);
    // No portal opened yet, among several authorities: the home page, to choose one.
    const nowhere = await new Client(t.app).get('/en/eligibility');
    assert.equal(nowhere.statusCode, 303);
    assert.equal(nowhere.headers.location, '/en');
  });

  test('switching language mid-way keeps the path (the language link is the form’s button)', async () => {
    const c = new Client(t.app);
    const page = await c.get(`/fr/admissibilite?portal=${slug}&answers=registered:no`);
    assert.match(page.body, /Avez-vous une maîtrise/);
    assert.match(page.body, /formaction="\/en\/eligibility\?/);
    const switched = await c.post(`/en/eligibility?portal=${slug}&answers=registered%3Ano`, { answers: 'registered:no', answer: 'yes', keepTyped: 'language' });
    assert.equal(switched.statusCode, 200);
    assert.match(switched.body, /id="answer" name="answer" type="radio" value="yes" checked/);
    assert.match(switched.body, /Do you hold a master’s degree\?/);
    assert.match(switched.body, /name="answers" value="registered:no"/);
    const result = await c.follow(await c.post('/en/eligibility', { answers: 'registered:no', answer: 'yes' }));
    assert.match(result.body, /New applicant — first registration/);
    // The result's language link carries the path in its address.
    assert.match(result.body, /href="\/fr\/admissibilite\?answers=registered%3Ano%2Cmasters%3Ayes"/);
  });

  test('the portal home offers the questionnaire; the staff menu shows the definitions to administrators only', async () => {
    const home = await new Client(t.app).get(`/en/${slug}`);
    assert.match(home.body, /<a[^>]*href="\/en\/eligibility"[^>]*>Find out your application type and apply<\/a>/);
    const adminMenu = (await admin.get('/en/staff/application-types')).body;
    assert.match(adminMenu, /href="\/en\/staff\/questionnaire"/);
    const registrarMenu = (await staffOnly.get('/en/staff/accounts')).body;
    assert.doesNotMatch(registrarMenu, /href="\/en\/staff\/application-types"/);
  });

  test('a type withdrawn since is still the result, which says it cannot be started online now', async () => {
    await t.database.db.update(applicationTypes).set({ active: false }).where(eq(applicationTypes.id, newApplicantId));
    try {
      const c = new Client(t.app);
      const result = await c.get(`/en/eligibility?portal=${slug}&answers=registered:no,masters:yes`);
      assert.equal(result.statusCode, 200);
      assert.match(result.body, /Your application type is: New applicant — first registration/);
      assert.match(result.body, /not offered online at this time/);
      assert.doesNotMatch(result.body, /href="\/en\/sign-in">Sign in<\/a> ·/);
    } finally {
      await t.database.db.update(applicationTypes).set({ active: true }).where(eq(applicationTypes.id, newApplicantId));
    }
  });

  test('an authority without a questionnaire lists its active types to choose from', async () => {
    const plain = await buildAuthority(t.database.db);
    await buildApplicationType(t.database.db, plain.id, { name: { fr: 'Demande simple', en: 'Simple application' } });
    await buildApplicationType(t.database.db, plain.id, { name: { fr: 'Demande retirée', en: 'Withdrawn application' }, active: false });
    const res = await new Client(t.app).get(`/en/eligibility?portal=${plain.slug}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /has no eligibility questionnaire/);
    assert.match(res.body, /Simple application/);
    assert.doesNotMatch(res.body, /Withdrawn application/);
  });
});
