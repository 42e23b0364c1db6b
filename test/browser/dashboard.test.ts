import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { organizationMembers, organizations, securityCodes } from '../../src/organizations/schema.ts';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { href } from '../../src/platform/paths.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { factorRecoveryRequests } from '../../src/two-factor/schema.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { buildAccount, buildOrganization, buildOrganizationKind, buildStaff, unique } from '../support/factories.ts';
import { launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

const password = 'lune verte sur le fleuve 42';
const DAY = 24 * 60 * 60 * 1000;

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let kindId: string;
before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  kindId = (await buildOrganizationKind(t.database.db, t.authorityId)).id;
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const sizes: Record<string, BrowserContextOptions> = { desktop: { viewport: { width: 1280, height: 900 } }, phone: { viewport: { width: 390, height: 844 } } };

/** Signs in (with the app's code when there is one) and checks the person lands on their dashboard. */
async function signIn(p: Portal, who: { email: string; key?: string }) {
  await p.signIn(who.email, password);
  if (who.key) {
    p.expectPage('signInSecondFactor');
    await p.fill({ code: codeAt(who.key, t.clock.now()) });
    t.clock.advance(30_000);
    await p.press(p.t('secondStep.continue'));
  }
  p.expectPage('dashboard');
  assert.equal(await p.heading(), p.t('dashboard.title'));
}

/** Nothing scrolls sideways (WCAG 1.4.10), at either width. */
async function expectNoSidewaysScroll(p: Portal) {
  const { scroll, client } = await p.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `the page is ${scroll} px wide in a ${client} px window`);
}

const card = (p: Portal, name: string) => p.page.locator(`[data-card="${name}"]`);

for (const locale of ['fr', 'en'] as const satisfies readonly Locale[]) {
  for (const [size, options] of Object.entries(sizes)) {
    const visitor = (run: (portal: Portal) => Promise<void>) => visit(browser, t.origin, locale, run, options);

    describe(`the dashboard (${locale}, ${size})`, () => {
      test('a registrant is reminded of two-step verification and offered to join or register an organization', () =>
        visitor(async (p) => {
          const person = await buildAccount(t.database.db, t.authorityId, { preferredLanguage: locale, password });
          await signIn(p, person);
          await expectNoSidewaysScroll(p);
          assert.equal(await p.page.getByRole('region', { name: p.t('twoFactorNudge.title') }).count(), 1);
          assert.equal(await p.page.locator('[data-empty="waiting"]').first().innerText(), p.t('dashboard.nothingWaiting'));
          assert.match(await card(p, 'organizationsStart').innerText(), new RegExp(p.t('organizationCard.start.none')));
          await p.press(p.t('organizations.join'), 'link');
          p.expectPage('joinOrganization');
          await p.press(p.t('layout.dashboard'), 'link');
          p.expectPage('dashboard');
          await p.press(p.t('dashboard.accountLink'), 'link');
          p.expectPage('account');
        }));

      test('a manager sees their request under review and their codes about to expire', () =>
        visitor(async (p) => {
          const manager = await buildAccount(t.database.db, t.authorityId, { preferredLanguage: locale, password });
          const key = await addAuthenticatorApp(t, manager.id);
          const name = unique('Agence');
          const approved = await buildOrganization(t.database.db, t.authorityId, { kindId, name: { fr: `${name} (fr)`, en: name }, people: [{ accountId: manager.id, role: 'manager' }] });
          await t.database.db.insert(securityCodes).values({
            organizationId: approved.id,
            role: 'member',
            codeHash: unique('hash'),
            createdBy: manager.id,
            createdAt: new Date(t.clock.now().getTime() - 13 * DAY),
            expiresAt: new Date(t.clock.now().getTime() + DAY),
          });
          const [requested] = await t.database.db
            .insert(organizations)
            .values({ authorityId: t.authorityId, kindId, name: { fr: `${name} 2 (fr)`, en: `${name} 2` }, addressLine1: '1 Main', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1', requestedBy: manager.id })
            .returning();
          assert.ok(requested);
          await t.database.db.insert(organizationMembers).values({ organizationId: requested.id, accountId: manager.id, role: 'manager' });

          await signIn(p, { email: manager.email, key });
          await expectNoSidewaysScroll(p);
          const headings = await p.page.locator('[data-organization] h2').allInnerTexts();
          assert.equal(headings.length, 2, 'one section per organization');
          assert.ok(headings.some((h) => h.endsWith(locale === 'fr' ? `${name} (fr)` : name)), headings.join(' | '));
          assert.equal(await card(p, 'organizationUnderReview').count(), 1);
          assert.match(await card(p, 'organizationsStart').innerText(), new RegExp(p.t('organizationCard.start.another')));
          await card(p, 'securityCodesExpiring').getByRole('link', { name: p.t('organizationCard.codes.open') }).click();
          await p.page.waitForLoadState('load');
          assert.equal(p.path(), href('securityCodes', locale, { organizationId: approved.id }));
          await p.press(p.t('layout.dashboard'), 'link');
          await p.press(p.t('organizationCard.review.open'), 'link');
          assert.equal(p.path(), href('organization', locale, { organizationId: requested.id }));
        }));

      test('staff see the pending help requests and organization requests of their authority and open each queue', () =>
        visitor(async (p) => {
          const staff = await buildStaff(t.database.db, t.authorityId, { preferredLanguage: locale, password });
          const key = await addAuthenticatorApp(t, staff.id);
          const asker = await buildAccount(t.database.db, t.authorityId);
          await t.database.db.insert(factorRecoveryRequests).values({ authorityId: t.authorityId, accountId: asker.id, requestedAt: t.clock.now() });
          await t.database.db.insert(organizations).values({ authorityId: t.authorityId, kindId, name: { fr: 'Demande', en: 'Request' }, addressLine1: '1 Main', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0B1' });

          await signIn(p, { email: staff.email, key });
          await expectNoSidewaysScroll(p);
          assert.match(await p.page.locator('main').innerText(), new RegExp(p.t('dashboard.roles', { roles: p.t('authority.role.staff') })));
          assert.equal(await card(p, 'twoFactorHelpRequests').count(), 1);
          assert.equal(await card(p, 'staffOrganizationRequests').count(), 1);
          await p.press(p.t('twoFactorCard.help.open'), 'link');
          p.expectPage('staffFactorRecoveries');
          await p.press(p.t('layout.dashboard'), 'link');
          await p.press(p.t('organizationCard.staff.open'), 'link');
          p.expectPage('staffOrganizations');
          await p.press(p.t('layout.dashboard'), 'link');
          await p.press(p.t('dashboard.openStaff'), 'link');
          p.expectPage('staffAccounts');
        }));
    });
  }
}
