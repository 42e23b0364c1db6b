import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { invoices, seedFeeSchedule } from '../billing/index.ts';
import { mailMessages } from '../mail/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { inspectPdf } from '../../test/support/pdf.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildApplicationType, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { registrations } from './schema.ts';
import { normalizeVerificationCode, validUntil } from './use-cases/registrations.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  await seedFeeSchedule(t.database.db, t.authorityId, 'college');
});
after(() => t.close());

async function signedIn(account: { email: string }) {
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  assert.equal((await c.post('/en/sign-in', { email: account.email, password: FACTORY_PASSWORD })).statusCode, 303);
  return c;
}

/** A fee-free application of a one-section type, submitted, picked up and approved by staff. */
async function approved(feeCodes: string[] = []) {
  const type = await buildApplicationType(t.database.db, t.authorityId, { sections: ['declarations'], feeCodes });
  const account = await buildAccount(t.database.db, t.authorityId, { preferredLanguage: 'en' });
  const person = await signedIn(account);
  await person.get('/en/applications');
  let res = await person.post('/en/applications/start', { typeId: type.id });
  const id = /\/en\/applications\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
  assert.equal((await person.post(`/en/applications/${id}/declarations`, { intent: 'continue' })).statusCode, 303);
  await person.get(`/en/applications/${id}/check`);
  res = await person.post(`/en/applications/${id}/check`, {});
  assert.equal(res.statusCode, 303, 'submitted');
  const staffAccount = await buildStaff(t.database.db, t.authorityId);
  const key = await addAuthenticatorApp(t, staffAccount.id);
  const staff = new Client(t.app);
  assert.equal((await signInWithApp(staff, t, staffAccount.email, FACTORY_PASSWORD, key)).statusCode, 303);
  await staff.get(`/en/staff/applications/${id}`);
  await staff.post(`/en/staff/applications/${id}/assignment?action=pick_up`, {});
  assert.equal((await staff.post(`/en/staff/applications/${id}/decision`, { outcome: 'approve', reasons: '' })).statusCode, 303, 'approved');
  const [registration] = await t.database.db.select().from(registrations).where(eq(registrations.applicationId, id));
  return { id, account, person, registration: registration! };
}

describe('validity and codes', () => {
  test('a validity of n months ends the day before the same date, or on the last day of a short month', () => {
    assert.equal(validUntil('2026-12-01', 12), '2027-11-30');
    assert.equal(validUntil('2026-12-01', 24), '2028-11-30');
    assert.equal(validUntil('2027-01-31', 1), '2027-02-28');
    assert.equal(validUntil('2028-02-29', 12), '2029-02-28');
  });
  test('a typed code ignores case, spaces and hyphens, and reads I, L and O as 1, 1 and 0', () => {
    assert.equal(normalizeVerificationCode(' 7k3m q9tz '), '7K3M-Q9TZ');
    assert.equal(normalizeVerificationCode('abcd-efgh'), 'ABCD-EFGH');
    assert.equal(normalizeVerificationCode('OIL0-1234'), '0110-1234');
    assert.equal(normalizeVerificationCode('ABCD-EFG'), null, 'too short');
    assert.equal(normalizeVerificationCode('ABCD-EFGU'), null, 'U is not in the alphabet');
    assert.equal(normalizeVerificationCode('<script>'), null);
  });
});

