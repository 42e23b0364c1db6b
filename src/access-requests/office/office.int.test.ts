import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../../audit/index.ts';
import { accounts } from '../../identity/index.ts';
import { mailMessages } from '../../mail/index.ts';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { type AccessOffice, paidOnline, receiveRequest, setUpAccessOffice } from '../../../test/support/access.ts';
import { Client } from '../../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../../test/support/factors.ts';
import { buildAuthority, buildStaff, FACTORY_PASSWORD } from '../../../test/support/factories.ts';
import type { LocalDate } from '../../platform/calendar.ts';
import { accessRequests, accessSupportRequests } from '../schema.ts';

let t: TestApp;
let office: AccessOffice;
let staff: { c: Client; id: string; email: string };
let admin: Client;
let elsewhere: Client;

async function staffClient(authorityId: string, roles: ('registrar' | 'administrator')[] = []) {
  const account = await buildStaff(t.database.db, authorityId, { roles });
  const key = await addAuthenticatorApp(t, account.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { c, id: account.id, email: account.email };
}

const db = () => t.database.db;
const mails = (template: string) => db().select().from(mailMessages).where(eq(mailMessages.template, template));
const events = (event: string) => db().select().from(auditEvents).where(eq(auditEvents.event, event));

/** A request of `first` received on a given day (its clock from that day), through the core. */
async function received(on: LocalDate | null, o: Parameters<typeof receiveRequest>[2] = {}, organizationId = office.first.id) {
  const { request } = await receiveRequest(t, organizationId, { ...(on ? { receivedOn: on } : {}), ...o });
  return request;
}
async function close(id: string, on: string, disposition: string, pages: number, summary: { fr: string; en: string } | null = null) {
  await db().execute(sql`update access_requests set status = 'closed', disposition = ${disposition}, closed_on = ${on}::date, closed_at = ${`${on}T16:00:00Z`}::timestamptz, pages_released = ${pages}, summary_fr = ${summary?.fr ?? null}, summary_en = ${summary?.en ?? null} where id = ${id}`);
}
async function extend(id: string, reason: string, days: number, on: string) {
  await db().execute(sql`insert into access_extensions (request_id, reason, days, taken_on, taken_by, taken_at) values (${id}, ${reason}, ${days}, ${on}::date, ${office.first.practitionerId}, ${`${on}T15:00:00Z`}::timestamptz)`);
}

let numbers: Record<string, string> = {};

before(async () => {
  t = await createTestApp();
  office = await setUpAccessOffice(t);
  const [row] = await db().select({ email: accounts.email }).from(accounts).where(eq(accounts.id, office.staffId));
  const key = await addAuthenticatorApp(t, office.staffId);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, row!.email, FACTORY_PASSWORD, key)).statusCode, 303);
  staff = { c, id: office.staffId, email: row!.email };
  admin = (await staffClient(t.authorityId, ['administrator'])).c;
  const other = await buildAuthority(t.database.db);
  await db().execute(sql`insert into access_settings (authority_id) values (${other.id})`);
  elsewhere = (await staffClient(other.id, ['administrator'])).c;

  // The known set (the clock: Sunday 2026-11-22; the fiscal year 2026-04-01 to 2027-03-31).
  const r1 = await received('2026-05-01');
  await close(r1.id, '2026-05-20', 'all_disclosed', 10, { fr: 'Notes d’information, « budget », 2025', en: 'Briefing notes, "budget", 2025' });
  const r2 = await received('2026-06-01', { requesterCategory: 'academia' });
  await close(r2.id, '2026-08-15', 'disclosed_in_part', 5, { fr: 'Courriels sur le programme', en: 'Emails about the program' });
  const r3 = await received('2026-07-02');
  await extend(r3.id, 'atia_9_1_b', 30, '2026-07-10');
  await extend(r3.id, 'atia_9_1_a', 15, '2026-07-10');
  await db().execute(sql`insert into access_notices (request_id, kind, sent_to, sent_at, sent_by) values (${r3.id}, 'commissioner', 'notices@oic-ci.gc.ca', '2026-07-10T15:00:00Z', ${office.first.practitionerId})`);
  await db().execute(sql`insert into access_consultations (request_id, kind, party_name, question, status, sent_on, due_on, answered_on, answer, created_by, created_at) values
    (${r3.id}, 'third_party', 'Entreprise A', 'Q?', 'sent', '2026-07-05', '2026-08-04', null, null, ${office.first.practitionerId}, now()),
    (${r3.id}, 'third_party', 'Entreprise B', 'Q?', 'answered', '2026-07-05', '2026-08-04', '2026-07-20', 'Oui', ${office.first.practitionerId}, now())`);
  const r4 = await received('2026-03-15');
  const r5 = await received('2026-09-01', { act: 'privacy', fee: 'paid' });
  await extend(r5.id, 'pa_15_a_ii', 30, '2026-09-20');
  await db().execute(sql`update access_requests set due_on = '2026-11-30' where id = ${r5.id}`);
  await close(r5.id, '2026-10-30', 'all_exempted', 0);
  const r6 = await received('2026-10-01');
  await db().execute(sql`insert into access_transfers (request_id, from_organization_id, to_organization_id, reason, transferred_by, transferred_at) values (${r6.id}, ${office.first.id}, ${office.second.id}, 'Détenue par l’ARC', ${office.first.practitionerId}, '2026-10-05T15:00:00Z')`);
  await db().execute(sql`update access_requests set organization_id = ${office.second.id} where id = ${r6.id}`);
  const r7 = await received(null, { fee: 'due' });
  const r8 = await received(null, { fee: 'waived' });
  numbers = { r1: r1.number, r2: r2.number, r3: r3.number, r4: r4.number, r5: r5.number, r7: r7.number, r8: r8.number };
});
after(() => t.close());

