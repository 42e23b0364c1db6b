import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { reviews } from '../casework/index.ts';
import { mailMessages } from '../mail/index.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildApplicationType, buildAuthority, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { practiceHours, practiceHoursRequests, practiceProfiles, practiceSites, practiceWithholdingRequests } from './schema.ts';

let t: TestApp;
let typeId: string;
let lead: Client;
let plainStaff: Client;
let elsewhere: Client;

async function signedIn(account: { email: string }) {
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  assert.equal((await c.post('/en/sign-in', { email: account.email, password: FACTORY_PASSWORD })).statusCode, 303);
  return c;
}

async function staffClient(authorityId: string, roles: ('registrar' | 'administrator')[] = []) {
  const account = await buildStaff(t.database.db, authorityId, { roles });
  const key = await addAuthenticatorApp(t, account.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return c;
}

/** A person whose fee-free application staff approved: they hold an active registration. */
async function registrant() {
  const account = await buildAccount(t.database.db, t.authorityId, { preferredLanguage: 'en' });
  const c = await signedIn(account);
  await c.get('/en/applications');
  const res = await c.post('/en/applications/start', { typeId });
  const id = /\/en\/applications\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
  assert.equal((await c.post(`/en/applications/${id}/declarations`, { intent: 'continue' })).statusCode, 303);
  await c.get(`/en/applications/${id}/check`);
  assert.equal((await c.post(`/en/applications/${id}/check`, {})).statusCode, 303, 'submitted');
  await lead.get(`/en/staff/applications/${id}`);
  await lead.post(`/en/staff/applications/${id}/assignment?action=pick_up`, {});
  assert.equal((await lead.post(`/en/staff/applications/${id}/decision`, { outcome: 'approve', reasons: '' })).statusCode, 303, 'approved');
  return { c, account };
}

const site = (o: Record<string, string> = {}) => ({ name: 'Clinique Saint-Denis', addressLine1: '4200, rue Saint-Denis', addressLine2: '', city: 'Montréal', province: 'QC', postalCode: 'h2j2k8', phone: '', startedOn: '2024-01-01', endedOn: '', ...o });
const hours = (o: Record<string, string> = {}) => ({ kind: 'direct_contact', startedOn: '2025-01-01', endedOn: '2025-06-30', siteId: '', supervisorName: '', hours: '600', ...o });

async function addSite(c: Client, o: Record<string, string> = {}) {
  await c.get('/en/practice/sites/add');
  const res = await c.post('/en/practice/sites/add', site(o));
  assert.equal(res.statusCode, 303, res.body);
}
const sitesOf = (accountId: string) => t.database.db.select().from(practiceSites).where(eq(practiceSites.accountId, accountId)).orderBy(practiceSites.startedOn);
const entriesOf = (accountId: string) => t.database.db.select().from(practiceHours).where(eq(practiceHours.accountId, accountId)).orderBy(practiceHours.kind, practiceHours.startedOn);
const mailTo = (accountId: string, template: string) => t.database.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, accountId), eq(mailMessages.template, template)));

async function addHours(c: Client, o: Record<string, string> = {}) {
  await c.get('/en/practice/hours/add');
  const res = await c.post('/en/practice/hours/add', hours(o));
  assert.equal(res.statusCode, 303, res.body);
}

