import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../audit/index.ts';
import { mailMessages } from '../../mail/index.ts';
import type { LocalDate } from '../../platform/calendar.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { type AccessOffice, receiveRequest, setUpAccessOffice } from '../../../test/support/access.ts';
import type { Client } from '../../../test/support/client.ts';
import { inspectPdf } from '../../../test/support/pdf.ts';
import { accessConsultations, accessExtensions, accessNotices, accessRequests, accessStops, accessTransfers } from '../schema.ts';

let t: TestApp;
let office: AccessOffice;

const url = (orgId: string, requestId: string, rest = '') => `/en/institutions/${orgId}/requests/${requestId}${rest}`;
const frUrl = (orgId: string, requestId: string, rest = '') => `/fr/institutions/${orgId}/demandes/${requestId}${rest}`;
const dashboard = (orgId: string, query = '') => `/en/institutions/${orgId}/requests${query}`;
const rowOf = async (id: string) => (await t.database.db.select().from(accessRequests).where(eq(accessRequests.id, id)))[0]!;
const eventsOf = async (id: string, event: string) => (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, id), eq(auditEvents.event, event as never)))).length;
const mailTo = async (to: string, template: string) => (await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, to), eq(mailMessages.template, template as never)))).length;
const receive = async (orgId: string, overrides: Parameters<typeof receiveRequest>[2] = {}) => (await receiveRequest(t, orgId, overrides)).request;

/** Posts a form and follows the redirect to the page it leads to. */
async function postFollow(client: Client, address: string, form: Record<string, string>) {
  const res = await client.post(address, form);
  assert.equal(res.statusCode, 303, `${address}: ${res.statusCode} ${String(res.headers.location)} ${res.body.slice(0, 2000)}`);
  return client.follow(res);
}

/** Takes an extension through its two steps: the confirmation page (new due date shown), then taken. */
async function extend(client: Client, orgId: string, requestId: string, reason: string, days: number) {
  await client.get(url(orgId, requestId, '/extension'));
  const confirm = await client.post(url(orgId, requestId, '/extension'), { reason, days: String(days) });
  assert.equal(confirm.statusCode, 200, confirm.body.slice(0, 3000));
  assert.match(confirm.body, /New due date/);
  return postFollow(client, url(orgId, requestId, '/extension'), { reason, days: String(days), confirmed: 'yes' });
}

/** The latest letter of a kind, read as a practitioner through the documents page. */
async function letterText(client: Client, requestId: string, kind: 'extension' | 'commissioner') {
  const notices = await t.database.db.select().from(accessNotices).where(and(eq(accessNotices.requestId, requestId), eq(accessNotices.kind, kind)));
  const notice = notices.at(-1);
  assert.ok(notice?.documentId);
  const versions = await t.app.services.documents.list('access_request', requestId);
  const version = versions.find((d) => d.id === notice.documentId)!.versions.at(-1)!;
  const res = await client.get(`/en/documents/${version.id}`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
  return inspectPdf(new Uint8Array(res.rawPayload));
}

before(async () => {
  t = await createTestApp();
  office = await setUpAccessOffice(t);
});
after(() => t.close());

describe('the dashboard', () => {
  test('counts by state and queue, overdue apart from what is not counted as late, sorted by due date, filters in the address', async () => {
    const first = office.first;
    const overdue = await receive(first.id, { receivedOn: '2026-10-01' as LocalDate });
    const soon = await receive(first.id, { receivedOn: '2026-10-25' as LocalDate, act: 'privacy', fee: 'none' });
    const fee = await receive(first.id, { fee: 'due' });
    const other = await receive(office.second.id);
    const page = await first.practitioner.get(dashboard(first.id));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Overdue \(1\)/);
    assert.match(page.body, /Due within 7 days \(1\)/);
    assert.match(page.body, /Awaiting the fee \(1\)/);
    assert.match(page.body, /never counted as late/);
    assert.ok(page.body.indexOf(overdue.number) < page.body.indexOf(soon.number), 'sorted by due date');
    assert.doesNotMatch(page.body, new RegExp(other.number), 'another institution’s request is not listed');
    assert.match(page.body, /Late by \d+ days|late/i);
    const numbers = async (query: string) => [...(await first.practitioner.get(dashboard(first.id, query))).body.matchAll(/>([AP]-2026-\d{6})<\/a>/g)].map((m) => m[1]!).filter((v, i, a) => a.indexOf(v) === i);
    assert.deepEqual(await numbers('?queue=overdue'), [overdue.number]);
    assert.deepEqual(await numbers('?queue=due_soon'), [soon.number]);
    assert.deepEqual(await numbers('?queue=awaiting_fee'), [fee.number]);
    assert.deepEqual(await numbers('?act=privacy'), [soon.number]);
    assert.deepEqual(await numbers(`?number=${overdue.number.toLowerCase()}`), [overdue.number]);
    assert.deepEqual((await numbers('?queue=unassigned')).length, 3);
    assert.deepEqual((await numbers('?queue=nonsense')).length, 3, 'a wrong filter is no filter');
    const french = await first.practitioner.get(`/fr/institutions/${first.id}/demandes`);
    assert.equal(french.statusCode, 200);
    assert.match(french.body, /En retard \(1\)/);
    // The dashboard card.
    const home = await first.practitioner.get('/en/dashboard');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Overdue: 1\. Due within 7 days: 1\./);
  });
});

