import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { authorityPeople, authorityRoles, createAuthority } from '../authorities/index.ts';
import { sessions } from '../identity/index.ts';
import { pageFor } from '../platform/paths.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { organizationMembers, organizations, securityCodes } from './schema.ts';
import { createApprovedOrganization, createOrganizationKind, FAILURES_PER_IP, normalizeSecurityCode, SECURITY_CODE_TTL_MS } from './service.ts';
import { buildAccount } from '../../test/support/factories.ts';
import { mailMessages } from '../mail/index.ts';

const password = 'lune verte sur le fleuve 42';

/** "METHOD url" of every organization-scoped route, as registered. */
const organizationRoutes = () => t.app.scopedRoutes.filter((r) => r.scope === 'organization' && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
let t: TestApp;
let otherAuthorityId: string;
const kinds: Record<string, string> = {};

before(async () => {
  t = await createTestApp();
  otherAuthorityId = (await createAuthority(t.database.db, { slug: 'ministere', name: { fr: 'Ministère', en: 'Department' } })).id;
  kinds.a = (await createOrganizationKind(t.database.db, { authorityId: t.authorityId, slug: 'institution', name: { fr: 'Institution', en: 'Institution' } })).id;
  kinds.b = (await createOrganizationKind(t.database.db, { authorityId: otherAuthorityId, slug: 'agency', name: { fr: 'Agence', en: 'Agency' } })).id;
});
after(() => t.close());

// Data factories: people with an authenticator app (members and staff must use one), organizations with their people.
let n = 0;
interface Person {
  id: string;
  email: string;
  key: string;
  name: string;
}
async function person(options: { authorityId?: string; role?: 'staff' | 'registrar' } = {}): Promise<Person> {
  n += 1;
  const email = `p${n}@example.ca`;
  const authorityId = options.authorityId ?? t.authorityId;
  const roles = options.role === 'registrar' ? (['staff', 'registrar'] as const) : options.role ? (['staff'] as const) : [];
  const account = await buildAccount(t.database.db, authorityId, { email, givenName: 'Person', familyName: `N${n}`, password, roles });
  return { id: account.id, email, key: await addAuthenticatorApp(t, account.id), name: `Person N${n}` };
}
async function organization(people: { person: Person; role: 'manager' | 'member' }[], options: { authority?: 'a' | 'b'; name?: string } = {}) {
  n += 1;
  const name = options.name ?? `Institution ${n}`;
  const authority = options.authority ?? 'a';
  return createApprovedOrganization(t.database.db, {
    authorityId: authority === 'a' ? t.authorityId : otherAuthorityId,
    kindId: kinds[authority] as string,
    name: { fr: `${name} (fr)`, en: name },
    people: people.map((p) => ({ accountId: p.person.id, role: p.role })),
  });
}
async function signedIn(p: Person, ip = '127.0.0.1') {
  const c = new Client(t.app, ip);
  const res = await signInWithApp(c, t, p.email, password, p.key);
  assert.equal(res.statusCode, 303, 'signed in');
  return c;
}
const orgUrl = (id: string, rest = '') => `/en/organizations/${id}${rest}`;

async function createCode(c: Client, organizationId: string, role: 'manager' | 'member' = 'member') {
  await c.get(orgUrl(organizationId, '/security-codes'));
  const res = await c.follow(await c.post(orgUrl(organizationId, '/security-codes'), { role }));
  assert.equal(res.statusCode, 200);
  const code = /data-security-code[^>]*>([0-9A-Z-]+)</.exec(res.body)?.[1];
  assert.ok(code, 'the code is shown once');
  return code;
}
async function redeem(c: Client, code: string) {
  await c.get('/en/organizations/join');
  return c.post('/en/organizations/join', { code });
}
const members = async (organizationId: string) =>
  (await t.database.db.select().from(organizationMembers).where(eq(organizationMembers.organizationId, organizationId))).map((m) => `${m.accountId}:${m.role}`).sort();
const eventsOf = async (organizationId: string) =>
  (await t.database.db.select().from(auditEvents).orderBy(auditEvents.id)).filter((e) => e.details?.organizationId === organizationId).map((e) => e.event);

describe('security codes', () => {
  test('a manager creates a code shown once and stored hashed; a person redeems it once; it is then listed as used', async () => {
    const manager = await person();
    const joiner = await person();
    const late = await person();
    const org = await organization([{ person: manager, role: 'manager' }]);
    const m = await signedIn(manager);
    const code = await createCode(m, org.id);
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/, '20 characters of Crockford base32: 100 bits');
    const [row] = await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, org.id));
    assert.ok(row);
    assert.notEqual(row.codeHash, code);
    assert.equal(JSON.stringify(row).includes(normalizeSecurityCode(code)), false, 'the code is not stored');
    assert.equal(row.expiresAt.getTime() - row.createdAt.getTime(), SECURITY_CODE_TTL_MS);
    assert.equal((await m.get(orgUrl(org.id, '/security-codes'))).body.includes(code), false, 'never shown again');
    const refreshed = await m.get(orgUrl(org.id, '/security-codes?created=1'));
    assert.equal(refreshed.body.includes(code), false, 'a refresh of the page that showed it shows it no more');
    assert.match(refreshed.body, /The code you created was shown once and is not shown again/);
    assert.equal((await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, org.id))).length, 1, 'and makes no second code');

    const j = await signedIn(joiner);
    const joined = await redeem(j, code.toLowerCase().replace(/-/g, ' '));
    assert.equal(joined.statusCode, 303);
    assert.equal(joined.headers.location, `${orgUrl(org.id)}?notice=organization.joined`);
    assert.deepEqual(await members(org.id), [`${joiner.id}:member`, `${manager.id}:manager`].sort());
    const page = await j.get(String(joined.headers.location));
    assert.match(page.body, /You joined the organization/);
    assert.match(page.body, new RegExp(`Acting for: <strong>${org.name.en}</strong>`));

    const again = await redeem(await signedIn(late), code);
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /This security code has already been used/);
    assert.match((await m.get(orgUrl(org.id, '/security-codes'))).body, new RegExp(`Used by ${joiner.name} on`));
    assert.deepEqual(await eventsOf(org.id), ['security_code_created', 'security_code_redeemed']);
  });

  test('an expired, a revoked and an unknown code each get their own message and change nothing', async () => {
    const manager = await person();
    const joiner = await person();
    const org = await organization([{ person: manager, role: 'manager' }]);
    const m = await signedIn(manager);
    const revoked = await createCode(m, org.id);
    const [revokedRow] = await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, org.id));
    assert.ok(revokedRow);
    const expiring = await createCode(m, org.id);
    await m.get(orgUrl(org.id, '/security-codes'));
    const revoke = await m.post(orgUrl(org.id, `/security-codes/${revokedRow.id}/revoke`), {});
    assert.equal(revoke.statusCode, 303);
    assert.equal((await m.post(orgUrl(org.id, `/security-codes/${revokedRow.id}/revoke`), {})).statusCode, 404, 'revoked once');

    const j = await signedIn(joiner);
    const r1 = await redeem(j, revoked);
    assert.equal(r1.statusCode, 400);
    assert.match(r1.body, /This security code was cancelled\./);
    const r2 = await redeem(j, 'AAAA-BBBB-CCCC-DDDD-EEEE');
    assert.equal(r2.statusCode, 400, r2.body);
    assert.match(r2.body, /This security code does not work/);
    t.clock.advance(SECURITY_CODE_TTL_MS + 1000);
    const r3 = await redeem(await signedIn(joiner), expiring);
    assert.match(r3.body, /This security code has expired/);
    assert.deepEqual(await members(org.id), [`${manager.id}:manager`]);
  });

  test('wrong codes are throttled per account: the sixth try is refused even with a good code', async () => {
    const manager = await person();
    const guesser = await person();
    const org = await organization([{ person: manager, role: 'manager' }]);
    const good = await createCode(await signedIn(manager), org.id);
    const g = await signedIn(guesser);
    for (let i = 0; i < 5; i += 1) assert.equal((await redeem(g, `WRNG-${i}AAA-BBBB-CCCC-DDDD`)).statusCode, 400);
    const throttled = await redeem(g, good);
    assert.equal(throttled.statusCode, 429);
    assert.match(throttled.body, /Wait 15 minutes/);
    assert.deepEqual(await members(org.id), [`${manager.id}:manager`]);
    t.clock.advance(15 * 60 * 1000 + 1000);
    assert.equal((await redeem(g, good)).statusCode, 303, 'the window passes');
  });

  test('wrong codes are throttled per IP, across accounts', async () => {
    const service = t.app.services.organizations;
    const origin = { ip: '203.0.113.9', userAgent: 'test' };
    for (let i = 0; i < FAILURES_PER_IP; i += 1) {
      const p = await person();
      const session = await sessionOf(p);
      assert.equal((await service.redeem(session, 'AAAA-AAAA-AAAA-AAAA-AAAA', origin)).kind, 'unknown');
      if (i % 4 === 3) t.clock.advance(1000);
    }
    const fresh = await sessionOf(await person());
    assert.equal((await service.redeem(fresh, 'AAAA-AAAA-AAAA-AAAA-AAAA', origin)).kind, 'throttled');
    assert.equal((await service.redeem(fresh, 'AAAA-AAAA-AAAA-AAAA-AAAA', { ...origin, ip: '203.0.113.10' })).kind, 'unknown', 'another IP is not');
  });

  test('two people redeeming one code at once make exactly one member', async () => {
    const manager = await person();
    const org = await organization([{ person: manager, role: 'manager' }]);
    const code = await createCode(await signedIn(manager), org.id);
    const service = t.app.services.organizations;
    const racers = await Promise.all([sessionOf(await person()), sessionOf(await person()), sessionOf(await person())]);
    const results = await Promise.all(racers.map((s) => service.redeem(s, code, { ip: null, userAgent: null })));
    assert.equal(results.filter((r) => r.kind === 'joined').length, 1);
    assert.deepEqual(results.filter((r) => r.kind !== 'joined').map((r) => r.kind), ['used', 'used']);
    assert.equal((await members(org.id)).length, 2);
  });

  test('joining an organization whose members must use two-step verification sends someone without it to enrolment', async () => {
    const manager = await person();
    const org = await organization([{ person: manager, role: 'manager' }]);
    const code = await createCode(await signedIn(manager), org.id);
    const email = `plain${n}@example.ca`;
    await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Plain', familyName: 'Registrant', preferredLanguage: 'en', password });
    const c = new Client(t.app);
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email, password })).headers.location, '/en/dashboard');
    assert.equal((await redeem(c, code)).statusCode, 303);
    const next = await c.get(orgUrl(org.id));
    assert.equal(next.statusCode, 303);
    assert.equal(next.headers.location, '/en/account/two-step-verification');
  });

  test('someone who becomes a member while signed in, without a second factor, enrols on their very next request: a code redeemed in another tab, a request approved', async () => {
    const manager = await person();
    const org = await organization([{ person: manager, role: 'manager' }]);
    const code = await createCode(await signedIn(manager), org.id);
    const email = `tabs${n}@example.ca`;
    await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Two', familyName: 'Tabs', preferredLanguage: 'en', password });
    const tab = async () => {
      const c = new Client(t.app);
      await c.get('/en/sign-in');
      assert.equal((await c.post('/en/sign-in', { email, password })).headers.location, '/en/dashboard', 'no second factor needed yet');
      return c;
    };
    const [first, second] = [await tab(), await tab()];
    assert.equal((await second.get('/en/organizations')).statusCode, 200);
    assert.equal((await redeem(first, code)).statusCode, 303);
    for (const path of [orgUrl(org.id), orgUrl(org.id, '/members'), '/en/organizations', '/en/account']) {
      const res = await second.get(path);
      assert.equal(res.statusCode, 303, `the other tab: ${path}`);
      assert.equal(res.headers.location, '/en/account/two-step-verification');
    }
    assert.equal((await second.get('/en/account/two-step-verification')).statusCode, 200, 'the enrolment page opens');

    // A request approved: the founder, signed in without a factor, asks for an organization in one
    // tab while another tab is open; neither tab opens an organization page before enrolling.
    const founderEmail = `founder${n}@example.ca`;
    await buildAccount(t.database.db, t.authorityId, { email: founderEmail, givenName: 'Found', familyName: 'Er', preferredLanguage: 'en', password });
    const founderTab = async () => {
      const c = new Client(t.app);
      await c.get('/en/sign-in');
      assert.equal((await c.post('/en/sign-in', { email: founderEmail, password })).headers.location, '/en/dashboard');
      return c;
    };
    const [asking, other] = [await founderTab(), await founderTab()];
    await asking.get('/en/organizations/request');
    const sent = await asking.post('/en/organizations/request', { kindId: kinds.a as string, nameFr: 'Bureau des tabs', nameEn: 'Tabs Office', addressLine1: '90 Elgin', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0A1' });
    assert.equal(sent.statusCode, 303);
    const id = /organizations\/([0-9a-f-]{36})/.exec(String(sent.headers.location))?.[1] as string;
    const registrar = await signedIn(await person({ role: 'registrar' }));
    await registrar.get(`/en/staff/organizations/${id}`);
    assert.equal((await registrar.post(`/en/staff/organizations/${id}/decision`, { decision: 'approve' })).statusCode, 303);
    for (const c of [asking, other]) {
      const res = await c.get(orgUrl(id, '/members'));
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/en/account/two-step-verification');
    }
  });

  test('a member of an authority that does not require a second step of its members is not sent to enrolment', async () => {
    await t.database.db.execute(sql`update authorities set two_factor_roles = '{staff}' where id = ${otherAuthorityId}`);
    try {
      const email = `free${n}@example.ca`;
      const account = await buildAccount(t.database.db, otherAuthorityId, { email, givenName: 'Free', familyName: 'Member', preferredLanguage: 'en', password });
      const org = await organization([], { authority: 'b' });
      const c = new Client(t.app);
      await c.get('/en/sign-in');
      assert.equal((await c.post('/en/sign-in', { email, password })).headers.location, '/en/dashboard');
      await t.database.db.insert(organizationMembers).values({ organizationId: org.id, accountId: account.id, role: 'member' });
      assert.equal((await c.get(orgUrl(org.id))).statusCode, 200);
    } finally {
      await t.database.db.execute(sql`update authorities set two_factor_roles = '{staff,organization_member}' where id = ${otherAuthorityId}`);
    }
  });
});

