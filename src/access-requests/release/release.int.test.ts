import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../audit/index.ts';
import { invoices } from '../../billing/index.ts';
import { mailMessages } from '../../mail/index.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { type AccessOffice, paidOnline, receiveRequest, setUpAccessOffice } from '../../../test/support/access.ts';
import { Client } from '../../../test/support/client.ts';
import { inspectPdf } from '../../../test/support/pdf.ts';
import { REQUEST_DOCUMENTS, REQUEST_INVOICE } from '../core.ts';
import { accessNotices, accessRecords, accessReleases, accessRequests, accessStops } from '../schema.ts';
import { parseSections } from './schemas.ts';
import type { ReleasedFile } from './service.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const REDACTED = Buffer.from('%PDF-1.4\n% redacted\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

let t: TestApp;
let office: AccessOffice;

before(async () => {
  t = await createTestApp();
  office = await setUpAccessOffice(t);
});
after(() => t.close());

const url = (requestId: string, rest: string, orgId = office.first.id, locale: 'en' | 'fr' = 'en') =>
  locale === 'en' ? `/en/institutions/${orgId}/requests/${requestId}/${rest}` : `/fr/institutions/${orgId}/demandes/${requestId}/${rest}`;
const requestRow = async (id: string) => (await t.database.db.select().from(accessRequests).where(eq(accessRequests.id, id)))[0]!;
const recordsOf = (id: string) => t.database.db.select().from(accessRecords).where(eq(accessRecords.requestId, id)).orderBy(accessRecords.addedAt);
const eventsOf = async (id: string, event: string) => (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.event, event)))).length;
const mailTo = (to: string, template: string) => t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, to), eq(mailMessages.template, template)));

/** Adds a record through the page (the records page first: its form's token). */
async function addRecord(c: Client, requestId: string, title: string, pages: string, content: Buffer | null = PDF) {
  await c.get(url(requestId, 'records'));
  return c.upload(url(requestId, 'records'), [['title', title], ['pages', pages], ...(content ? [{ name: 'file', fileName: `${title}.pdf`, content, contentType: 'application/pdf' }] : [])]);
}

async function decide(c: Client, requestId: string, recordId: string, fields: Record<string, string>, file: Buffer | null = null) {
  await c.get(url(requestId, `records/${recordId}`));
  return c.upload(url(requestId, `records/${recordId}`), [...Object.entries(fields), ...(file ? [{ name: 'file', fileName: 'redacted.pdf', content: file, contentType: 'application/pdf' }] : [])]);
}

test('sections are parsed as the Act writes them, the French way too; anything else is refused', () => {
  assert.deepEqual(parseSections('19(1), 20(1)(b); 69,19(1)'), { sections: ['19(1)', '20(1)(b)', '69'], wrong: [] });
  assert.deepEqual(parseSections('20 (1) b), 16(1)(a)(iii), 69.1'), { sections: ['20(1)(b)', '16(1)(a)(iii)', '69.1'], wrong: [] });
  assert.deepEqual(parseSections('section 19, 19(1)').wrong, ['section19']);
});