describe('a request', () => {
  test('the clock says in words how a due date that falls on Christmas moved past Boxing Day', async () => {
    const r = await receive(office.first.id, { receivedOn: '2026-11-25' as LocalDate });
    const page = await office.first.practitioner.get(url(office.first.id, r.id));
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Christmas Day/);
    assert.match(page.body, /Boxing Day/);
    assert.match(page.body, /December 29, 2026/);
    assert.match(page.body, /Ask the requester to clarify/);
    assert.match(page.body, /Record an answer received by phone or mail<\/span> — <span class="govuk-hint">no question awaits an answer/);
    const french = await office.first.practitioner.get(frUrl(office.first.id, r.id));
    assert.equal(french.statusCode, 200);
    assert.match(french.body, /Noël/);
  });

  test('a practitioner of another institution finds none of its pages', async () => {
    const r = await receive(office.first.id);
    for (const rest of ['', '/assignment', '/clarification', '/extension', '/transfer', '/consultations']) {
      assert.equal((await office.second.practitioner.get(url(office.first.id, r.id, rest))).statusCode, 404, rest);
      assert.equal((await office.second.practitioner.get(url(office.second.id, r.id, rest))).statusCode, 404, rest);
    }
    assert.equal((await office.second.practitioner.get(dashboard(office.first.id))).statusCode, 404);
    const post = await office.second.practitioner.post(url(office.first.id, r.id, '/clarification'), { question: 'x' });
    assert.equal(post.statusCode, 404);
    assert.equal((await rowOf(r.id)).status, 'in_progress');
  });

  test('assignment to a practitioner of the institution, audited and mailed', async () => {
    const r = await receive(office.first.id);
    await office.first.manager.get(url(office.first.id, r.id));
    const page = await postFollow(office.first.manager, url(office.first.id, r.id, '/assignment'), { assigneeId: office.first.practitionerId });
    assert.match(page.body, /The assignment is saved/);
    assert.equal((await rowOf(r.id)).assigneeId, office.first.practitionerId);
    assert.equal(await eventsOf(r.id, 'access_request_assigned'), 1);
    const someoneElse = await office.first.manager.post(url(office.first.id, r.id, '/assignment'), { assigneeId: office.second.practitionerId });
    assert.equal(someoneElse.statusCode, 400);
    assert.match(someoneElse.body, /Choose a person of the institution/);
    const mine = await office.first.practitioner.get(dashboard(office.first.id, '?queue=mine'));
    assert.match(mine.body, new RegExp(r.number));
  });
});

