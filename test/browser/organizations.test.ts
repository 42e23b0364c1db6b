import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createApprovedOrganization, createOrganizationKind } from '../../src/organizations/service.ts';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { expectAccessible, launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';
import { authorityRoles } from '../../src/authorities/schema.ts';
import { buildAccount } from '../support/factories.ts';

const password = 'lune verte sur le fleuve 42';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let kindId: string;
before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  kindId = (await createOrganizationKind(t.database.db, { authorityId: t.authorityId, slug: 'institution', name: { fr: 'Institution', en: 'Institution' } })).id;
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const visitor = (locale: Locale, run: (portal: Portal) => Promise<void>) => visit(browser, t.origin, locale, run);

/** Someone with an authenticator app (members must use one), as a factory. */
async function person(email: string, givenName: string, locale: Locale, staff = false) {
  const account = await buildAccount(t.database.db, t.authorityId, { email, givenName, familyName: 'Demo', preferredLanguage: locale, password, roles: staff ? ['staff'] : [] });
  return { id: account.id, email, name: `${givenName} Demo`, key: await addAuthenticatorApp(t, account.id) };
}

async function signIn(p: Portal, who: { email: string; key: string }) {
  await p.signIn(who.email, password);
  p.expectPage('signInSecondFactor');
  await p.fill({ code: codeAt(who.key, t.clock.now()) });
  t.clock.advance(30_000);
  await p.press(p.t('secondStep.continue'));
  p.expectPage('dashboard');
}

for (const locale of ['fr', 'en'] as const) {
  describe(`organizations (${locale})`, () => {
    test('a manager creates a security code; the person it is given to joins; the manager sees them among the members', async () => {
      const manager = await person(`manager.${locale}@example.ca`, 'Nadia', locale);
      const joiner = await person(`joiner.${locale}@example.ca`, 'Kevin', locale);
      const name = { fr: `Agence des parcs ${locale}`, en: `Parks Agency ${locale}` };
      const organization = await createApprovedOrganization(t.database.db, { authorityId: t.authorityId, kindId, name, people: [{ accountId: manager.id, role: 'manager' }] });
      let code = '';

      await visitor(locale, async (p) => {
        await signIn(p, manager);
        await p.press(p.t('layout.actingForChange'), 'link');
        p.expectPage('organizations');
        await p.press(name[locale], 'link');
        assert.equal(await p.heading(), name[locale]);
        assert.equal(await p.page.locator('.guichet-acting strong').innerText(), name[locale], 'the header says what the person acts for');
        await p.press(p.t('organization.securityCodes'), 'link');
        await p.page.getByLabel(p.t('organization.role.member'), { exact: true }).check();
        await p.press(p.t('codes.create'));
        code = await p.page.locator('[data-security-code]').innerText();
        assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
        const rows = await p.page.locator('tbody tr').count();
        // Refresh: the code was shown once; the page says so, and no second code is made.
        await p.page.reload();
        await expectAccessible(p.page);
        assert.equal(await p.page.locator('[data-security-code]').count(), 0, 'shown once');
        assert.equal(await p.page.locator('main .govuk-inset-text').innerText(), p.t('codes.shownOnce'));
        assert.equal(await p.page.locator('tbody tr').count(), rows, 'no second code');
      });

      await visitor(locale, async (p) => {
        await signIn(p, joiner);
        await p.open('organizations');
        await p.press(p.t('organizations.join'), 'link');
        p.expectPage('joinOrganization');
        await p.fill({ code: 'AAAA-BBBB-CCCC-DDDD-EEEE' });
        await p.press(p.t('join.submit'));
        assert.match(await p.page.title(), /^(Erreur\u00a0:|Error:)/);
        assert.equal(await p.page.locator('.govuk-error-summary a').innerText(), p.t('join.unknown'));
        await p.fill({ code: code.toLowerCase() });
        await p.press(p.t('join.submit'));
        assert.equal(await p.notice(), p.t('organization.joined'));
        assert.equal(await p.heading(), name[locale]);
        assert.equal(await p.page.locator('.guichet-acting strong').innerText(), name[locale]);
      });

      await visitor(locale, async (p) => {
        await signIn(p, manager);
        await p.open(`${t.origin}/${locale}/${locale === 'fr' ? 'organisations' : 'organizations'}/${organization.id}`);
        await p.press(p.t('organization.members'), 'link');
        assert.match(await p.page.locator('table').innerText(), new RegExp(`${joiner.name}[\\s\\S]*${p.t('organization.role.member')}`));
        await p.press(p.t('organization.securityCodes'), 'link');
        assert.match(await p.page.locator('table').innerText(), new RegExp(p.t('codes.state.usedBy', { name: joiner.name, date: '' }).trim()));
      });
    });

    test('a registrar approves an organization from the staff console, finds the decision in the audit log, and makes its founder staff', async () => {
      const registrar = await person(`registrar.${locale}@example.ca`, 'Marc', locale, true);
      await t.database.db.insert(authorityRoles).values([
        { authorityId: t.authorityId, accountId: registrar.id, role: 'registrar' },
        { authorityId: t.authorityId, accountId: registrar.id, role: 'administrator' },
      ]);
      const founder = await person(`founder.${locale}@example.ca`, 'Julie', locale);
      const name = { fr: `Office des pêches ${locale}`, en: `Fisheries Office ${locale}` };
      await visitor(locale, async (p) => {
        await signIn(p, founder);
        await p.open('requestOrganization');
        await p.page.getByLabel(p.t('requestOrganization.kind')).selectOption({ index: 1 });
        await p.fill({ nameFr: name.fr, nameEn: name.en, addressLine1: '200 Kent', city: 'Ottawa', postalCode: 'K1A 0E6' });
        await p.page.getByLabel(p.t('field.province')).selectOption('ON');
        await p.press(p.t('requestOrganization.submit'));
        assert.equal(await p.notice(), p.t('organization.requested'));
      });
      await visitor(locale, async (p) => {
        await signIn(p, registrar);
        await p.open('staffOrganizations');
        await p.press(name[locale], 'link');
        await p.page.getByLabel(p.t('staffOrganizations.decision.approve'), { exact: true }).check();
        await p.press(p.t('staffOrganizations.record'));
        assert.equal(await p.notice(), p.t('staffOrganizations.recorded'));
        await p.press(p.t('staff.nav.auditLog'), 'link');
        p.expectPage('staffAudit');
        assert.match(await p.page.locator('main').innerText(), new RegExp(p.t('event.organization_approved')));
        await p.press(p.t('staffCodes.title'), 'link');
        p.expectPage('staffSecurityCodes');
        await p.press(p.t('staff.nav.people'), 'link');
        p.expectPage('staffAccounts');
        await p.fill({ q: founder.email });
        await p.press(p.t('staff.search'));
        await p.press(founder.name, 'link');
        await p.page.getByLabel(p.t('authority.role.staff'), { exact: true }).check();
        await p.press(p.t('staffPeople.saveRoles'));
        assert.equal(await p.notice(), p.t('staffPeople.rolesSaved'));
      });
    });
  });
}
