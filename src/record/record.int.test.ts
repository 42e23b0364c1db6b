// The registrant's record through its pages: the profile the register reads at once, changes that
// staff approve through casework (legal name with its ID, withholding a previous name, the sign-in
// email where it is not self-service), the self-service email proved from both addresses, the
// authority's settings, and the 30-day duty (reminders on a fixed clock, late reports for staff).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { accounts } from '../identity/index.ts';
import { mailMessages } from '../mail/index.ts';
import { applications, registrations } from '../licensing/schema.ts';
import type { AuthorityRole } from '../platform/actors.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildApplicationType, buildAuthority, buildStaff, FACTORY_PASSWORD, unique } from '../../test/support/factories.ts';
import { changeRequests, otherRegistrations, previousNames, recordReminders, recordSettings, registrantProfiles } from './schema.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const DAY = 86_400_000;
let t: TestApp;
let otherAuthorityId: string;

before(async () => {
  t = await createTestApp();
  otherAuthorityId = (await buildAuthority(t.database.db)).id;
});
after(() => t.close());

/** An active registration, as an approved application whose fees are paid leaves (licensing's rows). */
async function register(accountId: string, authorityId = t.authorityId) {
  const type = await buildApplicationType(t.database.db, authorityId);
  const [application] = await t.database.db.insert(applications).values({ authorityId, applicantId: accountId, typeId: type.id, reference: unique('DEM'), status: 'approved' }).returning();
  await t.database.db.insert(registrations).values({
    authorityId,
    accountId,
    categoryId: type.categoryId,
    applicationId: application!.id,
    number: unique('2026'),
    status: 'active',
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    verificationCode: unique('CODE'),
  });
}

async function signIn(email: string) {
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  assert.equal((await c.post('/en/sign-in', { email, password: FACTORY_PASSWORD })).statusCode, 303);
  return c;
}

async function registrant(o: { authorityId?: string; registered?: boolean; givenName?: string; familyName?: string } = {}) {
  const authorityId = o.authorityId ?? t.authorityId;
  const account = await buildAccount(t.database.db, authorityId, { givenName: o.givenName ?? 'Amélie', familyName: o.familyName ?? 'Gagnon' });
  if (o.registered !== false) await register(account.id, authorityId);
  return { c: await signIn(account.email), account };
}

async function staffMember(roles: AuthorityRole[] = ['staff'], authorityId = t.authorityId) {
  const account = await buildStaff(t.database.db, authorityId, { roles });
  const key = await addAuthenticatorApp(t, account.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { c, account };
}

const today = () => t.clock.now().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(t.clock.now().getTime() - n * DAY).toISOString().slice(0, 10);
const idOf = (location: unknown) => /changes\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? '';
const requestRow = async (id: string) => (await t.database.db.select().from(changeRequests).where(eq(changeRequests.id, id)))[0];
const mailTo = (address: string) => t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, address));

async function startLegalName(c: Client, o: { givenName?: string; familyName?: string; happenedOn?: string } = {}) {
  await c.get('/en/record/legal-name');
  const res = await c.post('/en/record/legal-name', { givenName: o.givenName ?? 'Amélie', familyName: o.familyName ?? 'Roy', happenedOn: o.happenedOn ?? daysAgo(3) });
  assert.equal(res.statusCode, 303, res.body);
  return idOf(res.headers.location);
}

async function send(c: Client, id: string, message = '') {
  await c.get(`/en/record/changes/${id}`);
  return c.post(`/en/record/changes/${id}/send`, message ? { message } : {});
}

async function decide(staff: Client, id: string, outcome: 'approve' | 'refuse', reasons = '') {
  await staff.get(`/en/staff/record-changes/${id}`);
  assert.equal((await staff.post(`/en/staff/record-changes/${id}/assignment?action=pick_up`, {})).statusCode, 303);
  await staff.get(`/en/staff/record-changes/${id}`);
  return staff.post(`/en/staff/record-changes/${id}/decision`, { outcome, reasons });
}

