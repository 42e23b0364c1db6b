import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildAuthority, buildOrganization, buildOrganizationKind, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { organizations, securityCodes } from '../organizations/index.ts';
import { factorRecoveryRequests } from '../two-factor/schema.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const DAY = 24 * 60 * 60 * 1000;

/** Signs in with the password, and the app's code when the person has one; the client keeps the session. */
async function signIn(who: { email: string; key?: string }, locale: 'fr' | 'en' = 'en') {
  const c = new Client(t.app);
  if (who.key) {
    const res = await signInWithApp(c, t, who.email, FACTORY_PASSWORD, who.key, locale);
    return { c, landing: res.headers.location };
  }
  const page = locale === 'en' ? '/en/sign-in' : '/fr/connexion';
  await c.get(page);
  const res = await c.post(page, { email: who.email, password: FACTORY_PASSWORD });
  return { c, landing: res.headers.location };
}

async function dashboard(c: Client, locale: 'fr' | 'en' = 'en') {
  const res = await c.get(locale === 'en' ? '/en/dashboard' : '/fr/tableau-de-bord');
  assert.equal(res.statusCode, 200);
  return res.body;
}

/** One card's HTML (from its `data-card` to the next card or section), or null when it is not shown. */
function card(body: string, name: string): string | null {
  const start = body.indexOf(`data-card="${name}"`);
  if (start < 0) return null;
  const rest = body.slice(start + 1);
  const end = Math.min(...[rest.indexOf('data-card="'), rest.indexOf('</section>')].filter((i) => i >= 0), rest.length);
  return rest.slice(0, end);
}
const cardCount = (body: string, name: string) => body.split(`data-card="${name}"`).length - 1;

/** A person with an authenticator app (members and staff must use one). */
async function withApp(authorityId: string, o: Parameters<typeof buildAccount>[2] = {}) {
  const account = await buildAccount(t.database.db, authorityId, o);
  return { ...account, key: await addAuthenticatorApp(t, account.id) };
}

describe('landing on the dashboard', () => {
  test('a password sign-in lands on the dashboard, in each language; the header links to it and to the account', async () => {
    const person = await buildAccount(t.database.db, t.authorityId);
    for (const locale of ['en', 'fr'] as const) {
      const { c, landing } = await signIn(person, locale);
      assert.equal(landing, locale === 'en' ? '/en/dashboard' : '/fr/tableau-de-bord');
      const body = await dashboard(c, locale);
      assert.match(body, locale === 'en' ? /<h1[^>]*>Dashboard<\/h1>/ : /<h1[^>]*>Tableau de bord<\/h1>/);
      assert.match(body, locale === 'en' ? /href="\/fr\/tableau-de-bord"/ : /href="\/en\/dashboard"/, 'the language link leads to the twin');
      assert.match(body, locale === 'en' ? /class="govuk-link guichet-header__link" href="\/en\/dashboard"/ : /class="govuk-link guichet-header__link" href="\/fr\/tableau-de-bord"/);
      assert.match(body, locale === 'en' ? /class="govuk-link guichet-header__link" href="\/en\/account"/ : /class="govuk-link guichet-header__link" href="\/fr\/compte"/);
      const account = await c.get(locale === 'en' ? '/en/account' : '/fr/compte');
      assert.equal(account.statusCode, 200, 'the account settings stay where they were');
      assert.match(account.body, locale === 'en' ? /href="\/en\/dashboard"/ : /href="\/fr\/tableau-de-bord"/);
    }
  });

  test('the second step at sign-in lands on the dashboard', async () => {
    const person = await withApp(t.authorityId);
    const { landing } = await signIn(person);
    assert.equal(landing, '/en/dashboard');
  });

  test('signed out, the dashboard sends to sign-in', async () => {
    const res = await new Client(t.app).get('/fr/tableau-de-bord');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/fr/connexion');
  });

  test('a password someone else gave, replaced at sign-in, goes on to the dashboard; a change from the settings returns to them', async () => {
    const person = await buildAccount(t.database.db, t.authorityId, { mustChangePassword: true });
    const { c, landing } = await signIn(person);
    assert.equal(landing, '/en/account/password');
    await c.get('/en/account/password');
    const mine = 'my very own password 7';
    const changed = await c.post('/en/account/password', { currentPassword: FACTORY_PASSWORD, password: mine, passwordConfirm: mine });
    assert.equal(changed.headers.location, '/en/dashboard?notice=passwordChanged');
    assert.match((await c.get('/en/dashboard?notice=passwordChanged')).body, /Your password was changed\./);
    const again = await c.post('/en/account/password', { currentPassword: mine, password: FACTORY_PASSWORD, passwordConfirm: FACTORY_PASSWORD });
    assert.equal(again.headers.location, '/en/account?notice=passwordChanged');
  });

  test('a return address given to a step-up is still where it returns', async () => {
    const person = await buildAccount(t.database.db, t.authorityId);
    const { c } = await signIn(person);
    t.clock.advance(11 * 60 * 1000);
    const asked = await c.get('/en/account/password');
    assert.equal(asked.statusCode, 303);
    const confirm = String(asked.headers.location);
    assert.match(confirm, /return=%2Fen%2Faccount%2Fpassword/);
    await c.get(confirm);
    const done = await c.post(confirm, { password: FACTORY_PASSWORD });
    assert.equal(done.headers.location, '/en/account/password');
  });
});

