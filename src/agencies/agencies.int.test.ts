import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { mailMessages } from '../mail/index.ts';
import { securityCodes } from '../organizations/index.ts';
import { queryRows } from '../platform/db.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildAuthority, buildOrganization, buildOrganizationKind, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { seedAgenciesDemo } from './index.ts';
import { agencyLinks } from './schema.ts';

const DAY = 24 * 60 * 60 * 1000;
let t: TestApp;
let otherAuthorityId: string;
let agencyA: Awaited<ReturnType<typeof agency>>;
let agencyB: Awaited<ReturnType<typeof agency>>;
let agencyElsewhere: string;
let institution: Awaited<ReturnType<typeof agency>>;
let memberOfA: Client;

/** Every call of the onLinked handler, with what the link row said inside that transaction. */
const linkedCalls: { accountId: string; authorityId: string; statusInTransaction: string | undefined }[] = [];
/** A person whose link makes the handler fail: the link must not become active. */
let failingAccountId = '';

async function signedIn(account: { email: string }) {
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  assert.equal((await c.post('/en/sign-in', { email: account.email, password: FACTORY_PASSWORD })).statusCode, 303);
  return c;
}

async function withApp(authorityId: string) {
  const account = await buildAccount(t.database.db, authorityId);
  const key = await addAuthenticatorApp(t, account.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, account.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return { account, c, key };
}

async function agency(authorityId: string, kindId: string, name: string) {
  const manager = await withApp(authorityId);
  const organization = await buildOrganization(t.database.db, authorityId, { kindId, name: { fr: `${name} (fr)`, en: name }, people: [{ accountId: manager.account.id, role: 'manager' }] });
  return { id: organization.id, manager: manager.c, managerAccount: manager.account, managerKey: manager.key };
}

async function representative(authorityId = t.authorityId) {
  const account = await buildAccount(t.database.db, authorityId, { givenName: 'Rémi', familyName: 'Représentant' });
  return { account, c: await signedIn(account) };
}

const linksOf = (accountId: string) => t.database.db.select().from(agencyLinks).where(eq(agencyLinks.accountId, accountId)).orderBy(agencyLinks.requestedAt);
const mailTo = (accountId: string, template: string) => t.database.db.select().from(mailMessages).where(and(eq(mailMessages.accountId, accountId), eq(mailMessages.template, template)));
/** The person's agency events (the fixed clock gives them one instant: compared as a set). */
const eventsOf = async (accountId: string) => (await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, accountId))).filter((e) => e.event.startsWith('agency_link'));
const eventNames = async (accountId: string) => (await eventsOf(accountId)).map((e) => e.event).sort();

async function ask(c: Client, organizationId: string) {
  await c.get('/en/collection-agency');
  return c.post('/en/collection-agency/request', { organizationId });
}

/** Confirm: the button on the requests page; refuse: the page that asks the reason. */
async function decide(manager: Client, organizationId: string, linkId: string, decision: 'confirm' | 'refuse', reason = '') {
  if (decision === 'confirm') {
    await manager.get(`/en/organizations/${organizationId}/representatives`);
    return manager.post(`/en/organizations/${organizationId}/representatives/${linkId}/decision`, { decision });
  }
  const page = await manager.get(`/en/organizations/${organizationId}/representatives/${linkId}/decision`);
  if (page.statusCode !== 200) return page;
  return manager.post(`/en/organizations/${organizationId}/representatives/${linkId}/decision`, { decision, reason });
}

/** A new security code of the organization, as its manager reads it on the page that shows it once. */
async function newCode(manager: Client, organizationId: string) {
  await manager.get(`/en/organizations/${organizationId}/security-codes`);
  const made = await manager.post(`/en/organizations/${organizationId}/security-codes`, { role: 'member' });
  assert.equal(made.statusCode, 303);
  const page = await manager.follow(made);
  const code = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/.exec(page.body)?.[1];
  assert.ok(code, 'the page shows the new code');
  return code;
}

async function redeem(c: Client, code: string) {
  await c.get('/en/collection-agency/code');
  return c.post('/en/collection-agency/code', { code });
}

