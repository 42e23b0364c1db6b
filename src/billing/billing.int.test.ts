import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { mailMessages } from '../mail/index.ts';
import type { AuthorityRole } from '../platform/actors.ts';
import type { Executor } from '../platform/db.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { inspectPdf } from '../../test/support/pdf.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildAuthority, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { seedFeeSchedule } from './demo.ts';
import { paymentTestRefunds, TEST_CARDS } from './payments/index.ts';
import { signatureHeader, SIGNATURE_HEADER } from './payments/signature.ts';
import { billingSettings, checkouts, creditNotes, fees, invoices, paymentEvents, payments, refunds } from './schema.ts';
import type { Invoice } from './use-cases/common.ts';

const SECRET = 'billing-test-gateway-secret-billing-test-0123';
let t: TestApp;
let base: string;
let otherAuthorityId: string;
const paidCalls: { invoiceId: string; inTransaction: boolean }[] = [];

before(async () => {
  // The test gateway signs its webhooks and posts them to the app, as a real gateway posts them over HTTP.
  t = await createTestApp({ env: { PAYMENT_TEST_GATEWAY_SECRET: SECRET } });
  base = t.config.publicUrl.origin;
  await seedFeeSchedule(t.database.db, t.authorityId, 'college');
  otherAuthorityId = (await buildAuthority(t.database.db)).id;
  await seedFeeSchedule(t.database.db, otherAuthorityId, 'consumer_protection');
  // Refundable by default for this authority's tests; one test turns it off.
  await t.database.db.update(billingSettings).set({ nonRefundable: false }).where(eq(billingSettings.authorityId, t.authorityId));
  t.app.services.billing.onInvoicePaid(async (tx, invoice) => {
    const [row] = await tx.select({ status: invoices.status }).from(invoices).where(eq(invoices.id, invoice.id));
    paidCalls.push({ invoiceId: invoice.id, inTransaction: row?.status === 'paid' });
  });
});
after(() => t.close());

const path = (url: string) => url.replace(base, '');

async function person(locale: 'fr' | 'en' = 'en', authorityId = t.authorityId) {
  const account = await buildAccount(t.database.db, authorityId, { preferredLanguage: locale });
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  assert.equal((await c.post('/en/sign-in', { email: account.email, password: FACTORY_PASSWORD })).statusCode, 303);
  return { c, account };
}

async function staffMember(roles: AuthorityRole[] = ['staff'], authorityId = t.authorityId) {
  const account = await buildStaff(t.database.db, authorityId, { roles });
  const key = await addAuthenticatorApp(t, account.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { c, account };
}

let subject = 0;
async function issue(accountId: string, feeCodes: string[] = ['application_fee'], authorityId = t.authorityId, tx?: Executor): Promise<Invoice> {
  const run = (e: Executor) =>
    t.app.services.billing.issueInvoice(e, { authorityId, accountId, feeCodes, subject: { kind: 'application', id: crypto.randomUUID(), reference: `DEM-2026-${String(++subject).padStart(6, '0')}` }, locale: 'en', at: t.clock.now() });
  const result = tx ? await run(tx) : await t.database.db.transaction(run);
  assert.equal(result.kind, 'issued');
  return (result as { invoice: Invoice }).invoice;
}

const invoiceRow = async (id: string) => (await t.database.db.select().from(invoices).where(eq(invoices.id, id)))[0]!;
const paymentsOf = (id: string) => t.database.db.select().from(payments).where(eq(payments.invoiceId, id));
const mailTo = (accountId: string, template: string) => t.database.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, accountId), eq(mailMessages.template, template)));

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 250; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** "Pay" on the invoice page: the hosted page's address. */
async function startPayment(c: Client, invoiceId: string): Promise<string> {
  await c.get(`/en/fees-and-receipts/${invoiceId}`);
  const res = await c.post(`/en/fees-and-receipts/${invoiceId}/pay`, {});
  assert.equal(res.statusCode, 303);
  const location = String(res.headers.location);
  assert.match(location, /\/en\/test-gateway\/tgc_/);
  return path(location);
}

/** A card typed on the test gateway's hosted page. */
async function payOnGateway(c: Client, gateway: string, card: string) {
  await c.get(gateway);
  return c.post(gateway, { cardNumber: card, expiry: '12/30', cvc: '123' });
}