describe('records and their decisions', () => {
  let requestId: string;
  before(async () => {
    requestId = (await receiveRequest(t, office.first.id)).request.id;
  });

  test('a record is uploaded with its title and pages, in both languages; bad input is refused with the typed values kept', async () => {
    const c = office.first.practitioner;
    assert.equal((await c.get(url(requestId, 'records'))).statusCode, 200);
    const french = await c.get(url(requestId, 'documents', office.first.id, 'fr'));
    assert.equal(french.statusCode, 200);
    assert.match(french.body, /Ajouter un document recueilli/);
    const missing = await addRecord(c, requestId, '', 'three');
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Enter the record’s title/);
    assert.match(missing.body, /Enter the number of pages/);
    assert.match(missing.body, /value="three"/, 'what was typed is kept');
    const noFile = await addRecord(c, requestId, 'Briefing note', '3', null);
    assert.equal(noFile.statusCode, 400);
    assert.match(noFile.body, /Choose the record’s PDF file/);
    assert.equal((await recordsOf(requestId)).length, 0, 'nothing was added');
    assert.equal((await addRecord(c, requestId, 'Briefing note', '3')).statusCode, 303);
    assert.equal((await addRecord(c, requestId, 'Cabinet confidence', '4')).statusCode, 303);
    assert.equal((await addRecord(c, requestId, 'Press release', '1')).statusCode, 303);
    const page = await c.get(url(requestId, 'records'));
    assert.match(page.body, /Briefing note/);
    assert.match(page.body, /3 records, 8 pages in all, 0 pages released, 3 records to decide\./);
    assert.equal(await eventsOf(requestId, 'access_record_added'), 3);
  });

  test('withheld needs a section, in part needs the redacted file and its pages; each decision is audited', async () => {
    const c = office.first.practitioner;
    const [note, cabinet, press] = await recordsOf(requestId);
    const noSection = await decide(c, requestId, cabinet!.id, { decision: 'withheld', exemptions: '' });
    assert.equal(noSection.statusCode, 400);
    assert.match(noSection.body, /Enter at least one section cited/);
    const wrong = await decide(c, requestId, cabinet!.id, { decision: 'withheld', exemptions: 'cabinet' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Enter the sections as in the Act/);
    assert.equal((await decide(c, requestId, cabinet!.id, { decision: 'withheld', exemptions: '69, 21(1)(a)' })).statusCode, 303);

    const noFile = await decide(c, requestId, note!.id, { decision: 'released_in_part', exemptions: '19(1)', pagesReleased: '2' });
    assert.equal(noFile.statusCode, 400);
    assert.match(noFile.body, /Upload the redacted version/);
    const tooMany = await decide(c, requestId, note!.id, { decision: 'released_in_part', exemptions: '19(1)', pagesReleased: '9' }, REDACTED);
    assert.equal(tooMany.statusCode, 400);
    assert.match(tooMany.body, /more than the record’s pages/);
    assert.equal((await decide(c, requestId, note!.id, { decision: 'released_in_part', exemptions: '19(1)', pagesReleased: '2' }, REDACTED)).statusCode, 303);
    assert.equal((await decide(c, requestId, press!.id, { decision: 'released_in_full', exemptions: '' })).statusCode, 303);

    const [noteAfter, cabinetAfter, pressAfter] = await recordsOf(requestId);
    assert.equal(cabinetAfter!.decision, 'withheld');
    assert.deepEqual(cabinetAfter!.exemptions, ['69', '21(1)(a)']);
    assert.equal(noteAfter!.decision, 'released_in_part');
    assert.ok(noteAfter!.releasedDocumentId && noteAfter!.releasedDocumentId !== noteAfter!.documentId);
    assert.equal(noteAfter!.pagesReleased, 2);
    assert.equal(pressAfter!.pagesReleased, 1);
    assert.equal(await eventsOf(requestId, 'access_record_decided'), 3);
    const french = await c.get(url(requestId, `documents/${note!.id}`, office.first.id, 'fr'));
    assert.match(french.body, /Communiqué en partie/);
  });

  test('the package shows what goes and what is withheld, suggests the disposition, previews the letter; it is delivered once, closing the request', async () => {
    const c = office.first.practitioner;
    const page = await c.get(url(requestId, 'release'));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="disclosed_in_part" checked/);
    assert.match(page.body, /Preview of the response letter/);
    assert.match(page.body, /Cabinet confidence — 4 pages, sections 69, 21\(1\)\(a\)/);
    const empty = await c.post(url(requestId, 'release'), { disposition: 'disclosed_in_part', summaryFr: '', summaryEn: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the summary in French/);
    const form = { disposition: 'disclosed_in_part', summaryFr: 'Notes d’information à la ministre, 2025.', summaryEn: 'Briefing notes to the Minister, 2025.' };
    const confirm = await c.post(url(requestId, 'release'), form);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Deliver the package and close the request/);
    assert.equal((await requestRow(requestId)).status, 'in_progress', 'nothing is sent before the confirmation');
    const sent = await c.post(url(requestId, 'release'), { ...form, confirmed: 'yes' });
    assert.equal(sent.statusCode, 303);

    const request = await requestRow(requestId);
    assert.equal(request.status, 'closed');
    assert.equal(request.disposition, 'disclosed_in_part');
    assert.equal(request.pagesReleased, 3);
    assert.equal(request.closedOn, '2026-11-22');
    assert.equal(request.summaryEn, 'Briefing notes to the Minister, 2025.');
    const [release] = await t.database.db.select().from(accessReleases).where(eq(accessReleases.requestId, requestId));
    const contents = release!.contents as ReleasedFile[];
    const [note, cabinet, press] = await recordsOf(requestId);
    assert.deepEqual(contents.map((f) => f.recordId).sort(), [note!.id, press!.id].sort(), 'the record withheld is not in the release');
    assert.ok(!contents.some((f) => f.recordId === cabinet!.id));
    const documents = await t.app.services.documents.list(REQUEST_DOCUMENTS, requestId);
    const redactedVersion = documents.find((d) => d.id === note!.releasedDocumentId)!.versions[0]!.id;
    assert.equal(contents.find((f) => f.recordId === note!.id)!.versionId, redactedVersion, 'in part: the redacted version');
    assert.deepEqual(release!.exemptions.sort(), ['19(1)', '21(1)(a)', '69']);
    const notices = await t.database.db.select().from(accessNotices).where(eq(accessNotices.requestId, requestId));
    assert.deepEqual(notices.map((n) => [n.kind, n.documentId]), [['response', release!.letterDocumentId]]);
    assert.equal(await eventsOf(requestId, 'access_release_delivered'), 1);
    assert.equal(await eventsOf(requestId, 'access_request_closed'), 1);
    const mail = await mailTo('camille@example.ca', 'accessReleaseDelivered');
    assert.equal(mail.length, 1);
    assert.doesNotMatch(JSON.stringify(mail[0]), /Cabinet confidence|Briefing note/, 'the mail says the number, not the records');

    // The letter: a tagged PDF, the requester's French first then English, the sections, not the title of what is withheld.
    const letter = documents.find((d) => d.id === release!.letterDocumentId)!;
    const version = await t.app.services.documents.subjectVersion(letter.versions[0]!.id, REQUEST_DOCUMENTS, requestId);
    const chunks: Buffer[] = [];
    for await (const chunk of await version!.body()) chunks.push(chunk as Buffer);
    const pdf = await inspectPdf(new Uint8Array(Buffer.concat(chunks)));
    assert.ok(pdf.tagged);
    assert.ok(pdf.pdfUaIdentifier);
    assert.equal(pdf.untaggedText, 0);
    assert.ok(pdf.tableHeaderCells >= 8, 'the records table has its header row in both languages');
    assert.equal(pdf.lang, 'fr-CA');
    assert.deepEqual(pdf.elementLanguages, ['en-CA']);
    for (const expected of ['Réponse à votre demande', 'Response to your request', request.number, 'Communication partielle', 'Disclosed in part', '19(1)', '21(1)(a)', '69', 'Commissaire à l’information', 'Information Commissioner', 'Briefing note']) {
      assert.ok(pdf.text.includes(expected), `missing ${expected} in ${pdf.text}`);
    }
    assert.ok(!pdf.text.includes('Cabinet confidence'), 'a record withheld is listed without its title');
    assert.ok(pdf.text.indexOf('Réponse à votre demande') < pdf.text.indexOf('Response to your request'));

    // Closed: nothing more is delivered, added or decided.
    assert.equal((await c.post(url(requestId, 'release'), { ...form, confirmed: 'yes' })).statusCode, 409);
    assert.equal((await addRecord(c, requestId, 'Late record', '1')).statusCode, 409);
    assert.equal((await decide(c, requestId, press!.id, { decision: 'withheld', exemptions: '69' })).statusCode, 409);
    const after = await c.get(url(requestId, 'release'));
    assert.match(after.body, /Package delivered on/);
    assert.match(after.body, /Response letter \(PDF\):/);
    assert.ok(after.body.includes(`href="/en/documents/${letter.versions[0]!.id}"`), 'the letter is linked');
    // The practitioner reads the letter through the documents page, as any document of the request.
    assert.equal((await c.get(`/en/documents/${letter.versions[0]!.id}`)).statusCode, 200);
    assert.equal((await office.second.practitioner.get(`/en/documents/${letter.versions[0]!.id}`)).statusCode, 404);
  });
});