/** The session of a person signed in through the app, as the service sees it. */
async function sessionOf(p: Person) {
  const c = await signedIn(p);
  const [row] = await t.database.db.select().from(sessions).where(eq(sessions.accountId, p.id)).orderBy(sessions.createdAt);
  assert.ok(row && c);
  return {
    sessionId: row.id,
    id: p.id,
    authorityId: t.authorityId,
    email: p.email,
    givenName: 'Person',
    familyName: p.name,
    preferredLanguage: 'en' as const,
    isStaff: false,
    staffAuthorityId: t.authorityId,
    authorityRoles: [],
    actingFor: null,
    stage: 'complete' as const,
    mustChangePassword: false,
    authenticatedAt: null,
    secondFactorAt: null,
    hasSecondFactor: true,
  };
}

describe('notifications', () => {
  const mailTo = async (email: string) =>
    (await t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, email)).orderBy(mailMessages.createdAt)).map((m) => ({ template: m.template, language: m.language, text: m.textBody }));

  test('the person who asked hears that the request arrived and what was decided, with the reason, in their language', async () => {
    const founder = await person();
    await t.database.db.execute(sql`update accounts set preferred_language = 'fr' where id = ${founder.id}`);
    const registrar = await signedIn(await person({ role: 'registrar' }));
    const c = await signedIn(founder);
    const ask = async (name: string) => {
      await c.get('/en/organizations/request');
      const sent = await c.post('/en/organizations/request', { kindId: kinds.a as string, nameFr: `${name} (fr)`, nameEn: name, addressLine1: '90 Elgin', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0A1' });
      assert.equal(sent.statusCode, 303);
      return /organizations\/([0-9a-f-]{36})/.exec(String(sent.headers.location))?.[1] as string;
    };
    const first = await ask('Parks Agency');
    const received = await mailTo(founder.email);
    assert.deepEqual(received.map((m) => `${m.template}:${m.language}`), ['organizationReceived:fr']);
    assert.match(received[0]?.text ?? '', /votre demande d’inscription pour l’organisation Parks Agency \(fr\)/);
    assert.match(received[0]?.text ?? '', new RegExp(`/fr/organisations/${first}`));

    const second = await ask('Fisheries Office');
    await registrar.get(`/en/staff/organizations/${first}`);
    assert.equal((await registrar.post(`/en/staff/organizations/${first}/decision`, { decision: 'approve' })).statusCode, 303);
    assert.equal((await registrar.post(`/en/staff/organizations/${second}/decision`, { decision: 'refuse', reason: 'Le numéro d’entreprise manque.' })).statusCode, 303);
    assert.equal((await registrar.post(`/en/staff/organizations/${first}/decision`, { decision: 'suspend', reason: 'Rapport annuel manquant', confirmed: 'yes' })).statusCode, 303);
    const all = await mailTo(founder.email);
    assert.deepEqual(all.map((m) => m.template), ['organizationReceived', 'organizationReceived', 'organizationApproved', 'organizationRefused', 'organizationSuspended']);
    assert.match(all[2]?.text ?? '', /l’organisation Parks Agency \(fr\) est approuvée/);
    assert.match(all[3]?.text ?? '', /Fisheries Office \(fr\) est refusée\. Raison donnée par le personnel\u00a0: Le numéro d’entreprise manque\./);
    assert.match(all[4]?.text ?? '', /Rapport annuel manquant/);

    // A refused change mails nothing: a sixth waiting request is refused, and so is a decision out of turn.
    for (let i = 0; i < 5; i++) await ask(`Waiting ${i}`);
    const before = (await mailTo(founder.email)).length;
    await c.get('/en/organizations/request');
    assert.equal((await c.post('/en/organizations/request', { kindId: kinds.a as string, nameFr: 'Trop', nameEn: 'Too many', addressLine1: '90 Elgin', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0A1' })).statusCode, 429);
    assert.equal((await registrar.post(`/en/staff/organizations/${second}/decision`, { decision: 'suspend', reason: 'x', confirmed: 'yes' })).statusCode, 409);
    assert.equal((await mailTo(founder.email)).length, before);
  });

  test('the manager who made a code hears who joined with it', async () => {
    const manager = await person();
    const joiner = await person();
    const org = await organization([{ person: manager, role: 'manager' }], { name: 'Harbour Authority' });
    const code = await createCode(await signedIn(manager), org.id, 'member');
    assert.equal((await redeem(await signedIn(joiner), code)).statusCode, 303);
    const mail = await mailTo(manager.email);
    assert.deepEqual(mail.map((m) => m.template), ['memberJoined']);
    assert.match(mail[0]?.text ?? '', new RegExp(`Person N\\d+ \\(${joiner.email.replace('.', '\\.')}\\) joined the organization Harbour Authority as member`));
    assert.match(mail[0]?.text ?? '', new RegExp(`/en/organizations/${org.id}/members`));
    assert.deepEqual(await mailTo(joiner.email), [], 'the person who joined is not mailed');
  });
});

describe('members', () => {
  test('the last manager cannot step down or leave; once another is manager, they can', async () => {
    const manager = await person();
    const member = await person();
    const org = await organization([
      { person: manager, role: 'manager' },
      { person: member, role: 'member' },
    ]);
    const m = await signedIn(manager);
    await m.get(orgUrl(org.id, '/members'));
    const leave = await m.post(orgUrl(org.id, `/members/${manager.id}/remove`), {});
    assert.equal(leave.statusCode, 409);
    assert.match(leave.body, /An organization needs at least one manager/);
    assert.equal((await m.post(orgUrl(org.id, `/members/${manager.id}/role`), { role: 'member' })).statusCode, 409);
    assert.equal((await m.post(orgUrl(org.id, `/members/${member.id}/role`), { role: 'manager' })).statusCode, 303);
    const left = await m.post(orgUrl(org.id, `/members/${manager.id}/remove`), {});
    assert.equal(left.statusCode, 303);
    assert.equal(left.headers.location, '/en/organizations?notice=organizations.left');
    assert.deepEqual(await members(org.id), [`${member.id}:manager`]);
    assert.equal((await m.get(orgUrl(org.id))).statusCode, 404, 'gone at once');
    assert.deepEqual(await eventsOf(org.id), ['member_role_changed', 'member_removed']);
  });

  test('removing, leaving and taking the manager role are confirmed on a page of their own; the only manager is offered none of them, and told why', async () => {
    const manager = await person();
    const member = await person();
    const org = await organization([
      { person: manager, role: 'manager' },
      { person: member, role: 'member' },
    ]);
    const m = await signedIn(manager);
    const list = await m.get(orgUrl(org.id, '/members'));
    assert.match(list.body, /You are the only manager: make someone else a manager before changing your role or leaving\./);
    assert.doesNotMatch(list.body, new RegExp(`/members/${manager.id}/(remove|role)`), 'nothing is offered that would be refused');
    assert.match(list.body, new RegExp(`<a class="govuk-link" href="/en/organizations/${org.id}/members/${member.id}/remove">Remove ${member.name}</a>`), 'removal is a link to its confirmation');
    assert.equal((await m.get(orgUrl(org.id, `/members/${manager.id}/remove`))).statusCode, 409, 'the only manager: the page says why');
    assert.match((await m.get(orgUrl(org.id, `/members/${member.id}/role`))).body, /will be able to manage the members/, 'opened for a member, the page offers the role');

    const confirm = await m.get(orgUrl(org.id, `/members/${member.id}/remove`));
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, new RegExp(`<h1 class="govuk-heading-l">Remove ${member.name} — ${org.name.en}</h1>`));
    assert.match(confirm.body, /will no longer be able to act for the organization/);
    assert.match(confirm.body, new RegExp(`<form method="post" action="/en/organizations/${org.id}/members/${member.id}/remove"`));
    assert.match(confirm.body, new RegExp(`<a class="govuk-link" href="/en/organizations/${org.id}/members">Cancel and go back to the members</a>`));
    assert.deepEqual(await members(org.id), [`${manager.id}:manager`, `${member.id}:member`].sort(), 'nothing changed by looking');

    assert.equal((await m.post(orgUrl(org.id, `/members/${member.id}/role`), { role: 'manager' })).statusCode, 303, 'giving the role takes one click');
    const demote = await m.get(orgUrl(org.id, `/members/${member.id}/role`));
    assert.match(demote.body, new RegExp(`Take the manager role from ${member.name}`));
    assert.match(demote.body, /name="role" value="member"/);
    const leave = await m.get(orgUrl(org.id, `/members/${manager.id}/remove`));
    assert.equal(leave.statusCode, 200, 'two managers: either may leave');
    assert.match(leave.body, new RegExp(`<h1 class="govuk-heading-l">Leave the organization ${org.name.en}</h1>`));
    const fr = await m.get(`/fr/organisations/${org.id}/membres/${manager.id}/retirer`);
    assert.match(fr.body, new RegExp(`Quitter l’organisation ${org.name.fr.replace(/[()]/g, '\\$&')}`));
    assert.equal((await m.post(orgUrl(org.id, `/members/${manager.id}/remove`), {})).statusCode, 303);
    assert.deepEqual(await members(org.id), [`${member.id}:manager`]);
  });

  test('a member sees the members but cannot change them or make codes', async () => {
    const manager = await person();
    const member = await person();
    const org = await organization([
      { person: manager, role: 'manager' },
      { person: member, role: 'member' },
    ]);
    const c = await signedIn(member);
    const list = await c.get(orgUrl(org.id, '/members'));
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(manager.email));
    assert.doesNotMatch(list.body, /Remove Person/);
    assert.equal((await c.post(orgUrl(org.id, `/members/${manager.id}/remove`), {})).statusCode, 403);
    assert.equal((await c.get(orgUrl(org.id, '/security-codes'))).statusCode, 403);
    assert.equal((await c.post(orgUrl(org.id, '/security-codes'), { role: 'manager' })).statusCode, 403);
    assert.equal((await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, org.id))).length, 0);
  });
});