/** Opens the confirmation page and sends what it shows; the request's id. */
async function requestReview(c: Client) {
  const page = await c.get('/en/practice/request-review');
  assert.equal(page.statusCode, 200);
  const ids = [...page.body.matchAll(/name="entryIds" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  const res = await c.post('/en/practice/request-review', { entryIds: ids });
  assert.equal(res.statusCode, 303);
  return /\/en\/practice\/requests\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
}

before(async () => {
  t = await createTestApp();
  typeId = (await buildApplicationType(t.database.db, t.authorityId, { sections: ['declarations'] })).id;
  lead = await staffClient(t.authorityId, ['registrar', 'administrator']);
  plainStaff = await staffClient(t.authorityId);
  elsewhere = await staffClient((await buildAuthority(t.database.db)).id, ['registrar', 'administrator']);
});
after(() => t.close());

describe('practice sites', () => {
  test('only a registrant of the authority has practice pages', async () => {
    const applicantOnly = await signedIn(await buildAccount(t.database.db, t.authorityId));
    for (const path of ['/en/practice/sites', '/fr/pratique/heures', '/en/practice/request-review']) assert.equal((await applicantOnly.get(path)).statusCode, 404, path);
    const { c } = await registrant();
    assert.equal((await c.get('/en/practice/sites')).statusCode, 200);
    assert.equal((await c.get('/fr/pratique/lieux')).statusCode, 200);
  });

  test('a site needs its name (not a job title, the hint says), a real address and dates; nothing is saved otherwise', async () => {
    const { c, account } = await registrant();
    const page = await c.get('/en/practice/sites/add');
    assert.match(page.body, /A job title \(“Psychotherapist”\) is not a site name/);
    const res = await c.post('/en/practice/sites/add', site({ name: '', postalCode: '12345', startedOn: '2024-02-30', endedOn: '' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /not your job title/);
    assert.match(res.body, /valid Canadian postal code/);
    assert.match(res.body, /Enter the start date/);
    assert.equal((await sitesOf(account.id)).length, 0);
    const ended = await c.post('/en/practice/sites/add', site({ startedOn: '2024-05-01', endedOn: '2024-04-01' }));
    assert.match(ended.body, /same day as the start date or after it/);
  });

  test('exactly one current primary: the first is primary, the registrant chooses another, ending or removing it moves it', async () => {
    const { c, account } = await registrant();
    await addSite(c);
    await addSite(c, { name: 'Centre du Plateau', postalCode: 'H2J 1Z2', startedOn: '2024-03-01' });
    let [first, second] = await sitesOf(account.id);
    assert.equal(first!.isPrimary, true, 'the first current site becomes primary');
    assert.equal(first!.postalCode, 'H2J 2K8', 'postal code normalized');
    assert.equal(second!.isPrimary, false);
    assert.equal((await c.post(`/en/practice/sites/${second!.id}/primary`, {})).statusCode, 303);
    [first, second] = await sitesOf(account.id);
    assert.deepEqual([first!.isPrimary, second!.isPrimary], [false, true], 'the choice moves it');
    // The database refuses a second primary whatever the code does.
    await assert.rejects(t.database.db.update(practiceSites).set({ isPrimary: true }).where(eq(practiceSites.id, first!.id)));
    // Ending the primary (an end date in the past) moves it to the other current site.
    await c.get(`/en/practice/sites/${second!.id}`);
    const res = await c.post(`/en/practice/sites/${second!.id}`, site({ name: 'Centre du Plateau', postalCode: 'H2J 1Z2', startedOn: '2024-03-01', endedOn: '2025-01-31' }));
    assert.match(String(res.headers.location), /notice=primaryMoved/);
    [first, second] = await sitesOf(account.id);
    assert.deepEqual([first!.isPrimary, second!.isPrimary], [true, false]);
    // Removing: kept with removed_at, not shown, and a primary removed moves (none left: nobody is primary).
    await c.get(`/en/practice/sites/${first!.id}/remove`);
    assert.equal((await c.post(`/en/practice/sites/${first!.id}/remove`, {})).statusCode, 303);
    [first, second] = await sitesOf(account.id);
    assert.ok(first!.removedAt, 'kept, with its removal date');
    assert.equal(first!.isPrimary, false);
    assert.equal(second!.isPrimary, false, 'an ended site is never primary');
    const list = await c.get('/en/practice/sites');
    assert.doesNotMatch(list.body, /Clinique Saint-Denis/);
    assert.match(list.body, /Centre du Plateau/);
    assert.equal((await c.get(`/en/practice/sites/${first!.id}`)).statusCode, 404, 'a removed site has no page');
  });

  test('“not currently practising” is shown instead of the sites; adding a current site clears it', async () => {
    const { c, account } = await registrant();
    await c.get('/en/practice/sites');
    await c.post('/en/practice/sites/not-practising', { notPractising: 'yes' });
    assert.match((await c.get('/en/practice/sites')).body, /data-not-practising/);
    await addSite(c);
    const [profile] = await t.database.db.select().from(practiceProfiles).where(eq(practiceProfiles.accountId, account.id));
    assert.equal(profile?.notPractising, false);
  });

  test('withholding: requested with a reason, published until the registrar approves; a refusal says why', async () => {
    const { c, account } = await registrant();
    await addSite(c);
    await addSite(c, { name: 'Centre du Plateau', postalCode: 'H2J 1Z2', startedOn: '2024-03-01' });
    const [first, second] = await sitesOf(account.id);
    await c.get(`/en/practice/sites/${first!.id}/withholding`);
    assert.equal((await c.post(`/en/practice/sites/${first!.id}/withholding`, { scope: 'site', reason: '' })).statusCode, 400, 'a reason is required');
    assert.equal((await c.post(`/en/practice/sites/${first!.id}/withholding`, { scope: 'site', reason: 'My safety' })).statusCode, 303);
    assert.equal((await c.post(`/en/practice/sites/${first!.id}/withholding`, { scope: 'address', reason: 'Again' })).statusCode, 409, 'one pending request per site');
    const [request] = await t.database.db.select().from(practiceWithholdingRequests).where(eq(practiceWithholdingRequests.siteId, first!.id));
    assert.equal((await sitesOf(account.id))[0]!.withholding, 'none', 'published until approved');
    const [review] = await t.database.db.select().from(reviews).where(eq(reviews.subjectId, request!.id));
    assert.equal(review?.subjectKind, 'practice_withholding');
    assert.match((await lead.get('/en/staff/site-withholdings')).body, /Clinique Saint-Denis/);
    // A plain staff member sees it but does not decide; staff of another authority do not see it.
    await plainStaff.get(`/en/staff/site-withholdings/${request!.id}`);
    assert.equal((await plainStaff.post(`/en/staff/site-withholdings/${request!.id}`, { outcome: 'approve', reason: '' })).statusCode, 409);
    assert.equal((await elsewhere.get(`/en/staff/site-withholdings/${request!.id}`)).statusCode, 404);
    await lead.get(`/en/staff/site-withholdings/${request!.id}`);
    assert.equal((await lead.post(`/en/staff/site-withholdings/${request!.id}`, { outcome: 'approve', reason: '' })).statusCode, 303);
    assert.equal((await sitesOf(account.id))[0]!.withholding, 'site');
    assert.equal((await mailTo(account.id, 'practiceWithholdingDecided')).length, 1);
    // The second site: only its address, refused with a reason the registrant reads.
    await c.post(`/en/practice/sites/${second!.id}/withholding`, { scope: 'address', reason: 'Home office' });
    const [other] = await t.database.db.select().from(practiceWithholdingRequests).where(eq(practiceWithholdingRequests.siteId, second!.id));
    await lead.get(`/en/staff/site-withholdings/${other!.id}`);
    assert.equal((await lead.post(`/en/staff/site-withholdings/${other!.id}`, { outcome: 'refuse', reason: '' })).statusCode, 400, 'a refusal needs a reason');
    assert.equal((await lead.post(`/en/staff/site-withholdings/${other!.id}`, { outcome: 'refuse', reason: 'Clients must find you' })).statusCode, 303);
    assert.equal((await sitesOf(account.id))[1]!.withholding, 'none');
    const page = await c.get(`/en/practice/sites/${second!.id}/withholding`);
    assert.match(page.body, /data-withholding-status="refused"/);
    assert.match(page.body, /Clients must find you/);
  });
});

describe('practice hours and their review', () => {
  test('hours take at most two decimals; a supervision entry names its supervisor', async () => {
    const { c, account } = await registrant();
    await c.get('/en/practice/hours/add');
    assert.equal((await c.post('/en/practice/hours/add', hours({ hours: '12.345' }))).statusCode, 400);
    assert.equal((await c.post('/en/practice/hours/add', hours({ hours: '0' }))).statusCode, 400);
    assert.equal((await c.post('/en/practice/hours/add', hours({ kind: 'supervision' }))).statusCode, 400);
    await addHours(c, { hours: '12,75' });
    assert.equal((await entriesOf(account.id))[0]?.hundredths, 1275);
  });

  test('requesting review locks the entries; withdrawing before pick-up unlocks them, not after; staff accept or return each; thresholds give independent practice', async () => {
    // Thresholds for the authority, set by an administrator.
    await lead.get('/en/staff/practice-thresholds');
    assert.equal((await plainStaff.get('/en/staff/practice-thresholds')).statusCode, 404, 'an administrator’s page');
    assert.equal((await lead.post('/en/staff/practice-thresholds', { direct_contact: '1000', supervision: '150' })).statusCode, 303);

    const { c, account } = await registrant();
    await addSite(c);
    const [clinic] = await sitesOf(account.id);
    await addHours(c, { hours: '600', siteId: clinic!.id });
    await addHours(c, { hours: '450.5', startedOn: '2025-07-01', endedOn: '2025-12-31' });
    await addHours(c, { kind: 'supervision', hours: '160', supervisorName: 'Dre Hélène Roy' });
    const confirm = await c.get('/en/practice/request-review');
    assert.match(confirm.body, /You are sending 3 entry\(ies\)/);
    assert.match(confirm.body, /you cannot change or remove these entries until staff decide/);
    assert.match(confirm.body, /1,050.5/, 'the totals of what is sent');
    // What the page showed must be what is sent: a list that no longer matches is shown again.
    assert.equal((await c.post('/en/practice/request-review', { entryIds: [] })).statusCode, 409);
    let requestId = await requestReview(c);
    let entries = await entriesOf(account.id);
    assert.deepEqual(entries.map((e) => e.status), ['sent', 'sent', 'sent']);

    // Locked: the edit is refused with why and what to do, and nothing changes.
    const entry = entries[0]!;
    const refused = await c.post(`/en/practice/hours/${entry.id}`, hours({ hours: '999' }));
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /you cannot change or remove it until staff decide/);
    assert.equal((await c.post(`/en/practice/hours/${entry.id}/remove`, {})).statusCode, 409);
    assert.equal((await entriesOf(account.id))[0]!.hundredths, 60000, 'nothing changed');
    assert.equal((await entriesOf(account.id))[0]!.removedAt, null);

    // The status page: queue position and usual wait; withdrawal before pick-up.
    const status = await c.get(`/en/practice/requests/${requestId}`);
    assert.match(status.body, /data-wait/);
    assert.match(status.body, /Withdraw the request/);
    assert.equal((await c.post(`/en/practice/requests/${requestId}/withdraw`, {})).statusCode, 303);
    entries = await entriesOf(account.id);
    assert.deepEqual(entries.map((e) => e.status), ['draft', 'draft', 'draft'], 'editable again');
    assert.equal((await c.post(`/en/practice/hours/${entry.id}`, hours({ hours: '600.25', siteId: clinic!.id }))).statusCode, 303);

    // Sent again; once staff pick it up, withdrawing is refused with why.
    requestId = await requestReview(c);
    await lead.get(`/en/staff/practice-hours/${requestId}`);
    assert.equal((await plainStaff.post(`/en/staff/practice-hours/${requestId}/entries/${entry.id}`, { decision: 'accepted', [`reason-${entry.id}`]: '' })).statusCode, 409, 'not picked up by them');
    assert.equal((await lead.post(`/en/staff/practice-hours/${requestId}/assignment?action=pick_up`, {})).statusCode, 303);
    const late = await c.post(`/en/practice/requests/${requestId}/withdraw`, {});
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /Staff have already picked your request up/);
    assert.equal((await t.database.db.select().from(practiceHoursRequests).where(eq(practiceHoursRequests.id, requestId)))[0]?.status, 'sent');

    // Each entry accepted or returned (a return needs a reason); then the decision.
    const [direct1, direct2, supervision] = await entriesOf(account.id);
    assert.equal((await lead.post(`/en/staff/practice-hours/${requestId}/decision`, {})).statusCode, 409, 'every entry first');
    assert.equal((await lead.post(`/en/staff/practice-hours/${requestId}/entries/${direct2!.id}`, { decision: 'returned', [`reason-${direct2!.id}`]: '' })).statusCode, 400);
    for (const e of [direct1!, supervision!]) assert.equal((await lead.post(`/en/staff/practice-hours/${requestId}/entries/${e.id}`, { decision: 'accepted', [`reason-${e.id}`]: '' })).statusCode, 303);
    assert.equal((await lead.post(`/en/staff/practice-hours/${requestId}/entries/${direct2!.id}`, { decision: 'returned', [`reason-${direct2!.id}`]: 'No supervisor signature' })).statusCode, 303);
    assert.equal((await lead.post(`/en/staff/practice-hours/${requestId}/decision`, {})).statusCode, 303);
    entries = await entriesOf(account.id);
    assert.deepEqual(entries.map((e) => e.status), ['accepted', 'returned', 'accepted']);
    assert.equal(entries[1]!.returnReason, 'No supervisor signature');
    let [profile] = await t.database.db.select().from(practiceProfiles).where(eq(practiceProfiles.accountId, account.id));
    assert.notEqual(profile?.independentPractice, true, '600.25 of 1,000 direct hours: not yet');
    assert.equal((await mailTo(account.id, 'practiceHoursDecided')).length, 1);
    const decided = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, account.id), eq(auditEvents.event, 'practice_review_decided')));
    assert.equal(decided.length, 1);

    // The returned entry is editable and goes in a new request; its acceptance reaches both thresholds.
    const hoursPage = await c.get('/en/practice/hours');
    assert.match(hoursPage.body, /Returned by staff: No supervisor signature/);
    assert.equal((await c.post(`/en/practice/hours/${direct2!.id}`, hours({ hours: '450.5', startedOn: '2025-07-01', endedOn: '2025-12-31' }))).statusCode, 303);
    assert.equal((await c.post(`/en/practice/hours/${direct1!.id}`, hours({ hours: '1' }))).statusCode, 409, 'an accepted entry is final');
    requestId = await requestReview(c);
    await lead.get(`/en/staff/practice-hours/${requestId}`);
    await lead.post(`/en/staff/practice-hours/${requestId}/assignment?action=pick_up`, {});
    await lead.post(`/en/staff/practice-hours/${requestId}/entries/${direct2!.id}`, { decision: 'accepted', [`reason-${direct2!.id}`]: '' });
    assert.equal((await lead.post(`/en/staff/practice-hours/${requestId}/decision`, {})).statusCode, 303);
    [profile] = await t.database.db.select().from(practiceProfiles).where(eq(practiceProfiles.accountId, account.id));
    assert.equal(profile?.independentPractice, true);
    assert.equal(profile?.independentSince, '2026-11-22');
    assert.match((await c.get('/en/practice/hours')).body, /data-independent="yes"/);
    const mails = await mailTo(account.id, 'practiceHoursDecided');
    assert.equal(mails.length, 2, 'one message per decision');
    assert.equal(mails.filter((m) => /you now have the independent practice status/.test(m.textBody)).length, 1, 'the second one says so');
  });

  test('another person’s site, hours and request answer 404; staff of another authority see none of them', async () => {
    const owner = await registrant();
    await addSite(owner.c);
    await addHours(owner.c);
    const requestId = await requestReview(owner.c);
    const [ownSite] = await sitesOf(owner.account.id);
    const [ownEntry] = await entriesOf(owner.account.id);
    const other = await registrant();
    await other.c.get('/en/practice/sites');
    for (const path of [`/en/practice/sites/${ownSite!.id}`, `/en/practice/sites/${ownSite!.id}/withholding`, `/en/practice/hours/${ownEntry!.id}`, `/en/practice/requests/${requestId}`]) {
      assert.equal((await other.c.get(path)).statusCode, 404, path);
    }
    for (const path of [`/en/practice/sites/${ownSite!.id}`, `/en/practice/sites/${ownSite!.id}/primary`, `/en/practice/sites/${ownSite!.id}/remove`, `/en/practice/hours/${ownEntry!.id}/remove`, `/en/practice/requests/${requestId}/withdraw`]) {
      assert.equal((await other.c.post(path, site())).statusCode, 404, path);
    }
    assert.equal((await sitesOf(owner.account.id))[0]!.removedAt, null, 'nothing changed');
    assert.equal((await t.database.db.select().from(practiceHoursRequests).where(eq(practiceHoursRequests.id, requestId)))[0]?.status, 'sent');
    assert.equal((await elsewhere.get(`/en/staff/practice-hours/${requestId}`)).statusCode, 404);
    assert.equal((await elsewhere.post(`/en/staff/practice-hours/${requestId}/assignment?action=pick_up`, {})).statusCode, 404);
    const [request] = await t.database.db.select().from(practiceHoursRequests).where(eq(practiceHoursRequests.id, requestId));
    assert.doesNotMatch((await elsewhere.get('/en/staff/practice-hours')).body, new RegExp(request!.reference));
    assert.match((await lead.get('/en/staff/practice-hours')).body, new RegExp(request!.reference), 'the test can fail: own staff see it');
  });
});
