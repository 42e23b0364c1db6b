import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { buildAuthority, buildStaff, FACTORY_PASSWORD } from '../support/factories.ts';
import { launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let office: Awaited<ReturnType<typeof buildAuthority>>;
const officeName = { fr: 'Office de la protection des essais', en: 'Office for the Protection of Tests' };
before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  office = await buildAuthority(t.database.db, {
    slug: 'office-essais',
    name: officeName,
    contactEmail: 'renseignements@office-essais.example.ca',
    contactPhone: '1 800 555-0199',
    contactHours: { fr: 'Du lundi au vendredi, de 8 h 30 à 16 h 30', en: 'Monday to Friday, 8:30 a.m. to 4:30 p.m.' },
  });
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const viewports = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: '390 px', viewport: { width: 390, height: 844 } },
] as const;

/** WCAG 1.4.10: the page does not scroll sideways. */
async function expectNoSidewaysScroll(p: Portal): Promise<void> {
  const [scroll, width] = await p.page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok((scroll ?? 0) <= (width ?? 0), `${p.path()} is ${scroll} px wide in a ${width} px window`);
}

for (const locale of ['fr', 'en'] as const) {
  for (const { name, viewport } of viewports) {
    describe(`portals (${locale}, ${name})`, () => {
      test('the list of authorities, a portal home, its default privacy notice and a sign-up that asks which authority', () =>
        visit(
          browser,
          t.origin,
          locale,
          async (p) => {
            // In no portal yet: sign-up asks which authority.
            await p.open('signUp');
            assert.equal(await p.page.locator('input[name="portal"][type="radio"]').count(), 2);
            await expectNoSidewaysScroll(p);

            await p.open('home');
            assert.equal(await p.heading(), p.t('home.title'));
            await expectNoSidewaysScroll(p);
            await p.press(officeName[locale], 'link');
            assert.equal(p.path(), `/${locale}/office-essais`);
            assert.equal(await p.heading(), officeName[locale]);
            assert.equal(await p.page.locator('.guichet-header__name').innerText(), officeName[locale], 'the header names the authority');
            assert.match(await p.page.locator('main').innerText(), /renseignements@office-essais\.example\.ca/);
            await expectNoSidewaysScroll(p);

            await p.press(p.t('layout.privacy'), 'link');
            assert.equal(await p.heading(), p.t('portalPrivacy.title'));
            await expectNoSidewaysScroll(p);

            // Remembered: the sign-up page is the office's, and no longer asks.
            await p.open('signUp');
            assert.equal(await p.page.locator('input[name="portal"][type="radio"]').count(), 0);
            assert.equal(await p.page.locator('input[name="portal"][type="hidden"]').getAttribute('value'), office.slug);
          },
          { viewport },
        ));

      test('an administrator’s page to edit the portal', async () => {
        const admin = await buildStaff(t.database.db, office.id, { roles: ['administrator'], preferredLanguage: locale });
        const key = await addAuthenticatorApp(t, admin.id);
        await visit(
          browser,
          t.origin,
          locale,
          async (p) => {
            await p.signIn(admin.email, FACTORY_PASSWORD);
            p.expectPage('signInSecondFactor');
            await p.fill({ code: codeAt(key, t.clock.now()) });
            t.clock.advance(30_000);
            await p.press(p.t('secondStep.continue'));
            await p.open('staffPortal');
            assert.equal(await p.heading(), p.t('staff.portal'));
            await expectNoSidewaysScroll(p);
            await p.fill({ hoursFr: '', hoursEn: 'Weekdays only' });
            await p.press(p.t('staffPortal.submit'));
            assert.ok((await p.page.title()).length > 0);
            assert.equal(await p.page.locator('#hoursFr-error').count(), 1, 'both languages or neither');
            await expectNoSidewaysScroll(p);
          },
          { viewport },
        );
      });
    });
  }
}

test('a portal home’s language link leads to its twin', () =>
  visit(browser, t.origin, 'fr' as Locale, async (p) => {
    await p.open(`${t.origin}/fr/office-essais`);
    await p.press('English', 'link');
    assert.equal(p.path(), '/en/office-essais');
    assert.equal(await p.heading(), officeName.en);
  }));