/** A webhook signed with the gateway's secret, as the gateway sends them. */
function signed(event: object) {
  const body = JSON.stringify(event);
  return { body, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(SECRET, body, Math.floor(t.clock.now().getTime() / 1000)) } };
}
const postWebhook = (w: { body: string; headers: Record<string, string> }) => t.app.inject({ method: 'POST', url: '/webhooks/payments/test', payload: w.body, headers: w.headers });
const checkoutsOf = (invoiceId: string) => t.database.db.select().from(checkouts).where(eq(checkouts.invoiceId, invoiceId)).orderBy(checkouts.createdAt);

describe('the fee schedule', () => {
  test('an administrator adds an amount; a later amount never changes an issued invoice; other staff do not see the page', async () => {
    const admin = await staffMember(['administrator']);
    const page = await admin.c.get('/en/staff/fees');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /application_fee/);
    const { account } = await person();
    const before = await issue(account.id, ['exam_fee'].filter(() => false).concat(['application_fee']));
    let res = await admin.c.post('/en/staff/fees', { code: 'application_fee', labelFr: 'Frais d’ouverture de dossier', labelEn: 'Application fee', kind: 'application', amount: '175,00', tax: 'taxable', glCode: '4100', validFrom: '2026-11-01' });
    assert.equal(res.statusCode, 303);
    res = await admin.c.post('/en/staff/fees', { code: 'Bad code', labelFr: '', labelEn: 'x', kind: 'application', amount: 'abc', tax: 'taxable', glCode: '4100', validFrom: '2026-02-30' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /Enter an amount in dollars/);
    assert.match(res.body, /Enter a real date/);
    const after = await issue(account.id);
    assert.equal((await invoiceRow(before.id)).subtotalCents, 15_000, 'the earlier invoice keeps its amount');
    assert.equal(after.subtotalCents, 17_500, 'the new amount from its day on');
    const [audit] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'fee_added'));
    assert.equal((audit?.details as { amountCents: number }).amountCents, 17_500);
    const staff = await staffMember(['staff']);
    assert.equal((await staff.c.get('/en/staff/fees')).statusCode, 404, 'administrators only');
    // Back to the seeded amount for the tests below (a later row again).
    await t.database.db.insert(fees).values({ authorityId: t.authorityId, code: 'application_fee', label: { fr: 'Frais', en: 'Fee' }, kind: 'application', amountCents: 15_000, tax: 'taxable', glCode: '4100', validFrom: '2026-11-02' });
  });

  test('the authority’s settings: province and non-refundable fees, audited', async () => {
    const admin = await staffMember(['administrator']);
    await admin.c.get('/fr/personnel/frais');
    const res = await admin.c.post('/fr/personnel/frais/parametres', { province: 'QC', nonRefundable: 'no', gstNumber: '123456789 RT0001', qstNumber: '1234567890 TQ0001' });
    assert.equal(res.statusCode, 303);
    const [row] = await t.database.db.select().from(billingSettings).where(eq(billingSettings.authorityId, t.authorityId));
    assert.equal(row?.gstNumber, '123456789 RT0001');
    assert.equal((await t.database.db.select().from(auditEvents).where(eq(auditEvents.event, 'billing_settings_changed'))).length, 1);
  });
});