test('the package cannot go while a record is pending or the request is not in progress, and says why', async () => {
  const c = office.first.practitioner;
  const { request } = await receiveRequest(t, office.first.id);
  const none = await c.get(url(request.id, 'release'));
  assert.match(none.body, /No record has been gathered/);
  await addRecord(c, request.id, 'Memo', '2');
  const pending = await c.get(url(request.id, 'release'));
  assert.match(pending.body, /Records still await their decision \(1\)/);
  assert.match(pending.body, /disabled/);
  const refused = await c.post(url(request.id, 'release'), { disposition: 'all_disclosed', summaryFr: 'Un mémo.', summaryEn: 'A memo.', confirmed: 'yes' });
  assert.equal(refused.statusCode, 409);
  assert.equal((await requestRow(request.id)).status, 'in_progress');
  const french = await c.get(url(request.id, 'communication', office.first.id, 'fr'));
  assert.match(french.body, /Des documents attendent encore leur décision \(1\)/);
});

test('closing without a release: no records exist, with the letter and the mail; abandoned only while awaiting the requester', async () => {
  const c = office.first.practitioner;
  const { request } = await receiveRequest(t, office.first.id, { requesterEmail: 'nothing@example.ca', requesterLocale: 'en' });
  const page = await c.get(url(request.id, 'close'));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /“Request abandoned”: only for a request awaiting/);
  const form = { disposition: 'no_records_exist', summaryFr: 'Contrats de 2024.', summaryEn: 'Contracts of 2024.' };
  assert.equal((await c.post(url(request.id, 'close'), { ...form, disposition: 'abandoned', confirmed: 'yes' })).statusCode, 409);
  const confirm = await c.post(url(request.id, 'close'), form);
  assert.match(confirm.body, /we found no record matching your request/);
  const closed = await c.post(url(request.id, 'close'), { ...form, confirmed: 'yes' });
  assert.equal(closed.statusCode, 303);
  const row = await requestRow(request.id);
  assert.equal(row.status, 'closed');
  assert.equal(row.disposition, 'no_records_exist');
  assert.equal(row.pagesReleased, 0);
  const notices = await t.database.db.select().from(accessNotices).where(eq(accessNotices.requestId, request.id));
  assert.equal(notices.length, 1);
  assert.equal((await mailTo('nothing@example.ca', 'accessRequestClosed')).length, 1);
  const closedPage = await c.get(url(request.id, 'close'));
  assert.match(closedPage.body, /already closed/);
  assert.match(closedPage.body, /Response letter \(PDF\):/);

  const waiting = (await receiveRequest(t, office.first.id, { fee: 'due', requesterEmail: 'gone@example.ca' })).request;
  assert.equal(waiting.status, 'awaiting_fee');
  assert.equal((await c.post(url(waiting.id, 'close'), { ...form, confirmed: 'yes' })).statusCode, 409, 'no records exist: only in progress');
  assert.equal((await c.post(url(waiting.id, 'close'), { ...form, disposition: 'abandoned', confirmed: 'yes' })).statusCode, 303);
  const abandoned = await requestRow(waiting.id);
  assert.equal(abandoned.status, 'closed');
  assert.equal(abandoned.disposition, 'abandoned');
  assert.equal(await eventsOf(waiting.id, 'access_request_closed'), 1);
});