describe('clarification', () => {
  test('the clock stops while the requester is asked, and the due date moves by the days stopped', async () => {
    const r = await receive(office.first.id, { receivedOn: '2026-11-10' as LocalDate });
    assert.equal((await rowOf(r.id)).dueOn, '2026-12-10');
    await office.first.practitioner.get(url(office.first.id, r.id, '/clarification'));
    const empty = await office.first.practitioner.post(url(office.first.id, r.id, '/clarification'), { question: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Write the question to ask/);
    const asked = await postFollow(office.first.practitioner, url(office.first.id, r.id, '/clarification'), { question: 'Which minister do you mean?' });
    assert.match(asked.body, /the clock is stopped/);
    assert.equal((await rowOf(r.id)).status, 'awaiting_clarification');
    assert.equal(await mailTo('camille@example.ca', 'accessWorkspaceClarification'), 1);
    const dash = await office.first.practitioner.get(dashboard(office.first.id, '?queue=awaiting_clarification'));
    assert.match(dash.body, new RegExp(r.number));
    const extension = await office.first.practitioner.get(url(office.first.id, r.id, '/extension'));
    assert.match(extension.body, /the clock is not running/);
    // Asked four days ago (the session would not survive the test clock moving by days).
    await t.database.db.update(accessStops).set({ startedOn: '2026-11-18' }).where(eq(accessStops.requestId, r.id));
    const answered = await postFollow(office.first.practitioner, url(office.first.id, r.id, '/clarification'), { answer: 'The Minister of Immigration.' });
    assert.match(answered.body, /clock is running again/);
    const row = await rowOf(r.id);
    assert.equal(row.status, 'in_progress');
    assert.equal(row.dueOn, '2026-12-14', '10 December + 4 days stopped');
    assert.match(answered.body, /4 days not counted/);
    const [stop] = await t.database.db.select().from(accessStops).where(eq(accessStops.requestId, r.id));
    assert.equal(stop!.endedOn, '2026-11-22');
  });
});

describe('extensions', () => {
  test('each reason of each act, with the bilingual notice letter (a tagged PDF) and the requester mailed', async () => {
    for (const [act, reason] of [['access', 'atia_9_1_a'], ['access', 'atia_9_1_b'], ['access', 'atia_9_1_c'], ['privacy', 'pa_15_a_i'], ['privacy', 'pa_15_a_ii'], ['privacy', 'pa_15_b']] as const) {
      const r = await receive(office.first.id, { act, fee: act === 'privacy' ? 'none' : 'paid', requesterEmail: `${reason}@example.ca` });
      const page = await extend(office.first.practitioner, office.first.id, r.id, reason, 10);
      assert.match(page.body, /The extension is taken/);
      assert.equal((await rowOf(r.id)).dueOn, '2027-01-04', `${reason}: 22 December + 10 = 1 January (New Year’s Day), then the weekend`);
      assert.equal(await mailTo(`${reason}@example.ca`, 'accessWorkspaceExtension'), 1);
      assert.equal(await eventsOf(r.id, 'access_extension_taken'), 1);
      assert.equal(await eventsOf(r.id, 'access_notice_sent'), 1);
      const wrong = await office.first.practitioner.post(url(office.first.id, r.id, '/extension'), { reason: act === 'access' ? 'pa_15_b' : 'atia_9_1_a', days: '5' });
      assert.equal(wrong.statusCode, 409);
      if (reason === 'atia_9_1_a' || reason === 'pa_15_b') {
        const pdf = await letterText(office.first.practitioner, r.id, 'extension');
        assert.ok(pdf.tagged);
        assert.match(pdf.text, /Avis de prorogation/);
        assert.match(pdf.text, /Notice of extension/);
        assert.match(pdf.text, new RegExp(r.number));
        assert.match(pdf.text, reason === 'atia_9_1_a' ? /Information Commissioner/ : /Privacy Commissioner/);
        assert.match(pdf.text, reason === 'atia_9_1_a' ? /Commissaire à l’information/ : /Commissaire à la protection de la vie privée/);
      }
    }
  });

  test('in French: the confirmation shows the new due date before it is taken, and a bad number is said in French', async () => {
    const r = await receive(office.first.id);
    const address = frUrl(office.first.id, r.id, '/prorogation');
    const form = await office.first.practitioner.get(address);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Alinéa 9\(1\)a\)/);
    const bad = await office.first.practitioner.post(address, { reason: 'atia_9_1_c', days: 'abc' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Entrez un nombre de jours entre 1 et 365/);
    assert.match(bad.body, /value="atia_9_1_c" checked/);
    const confirm = await office.first.practitioner.post(address, { reason: 'atia_9_1_c', days: '20' });
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Nouvelle date limite/);
    assert.match(confirm.body, /11 janvier 2027/);
    assert.equal((await t.database.db.select().from(accessExtensions).where(eq(accessExtensions.requestId, r.id))).length, 0, 'nothing taken before the confirmation');
  });

  test('the Privacy Act’s 30 days in all', async () => {
    const r = await receive(office.first.id, { act: 'privacy', fee: 'none' });
    await office.first.practitioner.get(url(office.first.id, r.id, '/extension'));
    const over = await office.first.practitioner.post(url(office.first.id, r.id, '/extension'), { reason: 'pa_15_a_i', days: '31' });
    assert.equal(over.statusCode, 409);
    assert.match(over.body, /at most 30 days of extension in all/);
    assert.match(over.body, /value="31"/, 'what was typed is kept');
    await extend(office.first.practitioner, office.first.id, r.id, 'pa_15_a_i', 20);
    const more = await office.first.practitioner.post(url(office.first.id, r.id, '/extension'), { reason: 'pa_15_b', days: '11', confirmed: 'yes' });
    assert.equal(more.statusCode, 409);
    assert.equal((await t.database.db.select().from(accessExtensions).where(eq(accessExtensions.requestId, r.id))).length, 1);
  });

  test('the Commissioner is notified over 30 days in all, not at 30', async () => {
    const r = await receive(office.first.id);
    const thirty = await extend(office.first.practitioner, office.first.id, r.id, 'atia_9_1_a', 30);
    assert.match(thirty.body, /its notice sent to the requester/);
    assert.equal((await t.database.db.select().from(accessNotices).where(and(eq(accessNotices.requestId, r.id), eq(accessNotices.kind, 'commissioner')))).length, 0);
    await office.first.practitioner.get(url(office.first.id, r.id, '/extension'));
    const confirm = await office.first.practitioner.post(url(office.first.id, r.id, '/extension'), { reason: 'atia_9_1_b', days: '15' });
    assert.match(confirm.body, /a notice will also be sent to the Information Commissioner/);
    const page = await postFollow(office.first.practitioner, url(office.first.id, r.id, '/extension'), { reason: 'atia_9_1_b', days: '15', confirmed: 'yes' });
    assert.match(page.body, /to the Information Commissioner/);
    const notices = await t.database.db.select().from(accessNotices).where(eq(accessNotices.requestId, r.id));
    assert.deepEqual(notices.map((n) => n.kind).sort(), ['commissioner', 'extension', 'extension']);
    assert.equal(notices.find((n) => n.kind === 'commissioner')!.sentTo, 'notices@oic-ci.gc.ca');
    assert.equal(await mailTo('notices@oic-ci.gc.ca', 'accessWorkspaceCommissioner'), 2, 'one in each language');
    const pdf = await letterText(office.first.practitioner, r.id, 'commissioner');
    assert.match(pdf.text, /9\(2\)/);
    assert.match(pdf.text, /45 jours/);
    assert.match(pdf.text, /45 days/);
    assert.match(page.body, /Read the letter \(PDF\)/);
  });

  test('refused once the original time limit has passed', async () => {
    const r = await receive(office.first.id, { receivedOn: '2026-10-01' as LocalDate });
    const page = await office.first.practitioner.get(url(office.first.id, r.id, '/extension'));
    assert.match(page.body, /the original time limit has passed/);
    const post = await office.first.practitioner.post(url(office.first.id, r.id, '/extension'), { reason: 'atia_9_1_a', days: '10', confirmed: 'yes' });
    assert.equal(post.statusCode, 409);
    assert.equal((await t.database.db.select().from(accessExtensions).where(eq(accessExtensions.requestId, r.id))).length, 0);
    const request = await office.first.practitioner.get(url(office.first.id, r.id));
    assert.match(request.body, /Extend the time limit<\/span> — <span class="govuk-hint">No extension can be taken: the original time limit has passed/);
  });
});