describe('invoices at once', () => {
  test('numbered per authority per year without gaps, lines and Quebec taxes in cents, due date, audit and mail in the caller’s transaction', async () => {
    const { account } = await person('fr');
    const first = await issue(account.id, ['application_fee', 'registration_fee']);
    assert.match(first.number, /^2026-\d{6}$/);
    // 150.00 + 725.00 = 875.00; GST 5 % = 43.75; QST 9.975 % = 87.28 (87.28125 rounded half up).
    assert.equal(first.subtotalCents, 87_500);
    assert.deepEqual(first.taxes.map((x) => [x.code, x.cents]), [['GST', 4375], ['QST', 8728]]);
    assert.equal(first.totalCents, 87_500 + 4375 + 8728);
    assert.equal(first.status, 'open');
    assert.equal(first.issuedOn, '2026-11-22');
    assert.equal(first.dueOn, '2026-12-22');
    const mail = await mailTo(account.id, 'invoiceIssued');
    assert.equal(mail.length, 1);
    assert.match(mail[0]!.textBody, /1\u00a0006,03\u00a0\$/, 'the amount in French typography');
    assert.match(mail[0]!.textBody, new RegExp(`/fr/frais-et-recus/${first.id}`));
    // A rollback gives the number back: the next invoice takes it.
    await assert.rejects(
      t.database.db.transaction(async (tx) => {
        await issue(account.id, ['application_fee'], t.authorityId, tx);
        throw new Error('the caller fails');
      }),
    );
    const next = await issue(account.id);
    assert.equal(Number(next.number.slice(5)), Number(first.number.slice(5)) + 1, 'no gap');
    assert.equal((await mailTo(account.id, 'invoiceIssued')).length, 2, 'the rolled-back mail was never queued');
    // Another authority has its own series.
    const other = await buildAccount(t.database.db, otherAuthorityId);
    const theirs = await issue(other.id, ['certificate_fee'], otherAuthorityId);
    assert.equal(theirs.number, '2026-000001');
    assert.deepEqual(theirs.taxes, [], 'an exempt fee bears no tax');
  });

  test('nothing due issues nothing; an unknown fee is said', async () => {
    const { account } = await person();
    await t.database.db.insert(fees).values({ authorityId: t.authorityId, code: 'free_fee', label: { fr: 'Gratuit', en: 'Free' }, kind: 'other', amountCents: 0, tax: 'exempt', glCode: '4999', validFrom: '2026-01-01' });
    const none = await t.database.db.transaction((tx) => t.app.services.billing.issueInvoice(tx, { authorityId: t.authorityId, accountId: account.id, feeCodes: ['free_fee'], subject: { kind: 'application', id: crypto.randomUUID(), reference: 'X' }, locale: 'en', at: t.clock.now() }));
    assert.deepEqual(none, { kind: 'nothing_due' });
    const unknown = await t.database.db.transaction((tx) => t.app.services.billing.issueInvoice(tx, { authorityId: t.authorityId, accountId: account.id, feeCodes: ['nope'], subject: { kind: 'application', id: crypto.randomUUID(), reference: 'X' }, locale: 'en', at: t.clock.now() }));
    assert.deepEqual(unknown, { kind: 'unknown_fees', codes: ['nope'] });
    const byKind = await t.database.db.transaction((tx) => t.app.services.billing.issueInvoice(tx, { authorityId: t.authorityId, accountId: account.id, kinds: ['registration'], subject: { kind: 'application', id: crypto.randomUUID(), reference: 'X' }, locale: 'en', at: t.clock.now() }));
    assert.equal(byKind.kind === 'issued' && byKind.invoice.subtotalCents, 72_500);
  });

  test('the person sees it under Fees and receipts and on the dashboard; nobody else does', async () => {
    const { c, account } = await person();
    const invoice = await issue(account.id);
    const list = await c.get('/en/fees-and-receipts');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(invoice.number));
    assert.match(list.body, /\$172\.46/);
    const page = await c.get(`/en/fees-and-receipts/${invoice.id}`);
    assert.match(page.body, /GST \(5%\)/);
    assert.match(page.body, /QST \(9\.975%\)/);
    assert.match(page.body, /Pay \$172\.46/);
    assert.equal((await c.get(`/en/fees-and-receipts/${invoice.id}/receipt`)).statusCode, 404, 'no receipt before it is paid');
    assert.match((await c.get('/fr/frais-et-recus')).body, /172,46\u00a0\$/);
    assert.match((await c.get('/en/dashboard')).body, /data-card="openInvoices"/);
    const other = await person();
    assert.equal((await other.c.get(`/en/fees-and-receipts/${invoice.id}`)).statusCode, 404);
    assert.equal((await other.c.post(`/en/fees-and-receipts/${invoice.id}/pay`, {})).statusCode, 404);
    const foreign = await staffMember(['staff', 'administrator'], otherAuthorityId);
    assert.equal((await foreign.c.get(`/en/fees-and-receipts/${invoice.id}`)).statusCode, 404);
    assert.equal((await foreign.c.get(`/en/staff/invoices/${invoice.id}`)).statusCode, 404);
    const own = await staffMember();
    const staffView = await own.c.get(`/en/fees-and-receipts/${invoice.id}`);
    assert.equal(staffView.statusCode, 200, 'the authority’s staff read it');
    assert.match(staffView.body, /Only the person the invoice is addressed to can pay it/);
    assert.equal((await own.c.post(`/en/fees-and-receipts/${invoice.id}/pay`, {})).statusCode, 404, 'and do not pay it');
  });
});