describe('statistics', () => {
  test('the fiscal year’s figures from a known set of requests: on time and late, carried over, extensions by reason, consultations, dispositions, pages, transfers, fees', async () => {
    const stats = await t.app.services.accessRequests.office.statistics({ accountId: office.first.practitionerId, organizationId: office.first.id, authorityId: t.authorityId }, '2026-04-01', '2027-03-31');
    const access = stats.find((s) => s.act === 'access')!;
    const privacy = stats.find((s) => s.act === 'privacy')!;
    assert.equal(access.received, 4, 'R1, R2, R3 and R8 (waived today); R4 is from last year, R7 awaits its fee, R6 left');
    assert.equal(access.outstandingAtStart, 1);
    assert.equal(access.closed, 2);
    assert.equal(access.closedOnTime, 1);
    assert.equal(access.closedLate, 1);
    assert.equal(access.carriedOver, 3, 'R3, R4 and R8 are open at the end of the year');
    assert.deepEqual(access.extensions.atia_9_1_b, { taken: 1, requests: 1, days: 30 });
    assert.deepEqual(access.extensions.atia_9_1_a, { taken: 1, requests: 1, days: 15 });
    assert.deepEqual(access.extensions.atia_9_1_c, { taken: 0, requests: 0, days: 0 });
    assert.equal(access.commissionerNotices, 1);
    assert.equal(access.consultationsSent, 2);
    assert.equal(access.consultationsAnswered, 1);
    assert.equal(access.consultationsOverdue, 1);
    assert.equal(access.dispositions.all_disclosed, 1);
    assert.equal(access.dispositions.disclosed_in_part, 1);
    assert.equal(access.dispositions.abandoned, 0);
    assert.equal(access.pagesReleased, 15);
    assert.equal(access.transferredOut, 1);
    assert.deepEqual(access.fees, { due: 1, paid: 4, waived: 1, refunded: 0 });
    assert.equal(access.categories.media, 3);
    assert.equal(access.categories.academia, 1);
    assert.equal(privacy.received, 1);
    assert.equal(privacy.closedOnTime, 1);
    assert.equal(privacy.dispositions.all_exempted, 1);
    assert.deepEqual(privacy.extensions.pa_15_a_ii, { taken: 1, requests: 1, days: 30 });
    // The other institution counts the request transferred to it, not the first's.
    const second = await t.app.services.accessRequests.office.statistics({ accountId: office.second.practitionerId, organizationId: office.second.id, authorityId: t.authorityId }, '2026-04-01', '2027-03-31');
    assert.equal(second.find((s) => s.act === 'access')!.received, 1);
    assert.equal(second.find((s) => s.act === 'access')!.transferredOut, 0);
  });

  test('the page in both languages: the current fiscal year by default, last year, a chosen period; a wrong day is a translated field error', async () => {
    const fr = await office.first.practitioner.get(`/fr/institutions/${office.first.id}/statistiques`);
    assert.equal(fr.statusCode, 200, fr.body);
    assert.match(fr.body, /Du 1 avril 2026 au 31 mars 2027|Du 1er avril 2026 au 31 mars 2027/);
    assert.match(fr.body, /Alinéa 9\(1\)b\) — consultations nécessaires/);
    assert.match(fr.body, /Fermées après la date limite/);
    const en = await office.first.practitioner.get(`/en/institutions/${office.first.id}/statistics?period=last`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /April 1, 2025/);
    const custom = await office.first.practitioner.get(`/en/institutions/${office.first.id}/statistics?from=2026-05-01&to=2026-05-31`);
    assert.match(custom.body, /May 1, 2026/);
    const wrong = await office.first.practitioner.get(`/fr/institutions/${office.first.id}/statistiques?from=2026-13-01&to=2026-05-31`);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Entrez une date réelle sous la forme AAAA-MM-JJ/);
    assert.match(wrong.body, /value="2026-13-01"/, 'the typed value is kept');
    const inverted = await office.first.practitioner.get(`/en/institutions/${office.first.id}/statistics?from=2026-06-01&to=2026-05-01`);
    assert.equal(inverted.statusCode, 400);
    assert.match(inverted.body, /The end of the period must come after its start/);
  });

  test('the CSV file: codes and numbers, its export audited', async () => {
    const res = await office.first.practitioner.get(`/en/institutions/${office.first.id}/statistics.csv`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="statistics-2026-04-01-2027-03-31.csv"/);
    const lines = res.body.split('\r\n');
    assert.equal(lines[0], 'from,to,act,figure,key,value');
    for (const line of ['access,received,,4', 'access,closedLate,,1', 'access,extensionsTaken,atia_9_1_b,1', 'access,extensionDays,atia_9_1_a,15', 'access,disposition,disclosed_in_part,1', 'access,pagesReleased,,15', 'access,fee,waived,1', 'privacy,disposition,all_exempted,1', 'access,transferredOut,,1', 'access,consultationsOverdue,,1']) {
      assert.ok(lines.includes(`2026-04-01,2027-03-31,${line}`), line);
    }
    const [audited] = await events('access_statistics_exported');
    assert.deepEqual(audited!.details, { organizationId: office.first.id, from: '2026-04-01', to: '2027-03-31' });
    assert.equal((await office.first.practitioner.get(`/en/institutions/${office.first.id}/statistics.csv?from=nope`)).statusCode, 400);
  });

  test('another institution’s practitioner, or office staff, finds no statistics of this one', async () => {
    assert.equal((await office.second.practitioner.get(`/en/institutions/${office.first.id}/statistics`)).statusCode, 404);
    assert.equal((await office.second.practitioner.get(`/en/institutions/${office.first.id}/summaries.csv`)).statusCode, 404);
    assert.equal((await staff.c.get(`/en/institutions/${office.first.id}/statistics`)).statusCode, 404);
  });
});

