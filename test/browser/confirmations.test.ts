import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { authorityRoles } from '../../src/authorities/schema.ts';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { href } from '../../src/platform/paths.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { buildAccount, buildOrganization } from '../support/factories.ts';
import { launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

/**
 * The pages this part changed, in both languages, on a desktop and a 390 px phone, each checked by
 * axe as it opens (Portal): confirmation steps before destructive actions, the staff console's
 * people, person and audit pages, readable sessions, code fields asking phones for digits.
 */

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const viewports = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
let n = 0;

async function someone(locale: Locale, givenName: string, roles: ('staff' | 'registrar' | 'administrator')[] = []) {
  n += 1;
  const account = await buildAccount(t.database.db, t.authorityId, { email: `${givenName.toLowerCase()}.${n}@example.ca`, givenName, familyName: `Essai${n}`, preferredLanguage: locale, roles: roles.includes('staff') ? ['staff'] : [] });
  for (const role of roles.filter((r) => r !== 'staff')) await t.database.db.insert(authorityRoles).values({ authorityId: t.authorityId, accountId: account.id, role });
  return { ...account, name: `${givenName} Essai${n}`, key: await addAuthenticatorApp(t, account.id) };
}

async function signIn(p: Portal, who: { email: string; password: string; key: string }) {
  await p.signIn(who.email, who.password);
  p.expectPage('signInSecondFactor');
  const field = p.page.locator('input[name="code"]:visible').first();
  assert.equal(await field.getAttribute('inputmode'), 'numeric', 'a phone shows digits');
  assert.equal(await field.getAttribute('autocomplete'), 'one-time-code');
  await field.fill(codeAt(who.key, t.clock.now()));
  t.clock.advance(30_000);
  await p.press(p.t('secondStep.continue'));
}

for (const locale of ['fr', 'en'] as const) {
  for (const [device, viewport] of Object.entries(viewports)) {
    describe(`confirmations and the console (${locale}, ${device})`, () => {
      test('a manager removes a member after a confirmation page; the only manager is offered nothing and told why', async () => {
        const manager = await someone(locale, 'Nadia');
        const member = await someone(locale, 'Kevin');
        const organization = await buildOrganization(t.database.db, t.authorityId, {
          name: { fr: `Agence des parcs ${n}`, en: `Parks Agency ${n}` },
          people: [
            { accountId: manager.id, role: 'manager' },
            { accountId: member.id, role: 'member' },
          ],
        });
        await visit(
          browser,
          t.origin,
          locale,
          async (p) => {
            await signIn(p, manager);
            await p.open(`${t.origin}${href('organizationMembers', locale, { organizationId: organization.id })}`);
            assert.equal(await p.heading(), p.t('members.title', { name: organization.name[locale] }));
            assert.match(await p.page.locator('main').innerText(), new RegExp(p.t('members.onlyManagerSelf').slice(0, 20)));
            await p.press(p.t('members.remove', { name: member.name }), 'link');
            assert.equal(await p.heading(), p.t('members.confirmRemove.title', { name: member.name, organization: organization.name[locale] }));
            await p.press(p.t('members.cancel'), 'link');
            assert.equal(p.path(), href('organizationMembers', locale, { organizationId: organization.id }));
            await p.press(p.t('members.remove', { name: member.name }), 'link');
            await p.press(p.t('members.confirmRemove.submit', { name: member.name }));
            assert.equal(await p.notice(), p.t('members.removed'));
          },
          { viewport },
        );
      });

      test('removing the authenticator app and signing out everywhere are confirmed first; the sessions name the browser', async () => {
        const person = await someone(locale, 'Camille');
        await visit(
          browser,
          t.origin,
          locale,
          async (p) => {
            await signIn(p, person);
            await p.open('twoFactor');
            await p.press(p.t('twoFactor.app.remove'), 'link');
            assert.equal(await p.heading(), p.t('twoFactor.app.confirmRemove.title'));
            await p.press(p.t('twoFactor.cancel'), 'link');
            p.expectPage('twoFactor');
            await p.open('account');
            assert.match(await p.page.locator('main table').first().innerText(), new RegExp(p.t('device.browserOnSystem', { browser: 'Chrome', system: 'Linux' })));
            await p.press(p.t('account.signOutEverywhere'), 'link');
            assert.equal(await p.heading(), p.t('signOutEverywhere.title'));
            await p.press(p.t('account.signOutEverywhere'));
            p.expectPage('signIn');
          },
          { viewport },
        );
      });

      test('staff keep their only second step; they find a person, see their two-step status, confirm ending their sessions, and suspend an organization with a reason', async () => {
        const admin = await someone(locale, 'Marc', ['staff', 'registrar', 'administrator']);
        const person = await someone(locale, 'Hélène');
        const organization = await buildOrganization(t.database.db, t.authorityId, { name: { fr: `Office des pêches ${n}`, en: `Fisheries Office ${n}` }, people: [{ accountId: person.id, role: 'manager' }] });
        await visit(
          browser,
          t.origin,
          locale,
          async (p) => {
            await signIn(p, admin);
            await p.open('twoFactor');
            // Staff must keep a second step: removing their only one is not offered, and the page says why.
            assert.equal(await p.page.getByRole('link', { name: p.t('twoFactor.app.remove'), exact: true }).count(), 0);
            assert.match(await p.page.locator('main').innerText(), new RegExp(p.t('twoFactor.app.lastFactor').slice(0, 30)));

            await p.open('staffAccounts');
            assert.equal(await p.heading(), p.t('staff.nav.people'));
            await p.press(person.name, 'link');
            assert.match(await p.page.locator('main dl').innerText(), new RegExp(p.t('staffPerson.twoStep')));
            await p.press(p.t('staffPeople.endSessions'), 'link');
            assert.equal(await p.heading(), p.t('staffPeople.confirmEndSessions.title', { name: person.name }));
            await p.press(p.t('staffPeople.endSessions'));
            assert.equal(await p.notice(), p.t('staffPeople.sessionsEnded'));

            // "Who" by name, accents aside; the person whose sessions were ended is a link to their page.
            await p.open(`${t.origin}${href('staffAudit', locale)}?who=${encodeURIComponent(admin.name.toUpperCase())}`);
            assert.equal(await p.heading(), p.t('staffAudit.title'));
            await p.press(person.name, 'link');
            assert.equal(p.path(), href('staffAccount', locale, { id: person.id }));

            await p.open(`${t.origin}${href('staffOrganization', locale, { id: organization.id })}`);
            await p.press(p.t('staffOrganizations.suspendThis'), 'link');
            assert.equal(await p.heading(), p.t('staffOrganizations.confirmSuspend.title', { name: organization.name[locale] }));
            await p.press(p.t('staffOrganizations.confirmSuspend.submit'));
            assert.equal(await p.page.locator('.govuk-error-summary a').innerText(), p.t('invalid.reason'));
            await p.page.locator('textarea[name="reason"]').fill('Rapport annuel manquant');
            await p.press(p.t('staffOrganizations.confirmSuspend.submit'));
            assert.equal(await p.notice(), p.t('staffOrganizations.recorded'));
          },
          { viewport },
        );
      });
    });
  }
}