describe('paying, never twice', () => {
  test('a declined card, then a good one: one payment, a receipt number, the handlers in the payment’s transaction', async () => {
    const { c, account } = await person();
    const invoice = await issue(account.id);
    const gateway = await startPayment(c, invoice.id);
    assert.equal(await startPayment(c, invoice.id), gateway, 'a second click reuses the open checkout');
    assert.equal((await payOnGateway(c, gateway, TEST_CARDS.declined)).statusCode, 402);
    await until(async () => (await checkoutsOf(invoice.id))[0]?.status === 'failed', 'the failed webhook');
    const declined = await c.get(`/en/fees-and-receipts/${invoice.id}/return`);
    assert.match(declined.body, /Payment declined/);
    assert.match(declined.body, /Try again/);
    const second = await startPayment(c, invoice.id);
    assert.notEqual(second, gateway, 'a new checkout after a declined one');
    const paid = await payOnGateway(c, second, TEST_CARDS.success);
    assert.equal(paid.statusCode, 303);
    assert.equal(String(paid.headers.location), `${base}/en/fees-and-receipts/${invoice.id}/return`);
    const back = await c.get(path(String(paid.headers.location)));
    assert.match(back.body, /Payment received/);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the webhook too
    const row = await invoiceRow(invoice.id);
    assert.equal(row.status, 'paid');
    assert.match(row.receiptNumber ?? '', /^R-2026-\d{6}$/);
    assert.equal((await paymentsOf(invoice.id)).length, 1);
    assert.deepEqual(paidCalls.filter((p) => p.invoiceId === invoice.id), [{ invoiceId: invoice.id, inTransaction: true }]);
    assert.equal((await mailTo(account.id, 'invoicePaid')).length, 1);
    // Paying a paid invoice: nothing asked of the provider.
    const again = await c.post(`/en/fees-and-receipts/${invoice.id}/pay`, {});
    assert.equal(again.statusCode, 303);
    assert.match(String(again.headers.location), /\?notice=alreadyPaid$/);
    const page = await c.get(`/en/fees-and-receipts/${invoice.id}`);
    assert.match(page.body, /This invoice is paid/);
    assert.match(page.body, /VISA card ending in 4242/);
    assert.equal((await checkoutsOf(invoice.id)).length, 2);
    // The receipt, an accessible PDF in the language of the address, for the payer and the authority's staff.
    assert.match(page.body, /Download receipt R-2026-\d{6} \(PDF\)/);
    for (const [locale, address, word] of [['en', `/en/fees-and-receipts/${invoice.id}/receipt`, 'Payment receipt'], ['fr', `/fr/frais-et-recus/${invoice.id}/recu`, 'Reçu de paiement']] as const) {
      const pdf = await c.get(address);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      const inspected = await inspectPdf(new Uint8Array(pdf.rawPayload));
      assert.equal(inspected.tagged, true);
      assert.equal(inspected.lang, `${locale}-CA`);
      assert.equal(inspected.pdfUaIdentifier, true);
      assert.equal(inspected.untaggedText, 0);
      assert.ok(inspected.tableHeaderCells > 0);
      assert.match(inspected.text, new RegExp(word));
      assert.match(inspected.text, new RegExp(row.receiptNumber!));
      assert.match(inspected.text, /4242/);
    }
    const stranger = await person();
    assert.equal((await stranger.c.get(`/en/fees-and-receipts/${invoice.id}/receipt`)).statusCode, 404);
  });

  test('back from the hosted page before paying: "being confirmed", and the page refreshes itself; the return address proves nothing', async () => {
    const { c, account } = await person('fr');
    const invoice = await issue(account.id);
    await c.get(`/fr/frais-et-recus/${invoice.id}`);
    const res = await c.post(`/fr/frais-et-recus/${invoice.id}/payer`, {});
    assert.equal(res.statusCode, 303);
    const back = await c.get(`/fr/frais-et-recus/${invoice.id}/retour?status=paid&paymentId=forged`);
    assert.equal(back.statusCode, 200);
    assert.equal(back.headers.refresh, '5');
    assert.match(back.body, /Paiement en cours de confirmation/);
    assert.equal((await invoiceRow(invoice.id)).status, 'open');
  });

  test('a forged webhook is refused, a replayed one changes nothing, a stale signature is refused', async () => {
    const { c, account } = await person();
    const invoice = await issue(account.id);
    const gateway = await startPayment(c, invoice.id);
    const [checkout] = await checkoutsOf(invoice.id);
    const event = { id: `evt_test_${invoice.id}`, type: 'checkout.paid', created: 0, data: { checkoutId: checkout!.providerCheckoutId, reference: invoice.number, paymentId: 'tgp_forged', amountCents: invoice.totalCents, brand: 'visa', last4: '0000', paidAt: t.clock.now().toISOString() } };
    const good = signed(event);
    const forged = { body: good.body.replace('tgp_forged', 'tgp_forgeX'), headers: good.headers };
    assert.equal((await postWebhook(forged)).statusCode, 400, 'altered body');
    assert.equal((await postWebhook({ body: good.body, headers: { 'content-type': 'application/json' } })).statusCode, 400, 'no signature');
    assert.equal((await invoiceRow(invoice.id)).status, 'open');
    // The gateway really took it (so getCheckout agrees), then its webhook and ours race with a replay.
    await payOnGateway(c, gateway, TEST_CARDS.success);
    await until(async () => (await invoiceRow(invoice.id)).status === 'paid', 'the gateway’s webhook');
    const [{ paymentId }] = (await t.database.db.select({ paymentId: payments.providerPaymentId }).from(payments).where(eq(payments.invoiceId, invoice.id))) as [{ paymentId: string }];
    const replay = signed({ ...event, id: `evt_paid_${checkout!.providerCheckoutId}`, data: { ...event.data, paymentId } });
    for (let i = 0; i < 2; i++) assert.equal((await postWebhook(replay)).statusCode, 200);
    assert.equal((await paymentsOf(invoice.id)).length, 1);
    t.clock.advance(10 * 60_000);
    assert.equal((await postWebhook(replay)).statusCode, 400, 'a signature older than five minutes');
  });

  test('a webhook naming another authority’s invoice, or a checkout nobody started, is refused and not recorded', async () => {
    const { c, account } = await person();
    const invoice = await issue(account.id);
    await startPayment(c, invoice.id);
    const [checkout] = await checkoutsOf(invoice.id);
    const other = await buildAccount(t.database.db, otherAuthorityId);
    const theirs = await issue(other.id, ['certificate_fee'], otherAuthorityId);
    const wrongInvoice = signed({ id: 'evt_cross_authority', type: 'checkout.paid', created: 0, data: { checkoutId: checkout!.providerCheckoutId, reference: theirs.number === invoice.number ? 'nope' : theirs.number, paymentId: 'tgp_x', amountCents: invoice.totalCents, brand: 'visa', last4: '4242', paidAt: t.clock.now().toISOString() } });
    assert.equal((await postWebhook(wrongInvoice)).statusCode, 422);
    const unknown = signed({ id: 'evt_unknown_checkout', type: 'checkout.paid', created: 0, data: { checkoutId: 'tgc_nobodystartedthis', reference: invoice.number, paymentId: 'tgp_y', amountCents: invoice.totalCents, brand: 'visa', last4: '4242', paidAt: t.clock.now().toISOString() } });
    assert.equal((await postWebhook(unknown)).statusCode, 422);
    assert.equal((await t.database.db.select().from(paymentEvents).where(sql`${paymentEvents.eventId} in ('evt_cross_authority', 'evt_unknown_checkout')`)).length, 0);
    assert.equal((await invoiceRow(invoice.id)).status, 'open');
    assert.equal((await invoiceRow(theirs.id)).status, 'open');
  });

  test('the line drops after the charge: no webhook, no return; reconciliation settles it, once', async () => {
    const { c, account } = await person();
    const invoice = await issue(account.id);
    const gateway = await startPayment(c, invoice.id);
    assert.equal((await payOnGateway(c, gateway, TEST_CARDS.networkFailure)).statusCode, 504);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal((await invoiceRow(invoice.id)).status, 'open', 'nobody told Guichet');
    assert.equal((await t.app.services.billing.payments.reconcile()).settled, 0, 'too recent to ask');
    t.clock.advance(16 * 60_000);
    const first = await t.app.services.billing.payments.reconcile();
    assert.ok(first.settled >= 1);
    assert.equal((await invoiceRow(invoice.id)).status, 'paid');
    await t.app.services.billing.payments.reconcile();
    assert.equal((await paymentsOf(invoice.id)).length, 1, 'running it again changes nothing');
    assert.equal((await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'invoice_paid'), eq(auditEvents.subjectId, invoice.id)))).length, 1);
  });

  test('50 concurrent "pay" submissions and 20 duplicate webhooks: one checkout, one payment, one receipt number', async () => {
    const { c, account } = await person();
    const invoice = await issue(account.id);
    await c.get(`/en/fees-and-receipts/${invoice.id}`);
    const answers = await Promise.all(Array.from({ length: 50 }, () => c.post(`/en/fees-and-receipts/${invoice.id}/pay`, {})));
    assert.deepEqual([...new Set(answers.map((r) => r.statusCode))], [303]);
    const urls = new Set(answers.map((r) => String(r.headers.location)));
    assert.equal(urls.size, 1, 'every submission goes to the same hosted page');
    assert.equal((await checkoutsOf(invoice.id)).length, 1);
    const gateway = path([...urls][0]!);
    await payOnGateway(c, gateway, TEST_CARDS.networkFailure); // charged, nothing sent: the duplicates below are the only news
    const [checkout] = await checkoutsOf(invoice.id);
    const state = await t.app.services.billing.provider().getCheckout(checkout!.providerCheckoutId!);
    assert.equal(state.status, 'paid');
    const webhook = signed({ id: `evt_paid_${checkout!.providerCheckoutId}`, type: 'checkout.paid', created: 0, data: { checkoutId: checkout!.providerCheckoutId, reference: invoice.number, paymentId: state.status === 'paid' ? state.paymentId : '', amountCents: invoice.totalCents, brand: 'visa', last4: '0119', paidAt: t.clock.now().toISOString() } });
    const receiptsBefore = (await t.database.db.select().from(invoices).where(sql`${invoices.receiptNumber} is not null and ${invoices.authorityId} = ${t.authorityId}`)).length;
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => postWebhook(webhook)),
      c.get(`/en/fees-and-receipts/${invoice.id}/return`),
      t.app.services.billing.payments.reconcile(),
    ]);
    for (const r of results.slice(0, 20)) assert.equal((r as { statusCode: number }).statusCode, 200);
    assert.equal((await paymentsOf(invoice.id)).length, 1);
    const receipts = await t.database.db.select().from(invoices).where(sql`${invoices.receiptNumber} is not null and ${invoices.authorityId} = ${t.authorityId}`);
    assert.equal(receipts.length, receiptsBefore + 1, 'one receipt number given');
    assert.equal((await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'invoice_paid'), eq(auditEvents.subjectId, invoice.id)))).length, 1);
    assert.equal(paidCalls.filter((p) => p.invoiceId === invoice.id).length, 1);
  });
});

