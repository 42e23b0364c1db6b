// Renewals on a fixed clock: the window opens once (its renewal, its invoice, its message with
// the deadline as an iCalendar file), each reminder goes once even when the job runs twice or
// twice at the same time, the late fee after the deadline, the renewal completed by the form and
// the payment with its new dates, and the expiry of what was not renewed, which the register shows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { invoices, seedFeeSchedule } from '../billing/index.ts';
import { mailMessages } from '../mail/index.ts';
import { applications, registrationCategories, registrations } from '../licensing/schema.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildApplicationType, buildStaff, FACTORY_PASSWORD, unique } from '../../test/support/factories.ts';
import { renewalReminders, renewals, renewalSettings } from './schema.ts';
import { createRenewalsService } from './service.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
let t: TestApp;

before(async () => {
  t = await createTestApp();
  await seedFeeSchedule(t.database.db, t.authorityId, 'college');
  await t.database.db.insert(renewalSettings).values({
    authorityId: t.authorityId,
    lateFeeCode: 'late_fee',
    declarations: [{ code: 'discipline', question: { fr: 'Décision disciplinaire?', en: 'Any disciplinary decision?' } }],
    requiredDocuments: [{ code: 'insurance', name: { fr: 'Assurance', en: 'Insurance' }, hint: { fr: '', en: '' }, providedBy: 'applicant' }],
  });
});
after(() => t.close());

/** Moves the test clock to a day (15:00 UTC, 10:00 in Montréal). */
function on(day: string) {
  const target = new Date(`${day}T15:00:00Z`).getTime();
  t.clock.advance(target - t.clock.now().getTime());
}

/** An active registration ending on `validUntil`, as licensing leaves one (written here directly). */
async function registered(validUntil: string, validityMonths = 12) {
  const account = await buildAccount(t.database.db, t.authorityId, { preferredLanguage: 'en' });
  const type = await buildApplicationType(t.database.db, t.authorityId);
  await t.database.db.update(registrationCategories).set({ validityMonths }).where(eq(registrationCategories.id, type.categoryId));
  const [application] = await t.database.db.insert(applications).values({ authorityId: t.authorityId, applicantId: account.id, typeId: type.id, reference: unique('DEM'), status: 'approved' }).returning();
  const [registration] = await t.database.db
    .insert(registrations)
    .values({ authorityId: t.authorityId, accountId: account.id, categoryId: type.categoryId, applicationId: application!.id, number: unique('R'), status: 'active', validFrom: '2026-01-01', validUntil, verificationCode: unique('V') })
    .returning();
  return { account, registration: registration! };
}

async function signIn(email: string) {
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  assert.equal((await c.post('/en/sign-in', { email, password: FACTORY_PASSWORD })).statusCode, 303);
  return c;
}

const run = () => t.app.services.renewals.run();
const renewalOf = async (registrationId: string) => (await t.database.db.select().from(renewals).where(eq(renewals.registrationId, registrationId)))[0]!;
const mailOf = async (accountId: string, template: string) => t.database.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, accountId), eq(mailMessages.template, template)));