describe('cards about the person', () => {
  test('two-step verification not set up: the reminder shows until "Not now", and never to someone with an app', async () => {
    const person = await buildAccount(t.database.db, t.authorityId);
    const { c } = await signIn(person);
    let body = await dashboard(c);
    assert.equal(body.split('id="two-factor-nudge-title"').length - 1, 1, 'shown once');
    assert.match(body, /href="\/en\/account\/two-step-verification"/);
    const account = await c.get('/en/account');
    assert.doesNotMatch(account.body, /two-factor-nudge-title/, 'no longer on the account page');
    const dismissed = await c.post('/en/account/two-step-verification/reminder', {});
    assert.equal(dismissed.headers.location, '/en/dashboard?notice=nudgeDismissed');
    body = (await c.get('/en/dashboard?notice=nudgeDismissed')).body;
    assert.doesNotMatch(body, /two-factor-nudge-title/);
    assert.match(body, /We will remind you in 6 months/);
    assert.doesNotMatch(await dashboard(c), /two-factor-nudge-title/);

    const protectedPerson = await withApp(t.authorityId);
    assert.doesNotMatch(await dashboard((await signIn(protectedPerson)).c), /two-factor-nudge-title/);
  });
});

describe('organization cards', () => {
  test('joining or registering an organization is offered where the authority takes organizations, worded by whether the person has one', async () => {
    const none = await buildAuthority(t.database.db);
    const quiet = await buildAccount(t.database.db, none.id);
    const quietBody = await dashboard((await signIn(quiet)).c);
    assert.equal(card(quietBody, 'organizationsStart'), null, 'an authority with no kind of organization offers none');
    assert.match(quietBody, /Nothing is waiting for you right now\./, 'the empty state');

    const takes = await buildAuthority(t.database.db);
    await buildOrganizationKind(t.database.db, takes.id);
    const newcomer = await buildAccount(t.database.db, takes.id);
    const start = card(await dashboard((await signIn(newcomer)).c), 'organizationsStart');
    assert.ok(start);
    assert.match(start, /You do not act for any organization yet/);
    assert.match(start, /href="\/en\/organizations\/join"/);
    assert.match(start, /href="\/en\/organizations\/request"/);

    const member = await withApp(takes.id);
    await buildOrganization(t.database.db, takes.id, { people: [{ accountId: member.id, role: 'member' }] });
    const body = await dashboard((await signIn(member)).c);
    assert.match(card(body, 'organizationsStart') ?? '', /Join another organization/);
    assert.match(body, /Nothing is waiting for you for this organization right now\./);
  });

  test('a request under review shows under its organization, linking to it, until staff decide', async () => {
    const kind = await buildOrganizationKind(t.database.db, t.authorityId);
    const person = await withApp(t.authorityId);
    const { c } = await signIn(person);
    assert.equal(card(await dashboard(c), 'organizationUnderReview'), null);
    const sent = await c.post('/en/organizations/request', {
      kindId: kind.id,
      nameFr: 'Agence des rivières',
      nameEn: 'Rivers Agency',
      addressLine1: '1 rue Principale',
      addressLine2: '',
      city: 'Ottawa',
      province: 'ON',
      postalCode: 'K1A 0B1',
    });
    assert.equal(sent.statusCode, 303);
    const organizationId = /organizations\/([0-9a-f-]{36})/.exec(String(sent.headers.location))?.[1] ?? '';
    let body = await dashboard(c);
    const review = card(body, 'organizationUnderReview');
    assert.ok(review, 'shown while under review');
    assert.match(review, new RegExp(`href="/en/organizations/${organizationId}"`));
    assert.match(body, /Rivers Agency/);
    assert.equal(cardCount(body, 'organizationUnderReview'), 1);
    const fr = await dashboard(c, 'fr');
    assert.match(card(fr, 'organizationUnderReview') ?? '', new RegExp(`href="/fr/organisations/${organizationId}"`));

    await t.database.db.update(organizations).set({ status: 'approved' }).where(eq(organizations.id, organizationId));
    body = await dashboard(c);
    assert.equal(card(body, 'organizationUnderReview'), null, 'gone once decided');
  });

  test('security codes about to expire: shown to the organization’s managers only, for unused codes within three days', async () => {
    const manager = await withApp(t.authorityId);
    const member = await withApp(t.authorityId);
    const organization = await buildOrganization(t.database.db, t.authorityId, {
      people: [
        { accountId: manager.id, role: 'manager' },
        { accountId: member.id, role: 'member' },
      ],
    });
    const m = await signIn(manager);
    const page = `/en/organizations/${organization.id}/security-codes`;
    const made = { organizationId: organization.id, role: 'member' as const, createdBy: manager.id, createdAt: t.clock.now(), expiresAt: new Date(t.clock.now().getTime() + 14 * DAY) };
    await t.database.db.insert(securityCodes).values([{ ...made, codeHash: `a-${organization.id}` }, { ...made, codeHash: `b-${organization.id}` }]);
    assert.equal(card(await dashboard(m.c), 'securityCodesExpiring'), null, 'fourteen days left: nothing yet');

    t.clock.advance(11.5 * DAY);
    const fresh = await signIn(manager);
    let body = await dashboard(fresh.c);
    const codes = card(body, 'securityCodesExpiring');
    assert.ok(codes, 'two and a half days left');
    assert.match(codes, /2 security codes nobody has used yet expire soon/);
    assert.match(codes, new RegExp(`href="${page}"`));
    assert.equal(card(await dashboard((await signIn(member)).c), 'securityCodesExpiring'), null, 'a member is not told');

    const [first] = await t.database.db.select().from(securityCodes).where(eq(securityCodes.organizationId, organization.id));
    assert.ok(first);
    await t.database.db.update(securityCodes).set({ usedAt: t.clock.now(), usedBy: member.id }).where(eq(securityCodes.id, first.id));
    body = await dashboard(fresh.c);
    assert.match(card(body, 'securityCodesExpiring') ?? '', /A security code nobody has used yet expires soon \(on /);

    t.clock.advance(3 * DAY);
    const later = await signIn(manager);
    assert.equal(card(await dashboard(later.c), 'securityCodesExpiring'), null, 'expired codes are no longer about to expire');
  });
});

describe('grouping', () => {
  test('an organization of another authority shows under that authority, and its staff counts stay hidden', async () => {
    const other = await buildAuthority(t.database.db, { name: { fr: 'Bureau voisin', en: 'Neighbouring office' } });
    const staff = await buildStaff(t.database.db, t.authorityId);
    const key = await addAuthenticatorApp(t, staff.id);
    await buildOrganization(t.database.db, other.id, { name: { fr: 'Agence voisine', en: 'Neighbouring agency' }, people: [{ accountId: staff.id, role: 'member' }] });
    const asker = await buildAccount(t.database.db, other.id);
    await t.database.db.insert(factorRecoveryRequests).values({ authorityId: other.id, accountId: asker.id, requestedAt: t.clock.now() });
    const body = await dashboard((await signIn({ email: staff.email, key })).c);
    const sections = [...body.matchAll(/<section[^>]*data-(authority|organization)="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
    assert.equal(sections[0], `authority:${t.authorityId}`, 'the account’s own authority first');
    assert.equal(sections[1], `authority:${other.id}`);
    assert.match(sections[2] ?? '', /^organization:/, 'its organization under it');
    const neighbour = body.slice(body.indexOf(`data-authority="${other.id}"`));
    assert.match(neighbour, /Neighbouring office/);
    assert.match(neighbour, /Authority: Neighbouring office/);
    assert.equal(card(neighbour, 'twoFactorHelpRequests'), null, 'no role there: no counts');
  });
});

describe('one account, several authorities', () => {
  test('signing in at another authority’s portal puts that authority on the dashboard, after the account’s own', async () => {
    const other = await buildAuthority(t.database.db, { name: { fr: 'Bureau des permis', en: 'Licensing office' } });
    const person = await buildAccount(t.database.db, t.authorityId);
    const before = await dashboard((await signIn(person)).c);
    assert.doesNotMatch(before, /Licensing office/, 'not yet: the person has not acted there');
    const c = new Client(t.app);
    await c.get(`/en/${other.slug}`);
    await c.get('/en/sign-in');
    const res = await c.post('/en/sign-in', { email: person.email, password: FACTORY_PASSWORD, portal: other.slug });
    assert.equal(res.headers.location, '/en/dashboard');
    const body = await dashboard(c);
    const sections = [...body.matchAll(/<section[^>]*data-authority="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(sections, [t.authorityId, other.id], 'both, the account’s own first');
    assert.match(body.slice(body.indexOf(`data-authority="${other.id}"`)), /Licensing office/);
  });
});

describe('staff counts', () => {
  test('pending help requests and organization requests, counted in the staff member’s authority only, each linking to its queue', async () => {
    const a = await buildAuthority(t.database.db);
    const b = await buildAuthority(t.database.db);
    const staffA = await buildStaff(t.database.db, a.id);
    const staffB = await buildStaff(t.database.db, b.id);
    const keyA = await addAuthenticatorApp(t, staffA.id);
    const keyB = await addAuthenticatorApp(t, staffB.id);
    const seeA = async () => dashboard((await signIn({ email: staffA.email, key: keyA })).c);
    const seeB = async () => dashboard((await signIn({ email: staffB.email, key: keyB })).c);

    let body = await seeA();
    assert.equal(card(body, 'twoFactorHelpRequests'), null, 'nothing pending: no card');
    assert.equal(card(body, 'staffOrganizationRequests'), null);
    assert.match(body, /Nothing is waiting for you right now\./);
    assert.match(body, /Your roles: Staff/);
    assert.match(body, /href="\/en\/staff\/accounts">Open the staff console/, 'the way to the console');

    const askers = await Promise.all([buildAccount(t.database.db, a.id), buildAccount(t.database.db, a.id), buildAccount(t.database.db, b.id)]);
    await t.database.db.insert(factorRecoveryRequests).values(askers.map((p, i) => ({ authorityId: i < 2 ? a.id : b.id, accountId: p.id, requestedAt: t.clock.now() })));
    const kindA = await buildOrganizationKind(t.database.db, a.id);
    const kindB = await buildOrganizationKind(t.database.db, b.id);
    const requested = (authorityId: string, kindId: string, name: string) =>
      t.database.db.insert(organizations).values({ authorityId, kindId, name: { fr: name, en: name }, addressLine1: '1 Main', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1' });
    await requested(a.id, kindA.id, 'A one');
    await requested(b.id, kindB.id, 'B one');
    await requested(b.id, kindB.id, 'B two');
    await requested(b.id, kindB.id, 'B three');
    const decided = await buildOrganization(t.database.db, a.id, { kindId: kindA.id });
    assert.ok(decided, 'an approved organization is not counted');

    body = await seeA();
    const help = card(body, 'twoFactorHelpRequests');
    assert.ok(help);
    assert.match(help, /2 people are waiting for your help/);
    assert.match(help, /href="\/en\/staff\/verification-help"/);
    const orgs = card(body, 'staffOrganizationRequests');
    assert.ok(orgs);
    assert.match(orgs, /One organization is waiting for a decision\./);
    assert.match(orgs, /href="\/en\/staff\/organizations\?status=requested"/);

    body = await seeB();
    assert.match(card(body, 'twoFactorHelpRequests') ?? '', /One person is waiting for your help/);
    assert.match(card(body, 'staffOrganizationRequests') ?? '', /3 organizations are waiting for a decision\./);
    const fr = await dashboard((await signIn({ email: staffB.email, key: keyB }, 'fr')).c, 'fr');
    assert.match(card(fr, 'staffOrganizationRequests') ?? '', /3\u00a0organisations attendent une décision\./);
    assert.match(card(fr, 'staffOrganizationRequests') ?? '', /href="\/fr\/personnel\/organisations\?status=requested"/);

    // Nobody else sees them: a person of the authority without a role, and the asker themselves.
    for (const person of [await buildAccount(t.database.db, a.id), askers[0]]) {
      assert.ok(person);
      const seen = await dashboard((await signIn(person)).c);
      assert.equal(card(seen, 'twoFactorHelpRequests'), null);
      assert.equal(card(seen, 'staffOrganizationRequests'), null);
      assert.doesNotMatch(seen, /Your roles/);
    }

    await t.database.db.update(factorRecoveryRequests).set({ status: 'completed' }).where(eq(factorRecoveryRequests.authorityId, a.id));
    assert.equal(card(await seeA(), 'twoFactorHelpRequests'), null, 'handled requests are not counted');
  });
});
