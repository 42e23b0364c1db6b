import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { expectAccessible, launchBrowser, startApp, visit } from './browser.ts';
import { Portal } from './pages.ts';
import { buildAccount } from '../support/factories.ts';

const password = 'lune verte sur le fleuve 42';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const visitor = (locale: Locale, run: (portal: Portal) => Promise<void>) => visit(browser, t.origin, locale, run);

/** Types the code the app would show now, then lets the clock move on so the next code is new. */
async function typeCode(p: Portal, key: string) {
  await p.fill({ code: codeAt(key, t.clock.now()) });
  t.clock.advance(30_000);
}

for (const locale of ['fr', 'en'] as const) {
  describe(`two-step verification (${locale})`, () => {
    test('staff must enrol before anything else: app with QR code, recovery codes, then sign-in asks for a code or a recovery code', () =>
      visitor(locale, async (p) => {
        const email = `staff.${locale}@example.ca`;
        await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Sam', familyName: 'Staff', preferredLanguage: locale, password, roles: ['staff'] });
        await p.signIn(email, password);
        p.expectPage('twoFactor');
        assert.match(await p.page.locator('.govuk-inset-text').innerText(), new RegExp(p.t('twoFactor.required').slice(0, 20)));
        await p.open('staffAccounts');
        p.expectPage('twoFactor');

        await p.press(p.t('twoFactor.app.add'), 'link');
        p.expectPage('authenticatorApp');
        assert.equal(await p.page.locator('img.guichet-qr').getAttribute('alt'), p.t('twoFactor.app.qrAlt'));
        const key = (await p.page.locator('code.guichet-key').innerText()).replace(/ /g, '');
        await p.fill({ code: '000000' === codeAt(key, t.clock.now()) ? '111111' : '000000' });
        await p.press(p.t('twoFactor.app.confirm'));
        assert.match(await p.page.title(), /^(Erreur\u00a0:|Error:)/);
        await typeCode(p, key);
        await p.press(p.t('twoFactor.app.confirm'));
        assert.equal(await p.heading(), p.t('twoFactor.codes.showTitle'));
        const codes = await p.page.locator('.guichet-codes code').allInnerTexts();
        assert.equal(codes.length, 10);
        await p.press(p.t('twoFactor.codes.saved'), 'link');
        p.expectPage('staffAccounts');
        // Back to the codes: shown once, they are not shown again.
        await p.page.goBack();
        await p.page.waitForLoadState('load');
        await expectAccessible(p.page);
        assert.equal(await p.page.locator('.guichet-codes code').count(), 0, 'Back shows the codes no more');
        assert.equal(await p.page.locator('main p').first().innerText(), p.t('twoFactor.codes.shownOnce'));
        await p.open('staffAccounts');
        p.expectPage('staffAccounts');

        await p.signOut();
        await p.signIn(email, password);
        p.expectPage('signInSecondFactor');
        await typeCode(p, key);
        await p.press(p.t('secondStep.continue'));
        p.expectPage('dashboard');

        await p.signOut();
        await p.signIn(email, password);
        await p.press(p.t('secondStep.useRecoveryCode'), 'link');
        await p.fill({ code: codes[0] ?? '' });
        await p.press(p.t('secondStep.continue'));
        p.expectPage('dashboard');
        await p.open('twoFactor');
        assert.match(await p.page.locator('main').innerText(), new RegExp(p.t('twoFactor.codes.left', { count: 9 })));
      }));

    test('a person who lost every factor asks staff for help from the sign-in page', () =>
      visitor(locale, async (p) => {
        await p.open('signIn');
        await p.press(p.t('secondStep.lostAccess'), 'link');
        p.expectPage('factorRecovery');
        await p.fill({ email: `lost.${locale}@example.ca` });
        await p.press(p.t('factorRecovery.submit'));
        assert.equal(await p.notice(), p.t('factorRecovery.sent'));
      }));
  });
}