describe('transfers', () => {
  test('the request moves with its clock; the old institution loses it at once, the new one has it with its history', async () => {
    const r = await receive(office.first.id, { receivedOn: '2026-11-20' as LocalDate });
    const due = (await rowOf(r.id)).dueOn;
    await office.first.practitioner.get(url(office.first.id, r.id, '/transfer'));
    const missing = await office.first.practitioner.post(url(office.first.id, r.id, '/transfer'), { toOrganizationId: office.second.id, reason: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Say why the request is transferred/);
    const page = await postFollow(office.first.practitioner, url(office.first.id, r.id, '/transfer'), { toOrganizationId: office.second.id, reason: 'The records are the Agency’s.' });
    assert.match(page.body, /transferred to the other institution/);
    assert.equal((await office.first.practitioner.get(url(office.first.id, r.id))).statusCode, 404);
    const there = await office.second.practitioner.get(url(office.second.id, r.id));
    assert.equal(there.statusCode, 200);
    assert.match(there.body, /Transferred from Immigration, Refugees and Citizenship Canada to Canada Revenue Agency/);
    const row = await rowOf(r.id);
    assert.equal(row.organizationId, office.second.id);
    assert.equal(row.dueOn, due, 'the clock is kept');
    assert.equal((await t.database.db.select().from(accessTransfers).where(eq(accessTransfers.requestId, r.id))).length, 1);
    assert.equal(await mailTo('camille@example.ca', 'accessWorkspaceTransferred'), 1);
    assert.equal(await mailTo(office.second.managerEmail, 'accessWorkspaceTransferredIn'), 1);
  });
});

describe('consultations', () => {
  test('another institution is consulted, sees the question (not the request), answers; overdue shown; a third party’s answer recorded; withdrawn', async () => {
    const r = await receive(office.first.id);
    await office.first.practitioner.get(url(office.first.id, r.id, '/consultations'));
    const bad = await office.first.practitioner.post(url(office.first.id, r.id, '/consultations'), { do: 'send', kind: 'third_party', partyName: '', partyEmail: '', question: 'Q', dueDays: '10' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the third party’s name/);
    await postFollow(office.first.practitioner, url(office.first.id, r.id, '/consultations'), { do: 'send', kind: 'institution', consultedOrganizationId: office.second.id, question: 'Do you object to releasing page 4?', dueDays: '10' });
    await postFollow(office.first.practitioner, url(office.first.id, r.id, '/consultations'), { do: 'send', kind: 'third_party', partyName: 'Acme Ltd.', partyEmail: 'legal@acme.example', question: 'Is page 7 confidential?', dueDays: '15' });
    assert.equal(await mailTo('legal@acme.example', 'accessWorkspaceThirdParty'), 1);
    assert.equal(await mailTo(office.second.managerEmail, 'accessWorkspaceConsultation'), 1);
    const [toSecond] = await t.database.db.select().from(accessConsultations).where(and(eq(accessConsultations.requestId, r.id), eq(accessConsultations.kind, 'institution')));
    assert.equal(toSecond!.dueOn, '2026-12-02', '22 November + 10 days');
    // Overdue once its day passed (sent 11 days ago: the session would not survive the test clock moving by days).
    await t.database.db.update(accessConsultations).set({ sentOn: '2026-11-11', dueOn: '2026-11-21' }).where(eq(accessConsultations.id, toSecond!.id));
    const asked = await office.second.practitioner.get(`/en/institutions/${office.second.id}/consultations`);
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, new RegExp(r.number));
    assert.match(asked.body, /Answer overdue/);
    const onRequest = await office.first.practitioner.get(url(office.first.id, r.id));
    assert.match(onRequest.body, /Answer overdue/);
    assert.equal((await office.second.practitioner.get(url(office.second.id, r.id))).statusCode, 404, 'the consulted institution does not see the request');
    assert.equal((await office.first.practitioner.get(`/en/institutions/${office.first.id}/consultations/${toSecond!.id}`)).statusCode, 404, 'only the consulted institution answers');
    const answer = `/en/institutions/${office.second.id}/consultations/${toSecond!.id}`;
    await office.second.practitioner.get(answer);
    const answered = await postFollow(office.second.practitioner, answer, { answer: 'No objection.' });
    assert.match(answered.body, /Your answer is sent/);
    assert.equal(await mailTo(office.first.managerEmail, 'accessWorkspaceConsultationAnswered'), 1);
    const [third] = await t.database.db.select().from(accessConsultations).where(and(eq(accessConsultations.requestId, r.id), eq(accessConsultations.kind, 'third_party')));
    await postFollow(office.first.practitioner, url(office.first.id, r.id, '/consultations'), { do: 'answer', consultationId: third!.id, answer: 'Yes, page 7 is confidential.' });
    const rows = await t.database.db.select().from(accessConsultations).where(eq(accessConsultations.requestId, r.id));
    assert.deepEqual(rows.map((c) => c.status).sort(), ['answered', 'answered']);
    await postFollow(office.first.practitioner, url(office.first.id, r.id, '/consultations'), { do: 'send', kind: 'institution', consultedOrganizationId: office.second.id, question: 'Another?', dueDays: '5' });
    const [extra] = await t.database.db.select().from(accessConsultations).where(and(eq(accessConsultations.requestId, r.id), eq(accessConsultations.status, 'sent')));
    await postFollow(office.first.practitioner, url(office.first.id, r.id, '/consultations'), { do: 'withdraw', consultationId: extra!.id, answer: '' });
    assert.equal((await t.database.db.select().from(accessConsultations).where(eq(accessConsultations.id, extra!.id)))[0]!.status, 'withdrawn');
  });
});

describe('a paper request', () => {
  test('entered with its received date; errors translated and what was typed kept', async () => {
    const address = `/en/institutions/${office.first.id}/requests/new`;
    await office.first.practitioner.get(address);
    const bad = await office.first.practitioner.post(address, { channel: 'paper', receivedOn: '2026-13-01', act: 'access', requesterName: 'Dominique Lettre', requesterEmail: '', requesterAddress: '', requesterLocale: 'fr', requesterCategory: 'public', description: 'Contrats de 2024', fee: 'paid' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the date received, like 2026-11-20/);
    assert.match(bad.body, /Enter an email or a mailing address/);
    assert.match(bad.body, /value="Dominique Lettre"/);
    const future = await office.first.practitioner.post(address, { channel: 'mail', receivedOn: '2026-12-01', act: 'access', requesterName: 'Dominique Lettre', requesterEmail: '', requesterAddress: '1 rue Wellington, Ottawa', requesterLocale: 'fr', requesterCategory: 'public', description: 'Contrats de 2024', fee: 'paid' });
    assert.equal(future.statusCode, 400);
    assert.match(future.body, /cannot be in the future/);
    const page = await postFollow(office.first.practitioner, address, { channel: 'mail', receivedOn: '2026-11-18', act: 'access', requesterName: 'Dominique Lettre', requesterEmail: '', requesterAddress: '1 rue Wellington, Ottawa', requesterLocale: 'fr', requesterCategory: 'public', description: 'Contrats de 2024', fee: 'paid', feeNote: 'Chèque 123' });
    assert.match(page.body, /The request is entered/);
    const [row] = await t.database.db.select().from(accessRequests).where(eq(accessRequests.requesterName, 'Dominique Lettre'));
    assert.equal(row!.channel, 'mail');
    assert.equal(row!.receivedOn, '2026-11-18');
    assert.equal(row!.dueOn, '2026-12-18');
    assert.equal(row!.enteredBy, office.first.practitionerId);
    const french = await office.first.practitioner.get(`/fr/institutions/${office.first.id}/demandes/nouvelle`);
    assert.equal(french.statusCode, 200);
    assert.match(french.body, /Inscrire une demande reçue sur papier/);
  });
});