async function pay(c: Client, invoiceId: string) {
  await c.get(`/en/fees-and-receipts/${invoiceId}`);
  const res = await c.post(`/en/fees-and-receipts/${invoiceId}/pay`, {});
  assert.equal(res.statusCode, 303);
  const gateway = new URL(String(res.headers.location), 'http://x').pathname;
  await c.get(gateway);
  const paid = await c.post(gateway, { cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
  assert.equal(paid.statusCode, 303);
  const back = new URL(String(paid.headers.location), 'http://x');
  await c.get(back.pathname + back.search);
}

describe('renewals', () => {
  test('the window opens once with its invoice and the deadline as an iCalendar file; reminders go once each, even twice at once; the late fee after the deadline', async () => {
    on('2026-11-22');
    const { account, registration } = await registered('2027-03-01');
    await run();
    assert.equal((await t.database.db.select().from(renewals).where(eq(renewals.registrationId, registration.id))).length, 0, 'the window opens 90 days before: 1 December');
    on('2026-12-01');
    await run();
    await run();
    const renewal = await renewalOf(registration.id);
    assert.equal(renewal.status, 'open');
    assert.equal(renewal.deadline, '2027-01-30');
    assert.equal((await t.database.db.select().from(renewals).where(eq(renewals.registrationId, registration.id))).length, 1, 'opened once');
    const bills = await t.database.db.select().from(invoices).where(and(eq(invoices.subjectKind, 'renewal'), eq(invoices.subjectId, renewal.id)));
    assert.equal(bills.length, 1, 'one renewal invoice');
    assert.equal(bills[0]!.id, renewal.invoiceId);
    const opened = await mailOf(account.id, 'renewalOpened');
    assert.equal(opened.length, 1);
    assert.match(opened[0]!.textBody, /deadline January 30, 2027|deadline 2027-01-30|January 30, 2027/);
    const ics = opened[0]!.attachments?.[0];
    assert.equal(ics?.filename, 'renewal-deadline.ics');
    assert.match(ics?.content ?? '', /DTSTART;VALUE=DATE:20270130/);
    assert.match(ics?.content ?? '', new RegExp(`UID:renewal-${renewal.id}@guichet`));
    assert.deepEqual((await t.database.db.select().from(renewalReminders).where(eq(renewalReminders.renewalId, renewal.id))).map((r) => r.offsetDays), [60], 'the opening message is the 60-day reminder');

    const reminders = async () => (await mailOf(account.id, 'renewalReminder')).length;
    on('2026-12-31'); // 30 days before the deadline
    await Promise.all([run(), run()]);
    assert.equal(await reminders(), 1, 'two runs at once: one reminder');
    await run();
    assert.equal(await reminders(), 1, 'a third run: still one');
    const reminder = (await mailOf(account.id, 'renewalReminder'))[0]!;
    assert.match(reminder.textBody, /30 days left/);
    assert.match(reminder.attachments?.[0]?.content ?? '', /DTSTART;VALUE=DATE:20270130/);
    on('2027-01-23');
    await Promise.all([run(), run()]);
    assert.equal(await reminders(), 2, 'the 7-day reminder');

    on('2027-01-31'); // the day after the deadline: the late fee, and the reminder at −1
    await Promise.all([run(), run()]);
    await run();
    assert.equal(await reminders(), 3);
    assert.match((await mailOf(account.id, 'renewalReminder')).at(-1)!.textBody, /passed 1 days ago/);
    const late = await renewalOf(registration.id);
    assert.ok(late.lateFeeInvoiceId, 'the late fee was charged');
    const all = await t.database.db.select().from(invoices).where(and(eq(invoices.subjectKind, 'renewal'), eq(invoices.subjectId, renewal.id)));
    assert.equal(all.length, 2, 'the late fee once, however many runs');
    assert.deepEqual((await t.database.db.select().from(renewalReminders).where(eq(renewalReminders.renewalId, renewal.id))).map((r) => r.offsetDays).sort((a, b) => a - b), [-1, 7, 30, 60]);
  });

  test('the card from the day the window opens; the form and the payment renew it from the day after the old end', async () => {
    on('2026-11-22');
    const { account, registration } = await registered('2027-03-10', 24);
    assert.doesNotMatch((await (await signIn(account.email)).get('/en/dashboard')).body, /data-card="renewal"/, 'no card before the window');
    on('2026-12-10');
    await run();
    const c = await signIn(account.email);
    const renewal = await renewalOf(registration.id);
    const dashboard = (await c.get('/en/dashboard')).body;
    assert.match(dashboard, /data-card="renewal"/);
    assert.match(dashboard, /Fill in and send the renewal form/);
    assert.match(dashboard, new RegExp(`/en/renewals/${renewal.id}`));

    // Someone else's renewal is not found.
    const stranger = await signIn((await buildAccount(t.database.db, t.authorityId)).email);
    assert.equal((await stranger.get(`/en/renewals/${renewal.id}`)).statusCode, 404);

    const form = `/en/renewals/${renewal.id}`;
    assert.equal((await c.get(form)).statusCode, 200);
    const refused = await c.post(form, { 'answer.discipline': 'yes', changes: '' });
    assert.equal(refused.statusCode, 400, 'a yes without its explanation, and no insurance attestation');
    assert.match(refused.body, /Explain your “yes” answer/);
    assert.match(refused.body, /Send this attestation/);
    assert.equal((await renewalOf(registration.id)).status, 'open', 'nothing changed');
    await c.get(form);
    assert.equal((await c.upload(`${form}/attestations/insurance`, [{ name: 'file', fileName: 'insurance.pdf', content: PDF, contentType: 'application/pdf' }])).statusCode, 303);
    await c.get(form);
    const sent = await c.post(form, { 'answer.discipline': 'no', changes: 'New practice address.' });
    assert.equal(sent.statusCode, 303, sent.body);
    assert.match(String(sent.headers.location), /notice=submitted/, 'sent, waiting for the payment');
    assert.equal((await renewalOf(registration.id)).status, 'submitted');

    await pay(c, renewal.invoiceId!);
    const done = await renewalOf(registration.id);
    assert.equal(done.status, 'renewed');
    const [row] = await t.database.db.select().from(registrations).where(eq(registrations.id, registration.id));
    assert.equal(row?.status, 'active');
    assert.equal(row?.validFrom, '2027-03-11', 'from the day after the old end');
    assert.equal(row?.validUntil, '2029-03-10', 'for the category’s 24 months');
    assert.equal((await mailOf(account.id, 'registrationRenewed')).length, 1);
    assert.equal((await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'registration_renewed'), eq(auditEvents.subjectId, account.id)))).length, 1);
    assert.match((await c.get(form)).body, /renewed until March 10, 2029/);
    assert.doesNotMatch((await c.get('/en/dashboard')).body, /data-card="renewal"/, 'no card once renewed');
    // The next season opens from the new end, not the old one.
    await run();
    assert.equal((await t.database.db.select().from(renewals).where(eq(renewals.registrationId, registration.id))).length, 1);
  });

  test('sent and paid after the deadline before the job ran: the late fee is charged then, and the renewal waits for it', async () => {
    on('2027-06-01');
    const { account, registration } = await registered('2027-09-15');
    on('2027-06-20');
    await run();
    const renewal = await renewalOf(registration.id);
    on('2027-08-17'); // the deadline (16 August) passed this morning; the job has not run yet
    const c = await signIn(account.email);
    const form = `/en/renewals/${renewal.id}`;
    await c.get(form);
    assert.equal((await c.upload(`${form}/attestations/insurance`, [{ name: 'file', fileName: 'insurance.pdf', content: PDF, contentType: 'application/pdf' }])).statusCode, 303);
    await c.get(form);
    assert.equal((await c.post(form, { 'answer.discipline': 'no', changes: '' })).statusCode, 303);
    await pay(c, renewal.invoiceId!);
    const waiting = await renewalOf(registration.id);
    assert.equal(waiting.status, 'submitted', 'not renewed without the late fee');
    assert.ok(waiting.lateFeeInvoiceId, 'charged in the payment’s transaction');
    assert.match((await c.get(form)).body, /Pay invoice/);
    await run();
    assert.equal((await t.database.db.select().from(invoices).where(and(eq(invoices.subjectKind, 'renewal'), eq(invoices.subjectId, renewal.id)))).length, 2, 'the job does not charge it again');
    await pay(c, waiting.lateFeeInvoiceId!);
    const done = await renewalOf(registration.id);
    assert.equal(done.status, 'renewed');
    assert.equal(done.newValidUntil, '2028-09-15');
  });

  test('a condition the port says is missing (an agency link) holds the renewal, sent and paid, and the page says which', async () => {
    on('2027-06-01');
    const { account, registration } = await registered('2027-08-20');
    await run();
    const renewal = await renewalOf(registration.id);
    const missing: string[] = ['Link to a collection agency'];
    const { licensing, billing, documents, mail } = t.app.services;
    const held = createRenewalsService({ db: t.database.db, clock: t.clock, mailer: mail, publicUrl: t.config.publicUrl, licensing, billing, documents, conditionsMissing: async (_tx, id) => (id === registration.id ? missing : []) });
    await pay(await signIn(account.email), renewal.invoiceId!);
    assert.equal((await renewalOf(registration.id)).status, 'open', 'paid, but the form is not sent');
    const staged = await documents.stage({ fileName: 'insurance.pdf', source: PDF, maxBytes: 1024 });
    assert.ok(staged.ok);
    assert.equal(await held.uploadAttestation(account, renewal.id, 'insurance', staged.file, { ip: null, userAgent: null }), 'ok');
    assert.equal(await held.submit(account, renewal.id, { answers: { discipline: { answer: 'no' } }, changes: '' }, { ip: null, userAgent: null }), 'submitted');
    assert.equal((await renewalOf(registration.id)).status, 'submitted', 'sent and paid, held by the condition');
    assert.deepEqual((await held.form(account.id, renewal.id, 'en'))?.missing, ['Link to a collection agency']);
    missing.length = 0;
    assert.equal(await t.database.db.transaction((tx) => held.complete(tx, renewal.id, t.clock.now())), 'renewed', 'once the condition holds, completing renews');
    assert.equal((await t.database.db.select().from(registrations).where(eq(registrations.id, registration.id)))[0]?.validUntil, '2028-08-20');
  });

  test('a registration not renewed by its end expires by the job, and the register shows it expired', async () => {
    on('2026-11-22');
    const { account, registration } = await registered('2027-04-20');
    on('2027-02-01');
    await run();
    assert.equal((await renewalOf(registration.id)).status, 'open');
    on('2027-04-20');
    await run();
    assert.equal((await t.database.db.select().from(registrations).where(eq(registrations.id, registration.id)))[0]?.status, 'active', 'still valid on its last day');
    on('2027-04-21');
    await Promise.all([run(), run()]);
    assert.equal((await t.database.db.select().from(registrations).where(eq(registrations.id, registration.id)))[0]?.status, 'expired');
    assert.equal((await renewalOf(registration.id)).status, 'lapsed');
    assert.equal((await mailOf(account.id, 'registrationExpired')).length, 1, 'told once');
    assert.equal((await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'registration_expired'), eq(auditEvents.subjectId, account.id)))).length, 1);
    const entry = await t.app.inject({ method: 'GET', url: `/en/register/${registration.number}` });
    assert.equal(entry.statusCode, 200);
    assert.match(entry.body, /Registration expired/);
  });

  test('staff list renewals by status; only administrators change the settings, and a fee not in the schedule is refused', async () => {
    on('2027-05-01');
    const { registration } = await registered('2027-06-01');
    await run();
    const staffAccount = await buildStaff(t.database.db, t.authorityId, { roles: ['staff'] });
    const adminAccount = await buildStaff(t.database.db, t.authorityId, { roles: ['staff', 'administrator'] });
    const signInStaff = async (account: { id: string; email: string }) => {
      const key = await addAuthenticatorApp(t, account.id);
      const c = new Client(t.app);
      assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
      return c;
    };
    const staff = await signInStaff(staffAccount);
    const list = await staff.get('/en/staff/renewals?status=open');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`data-renewal="${registration.number}"`));
    assert.doesNotMatch((await staff.get('/fr/personnel/renouvellements?status=renewed')).body, new RegExp(`data-renewal="${registration.number}"`));
    assert.equal((await staff.get('/en/staff/renewals/settings')).statusCode, 404, 'administrators only');
    const admin = await signInStaff(adminAccount);
    assert.equal((await admin.get('/fr/personnel/renouvellements/parametres')).statusCode, 200);
    await admin.get('/en/staff/renewals/settings');
    const bad = await admin.post('/en/staff/renewals/settings', { opensDaysBefore: '90', deadlineDaysBefore: '30', feeCodes: 'no_such_fee', lateFeeCode: '', reminderOffsets: '60, 30', declarations: '', requiredDocuments: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /not in the fee schedule/);
    await admin.get('/en/staff/renewals/settings');
    const saved = await admin.post('/en/staff/renewals/settings', {
      opensDaysBefore: '120',
      deadlineDaysBefore: '30',
      feeCodes: 'registration_fee',
      lateFeeCode: 'late_fee',
      reminderOffsets: '7, 60, -1, 30',
      declarations: 'discipline | Décision disciplinaire? | Any disciplinary decision?',
      requiredDocuments: 'insurance | Assurance | Insurance',
    });
    assert.equal(saved.statusCode, 303);
    const [s] = await t.database.db.select().from(renewalSettings).where(eq(renewalSettings.authorityId, t.authorityId));
    assert.equal(s?.opensDaysBefore, 120);
    assert.deepEqual(s?.reminderOffsets, [60, 30, 7, -1]);
    assert.equal((await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'renewal_settings_changed'))).length, 1);
  });
});