describe('refunds and voids', () => {
  async function paidInvoice() {
    const payer = await person();
    const invoice = await issue(payer.account.id);
    const gateway = await startPayment(payer.c, invoice.id);
    await payOnGateway(payer.c, gateway, TEST_CARDS.success);
    await until(async () => (await invoiceRow(invoice.id)).status === 'paid', 'payment');
    return { payer, invoice };
  }
  const refundIdOf = (body: string) => /name="refundId" value="([0-9a-f-]{36})"/.exec(body)?.[1] ?? '';

  test('a partial refund, sent twice, refunds once; then the rest; emailed and audited', async () => {
    const { payer, invoice } = await paidInvoice();
    const staff = await staffMember();
    const page = await staff.c.get(`/en/staff/invoices/${invoice.id}`);
    const refundId = refundIdOf(page.body);
    assert.ok(refundId);
    const form = { refundId, amount: '50.00', reason: 'Application withdrawn the same day' };
    const first = await staff.c.post(`/en/staff/invoices/${invoice.id}/refund`, form);
    assert.match(String(first.headers.location), /notice=refunded/);
    const twice = await staff.c.post(`/en/staff/invoices/${invoice.id}/refund`, form);
    assert.match(String(twice.headers.location), /notice=refundAlready/);
    assert.equal((await t.database.db.select().from(refunds).where(eq(refunds.invoiceId, invoice.id))).length, 1);
    let row = await invoiceRow(invoice.id);
    assert.equal(row.status, 'partly_refunded');
    assert.equal(row.refundedCents, 5000);
    const tooMuch = await staff.c.post(`/en/staff/invoices/${invoice.id}/refund`, { refundId: crypto.randomUUID(), amount: '200.00', reason: 'Too much' });
    assert.equal(tooMuch.statusCode, 409);
    assert.match(tooMuch.body, /more than what is left/);
    const noReason = await staff.c.post(`/en/staff/invoices/${invoice.id}/refund`, { refundId: crypto.randomUUID(), amount: '1.00', reason: '' });
    assert.equal(noReason.statusCode, 400);
    const rest = await staff.c.post(`/en/staff/invoices/${invoice.id}/refund`, { refundId: crypto.randomUUID(), amount: '122.46', reason: 'The rest' });
    assert.match(String(rest.headers.location), /notice=refunded/);
    row = await invoiceRow(invoice.id);
    assert.equal(row.status, 'refunded');
    assert.equal((await mailTo(payer.account.id, 'invoiceRefunded')).length, 2);
    assert.match((await payer.c.get(`/en/fees-and-receipts/${invoice.id}`)).body, /Application withdrawn the same day/);
    assert.match((await staff.c.get(`/en/staff/invoices/${invoice.id}`)).body, /already refunded in full/);
    assert.equal((await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.event, 'invoice_refunded'), eq(auditEvents.subjectId, invoice.id)))).length, 2);
  });

  test('a refund the provider answered "pending" to is settled by its webhook, once', async () => {
    const { payer, invoice } = await paidInvoice();
    const staff = await staffMember();
    const [payment] = await paymentsOf(invoice.id);
    const refundId = crypto.randomUUID();
    // As the Stripe adapter may answer: the refund is recorded pending with the provider's id.
    await t.database.db.insert(refunds).values({ id: refundId, invoiceId: invoice.id, paymentId: payment!.id, authorityId: t.authorityId, amountCents: 2000, reason: 'Pending at the bank', status: 'pending', providerRefundId: 're_pending_1', createdBy: staff.account.id, createdAt: t.clock.now() });
    const event = signed({ id: 'evt_refund_pending_1', type: 'refund.succeeded', created: 0, data: { refundId: 're_pending_1', paymentId: payment!.providerPaymentId, amountCents: 2000 } });
    assert.equal((await postWebhook(event)).statusCode, 200);
    assert.equal((await postWebhook(event)).statusCode, 200);
    const [row] = await t.database.db.select().from(refunds).where(eq(refunds.id, refundId));
    assert.equal(row?.status, 'succeeded');
    const after = await invoiceRow(invoice.id);
    assert.equal(after.status, 'partly_refunded');
    assert.equal(after.refundedCents, 2000);
    assert.equal((await mailTo(payer.account.id, 'invoiceRefunded')).length, 1);
  });

  test('fees declared non-refundable: staff are told why, an administrator refunds', async () => {
    const { invoice } = await paidInvoice();
    await t.database.db.update(billingSettings).set({ nonRefundable: true }).where(eq(billingSettings.authorityId, t.authorityId));
    try {
      const staff = await staffMember(['staff']);
      const page = await staff.c.get(`/en/staff/invoices/${invoice.id}`);
      assert.match(page.body, /not refundable: only an administrator can refund/);
      const refused = await staff.c.post(`/en/staff/invoices/${invoice.id}/refund`, { refundId: crypto.randomUUID(), amount: '10.00', reason: 'Try' });
      assert.equal(refused.statusCode, 409);
      const admin = await staffMember(['administrator']);
      await admin.c.get(`/en/staff/invoices/${invoice.id}`);
      const ok = await admin.c.post(`/en/staff/invoices/${invoice.id}/refund`, { refundId: crypto.randomUUID(), amount: '10.00', reason: 'Exception approved' });
      assert.match(String(ok.headers.location), /notice=refunded/);
    } finally {
      await t.database.db.update(billingSettings).set({ nonRefundable: false }).where(eq(billingSettings.authorityId, t.authorityId));
    }
  });

  test('void an unpaid invoice with a reason: a credit note, no longer payable; a paid one cannot be voided', async () => {
    const { c, account } = await person();
    const invoice = await issue(account.id);
    await startPayment(c, invoice.id);
    const staff = await staffMember();
    await staff.c.get(`/en/staff/invoices/${invoice.id}`);
    assert.equal((await staff.c.post(`/en/staff/invoices/${invoice.id}/void`, { voidReason: '' })).statusCode, 400);
    const res = await staff.c.post(`/en/staff/invoices/${invoice.id}/void`, { voidReason: 'Issued in error' });
    assert.match(String(res.headers.location), /notice=voided/);
    assert.equal((await invoiceRow(invoice.id)).status, 'void');
    const [note] = await t.database.db.select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice.id));
    assert.match(note?.number ?? '', /^NC-2026-\d{6}$/);
    assert.equal(note?.amountCents, invoice.totalCents);
    assert.equal((await checkoutsOf(invoice.id))[0]?.status, 'cancelled');
    assert.equal((await mailTo(account.id, 'invoiceVoided')).length, 1);
    const pay = await c.post(`/en/fees-and-receipts/${invoice.id}/pay`, {});
    assert.match(String(pay.headers.location), /notice=voided/);
    // The person still had the hosted page open: the gateway takes the card, Guichet gives it back.
    const late = await issue(account.id);
    const gatewayPage = await startPayment(c, late.id);
    await staff.c.get(`/en/staff/invoices/${late.id}`);
    await staff.c.post(`/en/staff/invoices/${late.id}/void`, { voidReason: 'Duplicate' });
    await payOnGateway(c, gatewayPage, TEST_CARDS.success);
    await until(async () => (await t.database.db.select().from(paymentTestRefunds).where(sql`${paymentTestRefunds.idempotencyKey} like 'stray-%'`)).length === 1, 'the stray payment refunded');
    assert.equal((await invoiceRow(late.id)).status, 'void');
    assert.equal((await paymentsOf(late.id)).length, 0);
    const { invoice: paid } = await paidInvoice();
    const refused = await staff.c.post(`/en/staff/invoices/${paid.id}/void`, { voidReason: 'Nope' });
    assert.equal(refused.statusCode, 409);
    assert.equal((await invoiceRow(paid.id)).status, 'paid');
  });
});