describe('a registration with no fee to pay', () => {
  let a: Awaited<ReturnType<typeof approved>>;
  before(async () => {
    a = await approved();
  });

  test('is active at approval, valid for its category’s months, with a verification code and its audit row', async () => {
    assert.equal(a.registration.status, 'active');
    assert.equal(a.registration.validFrom, '2026-11-22', 'from the day of approval (the test clock)');
    assert.equal(a.registration.validUntil, '2027-11-21', 'twelve months by default');
    assert.match(a.registration.verificationCode ?? '', /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'registration_activated'), eq(auditEvents.subjectId, a.account.id)));
    assert.equal(audit.length, 1);
  });

  test('a fee paid again changes nothing', async () => {
    const again = await t.database.db.transaction((tx) => t.app.services.licensing.registrations.feePaid(tx, a.registration.id, new Date('2027-03-01T12:00:00Z')));
    assert.equal(again, 'already_active');
    const [row] = await t.database.db.select().from(registrations).where(eq(registrations.id, a.registration.id));
    assert.equal(row?.validFrom, '2026-11-22');
  });

  test('its applicant sees the validity, the code and where to verify it', async () => {
    const page = await a.person.get(`/en/applications/${a.id}`);
    assert.match(page.body, /Valid from November 22, 2026 to November 21, 2027/);
    assert.match(page.body, new RegExp(`Verification code: ${a.registration.verificationCode}`));
    assert.match(page.body, /href="\/en\/verify"|at \/en\/verify/);
  });

  test('its holder downloads the certificate: a tagged PDF/UA-1 in their language, with the code and the address that verifies it', async () => {
    const res = await a.person.get(`/en/registrations/${a.registration.id}/certificate`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), new RegExp(`attachment; filename="registration-certificate-${a.registration.number}.pdf"`));
    const pdf = await inspectPdf(res.rawPayload);
    assert.equal(pdf.tagged, true);
    assert.equal(pdf.lang, 'en-CA');
    assert.equal(pdf.pdfUaIdentifier, true);
    assert.equal(pdf.untaggedText, 0);
    assert.match(pdf.title ?? '', new RegExp(a.registration.number));
    assert.ok(pdf.text.includes(`${a.account.givenName} ${a.account.familyName}`), 'the holder');
    assert.ok(pdf.text.includes(a.registration.verificationCode!), 'the code');
    assert.ok(pdf.text.includes(`/en/verify/${a.registration.verificationCode}`), 'the verification address');
    assert.equal(pdf.figureAlts.length, 1, 'the QR code has its alt text');
  });

  test('nobody else downloads it: another person gets 404, someone signed out is asked to sign in', async () => {
    const other = await signedIn(await buildAccount(t.database.db, t.authorityId));
    assert.equal((await other.get(`/en/registrations/${a.registration.id}/certificate`)).statusCode, 404);
    const res = await new Client(t.app).get(`/fr/inscriptions/${a.registration.id}/certificat`);
    assert.equal(res.statusCode, 302);
    assert.match(String(res.headers.location), /\/fr\/connexion/);
  });

  test('anyone verifies it, in either language, from the form or the QR code’s address, and learns only that it is valid', async () => {
    const code = a.registration.verificationCode!;
    const anyone = new Client(t.app);
    let res = await anyone.get(`/en/verify?code=${encodeURIComponent(code.toLowerCase().replace('-', ' '))}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /This certificate is valid/);
    assert.doesNotMatch(res.body, new RegExp(a.registration.number), 'no registration number');
    assert.doesNotMatch(res.body, new RegExp(a.account.familyName), 'no name');
    res = await anyone.get(`/fr/verifier/${code}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Ce certificat est valide/);
    assert.match(res.body, new RegExp(`href="/en/verify/${code}"`), 'the language link keeps the code');
  });

  test('an unknown code says so; a code that cannot be one is a field error', async () => {
    const anyone = new Client(t.app);
    let res = await anyone.get('/en/verify?code=ZZZZ-ZZZZ');
    assert.match(res.body, /No certificate has this code/);
    res = await anyone.get('/fr/verifier?code=abc');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Entrez un code de 8 lettres et chiffres/);
    assert.match(res.body, /value="abc"/, 'what was typed stays in the field');
    res = await anyone.get('/en/verify');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<label class="govuk-label" for="code">Verification code<\/label>/);
  });

  test('after its last day it is expired; revoked, it says revoked', async () => {
    const code = a.registration.verificationCode!;
    const anyone = new Client(t.app);
    t.clock.advance(366 * 24 * 3600 * 1000);
    try {
      assert.match((await anyone.get(`/en/verify/${code}`)).body, /This certificate has expired/);
      // A year on, the earlier session has ended: the person signs in again.
      assert.match((await (await signedIn(a.account)).get(`/en/applications/${a.id}`)).body, /This registration expired on November 21, 2027/);
    } finally {
      t.clock.advance(-366 * 24 * 3600 * 1000);
    }
    await t.database.db.update(registrations).set({ status: 'revoked', revokedAt: new Date() }).where(eq(registrations.id, a.registration.id));
    assert.match((await anyone.get(`/en/verify/${code}`)).body, /This certificate has been revoked/);
  });
});

describe('a registration with its fee to pay', () => {
  test('waits for its invoice; paying it on the gateway activates it in the payment’s transaction, and its holder is told', async () => {
    const a = await approved(['registration_fee']);
    assert.equal(a.registration.status, 'pending');
    assert.equal(a.registration.verificationCode, null, 'no code before it is active');
    const [invoice] = await t.database.db.select().from(invoices).where(eq(invoices.subjectId, a.registration.id));
    assert.ok(invoice, 'the approval issued the registration fee’s invoice');
    assert.equal((await a.person.get(`/en/registrations/${a.registration.id}/certificate`)).statusCode, 404, 'no certificate before the fee is paid');
    assert.match((await a.person.get(`/en/applications/${a.id}`)).body, /data-waiting="fee"><li>your file’s invoice is to be paid/, 'the page says the fee is what it waits for');

    await a.person.get(`/en/fees-and-receipts/${invoice.id}`);
    const pay = await a.person.post(`/en/fees-and-receipts/${invoice.id}/pay`, {});
    assert.equal(pay.statusCode, 303);
    const gateway = new URL(String(pay.headers.location), 'http://x').pathname;
    await a.person.get(gateway);
    const paid = await a.person.post(gateway, { cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
    assert.equal(paid.statusCode, 303, 'back to the portal');
    // The browser's return settles it too (it asks the gateway); either way, once.
    await a.person.get(new URL(String(paid.headers.location), 'http://x').pathname + new URL(String(paid.headers.location), 'http://x').search);
    const [row] = await t.database.db.select().from(registrations).where(eq(registrations.id, a.registration.id));
    assert.equal(row?.status, 'active');
    assert.ok(row?.verificationCode);
    const told = await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, a.account.id), eq(mailMessages.template, 'registrationActivated')));
    assert.equal(told.length, 1);
    assert.equal((await a.person.get(`/en/registrations/${a.registration.id}/certificate`)).statusCode, 200);
  });
});
