// Each authority's portal: found by its address (/fr/<slug>) or by the host name an operator gave it
// (PORTAL_HOSTS), and the place where sign-up, sign-in and help requests happen: the account joins
// that authority, the relation is recorded, the request reaches that authority's staff only, and
// mail names the authority and leads back to its portal.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../audit/index.ts';
import { accounts } from '../identity/index.ts';
import { mailMessages } from '../mail/index.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { buildApp, moduleSettings } from '../app.ts';
import { createTestApp, openTestDatabase, type TestApp } from '../../test/support/app.ts';
import { Client } from '../../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../../test/support/factors.ts';
import { buildAccount, buildAuthority, buildOrganization, buildStaff, FACTORY_PASSWORD } from '../../test/support/factories.ts';
import { authoritiesOf } from './portals.ts';
import { grantRoles } from './service.ts';
import { authorities, authorityPeople } from './schema.ts';

const password = 'lune verte sur le fleuve 42';
const relationsOf = async (t: TestApp, accountId: string) =>
  (await t.database.db.select().from(authorityPeople).where(eq(authorityPeople.accountId, accountId))).map((r) => ({ authorityId: r.authorityId, firstAct: r.firstAct }));
const accountOf = async (t: TestApp, email: string) => {
  const [row] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
  assert.ok(row, `no account for ${email}`);
  return row;
};
const mailsTo = (t: TestApp, to: string) => t.database.db.select().from(mailMessages).where(eq(mailMessages.toAddress, to));
const signUpForm = (email: string, extra: Record<string, string> = {}) => ({ email, givenName: 'Inès', familyName: 'Portail', preferredLanguage: 'en', password, passwordConfirm: password, ...extra });

async function signedInStaff(t: TestApp, authorityId: string, roles: ('registrar' | 'administrator')[] = []) {
  const staff = await buildStaff(t.database.db, authorityId, { roles });
  const key = await addAuthenticatorApp(t, staff.id);
  const c = new Client(t.app);
  assert.equal((await signInWithApp(c, t, staff.email, FACTORY_PASSWORD, key)).statusCode, 303);
  return c;
}