/** The text of a request's response letter, as a reader reads it. */
async function letterOf(requestId: string) {
  const [notice] = await t.database.db.select().from(accessNotices).where(and(eq(accessNotices.requestId, requestId), eq(accessNotices.kind, 'response')));
  const documents = await t.app.services.documents.list(REQUEST_DOCUMENTS, requestId);
  const version = await t.app.services.documents.subjectVersion(documents.find((d) => d.id === notice!.documentId)!.versions[0]!.id, REQUEST_DOCUMENTS, requestId);
  const chunks: Buffer[] = [];
  for await (const chunk of await version!.body()) chunks.push(chunk as Buffer);
  return inspectPdf(new Uint8Array(Buffer.concat(chunks)));
}

test('a Privacy Act request neither confirmed nor denied: the letter names the Privacy Commissioner, in the requester’s English first', async () => {
  const c = office.first.practitioner;
  const { request } = await receiveRequest(t, office.first.id, { act: 'privacy', fee: 'none', requesterEmail: 'privacy@example.ca', requesterLocale: 'en' });
  await c.get(url(request.id, 'close'));
  const form = { disposition: 'neither_confirmed_nor_denied', summaryFr: 'Dossier personnel.', summaryEn: 'Personal file.', confirmed: 'yes' };
  assert.equal((await c.post(url(request.id, 'fermeture', office.first.id, 'fr'), form)).statusCode, 303);
  const pdf = await letterOf(request.id);
  assert.ok(pdf.text.includes('Immigration, Refugees and Citizenship Canada') && pdf.text.includes('Test college'), 'the institution and the office');
  assert.equal(pdf.lang, 'en-CA');
  assert.deepEqual(pdf.elementLanguages, ['fr-CA']);
  for (const expected of ['Privacy Commissioner of Canada', 'Commissaire à la protection de la vie privée', 'neither confirm nor deny', 'ni confirmer ni infirmer', request.number]) assert.ok(pdf.text.includes(expected), `missing ${expected}`);
  assert.ok(pdf.text.indexOf('Response to your request') < pdf.text.indexOf('Réponse à votre demande'));
  assert.equal((await mailTo('privacy@example.ca', 'accessRequestClosed')).length, 1);
});