describe('record', () => {
  test('the record opens to a person holding an active registration with the portal’s authority only', async () => {
    const { c } = await registrant({ registered: false });
    assert.equal((await c.get('/en/record')).statusCode, 403);
    const holder = await registrant();
    const fr = await holder.c.get('/fr/dossier');
    assert.equal(fr.statusCode, 200);
    assert.match(fr.body, /Votre dossier/);
    assert.match((await holder.c.get('/en/record')).body, /Amélie Gagnon/);
  });

  test('profile fields apply at once; the public email and languages are opt-in', async () => {
    const { c, account } = await registrant();
    await c.get('/en/record/profile');
    const bad = await c.post('/en/record/profile', { practiceName: 'Amélie G.', publicEmail: 'not an email', languages: ['fr', 'es'] });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter a valid email/);
    const res = await c.post('/en/record/profile', { practiceName: 'Amélie G.', publicEmail: 'cabinet@example.ca', publicEmailShown: 'yes', languages: ['fr', 'es'], englishProficiency: 'advanced', frenchProficiency: 'native' });
    assert.equal(res.statusCode, 303);
    const [profile] = await t.database.db.select().from(registrantProfiles).where(eq(registrantProfiles.accountId, account.id));
    assert.equal(profile?.practiceName, 'Amélie G.');
    assert.equal(profile?.publicEmailShown, true);
    assert.deepEqual(profile?.languages, ['fr', 'es']);
    assert.equal(profile?.languagesShown, false, 'languages not shown unless the person agrees');
    assert.equal(profile?.frenchProficiency, 'native');
    const page = await c.get('/en/record');
    assert.match(page.body, /Spanish/);
  });

  test('a legal name change needs its government ID; approval renames the account and keeps the previous name', async () => {
    const { c, account } = await registrant({ givenName: 'Amélie', familyName: 'Gagnon' });
    const { c: staff } = await staffMember();
    const id = await startLegalName(c, { givenName: 'Amélie', familyName: 'Roy' });
    assert.equal((await requestRow(id))?.status, 'draft');
    const without = await send(c, id);
    assert.equal(without.statusCode, 400);
    assert.match(without.body, /Upload an ID before sending/);
    assert.equal((await requestRow(id))?.status, 'draft', 'nothing sent without the ID');
    await c.get(`/en/record/changes/${id}`);
    assert.equal((await c.upload(`/en/record/changes/${id}/id-document`, [{ name: 'file', fileName: 'passport.pdf', content: PDF, contentType: 'application/pdf' }])).statusCode, 303);
    assert.equal((await send(c, id)).statusCode, 303);
    const sent = await requestRow(id);
    assert.equal(sent?.status, 'submitted');
    assert.equal(sent?.reportedOn, today());
    const page = await c.get(`/en/record/changes/${id}`);
    assert.match(page.body, /data-wait/, 'queue position and usual wait shown');
    assert.match(page.body, /You are next in the queue|You are number/);
    assert.ok((await mailTo(account.email)).some((m) => m.template === 'recordChangeSubmitted'));
    // Staff see the ID, pick up and approve: the account changes and the old name is kept.
    const review = await staff.get(`/en/staff/record-changes/${id}`);
    assert.match(review.body, /passport\.pdf/);
    assert.equal((await decide(staff, id, 'approve')).statusCode, 303);
    const [renamed] = await t.database.db.select().from(accounts).where(eq(accounts.id, account.id));
    assert.equal(renamed?.familyName, 'Roy');
    const names = await t.database.db.select().from(previousNames).where(eq(previousNames.accountId, account.id));
    assert.deepEqual(names.map((n) => [n.givenName, n.familyName, n.withheld]), [['Amélie', 'Gagnon', false]]);
    assert.equal((await requestRow(id))?.status, 'applied');
    const events = await t.database.db.select({ event: auditEvents.event }).from(auditEvents).where(eq(auditEvents.subjectId, account.id));
    assert.ok(['record_change_submitted', 'record_change_approved', 'legal_name_changed'].every((e) => events.some((r) => r.event === e)));
    assert.ok((await mailTo(account.email)).some((m) => m.template === 'recordChangeApproved'));
  });

  test('withholding a previous name: the flag is set only when the registrar approves', async () => {
    const { c, account } = await registrant();
    const [name] = await t.database.db.insert(previousNames).values({ authorityId: t.authorityId, accountId: account.id, givenName: 'Amélie', familyName: 'Ancien', usedUntil: '2020-01-01' }).returning();
    await c.get(`/en/record/previous-names/${name!.id}/withholding`);
    const res = await c.post(`/en/record/previous-names/${name!.id}/withholding`, { reason: 'Safety: a former partner.' });
    const id = idOf(res.headers.location);
    assert.equal((await send(c, id)).statusCode, 303);
    const withheld = async () => (await t.database.db.select().from(previousNames).where(eq(previousNames.id, name!.id)))[0]?.withheld;
    assert.equal(await withheld(), false, 'asking does not withhold');
    const plain = await staffMember(['staff']);
    const refused = await decide(plain.c, id, 'approve');
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Only the registrar/);
    assert.equal(await withheld(), false);
    await plain.c.get(`/en/staff/record-changes/${id}`);
    await plain.c.post(`/en/staff/record-changes/${id}/assignment?action=release`, {});
    const registrar = await staffMember(['registrar']);
    assert.equal((await decide(registrar.c, id, 'approve')).statusCode, 303);
    assert.equal(await withheld(), true);
  });

  test('self-service email change: both addresses must be proved; sessions stay and the old address is told', async () => {
    const { c, account } = await registrant();
    await t.database.db.insert(recordSettings).values({ authorityId: t.authorityId, signInEmail: 'self_service' }).onConflictDoUpdate({ target: recordSettings.authorityId, set: { signInEmail: 'self_service' } });
    const newEmail = `${unique('new')}@example.ca`;
    await c.get('/en/record/email');
    const res = await c.post('/en/record/email', { email: newEmail, happenedOn: today() });
    assert.equal(res.statusCode, 303);
    const id = idOf(res.headers.location);
    assert.equal((await requestRow(id))?.status, 'confirming');
    const tokenIn = async (address: string) => /token=([A-Za-z0-9_-]+)/.exec((await mailTo(address)).find((m) => m.template === 'recordEmailProof')?.textBody ?? '')?.[1] ?? '';
    const oldToken = await tokenIn(account.email);
    const newToken = await tokenIn(newEmail);
    assert.ok(oldToken && newToken && oldToken !== newToken);
    await c.get(`/en/record/email/confirm?token=${newToken}`);
    assert.equal((await c.post('/en/record/email/confirm', { token: newToken })).headers.location, '/en/record?notice=proved');
    const [still] = await t.database.db.select().from(accounts).where(eq(accounts.id, account.id));
    assert.equal(still?.email, account.email, 'one proof is not enough');
    // Another person cannot use the link.
    const other = await registrant();
    await other.c.get(`/en/record/email/confirm?token=${oldToken}`);
    assert.equal((await other.c.post('/en/record/email/confirm', { token: oldToken })).statusCode, 404);
    await c.get(`/en/record/email/confirm?token=${oldToken}`);
    assert.equal((await c.post('/en/record/email/confirm', { token: oldToken })).headers.location, '/en/record?notice=emailChanged');
    const [changed] = await t.database.db.select().from(accounts).where(eq(accounts.id, account.id));
    assert.equal(changed?.email, newEmail);
    assert.equal((await c.get('/en/record')).statusCode, 200, 'the session stays');
    assert.ok((await mailTo(account.email)).some((m) => m.template === 'recordEmailChanged'), 'the old address is told');
    await t.database.db.update(recordSettings).set({ signInEmail: 'staff' }).where(eq(recordSettings.authorityId, t.authorityId));
  });

  test('where the authority wants staff, an email change is a request staff approve; a taken address is refused without saying whose', async () => {
    const { c, account } = await registrant();
    const someone = await buildAccount(t.database.db, t.authorityId);
    await c.get('/en/record/email');
    const taken = await c.post('/en/record/email', { email: someone.email.toUpperCase(), happenedOn: today() });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /This address cannot be used/);
    assert.doesNotMatch(taken.body, /Pat Tremblay/);
    const newEmail = `${unique('staffed')}@example.ca`;
    const res = await c.post('/en/record/email', { email: newEmail, happenedOn: today() });
    const id = idOf(res.headers.location);
    assert.equal((await requestRow(id))?.status, 'draft');
    assert.equal((await mailTo(newEmail)).length, 0, 'no proof mailed: staff check it');
    assert.equal((await send(c, id)).statusCode, 303);
    const { c: staff } = await staffMember();
    assert.equal((await decide(staff, id, 'approve')).statusCode, 303);
    const [changed] = await t.database.db.select().from(accounts).where(eq(accounts.id, account.id));
    assert.equal(changed?.email, newEmail);
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, account.id), eq(auditEvents.event, 'sign_in_email_changed')));
    assert.deepEqual((event?.details as { by: string }).by, 'staff');
  });

  test('settings: other regulators at once by default, through staff when the authority says so', async () => {
    const { c, account } = await registrant();
    await c.get('/en/record/other-regulators');
    const res = await c.post('/en/record/other-regulators', { regulator: 'College of Psychotherapists of Ontario', jurisdiction: 'Ontario', registrationNumber: '12345', status: 'Active', startedOn: '2024-05-01' });
    assert.equal(res.headers.location, '/en/record?notice=applied');
    const [other] = await t.database.db.select().from(otherRegistrations).where(eq(otherRegistrations.accountId, account.id));
    assert.equal(other?.regulator, 'College of Psychotherapists of Ontario');
    // An administrator changes the settings: now they wait for staff.
    const admin = await staffMember(['administrator']);
    await admin.c.get('/en/staff/record-changes/settings');
    assert.equal((await admin.c.post('/en/staff/record-changes/settings', { otherRegistrations: 'staff', signInEmail: 'staff' })).statusCode, 303);
    const plain = await staffMember(['staff']);
    assert.equal((await plain.c.get('/en/staff/record-changes/settings')).statusCode, 404, 'administrators only');
    await c.get(`/en/record/other-regulators/${other!.id}/end`);
    const end = await c.post(`/en/record/other-regulators/${other!.id}/end`, { endedOn: daysAgo(1) });
    const id = idOf(end.headers.location);
    assert.ok(id, 'a request, not applied at once');
    const [still] = await t.database.db.select().from(otherRegistrations).where(eq(otherRegistrations.id, other!.id));
    assert.equal(still?.endedOn, null);
    assert.equal((await send(c, id)).statusCode, 303);
    assert.equal((await decide(plain.c, id, 'approve')).statusCode, 303);
    const [ended] = await t.database.db.select().from(otherRegistrations).where(eq(otherRegistrations.id, other!.id));
    assert.equal(ended?.endedOn, daysAgo(1));
    await t.database.db.update(recordSettings).set({ otherRegistrations: 'immediate' }).where(eq(recordSettings.authorityId, t.authorityId));
  });

  test('the 30-day duty: the record lists what is still to report; the reminder job sends each milestone once', async () => {
    const { c, account } = await registrant();
    const id = await startLegalName(c, { familyName: 'Bouchard', happenedOn: daysAgo(20) });
    const page = await c.get('/en/record');
    assert.match(page.body, /data-todo-item/);
    assert.match(page.body, /10 days left/);
    const reminders = t.app.services.record.reminders;
    const count = async () => (await mailTo(account.email)).filter((m) => m.template === 'recordReminder').length;
    await reminders.send();
    assert.equal(await count(), 1, '14 days or fewer left: reminded');
    assert.match((await mailTo(account.email)).find((m) => m.template === 'recordReminder')?.textBody ?? '', /10 days left/);
    await reminders.send();
    assert.equal(await count(), 1, 'the same milestone is not sent twice');
    t.clock.advance(4 * DAY); // 6 days left: the 7-day milestone
    await reminders.send();
    assert.equal(await count(), 2);
    t.clock.advance(10 * DAY); // overdue
    await reminders.send();
    assert.equal(await count(), 3);
    assert.match((await mailTo(account.email)).at(-1)?.textBody ?? '', /days late/);
    assert.deepEqual((await t.database.db.select().from(recordReminders).where(eq(recordReminders.changeRequestId, id))).map((r) => r.milestone).sort((a, b) => a - b), [0, 7, 14]);
    // Two weeks on, the session has ended: signed in again, the record says how late it is.
    assert.match((await (await signIn(account.email)).get('/en/record')).body, /4 days late/);
  });

  test('late reports: staff see changes reported late or still open past 30 days, for their authority only, filterable', async () => {
    const { c } = await registrant({ familyName: 'Lateperson' });
    const late = await startLegalName(c, { familyName: 'Tardif', happenedOn: daysAgo(45) });
    await c.get(`/en/record/changes/${late}`);
    await c.upload(`/en/record/changes/${late}/id-document`, [{ name: 'file', fileName: 'id.pdf', content: PDF, contentType: 'application/pdf' }]);
    assert.equal((await send(c, late)).statusCode, 303);
    const sent = await requestRow(late);
    assert.ok(sent?.reportedOn);
    const { c: other } = await registrant({ familyName: 'Openperson' });
    await other.get('/en/record/email');
    const open = idOf((await other.post('/en/record/email', { email: `${unique('open')}@example.ca`, happenedOn: daysAgo(40) })).headers.location);
    const { c: staff } = await staffMember();
    const all = await staff.get('/en/staff/record-changes/late-reports');
    assert.equal(all.statusCode, 200);
    assert.match(all.body, new RegExp(`data-late="${sent!.reference}"`));
    assert.match(all.body, new RegExp(`data-late="${(await requestRow(open))!.reference}"`));
    const onlyLate = await staff.get('/en/staff/record-changes/late-reports?state=late');
    assert.match(onlyLate.body, /Lateperson/);
    assert.doesNotMatch(onlyLate.body, /Openperson/);
    const onlyOpen = await staff.get('/fr/personnel/changements-au-dossier/declarations-tardives?state=open');
    assert.match(onlyOpen.body, /Openperson/);
    assert.doesNotMatch(onlyOpen.body, /Lateperson/);
    const elsewhere = await staffMember(['staff', 'registrar'], otherAuthorityId);
    const theirs = await elsewhere.c.get('/en/staff/record-changes/late-reports');
    assert.equal(theirs.statusCode, 200);
    assert.doesNotMatch(theirs.body, /Lateperson|Openperson/);
    assert.match((await staff.get('/en/staff/accounts')).body, /href="\/en\/staff\/record-changes\/late-reports"/, 'in the staff menu');
  });

  test('another person’s request is not found; another authority’s staff cannot see or act on it', async () => {
    const { c } = await registrant();
    const id = await startLegalName(c, { familyName: 'Secret' });
    await c.get(`/en/record/changes/${id}`);
    await c.upload(`/en/record/changes/${id}/id-document`, [{ name: 'file', fileName: 'id.pdf', content: PDF, contentType: 'application/pdf' }]);
    await send(c, id);
    const { c: stranger } = await registrant();
    assert.equal((await stranger.get(`/en/record/changes/${id}`)).statusCode, 404);
    await stranger.get('/en/record');
    assert.equal((await stranger.post(`/en/record/changes/${id}/withdraw`, {})).statusCode, 404);
    const elsewhere = await staffMember(['staff', 'registrar'], otherAuthorityId);
    assert.equal((await elsewhere.c.get(`/en/staff/record-changes/${id}`)).statusCode, 404);
    assert.equal((await elsewhere.c.post(`/en/staff/record-changes/${id}/assignment?action=pick_up`, {})).statusCode, 404);
    assert.doesNotMatch((await elsewhere.c.get('/en/staff/record-changes')).body, /Secret/);
    assert.equal((await requestRow(id))?.status, 'submitted');
    // Withdrawn by its registrant: the review leaves the queue.
    await c.get(`/en/record/changes/${id}`);
    assert.equal((await c.post(`/en/record/changes/${id}/withdraw`, {})).statusCode, 303);
    assert.equal((await requestRow(id))?.status, 'withdrawn');
  });

  test('staff return a request; the registrant answers and it goes back to the queue', async () => {
    const { c, account } = await registrant();
    const id = await startLegalName(c, { familyName: 'Retour' });
    await c.get(`/en/record/changes/${id}`);
    await c.upload(`/en/record/changes/${id}/id-document`, [{ name: 'file', fileName: 'blurry.pdf', content: PDF, contentType: 'application/pdf' }]);
    await send(c, id);
    const { c: staff } = await staffMember();
    await staff.get(`/en/staff/record-changes/${id}`);
    await staff.post(`/en/staff/record-changes/${id}/assignment?action=pick_up`, {});
    await staff.get(`/en/staff/record-changes/${id}`);
    assert.equal((await staff.post(`/en/staff/record-changes/${id}/ask-for-more`, { request: 'The ID is blurry.' })).statusCode, 303);
    assert.equal((await requestRow(id))?.status, 'returned');
    assert.ok((await mailTo(account.email)).some((m) => m.template === 'recordChangeReturned' && m.textBody.includes('The ID is blurry.')));
    assert.match((await c.get('/en/record')).body, /More information requested/, 'on the to-do list');
    await c.get(`/en/record/changes/${id}`);
    await c.upload(`/en/record/changes/${id}/id-document`, [{ name: 'file', fileName: 'clear.pdf', content: PDF, contentType: 'application/pdf' }]);
    assert.equal((await send(c, id, 'A clearer scan.')).statusCode, 303);
    assert.equal((await requestRow(id))?.status, 'submitted');
  });
});