before(async () => {
  t = await createTestApp();
  const kind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: 'collection_agency', name: { fr: 'Agence de recouvrement', en: 'Collection agency' } });
  agencyA = await agency(t.authorityId, kind.id, 'Alpha Collections');
  agencyB = await agency(t.authorityId, kind.id, 'Beta Recoveries');
  const plainKind = await buildOrganizationKind(t.database.db, t.authorityId);
  institution = await agency(t.authorityId, plainKind.id, 'Not An Agency');
  const member = await withApp(t.authorityId);
  await t.database.db.execute(sql`insert into organization_members (organization_id, account_id, role) values (${agencyA.id}, ${member.account.id}, 'member')`);
  memberOfA = member.c;
  otherAuthorityId = (await buildAuthority(t.database.db)).id;
  const otherKind = await buildOrganizationKind(t.database.db, otherAuthorityId, { slug: 'collection_agency' });
  agencyElsewhere = (await agency(otherAuthorityId, otherKind.id, 'Elsewhere Agency')).id;
  t.app.services.agencies.onLinked(async (tx, link) => {
    const [row] = await queryRows<{ status: string }>(tx, sql`select status from agency_links where account_id = ${link.accountId} and status = 'active'`);
    linkedCalls.push({ accountId: link.accountId, authorityId: link.authorityId, statusInTransaction: row?.status });
    if (link.accountId === failingAccountId) throw new Error('the listener failed');
  });
});
after(() => t.close());