test('a request abandoned while awaiting clarification: its question is closed unanswered, the clock closed', async () => {
  const c = office.first.practitioner;
  const { request } = await receiveRequest(t, office.first.id);
  // The workspace's clarification (part B) writes this: the stop and the status.
  await t.database.db.insert(accessStops).values({ requestId: request.id, reason: 'clarification', startedOn: '2026-11-22', question: 'Which year?', askedBy: office.first.practitionerId, askedAt: t.clock.now() });
  await t.database.db.update(accessRequests).set({ status: 'awaiting_clarification' }).where(eq(accessRequests.id, request.id));
  await c.get(url(request.id, 'close'));
  assert.equal((await c.post(url(request.id, 'close'), { disposition: 'abandoned', summaryFr: 'Sans suite.', summaryEn: 'Not pursued.', confirmed: 'yes' })).statusCode, 303);
  const [stop] = await t.database.db.select().from(accessStops).where(eq(accessStops.requestId, request.id));
  assert.equal(stop!.endedOn, '2026-11-22');
  assert.equal(stop!.answer, null);
  const row = await requestRow(request.id);
  assert.equal(row.disposition, 'abandoned');
  const clock = await t.app.services.accessRequests.core.clockOf(row);
  assert.equal(clock.state, 'closed');
  const pdf = await letterOf(request.id);
  assert.ok(pdf.text.includes('considérée comme abandonnée') && pdf.text.includes('considered abandoned'));
});

