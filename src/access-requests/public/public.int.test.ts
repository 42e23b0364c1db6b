import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../audit/index.ts';
import { invoices } from '../../billing/index.ts';
import { documents } from '../../documents/index.ts';
import { mailMessages } from '../../mail/index.ts';
import { queryRows } from '../../platform/db.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { type AccessOffice, receiveRequest, setUpAccessOffice } from '../../../test/support/access.ts';
import { Client } from '../../../test/support/client.ts';
import { buildAccount, FACTORY_PASSWORD } from '../../../test/support/factories.ts';
import { REQUEST_DOCUMENTS } from '../core.ts';
import { accessDrafts, accessNotices, accessRecords, accessReleases, accessRequests, accessStops } from '../schema.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const DAY = 24 * 60 * 60 * 1000;

let t: TestApp;
let office: AccessOffice;

before(async () => {
  t = await createTestApp();
  office = await setUpAccessOffice(t);
});
after(() => t.close());

const requestRow = async (id: string) => (await t.database.db.select().from(accessRequests).where(eq(accessRequests.id, id)))[0]!;
const mailsTo = (to: string, template: string) => t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, to), eq(mailMessages.template, template)));
const eventsOf = (subjectId: string, event: string) => t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, subjectId), eq(auditEvents.event, event)));
const base = () => t.config.publicUrl.origin;
const path = (url: string) => url.replace(base(), '');

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 250; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** Answers every question of an access request, as a guest, in English; returns the client at the check page. */
async function answerAccess(c: Client, email: string, locale: 'en' | 'fr' = 'en') {
  const q = (step: string) => (locale === 'en' ? `/en/access-request/questions/${step}` : `/fr/demande-acces/questions/${step}`);
  await c.get(q('act'));
  assert.equal((await c.post(q('act'), { act: 'access' })).statusCode, 303);
  assert.equal((await c.post(q('institution'), { organizationId: office.first.id })).statusCode, 303);
  assert.equal((await c.post(q('records'), { description: 'Briefing notes on program X, 2025.', periodFrom: '2025-01-01', periodTo: '2025-03-31' })).statusCode, 303);
  assert.equal((await c.post(q('format'), { format: 'electronic' })).statusCode, 303);
  const last = await c.post(q('requester'), { name: 'Robin Guest', email, phone: '', category: 'media' });
  assert.equal(last.statusCode, 303);
  assert.equal(last.headers.location, q('check'));
}