describe('summaries of completed requests', () => {
  test('one line per closed access request and a "nothing to report" line for each month without, both languages in one UTF-8 file with its BOM', async () => {
    const res = await office.first.practitioner.get(`/fr/institutions/${office.first.id}/sommaires.csv?from=2026-04&to=2026-11`);
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.body.startsWith('\ufeff'), 'a byte order mark');
    const lines = res.body.slice(1).split('\r\n').filter(Boolean);
    assert.equal(lines[0], 'year,month,request_number,summary_en,summary_fr,disposition_en,disposition_fr,pages,owner_org,owner_org_title');
    assert.equal(lines.length, 1 + 8, 'eight months, one line each (May and August with their request)');
    const title = '"Immigration, Refugees and Citizenship Canada | Immigration, Réfugiés et Citoyenneté Canada"';
    assert.equal(lines[2], `2026,5,${numbers.r1},"Briefing notes, ""budget"", 2025","Notes d’information, « budget », 2025",All disclosed,Communication totale,10,${office.first.id},${title}`);
    assert.equal(lines[1], `2026,4,,Nothing to report this month.,Rien à signaler ce mois-ci.,,,,${office.first.id},${title}`);
    assert.ok(lines[5]!.startsWith(`2026,8,${numbers.r2},Emails about the program,Courriels sur le programme,Disclosed in part,Communication partielle,5,`));
    assert.ok(!res.body.includes(numbers.r5!), 'a Privacy Act request is never published');
    const [audited] = await events('access_summaries_exported');
    assert.deepEqual(audited!.details, { organizationId: office.first.id, from: '2026-04', to: '2026-11' });
  });

  test('the page shows each month, the empty ones saying so, in both languages; a wrong month is refused', async () => {
    const en = await office.first.practitioner.get(`/en/institutions/${office.first.id}/summaries`);
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Briefing notes, &quot;budget&quot;, 2025|Briefing notes, "budget", 2025/);
    assert.equal((en.body.match(/data-nothing/g) ?? []).length, 6);
    const fr = await office.first.practitioner.get(`/fr/institutions/${office.first.id}/sommaires?from=2026-05&to=2026-05`);
    assert.match(fr.body, /Notes d’information/);
    assert.match(fr.body, /Communication totale/);
    const wrong = await office.first.practitioner.get(`/fr/institutions/${office.first.id}/sommaires?from=2026-5&to=2026-05`);
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Entrez un mois sous la forme AAAA-MM/);
  });
});