describe('portals by address', () => {
  let t: TestApp;
  let slugA = '';
  const college = { fr: 'Ordre des portails', en: 'College of Portals' };
  const office = { fr: 'Office des essais', en: 'Testing Office' };
  let b: Awaited<ReturnType<typeof buildAuthority>>;
  before(async () => {
    t = await createTestApp();
    const [a] = await t.database.db.select().from(authorities).where(eq(authorities.id, t.authorityId));
    slugA = a?.slug ?? '';
    await t.database.db.update(authorities).set({ name: college }).where(eq(authorities.id, t.authorityId));
  });
  after(() => t.close());

  test('with one authority, /fr and /en open its portal', async () => {
    const c = new Client(t.app);
    for (const locale of ['fr', 'en'] as const) {
      const res = await c.get(`/${locale}`);
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, `/${locale}/${slugA}`);
    }
  });

  test('each portal home has its names, welcome, services, contact and links; /fr lists them all', async () => {
    b = await buildAuthority(t.database.db, {
      name: office,
      contactEmail: 'info@office.example.ca',
      contactPhone: '613 555-0142',
      contactHours: { fr: 'En semaine, de 9 h à 17 h', en: 'Weekdays, 9 a.m. to 5 p.m.' },
    });
    const c = new Client(t.app);
    const list = await c.get('/fr');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`href="/fr/${slugA}"[^>]*>${college.fr}<`));
    assert.match(list.body, new RegExp(`href="/fr/${b.slug}"[^>]*>${office.fr}<`));

    const home = await c.get(`/en/${b.slug}`);
    assert.equal(home.statusCode, 200);
    assert.match(home.body, new RegExp(`<h1[^>]*>${office.en}</h1>`));
    assert.match(home.body, /class="guichet-header__name">Testing Office</, 'the header names the authority');
    assert.match(home.body, /<title>Testing Office — Testing Office<\/title>/);
    assert.match(home.body, /Welcome\. Create your account/, 'the default welcome');
    assert.match(home.body, /href="\/en\/organizations\/request"/, 'the services modules declare');
    assert.match(home.body, /href="mailto:info@office.example.ca"/);
    assert.match(home.body, /Weekdays, 9 a\.m\. to 5 p\.m\./);
    for (const path of ['privacy', 'accessibility', 'terms-of-use']) assert.match(home.body, new RegExp(`class="govuk-footer__link" href="/en/${b.slug}/${path}"`));
    assert.match(home.body, /hreflang="fr" href="\/fr\/[a-z0-9-]+"/, 'the twin is the French portal home');
    assert.match(String(home.headers['set-cookie']), new RegExp(`guichet_portal=${b.slug}`), 'the portal is remembered');

    const privacy = await c.get(`/fr/${b.slug}/confidentialite`);
    assert.equal(privacy.statusCode, 200);
    assert.match(privacy.body, /Organisme responsable\u00a0: Office des essais/);
    // Another page now shows the remembered portal in its header and footer.
    const signIn = await c.get('/en/sign-in');
    assert.match(signIn.body, /class="guichet-header__name">Testing Office</);
    assert.match(signIn.body, new RegExp(`name="portal" value="${b.slug}"`));
    assert.equal((await c.get('/fr/pas-un-organisme')).statusCode, 404);
    assert.equal((await c.get('/fr/Pas_Un_Slug')).statusCode, 404);
  });

  test('signing up in a portal makes an account of that authority, records the relation and mails in its name', async () => {
    const c = new Client(t.app);
    await c.get(`/en/${b.slug}`);
    await c.get('/en/sign-up');
    const email = 'ines.office@example.ca';
    const res = await c.post('/en/sign-up', signUpForm(email));
    assert.equal(res.statusCode, 303, 'answered with a redirect to a page');
    const account = await accountOf(t, email);
    assert.equal(account.authorityId, b.id, 'not the oldest authority: the portal’s');
    assert.deepEqual(await relationsOf(t, account.id), [{ authorityId: b.id, firstAct: 'sign_up' }]);
    const [mail] = await mailsTo(t, email);
    assert.equal(mail?.fromName, office.en, 'sent in the authority’s name');
    assert.match(mail?.textBody ?? '', /Testing Office\nContact us: info@office\.example\.ca · 613 555-0142$/, 'signed by the authority');
    const link = new URL(/https?:\/\/\S+/.exec(mail?.textBody ?? '')?.[0] ?? '');
    assert.equal(link.searchParams.get('portal'), b.slug, 'the link opens the portal it came from');
    const opened = await new Client(t.app).get(link.pathname + link.search);
    assert.match(opened.body, /class="guichet-header__name">Testing Office</);
  });

  test('“forgot password” in a portal: the reset mail names the authority and opens its portal; the reset there keeps it', async () => {
    const person = await buildAccount(t.database.db, t.authorityId, { email: 'forgot.office@example.ca' });
    const c = new Client(t.app);
    await c.get(`/en/${b.slug}`);
    await c.get('/en/forgot-password');
    assert.equal((await c.post('/en/forgot-password', { email: person.email })).statusCode, 303, 'answered with a redirect to a page');
    const reset = (await mailsTo(t, person.email)).find((m) => m.template === 'reset');
    assert.equal(reset?.fromName, office.en);
    const link = new URL(/https?:\/\/\S+/.exec(reset?.textBody ?? '')?.[0] ?? '');
    assert.equal(link.searchParams.get('portal'), b.slug);
    const elsewhere = new Client(t.app);
    const page = await elsewhere.get(link.pathname + link.search);
    assert.match(page.body, new RegExp(`name="portal" value="${b.slug}"`), 'the reset form is the portal’s');
    const newPassword = 'héron gris au bord du lac 17';
    assert.equal((await elsewhere.post('/en/reset-password', { token: link.searchParams.get('token') ?? '', password: newPassword, passwordConfirm: newPassword, portal: b.slug })).statusCode, 303);
    const changed = (await mailsTo(t, person.email)).find((m) => m.template === 'passwordChanged');
    assert.equal(changed?.fromName, office.en, 'the confirmation too');
  });

  test('the form’s own portal wins over the one another tab opened since', async () => {
    const c = new Client(t.app);
    await c.get(`/en/${slugA}`);
    await c.get('/en/sign-up');
    const email = 'two.tabs@example.ca';
    await c.post('/en/sign-up', signUpForm(email, { portal: b.slug }));
    assert.equal((await accountOf(t, email)).authorityId, b.id);
  });

  test('in no portal, with several authorities, sign-up asks which one', async () => {
    const c = new Client(t.app);
    const page = await c.get('/en/sign-up');
    assert.match(page.body, new RegExp(`name="portal" type="radio" value="${b.slug}"`));
    const email = 'no.portal@example.ca';
    const refused = await c.post('/en/sign-up', signUpForm(email));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Choose the authority you are creating your account with/);
    assert.equal((await t.database.db.select().from(accounts).where(eq(accounts.email, email))).length, 0, 'nothing created');
    assert.equal((await c.post('/en/sign-up', signUpForm(email, { portal: slugA }))).statusCode, 303, 'answered with a redirect to a page');
    assert.equal((await accountOf(t, email)).authorityId, t.authorityId);
  });

  test('signing in at another authority’s portal records the relation; the account stays one', async () => {
    const person = await buildAccount(t.database.db, t.authorityId, { email: 'two.portals@example.ca' });
    const c = new Client(t.app);
    await c.get(`/en/${b.slug}`);
    await c.get('/en/sign-in');
    assert.equal((await c.post('/en/sign-in', { email: person.email, password: FACTORY_PASSWORD })).statusCode, 303);
    const relations = await relationsOf(t, person.id);
    assert.deepEqual(
      relations.sort((x, y) => x.firstAct.localeCompare(y.firstAct)),
      [
        { authorityId: b.id, firstAct: 'sign_in' },
        { authorityId: t.authorityId, firstAct: 'sign_up' },
      ],
    );
    assert.equal((await accountOf(t, person.email)).authorityId, t.authorityId);
    // Signing in there again changes nothing.
    await new Client(t.app).post('/en/sign-in', { email: person.email, password: FACTORY_PASSWORD, portal: b.slug });
    assert.equal((await relationsOf(t, person.id)).length, 2);
  });

  test('a member of one of B’s organizations, and B’s staff, are among B’s people', async () => {
    const member = await buildAccount(t.database.db, t.authorityId);
    await buildOrganization(t.database.db, b.id, { people: [{ accountId: member.id, role: 'member' }] });
    const staff = await buildStaff(t.database.db, t.authorityId);
    await grantRoles(t.database.db, b.id, staff.id, ['staff']);
    assert.ok((await relationsOf(t, member.id)).some((r) => r.authorityId === b.id && r.firstAct === 'member'));
    assert.ok((await relationsOf(t, staff.id)).some((r) => r.authorityId === b.id && r.firstAct === 'staff'));
    assert.deepEqual((await authoritiesOf(t.database.db, member.id)).map((a) => a.id), [t.authorityId, b.id], 'both, in the order they began');
  });

  test('a help request made in portal B reaches B’s staff, never A’s', async () => {
    const person = await buildAccount(t.database.db, t.authorityId, { email: 'lost.phone@example.ca', givenName: 'Perdue' });
    const asking = new Client(t.app);
    await asking.get(`/en/${b.slug}`);
    await asking.get('/en/sign-in/verification-help');
    assert.equal((await asking.post('/en/sign-in/verification-help', { email: person.email, message: 'Lost my phone in portal B' })).statusCode, 303, 'answered with a redirect to a page');

    assert.equal((await t.app.services.twoFactor.pendingRecoveryRequests(b.id)).filter((r) => r.accountId === person.id).length, 1);
    assert.equal((await t.app.services.twoFactor.pendingRecoveryRequests(t.authorityId)).filter((r) => r.accountId === person.id).length, 0);
    const staffA = await signedInStaff(t, t.authorityId);
    const staffB = await signedInStaff(t, b.id);
    const seenByA = await staffA.get('/en/staff/verification-help');
    assert.equal(seenByA.statusCode, 200);
    assert.doesNotMatch(seenByA.body, /lost\.phone@example\.ca|Lost my phone/);
    const seenByB = await staffB.get('/en/staff/verification-help');
    assert.match(seenByB.body, /lost\.phone@example\.ca/);
    assert.match(seenByB.body, /class="guichet-header__name">Testing Office</, 'signed in, in no portal: the one the staff act for');
    const [request] = await t.app.services.twoFactor.pendingRecoveryRequests(b.id);
    assert.match((await staffB.get(`/en/staff/verification-help/${request?.id}`)).body, /Lost my phone in portal B/);
    assert.equal((await staffA.get(`/en/staff/verification-help/${request?.id}`)).statusCode, 404);
    // B's staff find the person too: asking for help there made them one of B's people.
    assert.match((await staffB.get(`/en/staff/accounts/${person.id}`)).body, /lost\.phone@example\.ca/);
    assert.ok((await relationsOf(t, person.id)).some((r) => r.authorityId === b.id && r.firstAct === 'help_request'));
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, person.id), eq(auditEvents.event, 'factor_recovery_requested')));
    assert.equal(event?.authorityId, b.id, 'in B’s audit log');
    const mail = (await mailsTo(t, person.email)).find((m) => m.template === 'factorRecoveryRequested');
    assert.equal(mail?.fromName, office.en);
  });

  test('administrators edit their portal (audited); bad input changes nothing; other staff find no such page', async () => {
    const admin = await signedInStaff(t, b.id, ['administrator']);
    const page = await admin.get('/en/staff/portal');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="Testing Office"/);
    const form = {
      nameFr: 'Office des essais',
      nameEn: 'Testing Office',
      welcomeFr: 'Bonjour à tous',
      welcomeEn: 'Hello everyone',
      contactEmail: 'help@office.example.ca',
      contactPhone: '613 555-0142',
      hoursFr: '',
      hoursEn: '',
      privacyFr: 'https://office.example.ca/fr/confidentialite',
      privacyEn: 'http://office.example.ca/privacy',
      accessibilityFr: '',
      accessibilityEn: '',
      termsFr: '',
      termsEn: '',
    };
    const bad = await admin.post('/en/staff/portal', form);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="privacyEn-error"[\s\S]*Enter a full address starting with https:\/\//);
    let [row] = await t.database.db.select().from(authorities).where(eq(authorities.id, b.id));
    assert.equal(row?.contactEmail, 'info@office.example.ca', 'nothing saved');

    const saved = await admin.post('/en/staff/portal', { ...form, privacyEn: 'https://office.example.ca/privacy' });
    assert.equal(saved.statusCode, 303);
    [row] = await t.database.db.select().from(authorities).where(eq(authorities.id, b.id));
    assert.deepEqual(row?.welcome, { fr: 'Bonjour à tous', en: 'Hello everyone' });
    assert.equal(row?.contactHours, null, 'emptied: the default');
    const [event] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.authorityId, b.id), eq(auditEvents.event, 'portal_updated')));
    assert.deepEqual(event?.details, { changed: ['welcome', 'contactEmail', 'contactHours', 'privacyUrl'] });
    const home = await new Client(t.app).get(`/en/${b.slug}`);
    assert.match(home.body, /Hello everyone/);
    assert.match(home.body, /class="govuk-footer__link" href="https:\/\/office\.example\.ca\/privacy"/);
    assert.match(home.body, new RegExp(`class="govuk-footer__link" href="/en/${b.slug}/accessibility"`), 'the default statement stays');

    const staffOnly = await signedInStaff(t, b.id);
    assert.equal((await staffOnly.get('/en/staff/portal')).statusCode, 404);
    assert.equal((await staffOnly.post('/en/staff/portal', form)).statusCode, 404);
  });
});