describe('authorities and organizations', () => {
  test('an organization asks to join; only its state shows until a registrar approves; refusal and suspension show their reason', async () => {
    const founder = await person();
    const staff = await person({ role: 'staff' });
    const registrar = await person({ role: 'registrar' });
    const c = await signedIn(founder);
    await c.get('/en/organizations/request');
    const bad = await c.post('/en/organizations/request', { kindId: '', nameFr: '', nameEn: 'x', addressLine1: 'a', city: 'b', province: 'ZZ', postalCode: '123' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Choose the authority and kind of organization/);
    assert.match(bad.body, /Enter a valid Canadian postal code/);
    const hidden = await c.post('/en/organizations/request', { kindId: kinds.a as string, nameFr: 'Bureau\u0000', nameEn: 'Office', addressLine1: '90 Elgin', addressLine2: 'Suite\u0007', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0A1' });
    assert.equal(hidden.statusCode, 400);
    assert.equal(hidden.body.match(/Remove the invisible or control characters from this field/g)?.length, 4, 'in the summary and on each of the two fields');
    const sent = await c.post('/en/organizations/request', {
      kindId: kinds.a as string,
      nameFr: 'Bureau de l’accès',
      nameEn: 'Access Office',
      addressLine1: '90 Elgin',
      city: 'Ottawa',
      province: 'ON',
      postalCode: 'k1a0a1',
    });
    assert.equal(sent.statusCode, 303);
    const id = /organizations\/([0-9a-f-]{36})/.exec(String(sent.headers.location))?.[1] as string;
    const [row] = await t.database.db.select().from(organizations).where(eq(organizations.id, id));
    assert.equal(row?.status, 'requested');
    assert.equal(row?.postalCode, 'K1A 0A1');
    assert.deepEqual(await members(id), [`${founder.id}:manager`]);
    const waiting = await c.get(orgUrl(id));
    assert.equal(waiting.statusCode, 200);
    assert.match(waiting.body, /reviewing the request/);
    for (const path of ['/members', '/security-codes']) assert.equal((await c.get(orgUrl(id, path))).statusCode, 403, `${path} gated`);

    const s = await signedIn(staff);
    const list = await s.get('/en/staff/organizations?status=requested');
    assert.match(list.body, /Access Office/);
    assert.equal((await s.post(`/en/staff/organizations/${id}/decision`, { decision: 'approve' })).statusCode, 403, 'staff see, registrars decide');

    const r = await signedIn(registrar);
    await r.get(`/en/staff/organizations/${id}`);
    const noReason = await r.post(`/en/staff/organizations/${id}/decision`, { decision: 'refuse' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason the organization will see/);
    const hiddenReason = await r.post(`/en/staff/organizations/${id}/decision`, { decision: 'refuse', reason: 'Incomplete\u0000' });
    assert.equal(hiddenReason.statusCode, 400);
    assert.match(hiddenReason.body, /Remove the invisible or control characters from this field/);
    assert.equal((await r.post(`/en/staff/organizations/${id}/decision`, { decision: 'suspend', reason: 'x', confirmed: 'yes' })).statusCode, 409, 'a request cannot be suspended');
    assert.equal((await r.post(`/en/staff/organizations/${id}/decision`, { decision: 'approve' })).statusCode, 303);
    assert.equal((await c.get(orgUrl(id, '/members'))).statusCode, 200, 'approved: open');
    assert.equal((await r.post(`/en/staff/organizations/${id}/decision`, { decision: 'suspend', reason: 'Annual return missing', confirmed: 'yes' })).statusCode, 303);
    assert.equal((await c.get(orgUrl(id, '/members'))).statusCode, 403, 'suspended: closed');
    assert.match((await c.get(orgUrl(id))).body, /Annual return missing/);
    assert.deepEqual(await eventsOf(id), ['organization_requested', 'organization_approved', 'organization_suspended']);
  });

  test('suspending is confirmed on a page of its own, with the reason; nothing changes before', async () => {
    const founder = await person();
    const org = await organization([{ person: founder, role: 'manager' }], { name: 'Suspended Office' });
    const r = await signedIn(await person({ role: 'registrar' }));
    const view = await r.get(`/en/staff/organizations/${org.id}`);
    assert.match(view.body, new RegExp(`<a class="govuk-button govuk-button--warning" href="/en/staff/organizations/${org.id}/decision">Suspend the organization</a>`));
    assert.doesNotMatch(view.body, /name="decision"/, 'no one-click suspension');
    const page = await r.get(`/en/staff/organizations/${org.id}/decision`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Suspend the organization Suspended Office<\/h1>/);
    assert.match(page.body, /Its members will no longer open its pages/);
    assert.match(page.body, new RegExp(`href="/en/staff/organizations/${org.id}">Cancel and go back to the organization</a>`));
    const unconfirmed = await r.post(`/en/staff/organizations/${org.id}/decision`, { decision: 'suspend', reason: 'Annual return missing' });
    assert.equal(unconfirmed.statusCode, 303);
    assert.equal(unconfirmed.headers.location, `/en/staff/organizations/${org.id}/decision`);
    const noReason = await r.post(`/en/staff/organizations/${org.id}/decision`, { decision: 'suspend', confirmed: 'yes' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason the organization will see/);
    const [before] = await t.database.db.select().from(organizations).where(eq(organizations.id, org.id));
    assert.equal(before?.status, 'approved');
    assert.equal((await r.post(`/en/staff/organizations/${org.id}/decision`, { decision: 'suspend', reason: 'Annual return missing', confirmed: 'yes' })).statusCode, 303);
    const [after] = await t.database.db.select().from(organizations).where(eq(organizations.id, org.id));
    assert.equal(after?.status, 'suspended');
    assert.equal((await r.get(`/en/staff/organizations/${org.id}/decision`)).statusCode, 303, 'only an approved organization can be suspended');
    const staff = await signedIn(await person({ role: 'staff' }));
    assert.equal((await staff.get(`/en/staff/organizations/${org.id}/decision`)).statusCode, 403, 'staff see, registrars decide');
  });

  test('one person has at most 5 requests waiting for review', async () => {
    const c = await signedIn(await person());
    await c.get('/en/organizations/request');
    const form = (i: number) => ({ kindId: kinds.a as string, nameFr: `Demande ${i}`, nameEn: `Request ${i}`, addressLine1: '1 Main', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0A1' });
    for (let i = 0; i < 5; i += 1) assert.equal((await c.post('/en/organizations/request', form(i))).statusCode, 303);
    const sixth = await c.post('/en/organizations/request', form(5));
    assert.equal(sixth.statusCode, 429);
    assert.match(sixth.body, /already have 5 requests waiting/);
    assert.equal((await t.database.db.select().from(organizations).where(sql`${organizations.name} ->> 'en' = 'Request 5'`)).length, 0, 'the sixth was not made');
  });

  test('staff of another authority never see an organization; acting for one you do not belong to is refused', async () => {
    const manager = await person();
    const org = await organization([{ person: manager, role: 'manager' }]);
    const foreign = await person({ authorityId: otherAuthorityId, role: 'registrar' });
    const f = await signedIn(foreign);
    assert.equal((await f.get(`/en/staff/organizations/${org.id}`)).statusCode, 404);
    assert.equal((await f.post(`/en/staff/organizations/${org.id}/decision`, { decision: 'suspend', reason: 'x', confirmed: 'yes' })).statusCode, 404);
    assert.doesNotMatch((await f.get('/en/staff/organizations')).body, new RegExp(org.name.en));
    await f.get('/en/organizations');
    assert.equal((await f.post('/en/organizations/act-for', { target: `organization:${org.id}` })).statusCode, 404);
    assert.equal((await f.post('/en/organizations/act-for', { target: `authority:${t.authorityId}` })).statusCode, 404);
    const [still] = await t.database.db.select().from(organizations).where(eq(organizations.id, org.id));
    assert.equal(still?.status, 'approved');
  });

  test('staff list their authority\'s security codes and cancel one; staff of another authority cannot', async () => {
    const manager = await person();
    const org = await organization([{ person: manager, role: 'manager' }], { name: 'Coded Institution' });
    const code = await createCode(await signedIn(manager), org.id);
    const [row] = await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, org.id));
    assert.ok(row);
    const foreign = await signedIn(await person({ authorityId: otherAuthorityId, role: 'staff' }));
    assert.doesNotMatch((await foreign.get('/en/staff/security-codes')).body, /Coded Institution/);
    assert.equal((await foreign.post(`/en/staff/security-codes/${row.id}/revoke`, {})).statusCode, 404);

    const s = await signedIn(await person({ role: 'staff' }));
    const list = await s.get('/en/staff/security-codes');
    assert.match(list.body, /Coded Institution/);
    assert.equal(list.body.includes(code), false, 'staff never see the code itself');
    assert.equal((await s.post(`/en/staff/security-codes/${row.id}/revoke`, {})).statusCode, 303);
    assert.match((await redeem(await signedIn(await person()), code)).body, /This security code was cancelled\./);
    assert.deepEqual(await eventsOf(org.id), ['security_code_created', 'security_code_revoked']);
  });

  test('staff of two authorities switch between them; the console follows the authority acted for', async () => {
    const p = await person({ role: 'staff' });
    await t.database.db.insert(authorityRoles).values({ authorityId: otherAuthorityId, accountId: p.id, role: 'staff' });
    const here = await organization([{ person: await person(), role: 'manager' }], { name: 'Home Agency' });
    const there = await organization([{ person: await person({ authorityId: otherAuthorityId }), role: 'manager' }], { authority: 'b', name: 'Far Agency' });
    const c = await signedIn(p);
    const before = await c.get('/en/staff/organizations');
    assert.match(before.body, /Home Agency/);
    assert.doesNotMatch(before.body, /Far Agency/);
    await c.get('/en/organizations');
    assert.equal((await c.post('/en/organizations/act-for', { target: `authority:${otherAuthorityId}` })).statusCode, 303);
    const after = await c.get('/en/staff/organizations');
    assert.match(after.body, /Acting for: <strong>Department \(staff\)<\/strong>/);
    assert.match(after.body, /Far Agency/);
    assert.doesNotMatch(after.body, /Home Agency/);
    assert.equal((await c.get(`/en/staff/organizations/${here.id}`)).statusCode, 404);
    assert.equal((await c.get(`/en/staff/organizations/${there.id}`)).statusCode, 200);
  });

  test('a person in two organizations switches between them; the page always says which one', async () => {
    const p = await person();
    const one = await organization([{ person: p, role: 'manager' }]);
    const two = await organization([{ person: p, role: 'member' }]);
    const c = await signedIn(p);
    assert.match((await c.get('/en/account')).body, /Acting for: <strong>Yourself<\/strong>/);
    await c.get('/en/organizations');
    assert.equal((await c.post('/en/organizations/act-for', { target: `organization:${two.id}` })).statusCode, 303);
    assert.match((await c.get('/en/account')).body, new RegExp(`Acting for: <strong>${two.name.en}</strong>`));
    assert.match((await c.get(`/fr/organisations/${one.id}`)).body, new RegExp(`Vous agissez pour\u00a0: <strong>${one.name.fr.replace(/[()]/g, '\\$&')}</strong>`));
    await c.get('/en/organizations');
    await c.post('/en/organizations/act-for', { target: 'self' });
    assert.match((await c.get('/en/account')).body, /Acting for: <strong>Yourself<\/strong>/);
  });
});

/**
 * Isolation: every organization-scoped route, as the app registered it, for people who must not
 * reach it. The table names each route; a scoped route added without a row here fails the test.
 */
describe('isolation route table', () => {
  type Ids = { organizationId: string; accountId: string; codeId: string };
  const table: Record<string, { form?: Record<string, string> }> = {
    'GET organization': {},
    'GET organizationMembers': {},
    'GET organizationMemberRole': {},
    'POST organizationMemberRole': { form: { role: 'manager' } },
    'GET removeOrganizationMember': {},
    'POST removeOrganizationMember': {},
    'GET securityCodes': {},
    'POST securityCodes': { form: { role: 'manager' } },
    'POST revokeSecurityCode': {},
  };
  const fill = (url: string, ids: Ids) => url.replace(':organizationId', ids.organizationId).replace(':accountId', ids.accountId).replace(':codeId', ids.codeId);

  test('the table lists every organization-scoped route, in both languages', () => {
    const registered = new Set(
      organizationRoutes().map((r) => {
        const [method, url = ''] = r.split(' ');
        return `${method} ${pageFor(url)?.name}`;
      }),
    );
    assert.deepEqual([...registered].sort(), Object.keys(table).sort());
    assert.equal(organizationRoutes().length, Object.keys(table).length * 2);
  });

  test('a member of another organization, of another authority, and a signed-out visitor get nothing', async () => {
    const manager = await person();
    const member = await person();
    const target = await organization(
      [
        { person: manager, role: 'manager' },
        { person: member, role: 'member' },
      ],
      { name: 'Secret Institution' },
    );
    const m = await signedIn(manager);
    await createCode(m, target.id);
    const [code] = await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, target.id));
    assert.ok(code);
    const ids: Ids = { organizationId: target.id, accountId: member.id, codeId: code.id };
    const neighbourManager = await person();
    await organization([{ person: neighbourManager, role: 'manager' }]);
    const foreignManager = await person({ authorityId: otherAuthorityId });
    await organization([{ person: foreignManager, role: 'manager' }], { authority: 'b' });
    const before = { members: await members(target.id), codes: JSON.stringify(await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, target.id)).orderBy(securityCodes.id)) };
    // The ids are in the address the visitor typed; what must not show is what the organization holds.
    const secrets = ['Secret Institution', manager.email, member.email];

    const visitors: [string, Client][] = [
      ['member of another organization', await signedIn(neighbourManager)],
      ['member of another authority', await signedIn(foreignManager)],
      ['signed-out visitor', new Client(t.app)],
    ];
    const routes = organizationRoutes();
    for (const route of routes) {
      const [method, pattern = ''] = route.split(' ');
      const name = pageFor(pattern)?.name as string;
      const row = table[`${method} ${name}`];
      assert.ok(row, `${route} is in the table`);
      const url = fill(pattern, ids);
      for (const [who, c] of visitors) {
        if (!c.csrf) await c.get('/en/sign-in');
        const res: { statusCode: number; headers: Record<string, unknown>; body: string } = method === 'GET' ? await c.get(url) : await c.post(url, row.form ?? {});
        if (who === 'signed-out visitor') {
          assert.equal(res.statusCode, 302, `${who}: ${route}`);
          assert.match(String(res.headers.location), /\/(sign-in|connexion)$/);
        } else {
          assert.equal(res.statusCode, 404, `${who}: ${route}`);
        }
        for (const secret of secrets) assert.equal(res.body.includes(secret), false, `${who} read ${secret} at ${route}`);
      }
      // The control: the organization's own manager does reach every GET.
      if (method === 'GET') assert.equal((await m.get(url)).statusCode, 200, `manager: ${route}`);
    }
    assert.deepEqual(await members(target.id), before.members, 'no member changed');
    assert.equal(JSON.stringify(await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, target.id)).orderBy(securityCodes.id)), before.codes, 'no code changed');
    const sessionsNow = await t.database.db.select().from(sessions).where(and(eq(sessions.accountId, foreignManager.id), eq(sessions.currentOrganizationId, target.id)));
    assert.equal(sessionsNow.length, 0, 'no session acts for it');
  });
});