describe('staff lists, export and reconciliation', () => {
  test('invoices by person and status; the CSV export parses, with GL codes and dollars; the daily report', async () => {
    const staff = await staffMember();
    const all = await staff.c.get('/en/staff/invoices');
    assert.equal(all.statusCode, 200);
    const open = await staff.c.get('/en/staff/invoices?status=open');
    assert.doesNotMatch(open.body, /govuk-tag--green/, 'no paid invoice among the open ones');
    const csv = await staff.c.get('/en/staff/invoices/export?from=2026-11-01&to=2026-11-30');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const rows = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[];
    const lines = rows.filter((r) => r.record === 'invoice_line');
    assert.ok(lines.some((r) => r.fee_code === 'registration_fee' && r.gl_code === '4200' && r.amount === '725.00'));
    assert.ok(rows.some((r) => r.record === 'tax' && r.tax_code === 'QST'));
    assert.ok(rows.some((r) => r.record === 'payment' && /^\d+\.\d{2}$/.test(r.amount ?? '')));
    assert.ok(rows.some((r) => r.record === 'refund' && r.amount === '-50.00' && r.description === 'Application withdrawn the same day'));
    assert.ok(rows.every((r) => Object.keys(r).length === 13));
    assert.ok(!rows.some((r) => r.payer_email?.includes('@') && r.invoice_number?.startsWith('2026-000001') && false));
    const report = await staff.c.get('/en/staff/reconciliation?date=2026-11-22');
    assert.equal(report.statusCode, 200);
    assert.match(report.body, /Payments received/);
    assert.match(report.body, /R-2026-/);
  });

  test('a payment left pending for a day shows on the staff home and the report, until reconciliation closes it', async () => {
    t.clock.advance(25 * 3600_000);
    const staff = await staffMember();
    assert.match((await staff.c.get('/en/staff/accounts')).body, /data-card="pendingCheckouts"/);
    const report = await staff.c.get(`/en/staff/reconciliation`);
    assert.match(report.body, /still pending/);
    // The hosted pages expired after 24 hours: reconciliation closes their checkouts.
    const counts = await t.app.services.billing.payments.reconcile();
    assert.ok(counts.closed >= 1);
    assert.doesNotMatch((await staff.c.get('/en/staff/accounts')).body, /data-card="pendingCheckouts"/);
  });
});