describe('portals by host name (PORTAL_HOSTS)', () => {
  let t: TestApp;
  let officeId = '';
  before(async () => {
    t = await createTestApp({
      authoritySlug: 'college-host',
      env: { PORTAL_HOSTS: 'college.example.ca=college-host, office.example.ca:8443=office-host' },
      beforeBuild: async (database) => {
        officeId = (await buildAuthority(database.db, { slug: 'office-host', name: { fr: 'Office hôte', en: 'Host Office' } })).id;
      },
    });
  });
  after(() => t.close());

  test('a mapped host serves its portal home at its root, and no other portal', async () => {
    const c = new Client(t.app);
    const root = await c.get('/', { host: 'college.example.ca', 'accept-language': 'en' });
    assert.equal(root.statusCode, 302);
    assert.equal(root.headers.location, '/en');
    const home = await c.get('/en', { host: 'college.example.ca' });
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<h1[^>]*>Test college<\/h1>/);
    assert.match(home.body, /class="guichet-header__name">Test college</);
    assert.match(home.body, /<a href="\/en" class="guichet-header__name">/, 'the header leads to the host’s root');
    assert.doesNotMatch(home.body, /All hosted authorities/);
    const office = await c.get('/fr', { host: 'OFFICE.example.ca:8443' });
    assert.match(office.body, /<h1[^>]*>Office hôte<\/h1>/);
    assert.equal((await c.get('/fr/office-host', { host: 'college.example.ca' })).statusCode, 404, 'another portal is not on this host');
    assert.equal((await c.get('/fr/college-host', { host: 'college.example.ca' })).statusCode, 200);
    // The main address still lists both.
    const list = await c.get('/en', { host: 'localhost:3000' });
    assert.match(list.body, /Host Office/);
    assert.match(list.body, /Test college/);
  });

  test('sign-up on a mapped host joins its authority; the mailed link opens that host', async () => {
    const c = new Client(t.app);
    const host = { host: 'office.example.ca:8443' };
    await c.get('/en/sign-up', host);
    const email = 'host.person@example.ca';
    assert.equal((await c.post('/en/sign-up', signUpForm(email, { portal: 'college-host' }), host)).statusCode, 303, 'answered with a redirect to a page');
    const account = await accountOf(t, email);
    assert.equal(account.authorityId, officeId, 'the host decides, whatever a field says');
    assert.deepEqual(await relationsOf(t, account.id), [{ authorityId: officeId, firstAct: 'sign_up' }]);
    const [mail] = await mailsTo(t, email);
    assert.match(mail?.textBody ?? '', /http:\/\/office\.example\.ca:8443\/en\/confirm-email\?token=[\w-]+\n/);
    assert.equal(mail?.fromName, 'Host Office');
  });

  test('PORTAL_HOSTS is checked at start: its shape, then its slugs', async () => {
    const env = { NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', PUBLIC_URL: 'http://localhost:3000', DATA_DIR: '/tmp/guichet-test-unused' };
    for (const wrong of ['college.example.ca', 'a.example=one,a.example=two', 'bad host=slug', 'a.example=Not_A_Slug']) {
      assert.throws(() => loadConfig({ ...env, PORTAL_HOSTS: wrong }, moduleSettings), (error: Error) => error instanceof ConfigError && /PORTAL_HOSTS/.test(error.message), wrong);
    }
    const database = await openTestDatabase();
    try {
      await buildAuthority(database.db, { slug: 'known' });
      const config = loadConfig({ ...env, PORTAL_HOSTS: 'a.example=known,b.example=unknown-slug' }, moduleSettings);
      await assert.rejects(buildApp({ config, database, transport: null }), /PORTAL_HOSTS names no authority with the slug unknown-slug/);
    } finally {
      await database.close();
    }
  });
});