describe('the question-by-question form', () => {
  test('one question a page, each with its help; errors translated and values kept; steps in order; answers survive a language switch', async () => {
    const c = new Client(t.app);
    const start = await c.get('/en/access-request');
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /\$5/);
    assert.match(start.body, /Track a request/);
    // A later question before the first is answered: back to the first.
    const early = await c.get('/en/access-request/questions/records');
    assert.equal(early.statusCode, 303);
    assert.equal(early.headers.location, '/en/access-request/questions/act');
    const act = await c.get('/en/access-request/questions/act');
    assert.match(act.body, /Help with this question/);
    assert.match(act.body, /govuk-details/);
    const none = await c.post('/en/access-request/questions/act', {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Choose the type of request/);
    assert.equal((await c.post('/en/access-request/questions/act', { act: 'access' })).statusCode, 303);
    // In French now: the answer given in English is kept (the draft is on the server, its key in a cookie).
    const institution = await c.get('/fr/demande-acces/questions/institution');
    assert.equal(institution.statusCode, 200);
    assert.match(institution.body, /Aide pour cette question/);
    assert.match(institution.body, /Immigration, Réfugiés et Citoyenneté Canada/);
    const wrong = await c.post('/fr/demande-acces/questions/institution', { organizationId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Choisissez une institution de la liste/);
    assert.equal((await c.post('/fr/demande-acces/questions/institution', { organizationId: office.first.id })).statusCode, 303);
    const bad = await c.post('/en/access-request/questions/records', { description: 'Notes on X', periodFrom: '2025-03-01', periodTo: '2025-01-01' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The end of the period must come after its start/);
    assert.match(bad.body, /Notes on X/, 'the typed description is kept');
    assert.match(bad.body, /value="2025-03-01"/);
    // The language switch of a form carries what was typed (nothing saved).
    const switched = await c.post('/fr/demande-acces/questions/records', { keepTyped: 'page', description: 'Notes sur X', periodFrom: '', periodTo: '' });
    assert.equal(switched.statusCode, 200);
    assert.match(switched.body, /Notes sur X/);
    assert.equal((await c.post('/en/access-request/questions/records', { description: 'Notes on X', periodFrom: '', periodTo: '' })).statusCode, 303);
    assert.equal((await c.post('/en/access-request/questions/format', { format: 'paper' })).statusCode, 303);
    const missing = await c.post('/en/access-request/questions/requester', { name: '', email: 'not-an-email', category: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter your name/);
    assert.match(missing.body, /Enter a valid email address/);
    assert.match(missing.body, /value="not-an-email"/);
    assert.equal((await c.post('/en/access-request/questions/requester', { name: 'Alex Form', email: 'alex.form@example.ca', category: 'public' })).statusCode, 303);
    const check = await c.get('/fr/demande-acces/questions/check');
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /Notes on X/);
    assert.match(check.body, /Papier/);
    assert.match(check.body, /questions\/format\?from=check/, 'a change link per answer');
    // Change an answer from the check page: back to the check page.
    const changed = await c.post('/en/access-request/questions/format', { format: 'electronic', from: 'check' });
    assert.equal(changed.headers.location, '/en/access-request/questions/check');
    // A personal information request asks for the identity proof, which needs an account.
    assert.equal((await c.post('/en/access-request/questions/act', { act: 'privacy', from: 'check' })).statusCode, 303);
    const gate = await c.get('/en/access-request/questions/check');
    assert.equal(gate.statusCode, 303);
    assert.equal(gate.headers.location, '/en/access-request/questions/identity');
    const identity = await c.get('/en/access-request/questions/identity');
    assert.match(identity.body, /you must be signed in/);
    assert.match(identity.body, /href="\/en\/sign-in"/);
  });
});

describe('a guest’s access request', () => {
  let requestId = '';
  let token = '';
  const email = 'robin.guest@example.ca';

  test('sent: number, tracking link mailed with its token, the $5 invoice to the guest, the institution told', async () => {
    const c = new Client(t.app);
    await answerAccess(c, email);
    await c.get('/en/access-request/questions/check');
    const sent = await c.post('/en/access-request/questions/check', {});
    assert.equal(sent.statusCode, 303);
    const location = String(sent.headers.location);
    const match = /\/en\/access-request\/tracking\/([0-9a-f-]+)\/sent\?t=([A-Za-z0-9_-]+)/.exec(location);
    assert.ok(match, location);
    requestId = match[1]!;
    token = match[2]!;
    const page = await c.get(location);
    assert.equal(page.statusCode, 200);
    const row = await requestRow(requestId);
    assert.match(page.body, new RegExp(row.number));
    assert.match(page.body, /Pay \$5\.00/);
    assert.equal(row.status, 'awaiting_fee');
    assert.equal(row.channel, 'online');
    assert.equal(row.requesterAccountId, null);
    assert.equal(row.receivedOn, null, 'the clock waits for the fee');
    const [invoice] = await t.database.db.select().from(invoices).where(eq(invoices.id, row.invoiceId!));
    assert.equal(invoice?.accountId, null);
    assert.equal(invoice?.payerEmail, email);
    assert.equal(invoice?.totalCents, 500);
    const [mail] = await mailsTo(email, 'accessPublicSubmitted');
    assert.ok(mail);
    assert.match(mail.textBody, new RegExp(row.number));
    assert.match(mail.textBody, new RegExp(`t=${token}`));
    assert.doesNotMatch(mail.textBody, /Briefing notes/, 'the mail says the number, not the request');
    assert.equal((await mailsTo(office.first.managerEmail, 'accessPublicReceived')).length, 1);
    assert.equal((await t.database.db.select().from(accessDrafts)).filter((d) => (d.answers as Record<string, string>).email === email).length, 0, 'the draft is gone');
    // The form starts afresh.
    assert.equal((await c.get('/en/access-request/questions/check')).headers.location, '/en/access-request/questions/act');
  });

  test('the tracking page reveals nothing without the right link', async () => {
    const anyone = new Client(t.app);
    assert.equal((await anyone.get(`/en/access-request/tracking/${requestId}?t=${token}`)).statusCode, 200);
    assert.equal((await anyone.get(`/en/access-request/tracking/${requestId}`)).statusCode, 404, 'no token');
    assert.equal((await anyone.get(`/en/access-request/tracking/${requestId}?t=${'x'.repeat(43)}`)).statusCode, 404, 'a wrong token');
    const other = await receiveRequest(t, office.second.id);
    assert.equal((await anyone.get(`/en/access-request/tracking/${requestId}?t=${other.token}`)).statusCode, 404, 'another request’s token');
    assert.equal((await anyone.get(`/en/access-request/tracking/${other.request.id}?t=${token}`)).statusCode, 404);
    assert.equal((await anyone.get(`/fr/demande-acces/suivi/${requestId}/envoyee`)).statusCode, 404);
    // A signed-in person who did not make it: nothing either (a practitioner too).
    assert.equal((await office.first.practitioner.get(`/en/access-request/tracking/${requestId}`)).statusCode, 404);
    assert.equal((await anyone.post(`/en/access-request/tracking/${requestId}/pay`, { t: 'y'.repeat(43) })).statusCode, 404);
  });

  test('paid on the test gateway: once; the clock starts the day paid', async () => {
    t.clock.advance(2 * DAY);
    const c = new Client(t.app);
    const page = await c.get(`/en/access-request/tracking/${requestId}?t=${token}`);
    assert.match(page.body, /The clock has not started|has not started/);
    const pay = await c.post(`/en/access-request/tracking/${requestId}/pay`, { t: token });
    assert.equal(pay.statusCode, 303);
    const gateway = path(String(pay.headers.location));
    assert.match(gateway, /\/en\/test-gateway\/tgc_/);
    assert.equal(path(String((await c.post(`/en/access-request/tracking/${requestId}/pay`, { t: token })).headers.location)), gateway, 'a second click, the same checkout');
    await c.get(gateway);
    const paid = await c.post(gateway, { cardNumber: '4242424242424242', expiry: '12/30', cvc: '123' });
    assert.equal(paid.statusCode, 303);
    const back = path(String(paid.headers.location));
    assert.match(back, new RegExp(`/en/access-request/tracking/${requestId}/payment\\?t=${token}`));
    const returned = await c.get(back);
    assert.equal(returned.statusCode, 200);
    assert.match(returned.body, /Payment received/);
    await until(async () => (await requestRow(requestId)).status === 'in_progress', 'the payment');
    const row = await requestRow(requestId);
    assert.equal(row.feeStatus, 'paid');
    assert.equal(row.receivedOn, '2026-11-24', 'received the day the fee was paid');
    assert.equal(row.dueOn, '2026-12-24');
    const counted = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from payments where invoice_id = ${row.invoiceId}`);
    assert.equal(Number(counted[0]?.n), 1, 'one payment');
    assert.equal((await eventsOf(requestId, 'access_fee_paid')).length, 1);
    // Paying again: already paid, nothing charged.
    const again = await c.post(`/en/access-request/tracking/${requestId}/pay`, { t: token });
    assert.equal(again.statusCode, 303);
    assert.match(String(again.headers.location), /notice=alreadyPaid/);
    const tracking = await c.get(`/en/access-request/tracking/${requestId}?t=${token}`);
    assert.match(tracking.body, /Fee paid/);
    assert.match(tracking.body, /How the due date is calculated/);
    // The receipt went to the guest's address, with the tracking link.
    await until(async () => (await mailsTo(email, 'invoicePaid')).length === 1, 'the receipt mail');
    assert.match((await mailsTo(email, 'invoicePaid'))[0]!.textBody, new RegExp(`/en/access-request/tracking/${requestId}`));
  });
});

describe('a signed-in person’s personal information request', () => {
  test('identity proof uploaded signed in, attached to the request; no fee, the clock starts today; listed in my requests', async () => {
    const account = await buildAccount(t.database.db, t.authorityId, { givenName: 'Dominique', familyName: 'Privé', preferredLanguage: 'fr' });
    const c = new Client(t.app);
    await c.get('/fr/connexion');
    assert.equal((await c.post('/fr/connexion', { email: account.email, password: FACTORY_PASSWORD })).statusCode, 303);
    const q = (step: string) => `/fr/demande-acces/questions/${step}`;
    await c.get(q('act'));
    await c.post(q('act'), { act: 'privacy' });
    await c.post(q('institution'), { organizationId: office.second.id });
    await c.post(q('records'), { description: 'Mes déclarations de revenus 2020 à 2024.', periodFrom: '', periodTo: '' });
    await c.post(q('format'), { format: 'electronic' });
    const next = await c.post(q('requester'), { name: 'Dominique Privé', email: account.email, category: 'declined' });
    assert.equal(next.headers.location, q('identity'));
    const page = await c.get(q('identity'));
    assert.match(page.body, /enctype="multipart\/form-data"/);
    const empty = await c.upload(q('identity'), []);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Choisissez le fichier de votre pièce d’identité/);
    const up = await c.upload(q('identity'), [{ name: 'file', fileName: 'permis.pdf', content: PDF, contentType: 'application/pdf' }]);
    assert.equal(up.statusCode, 303);
    assert.equal(up.headers.location, q('check'));
    const check = await c.get(q('check'));
    assert.match(check.body, /permis\.pdf/);
    const sent = await c.post(q('check'), {});
    assert.equal(sent.statusCode, 303);
    assert.doesNotMatch(String(sent.headers.location), /t=/, 'a signed-in requester signs in to track');
    const requestId = /suivi\/([0-9a-f-]+)\/envoyee/.exec(String(sent.headers.location))![1]!;
    const row = await requestRow(requestId);
    assert.equal(row.act, 'privacy');
    assert.equal(row.feeStatus, 'none');
    assert.equal(row.status, 'in_progress');
    assert.equal(row.requesterAccountId, account.id);
    assert.equal(row.invoiceId, null);
    const [proof] = await t.database.db.select().from(documents).where(and(eq(documents.subjectKind, REQUEST_DOCUMENTS), eq(documents.subjectId, requestId)));
    assert.equal(proof?.typeCode, 'identity_proof');
    assert.equal(proof?.ownerAccountId, account.id);
    const tracking = await c.get(`/fr/demande-acces/suivi/${requestId}`);
    assert.equal(tracking.statusCode, 200);
    assert.match(tracking.body, /Aucuns droits/);
    const mine = await c.get('/fr/mes-demandes-acces');
    assert.match(mine.body, new RegExp(row.number));
    assert.match(mine.body, /Agence du revenu du Canada/);
    // Someone else signed in finds nothing.
    assert.equal((await office.second.manager.get(`/fr/demande-acces/suivi/${requestId}`)).statusCode, 404);
    const dashboard = await c.get('/fr/tableau-de-bord');
    assert.match(dashboard.body, /Vos demandes d’accès/);
  });
});

describe('after the request is sent', () => {
  test('the requester answers the clarification: the stop ends, the due day moves by the days stopped, the institution is told', async () => {
    const { request, token } = await receiveRequest(t, office.first.id, { requesterEmail: 'clarify@example.ca' });
    const dueBefore = request.dueOn!;
    t.clock.advance(3 * DAY);
    const asked = t.clock.now();
    const [stop] = await t.database.db.insert(accessStops).values({ requestId: request.id, reason: 'clarification', startedOn: asked.toISOString().slice(0, 10), question: 'Which program do you mean?', askedBy: office.first.practitionerId, askedAt: asked }).returning();
    await t.database.db.update(accessRequests).set({ status: 'awaiting_clarification' }).where(eq(accessRequests.id, request.id));
    t.clock.advance(4 * DAY);
    const c = new Client(t.app);
    const page = await c.get(`/en/access-request/tracking/${request.id}?t=${token}`);
    assert.match(page.body, /Which program do you mean\?/);
    const empty = await c.post(`/en/access-request/tracking/${request.id}/clarification`, { t: token, answer: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter your answer/);
    assert.equal((await c.post(`/en/access-request/tracking/${request.id}/clarification`, { t: 'z'.repeat(43), answer: 'Program X' })).statusCode, 404);
    const sent = await c.post(`/en/access-request/tracking/${request.id}/clarification`, { t: token, answer: 'Program X, the 2025 one.' });
    assert.equal(sent.statusCode, 303);
    assert.match((await c.follow(sent)).body, /the clock has started again/);
    const row = await requestRow(request.id);
    assert.equal(row.status, 'in_progress');
    const [ended] = await t.database.db.select().from(accessStops).where(eq(accessStops.id, stop!.id));
    assert.equal(ended?.answer, 'Program X, the 2025 one.');
    assert.equal(ended?.endedOn, new Date(asked.getTime() + 4 * DAY).toISOString().slice(0, 10));
    assert.equal(new Date(row.dueOn!).getTime() - new Date(dueBefore).getTime() >= 4 * DAY, true, 'the due day moved by the 4 days stopped (or to the next business day)');
    assert.equal((await eventsOf(request.id, 'access_clarification_answered')).length, 1);
    assert.equal((await mailsTo(office.first.managerEmail, 'accessPublicClarified')).length, 1);
    // Answering again: the request no longer waits, nothing changes.
    const again = await c.post(`/en/access-request/tracking/${request.id}/clarification`, { t: token, answer: 'More' });
    assert.match(String(again.headers.location), /notice=notOpen/);
  });

  test('only the released versions are downloadable, each download audited; a withheld record’s version is not found', async () => {
    const { request, token } = await receiveRequest(t, office.first.id, { requesterEmail: 'release@example.ca' });
    const attach = (fileName: string) =>
      t.database.db.transaction(async (tx) => {
        const staged = await t.app.services.documents.stage({ fileName, source: PDF, maxBytes: 1024 * 1024 });
        assert.ok(staged.ok);
        return t.app.services.documents.attach(tx, { authorityId: t.authorityId, ownerAccountId: office.first.practitionerId, subjectKind: REQUEST_DOCUMENTS, subjectId: request.id, typeCode: 'record', uploadedBy: office.first.practitionerId, origin: { ip: null, userAgent: null }, at: t.clock.now() }, staged.file);
      });
    const released = await attach('released.pdf');
    const withheld = await attach('withheld.pdf');
    const letter = await attach('letter.pdf');
    const now = t.clock.now();
    const [kept] = await t.database.db.insert(accessRecords).values({ requestId: request.id, documentId: released.documentId, title: 'Briefing note', pages: 3, decision: 'released_in_full', addedBy: office.first.practitionerId, addedAt: now }).returning();
    await t.database.db.insert(accessRecords).values({ requestId: request.id, documentId: withheld.documentId, title: 'Cabinet confidence', pages: 5, decision: 'withheld', exemptions: ['69'], addedBy: office.first.practitionerId, addedAt: now });
    const [release] = await t.database.db
      .insert(accessReleases)
      .values({ requestId: request.id, letterDocumentId: letter.documentId, contents: [{ recordId: kept!.id, versionId: released.versionId, title: 'Briefing note', decision: 'released_in_full', exemptions: [], pages: 3 }], pagesReleased: 3, exemptions: [], deliveredAt: now, deliveredBy: office.first.practitionerId })
      .returning();
    const c = new Client(t.app);
    const page = await c.get(`/en/access-request/tracking/${request.id}?t=${token}`);
    assert.match(page.body, /Briefing note/);
    assert.doesNotMatch(page.body, /Cabinet confidence/);
    const file = await c.get(`/en/access-request/tracking/${request.id}/files/${released.versionId}?t=${token}`);
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers['content-disposition']), /attachment/);
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.equal((await c.get(`/en/access-request/tracking/${request.id}/files/${letter.versionId}?t=${token}`)).statusCode, 200);
    assert.equal((await c.get(`/en/access-request/tracking/${request.id}/files/${withheld.versionId}?t=${token}`)).statusCode, 404, 'gathered, withheld: never reachable');
    assert.equal((await c.get(`/en/access-request/tracking/${request.id}/files/${released.versionId}`)).statusCode, 404, 'no token');
    const downloads = await eventsOf(request.id, 'access_release_downloaded');
    assert.equal(downloads.length, 2);
    assert.equal((downloads[0]!.details as { via: string }).via, 'link');
    const [after] = await t.database.db.select().from(accessReleases).where(eq(accessReleases.id, release!.id));
    assert.ok(after?.firstDownloadedAt);
  });

  test('“track a request”: the link mailed when the number and email match; the same answer when they do not', async () => {
    const { request } = await receiveRequest(t, office.first.id, { requesterEmail: 'Track.Me@example.ca', requesterLocale: 'en' });
    const c = new Client(t.app);
    await c.get('/en/access-request/tracking');
    const bad = await c.post('/en/access-request/tracking', { number: 'nope', email: 'track.me@example.ca' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the request’s number/);
    const right = await c.post('/en/access-request/tracking', { number: request.number.toLowerCase(), email: 'track.me@example.ca' });
    const wrong = await c.post('/en/access-request/tracking', { number: request.number, email: 'someone.else@example.ca' });
    assert.equal(right.statusCode, 303);
    assert.equal(wrong.statusCode, 303);
    assert.equal(right.headers.location, wrong.headers.location);
    assert.match((await c.follow(right)).body, /If this number and this address match a request/);
    const mails = await mailsTo('Track.Me@example.ca', 'accessPublicTrackingLink');
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.textBody, new RegExp(`/en/access-request/tracking/${request.id}\\?t=`));
    assert.equal((await mailsTo('someone.else@example.ca', 'accessPublicTrackingLink')).length, 0);
    assert.equal((await eventsOf(request.id, 'access_tracking_link_sent')).length, 1);
  });

  test('a signed-in requester’s access request: the $5 invoice is theirs (billing’s pages); the notices sent show their letters', async () => {
    const account = await buildAccount(t.database.db, t.authorityId, { givenName: 'Sam', familyName: 'Compte', preferredLanguage: 'en' });
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email: account.email, password: FACTORY_PASSWORD })).statusCode, 303);
    await answerAccess(c, account.email);
    const sent = await c.post('/en/access-request/questions/check', {});
    const requestId = /tracking\/([0-9a-f-]+)\/sent$/.exec(String(sent.headers.location))![1]!;
    const row = await requestRow(requestId);
    assert.equal(row.requesterAccountId, account.id);
    const [invoice] = await t.database.db.select().from(invoices).where(eq(invoices.id, row.invoiceId!));
    assert.equal(invoice?.accountId, account.id);
    const page = await c.get(`/en/access-request/tracking/${requestId}`);
    assert.match(page.body, new RegExp(`action="/en/fees-and-receipts/${invoice!.id}/pay"`), 'paid on billing’s page, as any of their invoices');
    // A guest's pay page does not take a signed-in requester's invoice.
    assert.equal((await c.post(`/en/access-request/tracking/${requestId}/pay`, {})).statusCode, 404);
    // An extension notice with its letter, and the Commissioner's notice (its letter is not the requester's).
    const letter = await t.database.db.transaction(async (tx) => {
      const staged = await t.app.services.documents.stage({ fileName: 'extension.pdf', source: PDF, maxBytes: 1024 * 1024 });
      assert.ok(staged.ok);
      return t.app.services.documents.attach(tx, { authorityId: t.authorityId, ownerAccountId: account.id, subjectKind: REQUEST_DOCUMENTS, subjectId: requestId, typeCode: 'letter', uploadedBy: office.first.practitionerId, origin: { ip: null, userAgent: null }, at: t.clock.now() }, staged.file);
    });
    const commissioner = await t.database.db.transaction(async (tx) => {
      const staged = await t.app.services.documents.stage({ fileName: 'commissioner.pdf', source: PDF, maxBytes: 1024 * 1024 });
      assert.ok(staged.ok);
      return t.app.services.documents.attach(tx, { authorityId: t.authorityId, ownerAccountId: office.first.practitionerId, subjectKind: REQUEST_DOCUMENTS, subjectId: requestId, typeCode: 'letter', uploadedBy: office.first.practitionerId, origin: { ip: null, userAgent: null }, at: t.clock.now() }, staged.file);
    });
    await t.database.db.insert(accessNotices).values([
      { requestId, kind: 'extension', sentTo: account.email, documentId: letter.documentId, sentAt: t.clock.now(), sentBy: office.first.practitionerId },
      { requestId, kind: 'commissioner', sentTo: 'notices@oic-ci.gc.ca', documentId: commissioner.documentId, sentAt: t.clock.now(), sentBy: office.first.practitionerId },
    ]);
    const shown = await c.get(`/en/access-request/tracking/${requestId}`);
    assert.match(shown.body, /Notice of extension/);
    assert.match(shown.body, /Notice to the Information Commissioner/);
    assert.match(shown.body, new RegExp(`/files/${letter.versionId}`));
    assert.doesNotMatch(shown.body, new RegExp(commissioner.versionId));
    assert.equal((await c.get(`/en/access-request/tracking/${requestId}/files/${letter.versionId}`)).statusCode, 200);
    assert.equal((await c.get(`/en/access-request/tracking/${requestId}/files/${commissioner.versionId}`)).statusCode, 404);
  });
});
