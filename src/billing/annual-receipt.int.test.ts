import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { inspectPdf } from '../../test/support/pdf.ts';
import { seedFeeSchedule } from './index.ts';
import { annualReceipts, invoices } from './schema.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  await seedFeeSchedule(t.database.db, t.authorityId, 'college');
});
after(() => t.close());

async function person() {
  const account = await buildAccount(t.database.db, t.authorityId, { givenName: 'Élise', familyName: 'Béland', preferredLanguage: 'fr' });
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  assert.equal((await c.post('/en/sign-in', { email: account.email, password: FACTORY_PASSWORD })).statusCode, 303);
  return { c, account };
}

/** An invoice of the application fee, paid on the test gateway with the success card. */
async function paidInvoice(c: Client, accountId: string, reference: string) {
  const issued = await t.database.db.transaction((tx) =>
    t.app.services.billing.issueInvoice(tx, { authorityId: t.authorityId, accountId, feeCodes: ['application_fee'], subject: { kind: 'application', id: crypto.randomUUID(), reference }, locale: 'fr', at: t.clock.now() }),
  );
  assert.equal(issued.kind, 'issued');
  const id = (issued as { invoice: { id: string } }).invoice.id;
  await c.get(`/fr/frais-et-recus/${id}`);
  const pay = await c.post(`/fr/frais-et-recus/${id}/payer`, {});
  const gateway = new URL(String(pay.headers.location), 'http://x').pathname;
  await c.get(gateway);
  const back = await c.post(gateway, { cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
  const url = new URL(String(back.headers.location), 'http://x');
  await c.get(url.pathname + url.search);
  const [row] = await t.database.db.select().from(invoices).where(eq(invoices.id, id));
  assert.equal(row?.status, 'paid');
  return row!;
}

describe('the annual tax receipt', () => {
  test('sums the year’s payments in an accessible PDF, numbered once; nobody else gets it; a year without payments has none', async () => {
    const { c, account } = await person();
    const first = await paidInvoice(c, account.id, 'DEM-2026-000101');
    const second = await paidInvoice(c, account.id, 'DEM-2026-000102');
    const portal = `?portal=${t.authoritySlug}`;

    const page = await c.get(`/fr/frais-et-recus${portal}`);
    assert.match(page.body, /href="\/fr\/frais-et-recus\/recus-impot\/2026"/, 'the fees page offers the year’s receipt');

    const res = await c.get(`/fr/frais-et-recus/recus-impot/2026${portal}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const pdf = await inspectPdf(res.rawPayload);
    assert.equal(pdf.tagged, true);
    assert.equal(pdf.lang, 'fr-CA');
    assert.equal(pdf.pdfUaIdentifier, true);
    assert.equal(pdf.untaggedText, 0);
    assert.ok(pdf.tableHeaderCells > 0);
    assert.ok(pdf.text.includes('Élise Béland'));
    for (const i of [first, second]) assert.ok(pdf.text.includes(i.receiptNumber!), `the payment ${i.receiptNumber}`);
    // 150,00 $ + TPS 7,50 + TVQ 14,96 = 172,46 $ each: 344,92 $ for the year (pdfjs reads no-break spaces as spaces).
    assert.ok(pdf.text.includes('344,92 $'), 'the year’s total');
    const [held] = await t.database.db.select().from(annualReceipts).where(eq(annualReceipts.accountId, account.id));
    assert.equal(held?.number, 'RA-2026-000001');
    assert.match(String(res.headers['content-disposition']), /recu-impot-RA-2026-000001\.pdf/);

    const again = await c.get(`/en/fees-and-receipts/tax-receipts/2026${portal}`);
    assert.equal(again.statusCode, 200);
    assert.match(String(again.headers['content-disposition']), /tax-receipt-RA-2026-000001\.pdf/, 'the same number, in English');
    assert.equal((await inspectPdf(again.rawPayload)).lang, 'en-CA');

    assert.equal((await c.get(`/fr/frais-et-recus/recus-impot/2025${portal}`)).statusCode, 404, 'nothing paid in 2025');
    assert.equal((await c.get(`/fr/frais-et-recus/recus-impot/abcd${portal}`)).statusCode, 404);
    const other = await person();
    assert.equal((await other.c.get(`/fr/frais-et-recus/recus-impot/2026${portal}`)).statusCode, 404, 'another person paid nothing');
    assert.equal((await t.database.db.select().from(annualReceipts)).length, 1, 'numbered once');
  });
});

describe('the other copies', () => {
  test('a paid invoice’s archive copy is PDF/A-2a; a voided invoice has its credit note as an accessible PDF', async () => {
    const { c, account } = await person();
    const paid = await paidInvoice(c, account.id, 'DEM-2026-000201');
    const archive = await c.get(`/en/fees-and-receipts/${paid.id}/receipt?copy=archive`);
    assert.equal(archive.statusCode, 200);
    const copy = await inspectPdf(archive.rawPayload);
    assert.equal(copy.pdfaPart, 2);
    assert.equal(copy.pdfaConformance, 'A');
    assert.equal(copy.tagged, true);

    const issued = await t.database.db.transaction((tx) =>
      t.app.services.billing.issueInvoice(tx, { authorityId: t.authorityId, accountId: account.id, feeCodes: ['application_fee'], subject: { kind: 'application', id: crypto.randomUUID(), reference: 'DEM-2026-000202' }, locale: 'fr', at: t.clock.now() }),
    );
    const open = (issued as { invoice: { id: string } }).invoice;
    assert.equal((await c.get(`/en/fees-and-receipts/${open.id}/credit-note`)).statusCode, 404, 'no credit note before a void');
    const staffAccount = await buildStaff(t.database.db, t.authorityId);
    const key = await addAuthenticatorApp(t, staffAccount.id);
    const staff = new Client(t.app);
    assert.equal((await signInWithApp(staff, t, staffAccount.email, FACTORY_PASSWORD, key)).statusCode, 303);
    await staff.get(`/en/staff/invoices/${open.id}`);
    assert.equal((await staff.post(`/en/staff/invoices/${open.id}/void`, { voidReason: 'Émise par erreur' })).statusCode, 303);
    const page = await c.get(`/fr/frais-et-recus/${open.id}`);
    assert.match(page.body, /note-de-credit/, 'the invoice links its credit note');
    const res = await c.get(`/fr/frais-et-recus/${open.id}/note-de-credit`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /note-de-credit-NC-2026-\d{6}\.pdf/);
    const note = await inspectPdf(res.rawPayload);
    assert.equal(note.tagged, true);
    assert.equal(note.pdfUaIdentifier, true);
    assert.equal(note.untaggedText, 0);
    assert.ok(note.text.includes('Émise par erreur'), 'staff’s reason');
    const other = await person();
    assert.equal((await other.c.get(`/fr/frais-et-recus/${open.id}/note-de-credit`)).statusCode, 404);
  });
});