test('the fee waived or recorded starts the clock that day; the requester is told the due date', async () => {
  const c = office.first.practitioner;
  const { request } = await receiveRequest(t, office.first.id, { fee: 'due', requesterEmail: 'waived@example.ca', requesterLocale: 'en' });
  const page = await c.get(url(request.id, 'fee'));
  assert.match(page.body, /Waive the fee/);
  const empty = await c.post(url(request.id, 'fee'), { action: 'waive', reason: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Enter the reason for the waiver/);
  assert.equal((await c.post(url(request.id, 'fee'), { action: 'waive', reason: 'Requester in financial hardship.' })).statusCode, 303);
  const row = await requestRow(request.id);
  assert.equal(row.status, 'in_progress');
  assert.equal(row.feeStatus, 'waived');
  assert.equal(row.receivedOn, '2026-11-22');
  assert.equal(row.dueOn, '2026-12-22');
  assert.equal(await eventsOf(request.id, 'access_fee_waived'), 1);
  const [mail] = await mailTo('waived@example.ca', 'accessFeeSettled');
  assert.match(JSON.stringify(mail), /December 22, 2026/);
  assert.equal((await c.post(url(request.id, 'fee'), { action: 'waive', reason: 'Again.' })).statusCode, 409, 'not awaited any more');

  const cheque = (await receiveRequest(t, office.first.id, { fee: 'due' })).request;
  assert.equal((await c.post(url(cheque.id, 'droits', office.first.id, 'fr'), { action: 'record', note: 'Chèque 1042 reçu le 20 novembre.' })).statusCode, 303);
  const recorded = await requestRow(cheque.id);
  assert.equal(recorded.feeStatus, 'paid');
  assert.equal(recorded.status, 'in_progress');
  assert.equal(await eventsOf(cheque.id, 'access_fee_recorded'), 1);
  assert.match((await c.get(url(cheque.id, 'fee'))).body, /not paid online/, 'a cheque is not refunded here, and the page says why');
});

const paidRequest = () => paidOnline(t, office.first.id);

describe('a fee paid online', () => {
  test('is paid once on the test gateway, then refunded once with the requester mailed', async () => {
    const { account, request, invoice, pay } = await paidRequest();
    const paid = await requestRow(request.id);
    assert.equal(paid.feeStatus, 'paid');
    assert.equal(paid.status, 'in_progress');
    // A second payment of the same invoice: refused, and the clock started once.
    const again = await pay();
    assert.ok(!String(again.headers.location ?? '').includes('/test-gateway/'), 'no second checkout for a paid invoice');
    assert.equal(await eventsOf(request.id, 'access_fee_paid'), 1);
    const counted = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from payments where invoice_id = ${invoice.id}`);
    assert.equal(Number((counted as unknown as { rows: { n: number }[] }).rows?.[0]?.n ?? (counted as unknown as { n: number }[])[0]?.n), 1, 'one payment');

    const c = office.first.practitioner;
    const page = await c.get(url(request.id, 'fee'));
    assert.match(page.body, new RegExp(`Invoice ${invoice.number}`));
    const empty = await c.post(url(request.id, 'fee'), { action: 'refund', reason: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the reason for the refund/);
    const refunded = await c.post(url(request.id, 'fee'), { action: 'refund', reason: 'Request sent to the wrong institution.' });
    assert.equal(refunded.statusCode, 303);
    assert.match(String(refunded.headers.location), /notice=refunded/);
    assert.equal((await requestRow(request.id)).feeStatus, 'refunded');
    const [invoiceAfter] = await t.database.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    assert.equal(invoiceAfter!.status, 'refunded');
    assert.equal(invoiceAfter!.refundedCents, invoice.totalCents);
    assert.equal(await eventsOf(request.id, 'access_fee_refunded'), 1);
    const [mail] = await mailTo(account.email, 'accessFeeRefunded');
    assert.match(JSON.stringify(mail), /Request sent to the wrong institution\./);

    const twice = await c.post(url(request.id, 'fee'), { action: 'refund', reason: 'Again.' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /already refunded/);
    assert.equal(await t.app.services.accessRequests.release.refund({ requestId: request.id, accountId: office.staffId, reason: 'From the office.', origin: { ip: null, userAgent: null } }), 'already_refunded');
    assert.equal(await eventsOf(request.id, 'access_fee_refunded'), 1);
    assert.equal(await eventsOf(invoice.id, 'invoice_refunded'), 1, 'one refund in billing');
    // Billing's refund for a module refunds only the invoice of the subject that module checked.
    const other = await t.app.services.billing.staff.refundFor(office.first.practitionerId, invoice.id, { refundId: crypto.randomUUID(), amountCents: 1, reason: 'x', subject: { kind: REQUEST_INVOICE, id: crypto.randomUUID() } }, { ip: null, userAgent: null });
    assert.equal(other, 'not_found');
  });

  test('two refunds at once (the institution and the office): one refund, one mail', async () => {
    const { account, request } = await paidRequest();
    const origin = { ip: null, userAgent: null };
    const release = t.app.services.accessRequests.release;
    const results = await Promise.all([
      release.refund({ requestId: request.id, accountId: office.first.practitionerId, reason: 'Duplicate request.', origin, organizationId: office.first.id }),
      release.refund({ requestId: request.id, accountId: office.staffId, reason: 'Duplicate request.', origin, authorityId: t.authorityId }),
    ]);
    assert.deepEqual(results.filter((r) => r === 'refunded').length, 1, JSON.stringify(results));
    assert.equal(await eventsOf(request.id, 'access_fee_refunded'), 1);
    assert.equal((await mailTo(account.email, 'accessFeeRefunded')).length, 1);
    assert.equal((await requestRow(request.id)).feeStatus, 'refunded');
  });
});

test('another institution’s practitioner finds none of these pages', async () => {
  const { request } = await receiveRequest(t, office.first.id);
  for (const rest of ['records', 'release', 'close', 'fee']) {
    assert.equal((await office.second.practitioner.get(url(request.id, rest, office.second.id))).statusCode, 404, rest);
    assert.equal((await office.second.practitioner.get(url(request.id, rest, office.first.id))).statusCode, 404, rest);
  }
  assert.equal((await office.second.practitioner.post(url(request.id, 'fee', office.second.id), { action: 'waive', reason: 'x' })).statusCode, 404);
});