describe('a representative’s link to a collection agency', () => {
  test('request → the manager confirms → active from today, everything recorded and mailed', async () => {
    const { account, c } = await representative();
    const page = await c.get('/en/collection-agency');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Alpha Collections/);
    assert.match(page.body, /Beta Recoveries/);
    assert.doesNotMatch(page.body, /Not An Agency/, 'an organization of another kind is no agency');
    assert.doesNotMatch(page.body, /Elsewhere Agency/, 'another authority’s agency is not offered');

    const asked = await ask(c, agencyA.id);
    assert.equal(asked.statusCode, 303);
    assert.match((await c.follow(asked)).body, /Requested/);
    const [link] = await linksOf(account.id);
    assert.equal(link?.status, 'requested');
    assert.equal(link?.startedOn, null);
    // The manager hears of it and sees it among the requests.
    assert.equal((await t.database.db.select().from(mailMessages).where(eq(mailMessages.template, 'agencyLinkRequested'))).length >= 1, true);
    const requests = await agencyA.manager.get(`/en/organizations/${agencyA.id}/representatives`);
    assert.match(requests.body, new RegExp(account.email));
    assert.ok(requests.body.includes(`/representatives/${link!.id}/decision`), 'its confirm button and refuse link');
    // Both dashboards say so: the manager's the request waiting, the person's where their link stands.
    assert.match((await agencyA.manager.get('/en/dashboard')).body, /data-card="agencyRequests"/);
    assert.doesNotMatch((await institution.manager.get('/en/dashboard')).body, /data-card="agencyRequests"/, 'not for an organization that is no agency');
    const dashboard = await c.get('/en/dashboard');
    assert.match(dashboard.body, /data-card="agencyLink"/);
    assert.match(dashboard.body, /Alpha Collections: Requested/);

    const confirmed = await decide(agencyA.manager, agencyA.id, link!.id, 'confirm');
    assert.equal(confirmed.statusCode, 303);
    const [active] = await linksOf(account.id);
    assert.equal(active?.status, 'active');
    assert.equal(active?.startedOn, '2026-11-22', 'the day it is in Toronto by the fixed clock');
    assert.equal(active?.via, 'manager');
    assert.equal((await mailTo(account.id, 'agencyLinkConfirmed')).length, 1);
    assert.deepEqual(await eventNames(account.id), ['agency_link_requested', 'agency_link_started']);
    // The listener ran in the transaction that made it active: it saw the row already active.
    assert.deepEqual(linkedCalls.filter((call) => call.accountId === account.id), [{ accountId: account.id, authorityId: t.authorityId, statusInTransaction: 'active' }]);
    const mine = await c.get('/en/collection-agency');
    assert.match(mine.body, /Active/);
    assert.match(mine.body, /November 22, 2026/);
    const got = await t.app.services.agencies.activeLink(t.database.db, account.id, t.authorityId);
    assert.equal(got?.organizationId, agencyA.id);
    assert.equal(got?.agency.en, 'Alpha Collections');
  });

  test('a listener that fails undoes the confirmation: the request stays as it was', async () => {
    const { account, c } = await representative();
    failingAccountId = account.id;
    assert.equal((await ask(c, agencyA.id)).statusCode, 303);
    const [link] = await linksOf(account.id);
    assert.equal((await decide(agencyA.manager, agencyA.id, link!.id, 'confirm')).statusCode, 500);
    const [after] = await linksOf(account.id);
    assert.equal(after?.status, 'requested');
    assert.equal(after?.startedOn, null);
    assert.equal((await mailTo(account.id, 'agencyLinkConfirmed')).length, 0, 'no mail from a rolled-back decision');
    assert.deepEqual(await eventNames(account.id), ['agency_link_requested']);
  });

  test('the manager refuses with a reason the person reads; without one nothing changes', async () => {
    const { account, c } = await representative();
    await ask(c, agencyB.id);
    const [link] = await linksOf(account.id);
    const noReason = await decide(agencyB.manager, agencyB.id, link!.id, 'refuse', '');
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason: the person will read it\./);
    assert.equal((await linksOf(account.id))[0]?.status, 'requested');
    assert.equal((await decide(agencyB.manager, agencyB.id, link!.id, 'refuse', 'We do not know you')).statusCode, 303);
    const [refused] = await linksOf(account.id);
    assert.equal(refused?.status, 'refused');
    assert.equal(refused?.endReason, 'We do not know you');
    const [mail] = await mailTo(account.id, 'agencyLinkRefused');
    assert.match(mail?.textBody ?? '', /We do not know you/);
    // Refused is not open: the person may ask another agency.
    assert.equal((await ask(c, agencyA.id)).statusCode, 303);
    assert.equal((await linksOf(account.id)).length, 2);
  });

  test('one request or link at a time: a second is refused in words, nothing changed', async () => {
    const { account, c } = await representative();
    await ask(c, agencyA.id);
    const again = await ask(c, agencyB.id);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /You already have a request or a link with an agency/);
    const fr = new Client(t.app);
    fr.cookies = c.cookies;
    await fr.get('/fr/agence-de-recouvrement');
    const inFrench = await fr.post('/fr/agence-de-recouvrement/demande', { organizationId: agencyB.id });
    assert.equal(inFrench.statusCode, 409);
    assert.match(inFrench.body, /Vous avez déjà une demande ou un lien en cours/);
    const links = await linksOf(account.id);
    assert.deepEqual(links.map((l) => [l.organizationId, l.status]), [[agencyA.id, 'requested']]);
    // Nor with a code: the code stays unspent.
    const code = await newCode(agencyB.manager, agencyB.id);
    const redeemed = await redeem(c, code);
    assert.equal(redeemed.statusCode, 409);
    assert.equal((await linksOf(account.id)).length, 1);
    const [unspent] = await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, agencyB.id));
    assert.equal(unspent?.usedAt, null);
    // An agency of another authority cannot be asked from this one.
    const { c: someone, account: other } = await representative();
    assert.equal((await ask(someone, agencyElsewhere)).statusCode, 400);
    assert.equal((await linksOf(other.id)).length, 0);
  });

  test('two requests at once make one', async () => {
    const { account, c } = await representative();
    await c.get('/en/collection-agency');
    const answers = await Promise.all([agencyA.id, agencyB.id].map((organizationId) => c.post('/en/collection-agency/request', { organizationId })));
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [303, 409]);
    assert.equal((await linksOf(account.id)).length, 1);
  });

  test('after 5 wrong codes in 15 minutes, even the right one waits', async () => {
    const { account, c } = await representative();
    for (let i = 0; i < 5; i++) assert.equal((await redeem(c, `WRNG-CODE-${i}${i}${i}${i}-0000-0000`)).statusCode, 400);
    const code = await newCode(agencyA.manager, agencyA.id);
    const throttled = await redeem(c, code);
    assert.equal(throttled.statusCode, 429);
    assert.match(throttled.body, /Too many codes refused/);
    assert.equal((await linksOf(account.id)).length, 0);
    t.clock.advance(16 * 60 * 1000);
    assert.equal((await redeem(c, code)).statusCode, 303, 'the window passed');
    t.clock.advance(-16 * 60 * 1000);
  });

  test('the agency’s security code links at once; a used, wrong or non-agency code does not', async () => {
    const { account, c } = await representative();
    const code = await newCode(agencyB.manager, agencyB.id);
    const linked = await redeem(c, code.toLowerCase().replace(/-/g, ' '));
    assert.equal(linked.statusCode, 303);
    const [link] = await linksOf(account.id);
    assert.equal(link?.status, 'active');
    assert.equal(link?.via, 'security_code');
    assert.equal(link?.startedOn, '2026-11-22');
    assert.ok(linkedCalls.some((call) => call.accountId === account.id && call.statusInTransaction === 'active'));
    const [spent] = await t.database.db.select().from(securityCodes).where(eq(securityCodes.usedBy, account.id));
    assert.ok(spent?.usedAt, 'the code is spent');
    const started = (await eventsOf(account.id)).find((e) => e.event === 'agency_link_started');
    assert.equal((started?.details as { via: string }).via, 'security_code');

    const { account: second, c: secondC } = await representative();
    const used = await redeem(secondC, code);
    assert.equal(used.statusCode, 400);
    assert.match(used.body, /This code was already used/);
    const wrong = await redeem(secondC, 'AAAA-BBBB-CCCC-DDDD-EEEE');
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /This code matches no security code/);
    const institutionCode = await newCode(institution.manager, institution.id);
    const notAgency = await redeem(secondC, institutionCode);
    assert.equal(notAgency.statusCode, 400);
    assert.match(notAgency.body, /not a collection agency’s/);
    const [stillUsable] = await t.database.db.select().from(securityCodes).where(and(eq(securityCodes.organizationId, institution.id)));
    assert.equal(stillUsable?.usedAt, null, 'a code refused here stays usable for what it is for');
    assert.equal((await linksOf(second.id)).length, 0);
    const failures = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from security_code_failures where account_id = ${second.id}`);
    assert.equal(failures[0]?.n, 2, 'the used and the unknown code count for the throttle');
  });

  test('ending with a reason keeps the history; linkOn answers the link of a past day', async () => {
    const { account, c } = await representative();
    await ask(c, agencyA.id);
    const [link] = await linksOf(account.id);
    await decide(agencyA.manager, agencyA.id, link!.id, 'confirm');
    // Ten days later (sessions do not last that long: both sign in again).
    t.clock.advance(10 * DAY);
    const manager = new Client(t.app);
    assert.equal((await signInWithApp(manager, t, agencyA.managerAccount.email, FACTORY_PASSWORD, agencyA.managerKey)).statusCode, 303);
    const endPage = await manager.get(`/en/organizations/${agencyA.id}/representatives/${link!.id}/end`);
    assert.equal(endPage.statusCode, 200);
    const noReason = await manager.post(`/en/organizations/${agencyA.id}/representatives/${link!.id}/end`, { reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.equal((await linksOf(account.id))[0]?.status, 'active');
    assert.equal((await manager.post(`/en/organizations/${agencyA.id}/representatives/${link!.id}/end`, { reason: 'Left the agency' })).statusCode, 303);
    const [ended] = await linksOf(account.id);
    assert.equal(ended?.status, 'ended');
    assert.equal(ended?.startedOn, '2026-11-22');
    assert.equal(ended?.endedOn, '2026-12-02');
    assert.equal(ended?.endReason, 'Left the agency');
    assert.equal((await mailTo(account.id, 'agencyLinkEnded')).length, 1);
    const later = await signedIn(account);
    const page = await later.get('/en/collection-agency');
    assert.match(page.body, /Your earlier links/);
    assert.match(page.body, /Left the agency/);

    const agencies = t.app.services.agencies;
    const on = (day: `${number}-${number}-${number}`) => agencies.linkOn(t.database.db, account.id, t.authorityId, day);
    assert.equal(await on('2026-11-21'), null, 'before it started');
    assert.deepEqual(await on('2026-11-25'), { id: link!.id, organizationId: agencyA.id, agency: { fr: 'Alpha Collections (fr)', en: 'Alpha Collections' }, startedOn: '2026-11-22', endedOn: '2026-12-02' });
    assert.equal((await on('2026-12-02'))?.id, link!.id, 'the day it ended still counts');
    assert.equal(await on('2026-12-03'), null, 'after it ended');
    assert.equal(await agencies.activeLink(t.database.db, account.id, t.authorityId), null);
    assert.equal(await agencies.linkOn(t.database.db, account.id, otherAuthorityId, '2026-11-25'), null, 'another authority’s question');

    // A new link after the end: the person ends it themselves, and the history has both.
    await ask(later, agencyA.id);
    const [, second] = await linksOf(account.id);
    assert.equal((await decide(manager, agencyA.id, second!.id, 'confirm')).statusCode, 303);
    assert.equal((await later.get('/en/collection-agency/end')).statusCode, 200);
    assert.equal((await later.post('/en/collection-agency/end', { reason: 'Changing careers' })).statusCode, 303);
    const both = await linksOf(account.id);
    assert.deepEqual(both.map((l) => [l.status, l.endReason, l.startedOn, l.endedOn]), [['ended', 'Left the agency', '2026-11-22', '2026-12-02'], ['ended', 'Changing careers', '2026-12-02', '2026-12-02']]);
    assert.equal((await on('2026-12-02'))?.id, second!.id, 'of two links touching a day, the later');
    assert.equal((await later.get('/en/collection-agency/end')).statusCode, 404, 'nothing left to end');
    // Back to the day the other tests' sessions were opened.
    t.clock.advance(-10 * DAY);
  });

  test('the person withdraws a request before the manager decides', async () => {
    const { account, c } = await representative();
    await ask(c, agencyA.id);
    await c.get('/en/collection-agency/end');
    const res = await c.post('/en/collection-agency/end', {});
    assert.equal(res.statusCode, 303);
    assert.equal((await linksOf(account.id))[0]?.status, 'withdrawn');
  });
});

describe('the demo data', () => {
  test('seedAgenciesDemo makes the kind and two approved agencies whose managers sign in', async () => {
    const authority = await buildAuthority(t.database.db);
    const demo = await seedAgenciesDemo(t.database.db, authority.id, { password: () => FACTORY_PASSWORD, emailDomain: 'demo-agence.example.ca' });
    const again = await seedAgenciesDemo(t.database.db, authority.id, { password: () => FACTORY_PASSWORD, emailDomain: 'again.example.ca' });
    assert.equal(again.kindId, demo.kindId, 'one kind per slug');
    assert.equal(demo.agencies.length, 2);
    assert.deepEqual((await t.app.services.agencies.agencies(authority.id)).map((a) => a.id).sort(), [...demo.agencies, ...again.agencies].map((a) => a.id).sort());
    const manager = demo.agencies[0]!.manager;
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email: manager.email, password: FACTORY_PASSWORD })).statusCode, 303);
  });
});

describe('who sees and acts on an agency’s links', () => {
  test('another agency’s manager, a member and another authority’s people find nothing and change nothing', async () => {
    const { account, c } = await representative();
    await ask(c, agencyA.id);
    const [link] = await linksOf(account.id);
    for (const visitor of [agencyB.manager, memberOfA, institution.manager]) {
      assert.equal((await visitor.get(`/en/organizations/${agencyA.id}/representatives`)).statusCode, 404);
      await visitor.get('/en/collection-agency');
      assert.equal((await visitor.post(`/en/organizations/${agencyA.id}/representatives/${link!.id}/decision`, { decision: 'confirm', reason: '' })).statusCode, 404);
    }
    // Agency B's manager, on their own agency's address, with agency A's link.
    const crossed = await decide(agencyB.manager, agencyB.id, link!.id, 'confirm');
    assert.equal(crossed.statusCode, 404);
    assert.equal((await agencyB.manager.get(`/en/organizations/${agencyB.id}/representatives/${link!.id}/end`)).statusCode, 404);
    assert.equal((await agencyB.manager.get(`/en/organizations/${agencyB.id}/representatives/${link!.id}/decision`)).statusCode, 404);
    assert.doesNotMatch((await agencyB.manager.get(`/en/organizations/${agencyB.id}/representatives`)).body, new RegExp(account.email));
    // An organization that is no agency has no such page, even for its manager.
    assert.equal((await institution.manager.get(`/en/organizations/${institution.id}/representatives`)).statusCode, 404);
    assert.equal((await linksOf(account.id))[0]?.status, 'requested', 'nobody decided it');

    const staff = await buildStaff(t.database.db, t.authorityId);
    const staffKey = await addAuthenticatorApp(t, staff.id);
    const own = new Client(t.app);
    await signInWithApp(own, t, staff.email, FACTORY_PASSWORD, staffKey);
    const list = await own.get('/en/staff/collection-agencies');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Alpha Collections/);
    assert.doesNotMatch(list.body, /Not An Agency/);
    const links = await own.get(`/en/staff/organizations/${agencyA.id}/representatives`);
    assert.equal(links.statusCode, 200);
    assert.match(links.body, new RegExp(account.email));

    const elsewhere = await buildStaff(t.database.db, otherAuthorityId, { roles: ['registrar', 'administrator'] });
    const elsewhereKey = await addAuthenticatorApp(t, elsewhere.id);
    const other = new Client(t.app);
    await signInWithApp(other, t, elsewhere.email, FACTORY_PASSWORD, elsewhereKey);
    assert.equal((await other.get(`/en/staff/organizations/${agencyA.id}/representatives`)).statusCode, 404);
    assert.doesNotMatch((await other.get('/en/staff/collection-agencies')).body, /Alpha Collections/);
    const person = await signedIn(await buildAccount(t.database.db, t.authorityId));
    assert.equal((await person.get(`/en/staff/organizations/${agencyA.id}/representatives`)).statusCode, 404);
    // The same pages in French.
    assert.match((await agencyA.manager.get(`/fr/organisations/${agencyA.id}/representants`)).body, /Représentants liés à l’agence/);
    assert.match((await own.get(`/fr/personnel/organisations/${agencyA.id}/representants`)).body, /Représentants liés\u00a0: Alpha Collections \(fr\)/);
    assert.match((await c.get('/fr/agence-de-recouvrement')).body, /Votre agence de recouvrement/);
  });
});