describe('support requests', () => {
  test('a practitioner asks, the office answers from its queue, each side mailed; the practitioner replies; the office closes', async () => {
    const url = `/fr/institutions/${office.first.id}/soutien`;
    await office.first.practitioner.get(url);
    const empty = await office.first.practitioner.post(url, { topic: '', subject: 'Titre gardé', message: '', requestNumber: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Choisissez l’objet de la demande/);
    assert.match(empty.body, /Entrez votre message/);
    assert.match(empty.body, /value="Titre gardé"/);
    const unknown = await office.first.practitioner.post(url, { topic: 'refund', subject: 'Remboursement', message: 'Le demandeur a payé deux fois.', requestNumber: 'A-2026-999999' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /Votre institution n’a aucune demande portant ce numéro/);
    assert.equal((await db().select().from(accessSupportRequests)).length, 0, 'nothing was written');

    const sent = await office.first.practitioner.post(url, { topic: 'refund', subject: 'Remboursement', message: 'Le demandeur a payé deux fois.', requestNumber: numbers.r1!.toLowerCase() });
    assert.equal(sent.statusCode, 303, sent.body);
    const page = await office.first.practitioner.follow(sent);
    assert.match(page.body, /Votre demande de soutien a été envoyée au Bureau de l’AIPRP/);
    assert.match(page.body, new RegExp(numbers.r1!));
    const [support] = await db().select().from(accessSupportRequests);
    assert.equal(support!.status, 'open');
    const toOffice = await mails('accessSupportRequested');
    assert.ok(toOffice.some((m) => m.toAddress === staff.email), 'the office staff member is mailed');
    assert.match(toOffice[0]!.textBody, new RegExp(`/personnel/aiprp/soutien/${support!.id}|/staff/atip/support/${support!.id}`));
    assert.ok(!toOffice[0]!.textBody.includes('payé deux fois'), 'the mail does not carry the message');
    assert.equal((await events('access_support_requested')).length, 1);

    const queue = await staff.c.get('/en/staff/atip/support');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /Remboursement/);
    assert.match(queue.body, /Waiting for the Office/);
    assert.match((await staff.c.get('/en/staff/atip/support?topic=training')).body, /No support request matches/);
    const casePath = `/en/staff/atip/support/${support!.id}`;
    const shown = await staff.c.get(casePath);
    assert.match(shown.body, /Immigration, Refugees and Citizenship Canada/);
    assert.match(shown.body, /A fee paid online is refunded here, once/);
    assert.doesNotMatch(shown.body, /Refund the fee of request/, 'a fee paid by cheque is not refunded online: no such button');
    const blank = await staff.c.post(casePath, { message: ' ' });
    assert.equal(blank.statusCode, 400);
    assert.match(blank.body, /Enter your message/);
    const answered = await staff.c.post(casePath, { message: 'Nous avons vérifié : un seul paiement a été reçu.' });
    assert.equal(answered.statusCode, 303);
    const toPractitioner = (await mails('accessSupportAnswered')).filter((m) => m.accountId === office.first.practitionerId);
    assert.equal(toPractitioner.length, 1);
    assert.match(toPractitioner[0]!.textBody, new RegExp(`/institutions/${office.first.id}/(soutien|support)/${support!.id}`));

    const thread = `/fr/institutions/${office.first.id}/soutien/${support!.id}`;
    const seen = await office.first.practitioner.get(thread);
    assert.match(seen.body, /un seul paiement a été reçu/);
    assert.match(seen.body, /Bureau de l’AIPRP/);
    const replied = await office.first.practitioner.post(thread, { message: 'Merci, je le lui dis.' });
    assert.equal(replied.statusCode, 303);
    assert.equal((await db().select().from(accessSupportRequests))[0]!.status, 'open', 'back in the office’s queue');
    assert.equal((await mails('accessSupportReplied')).length, toOffice.length);

    assert.equal((await staff.c.post(`/en/staff/atip/support/${support!.id}/close`, {})).statusCode, 303);
    assert.equal((await mails('accessSupportClosed')).length, 1);
    const closed = await office.first.practitioner.get(thread);
    assert.match(closed.body, /data-why-no-reply/);
    assert.ok(!closed.body.includes('name="message"'), 'no reply form on a closed request');
    assert.equal((await office.first.practitioner.post(thread, { message: 'Encore ?' })).statusCode, 409);
    const audit = (await db().select({ event: auditEvents.event, details: auditEvents.details }).from(auditEvents).where(sql`${auditEvents.event} like 'access_support%'`)).map((e) => e.event);
    assert.deepEqual(audit.sort(), ['access_support_answered', 'access_support_answered', 'access_support_closed', 'access_support_requested']);
  });

  test('a refund asked for: the office refunds the fee paid online once, from the support case', async () => {
    const { request } = await paidOnline(t, office.first.id);
    const url = `/en/institutions/${office.first.id}/support`;
    await office.first.practitioner.get(url);
    const sent = await office.first.practitioner.post(url, { topic: 'refund', subject: 'Refund please', message: 'Sent to the wrong institution.', requestNumber: request.number });
    assert.equal(sent.statusCode, 303, sent.body);
    const [support] = await db().select().from(accessSupportRequests).where(eq(accessSupportRequests.requestId, request.id));
    const caseUrl = `/en/staff/atip/support/${support!.id}`;
    const page = await staff.c.get(caseUrl);
    assert.match(page.body, new RegExp(`Refund the fee of request ${request.number}`));
    const empty = await staff.c.post(`${caseUrl}/refund`, { reason: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the reason for the refund/);
    const refunded = await staff.c.post(`${caseUrl}/refund`, { reason: 'Sent to the wrong institution.' });
    assert.match(String(refunded.headers.location), /notice=refunded/);
    const [after] = await db().select({ fee: accessRequests.feeStatus }).from(accessRequests).where(eq(accessRequests.id, request.id));
    assert.equal(after?.fee, 'refunded');
    const twice = await staff.c.post(`${caseUrl}/refund`, { reason: 'Again.' });
    assert.match(String(twice.headers.location), /notice=alreadyRefunded/);
    assert.equal((await events('access_fee_refunded')).length, 1);
    // Refunded, the case offers no refund any more.
    assert.doesNotMatch((await staff.c.get(caseUrl)).body, /Refund the fee of request/);
    assert.equal((await staff.c.post(`${caseUrl}/close`, {})).statusCode, 303);
  });

  test('another institution, and the staff of another authority, find no such support request', async () => {
    const [support] = await db().select().from(accessSupportRequests);
    assert.equal((await office.second.practitioner.get(`/en/institutions/${office.second.id}/support/${support!.id}`)).statusCode, 404);
    assert.equal((await office.second.practitioner.get(`/en/institutions/${office.first.id}/support/${support!.id}`)).statusCode, 404);
    assert.equal((await elsewhere.get(`/en/staff/atip/support/${support!.id}`)).statusCode, 404);
    assert.ok(!(await elsewhere.get('/en/staff/atip/support')).body.includes('Remboursement'));
    assert.equal((await office.first.practitioner.get('/en/staff/atip/support')).statusCode, 404);
  });

  test('the office’s staff card counts the open support requests', async () => {
    const home = await staff.c.get('/en/staff/accounts');
    assert.match(home.body, /Support requests waiting for the Office: 0/);
    assert.match(home.body, /href="\/en\/staff\/atip\/support"/);
    assert.ok(!home.body.includes('/en/staff/atip/api-keys'), 'the keys for administrators only');
    assert.match((await admin.get('/fr/personnel/comptes')).body, /href="\/fr\/personnel\/aiprp\/cles-api"/);
  });
});

describe('the API', () => {
  let writer: string;
  let reader: string;
  const api = (method: 'GET' | 'POST', url: string, key: string | null, body?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
  const body = (o: Record<string, unknown> = {}) => ({
    institutionId: office.first.id,
    act: 'access',
    requester: { name: 'Dominique Client', email: 'dominique@example.ca', locale: 'en', category: 'business' },
    description: 'Contracts for translation services, 2025.',
    feePaid: true,
    ...o,
  });

  async function issueKey(name: string, scopes: string[]) {
    await admin.get('/en/staff/atip/api-keys');
    const res = await admin.post('/en/staff/atip/api-keys', { name, scopes });
    assert.equal(res.statusCode, 200, res.body);
    const key = /id="issued-key">(.*?)<\/code>/.exec(res.body)?.[1]?.replaceAll('<wbr/>', '');
    assert.ok(key, 'the page shows the key once');
    return key;
  }

  before(async () => {
    writer = await issueKey('Case system', ['requests:write']);
    reader = await issueKey('Reporting', ['requests:read']);
  });

  test('keys: administrators only, a name and a scope required, kept as a hash', async () => {
    assert.equal((await staff.c.get('/en/staff/atip/api-keys')).statusCode, 404, 'office staff who are not administrators');
    const refused = await admin.post('/fr/personnel/aiprp/cles-api', { name: '', scopes: [] });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Entrez le nom du système client/);
    assert.match(refused.body, /Choisissez au moins une autorisation/);
    const list = await admin.get('/en/staff/atip/api-keys');
    assert.ok(list.body.includes(writer.slice(0, 12)) && !list.body.includes(writer));
    assert.equal((await events('access_api_client_issued')).length, 2);
  });

  test('created (201), replayed with the same body (200, the same answer), with another body (409); the requester and the institution mailed', async () => {
    const key = { 'idempotency-key': 'case-system-0001' };
    const first = await api('POST', '/api/v1/access-requests', writer, body(), key);
    assert.equal(first.statusCode, 201, first.body);
    const answer = first.json() as { number: string; status: string; dueOn: string; trackingUrl: string };
    assert.match(answer.number, /^A-2026-\d{6}$/);
    assert.equal(answer.status, 'in_progress');
    assert.equal(answer.dueOn, '2026-12-22', 'received Sunday 2026-11-22 + 30 days');
    assert.match(answer.trackingUrl, /\/en\/.*\?t=/);
    const again = await api('POST', '/api/v1/access-requests', writer, body(), key);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), answer);
    const other = await api('POST', '/api/v1/access-requests', writer, body({ description: 'Something else' }), key);
    assert.equal(other.statusCode, 409);
    const [row] = await db().select().from(accessRequests).where(eq(accessRequests.number, answer.number));
    assert.equal(row!.channel, 'api');
    assert.equal(row!.feeStatus, 'paid');
    assert.equal((await db().select().from(accessRequests).where(eq(accessRequests.idempotencyKey, 'case-system-0001'))).length, 1);
    const toRequester = (await mails('accessApiReceived')).filter((m) => m.toAddress === 'dominique@example.ca');
    assert.equal(toRequester.length, 1);
    assert.match(toRequester[0]!.textBody, new RegExp(answer.number));
    assert.ok(!toRequester[0]!.textBody.includes('translation services'));
    assert.ok((await mails('accessApiNewRequest')).some((m) => m.accountId === office.first.practitionerId));
    const due = await api('POST', '/api/v1/access-requests', writer, body({ feePaid: false }), { 'idempotency-key': 'case-system-0002' });
    assert.equal(due.statusCode, 201);
    assert.deepEqual([(due.json() as { status: string }).status, (due.json() as { dueOn: null }).dueOn], ['awaiting_fee', null]);
  });

  test('field errors (400), a missing idempotency key (400), an unknown institution (400), no key or a wrong one (401), the wrong scope (403)', async () => {
    const bad = await api('POST', '/api/v1/access-requests', writer, body({ act: 'both', requester: { name: '' } }), { 'idempotency-key': 'case-system-0003' });
    assert.equal(bad.statusCode, 400);
    const paths = (bad.json() as { issues: { path: string[] }[] }).issues.map((i) => i.path.join('.'));
    assert.ok(paths.includes('act') && paths.includes('requester.name') && paths.includes('requester.email'), paths.join(' '));
    const noKey = await api('POST', '/api/v1/access-requests', writer, body());
    assert.equal(noKey.statusCode, 400);
    assert.match(noKey.body, /Idempotency-Key/);
    const nowhere = await api('POST', '/api/v1/access-requests', writer, body({ institutionId: '00000000-0000-4000-8000-000000000000' }), { 'idempotency-key': 'case-system-0004' });
    assert.equal(nowhere.statusCode, 400);
    assert.match(nowhere.body, /institutionId/);
    assert.equal((await api('POST', '/api/v1/access-requests', null, body(), { 'idempotency-key': 'case-system-0005' })).statusCode, 401);
    assert.equal((await api('POST', '/api/v1/access-requests', 'gar_wrong', body(), { 'idempotency-key': 'case-system-0005' })).statusCode, 401);
    assert.equal((await api('POST', '/api/v1/access-requests', reader, body(), { 'idempotency-key': 'case-system-0005' })).statusCode, 403);
  });

  test('reading back a request sent through the API: its status, nothing personal; a request from another channel is not found', async () => {
    const [sent] = await db().select().from(accessRequests).where(and(eq(accessRequests.idempotencyKey, 'case-system-0001')));
    assert.equal((await api('GET', `/api/v1/access-requests/${sent!.number}`, writer)).statusCode, 403);
    const read = await api('GET', `/api/v1/access-requests/${sent!.number}`, reader);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json(), { number: sent!.number, act: 'access', status: 'in_progress', dueOn: '2026-12-22', disposition: null, closedOn: null });
    assert.ok(!read.body.includes('Dominique'));
    assert.equal((await api('GET', `/api/v1/access-requests/${numbers.r1}`, reader)).statusCode, 404);
    assert.equal((await api('GET', '/api/v1/access-requests/nope', reader)).statusCode, 404);
  });

  test('a revoked key is refused; the OpenAPI document is valid JSON from the same schemas', async () => {
    const list = await admin.get('/en/staff/atip/api-keys');
    const id = new RegExp(`data-client="${reader.slice(0, 12)}"[\\s\\S]*?/api-keys/([0-9a-f-]{36})/revoke`).exec(list.body)?.[1];
    assert.ok(id);
    assert.equal((await elsewhere.post(`/en/staff/atip/api-keys/${id}/revoke`, {})).statusCode, 404, 'another authority’s administrator');
    assert.equal((await admin.post(`/en/staff/atip/api-keys/${id}/revoke`, {})).statusCode, 303);
    assert.equal((await api('GET', `/api/v1/access-requests/${numbers.r1}`, reader)).statusCode, 401);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/access-requests/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = JSON.parse(res.body) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/access-requests'] && doc.paths['/access-requests/{number}']);
    assert.ok(doc.components.schemas.AccessRequest?.properties?.requester);
    assert.ok(doc.components.schemas.AccessRequestAnswer?.properties?.trackingUrl);
  });
});