describe('within a portal', () => {
  test('an organization request made in another authority’s portal goes to that authority, whose staff review it', async () => {
    n += 1;
    const email = `portal.asker${n}@example.ca`;
    const asker = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Porta', familyName: 'Il', preferredLanguage: 'en', password });
    const c = new Client(t.app);
    await c.get('/en/ministere');
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email, password })).statusCode, 303);
    const form = await c.get('/en/organizations/request');
    assert.match(form.body, /Department — Agency/, 'the portal’s kinds');
    assert.doesNotMatch(form.body, /Institution/, 'not another authority’s');
    const fields = { nameFr: 'Bureau du portail', nameEn: 'Portal Office', addressLine1: '90 Elgin', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0A1' };
    const refused = await c.post('/en/organizations/request', { ...fields, kindId: kinds.a as string });
    assert.equal(refused.statusCode, 400, 'a kind another authority takes is refused in this portal');
    assert.equal((await t.database.db.select().from(organizations).where(eq(organizations.requestedBy, asker.id))).length, 0, 'nothing created');
    const sent = await c.post('/en/organizations/request', { ...fields, kindId: kinds.b as string });
    assert.equal(sent.statusCode, 303);
    const [made] = await t.database.db.select().from(organizations).where(eq(organizations.requestedBy, asker.id));
    assert.equal(made?.authorityId, otherAuthorityId);
    const relations = await t.database.db.select().from(authorityPeople).where(and(eq(authorityPeople.accountId, asker.id), eq(authorityPeople.authorityId, otherAuthorityId)));
    assert.equal(relations.length, 1, 'the person is one of that authority’s people');
    const [received] = await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, email), eq(mailMessages.template, 'organizationReceived')));
    assert.equal(received?.fromName, 'Department', 'mailed in that authority’s name');
    assert.match(received?.textBody ?? '', /portal=ministere/);
    const theirs = await signedIn(await person({ authorityId: otherAuthorityId, role: 'registrar' }));
    assert.equal((await theirs.get(`/en/staff/organizations/${made.id}`)).statusCode, 200, 'its staff review it');
    const ours = await signedIn(await person({ role: 'registrar' }));
    assert.equal((await ours.get(`/en/staff/organizations/${made.id}`)).statusCode, 404, 'the account’s own authority does not');
  });
});
