import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { otherLocale, translator } from '../../src/platform/i18n/index.ts';
import { href } from '../../src/platform/paths.ts';
import { expectAccessible, launchBrowser, mailedLink, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';
import { buildAccount } from '../support/factories.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { codeAt } from '../../src/two-factor/totp.ts';

/*
 * What a first-time user tripped on with forms (issue 11): the language switch keeps what was
 * typed, errors are focused and name their field, successes are pages one can refresh, and the
 * "check your email" page is no dead end. Both languages, at desktop width and on a 390 px phone.
 */
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

const widths: Record<string, BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
};

const value = (p: Portal, name: string) => p.page.locator(`input[name="${name}"]:not([type=hidden])`).inputValue();
let people = 0;

for (const locale of ['fr', 'en'] as const) {
  const other = otherLocale(locale);
  for (const [width, options] of Object.entries(widths)) {
    describe(`forms (${locale}, ${width})`, () => {
      const visitor = (run: (portal: Portal) => Promise<void>) => visit(browser, t.origin, locale, run, options);

      test('the language switch on sign-up keeps what was typed, never the password, and shows no error', () =>
        visitor(async (p) => {
          await p.open('signUp');
          const email = `switch.${locale}.${width}@example.ca`;
          await p.fill({ email, givenName: 'Zoé', familyName: 'Lévesque', password, passwordConfirm: password });
          await p.page.locator(`input[name="preferredLanguage"][value="${other}"]`).check();
          await p.press(translator(locale)('layout.otherLanguage'));
          assert.equal(p.path(), href('signUp', other));
          assert.equal(await p.page.locator('html').getAttribute('lang'), other);
          assert.equal(await p.heading(), translator(other)('signUp.title'));
          assert.equal(await value(p, 'email'), email);
          assert.equal(await value(p, 'givenName'), 'Zoé');
          assert.equal(await value(p, 'familyName'), 'Lévesque');
          assert.equal(await p.page.locator(`input[name="preferredLanguage"][value="${other}"]`).isChecked(), true);
          assert.equal(await value(p, 'password'), '', 'never a password');
          assert.equal(await p.page.locator('.govuk-error-summary, .govuk-error-message').count(), 0, 'no error: nothing was sent');

          // Enter in a field still sends the form, in the page's language, not the language switch.
          await p.page.locator('input[name="givenName"]').press('Enter');
          await p.page.waitForLoadState('load');
          await expectAccessible(p.page);
          assert.equal(p.path(), href('signUp', other));
          assert.equal(await p.page.locator('html').getAttribute('lang'), other);
          assert.ok((await p.page.locator('.govuk-error-summary a').allInnerTexts()).includes(translator(other)('invalid.required.newPassword')));
          assert.equal(await p.page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')), true, 'the summary has the focus');
        }));

      test('the language switch on the account details form keeps the edits and saves nothing', () =>
        visitor(async (p) => {
          people += 1;
          const email = `details.${locale}.${people}@example.ca`;
          const account = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Dora', familyName: 'Tails', preferredLanguage: locale, password });
          const key = await addAuthenticatorApp(t, account.id);
          await p.signIn(email, password);
          await p.fill({ code: codeAt(key, t.clock.now()) });
          t.clock.advance(30_000);
          await p.press(p.t('secondStep.continue'));
          await p.open('accountDetails');
          await p.fill({ givenName: 'Dorothée', city: 'Laval', postalCode: 'H7N' });
          await p.press(p.t('layout.otherLanguage'));
          assert.equal(p.path(), href('accountDetails', other));
          assert.equal(await value(p, 'givenName'), 'Dorothée');
          assert.equal(await value(p, 'city'), 'Laval');
          assert.equal(await value(p, 'postalCode'), 'H7N');
          assert.equal(await p.page.locator('.govuk-error-summary, .govuk-error-message').count(), 0);
          await p.open(t.origin + href('account', other));
          assert.ok((await p.page.locator('main dd').allInnerTexts()).includes('Dora Tails'), 'nothing saved');
        }));

      test('a wrong password marks no field, the summary names email or password and has the focus; "forgot password" keeps the email', () =>
        visitor(async (p) => {
          people += 1;
          const email = `forgot.${locale}.${people}@example.ca`;
          await buildAccount(t.database.db, t.authorityId, { email, givenName: 'F', familyName: 'Orget', preferredLanguage: locale, password });
          await p.signIn(email, 'not the right password at all');
          assert.deepEqual(await p.page.locator('.govuk-error-summary a').allInnerTexts(), [p.t('signIn.invalid')]);
          assert.equal(await p.page.locator('.govuk-form-group--error, .govuk-error-message').count(), 0, 'no single field highlighted');
          assert.equal(await p.page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')), true, 'the summary has the focus');
          assert.equal(await value(p, 'email'), email);
          await p.press(p.t('signIn.forgot'));
          p.expectPage('forgotPassword');
          assert.equal(await value(p, 'email'), email, 'the email typed on the sign-in page');
        }));

      test('"check your email" is a page one can refresh, with a way to resend and one to correct the address', () =>
        visitor(async (p) => {
          people += 1;
          const person = { email: `check.${locale}.${people}@example.ca`, givenName: 'Cam', familyName: 'Ille', password };
          await p.signUp(person);
          p.expectPage('checkEmail');
          const first = await mailedLink(t, person.email, 'verify');
          await p.page.reload();
          await expectAccessible(p.page);
          assert.equal(await p.heading(), p.t('checkEmail.title'), 'a refresh repeats nothing');
          await p.press(p.t('checkEmail.resend'));
          p.expectPage('checkEmail');
          const latest = await mailedLink(t, person.email, 'verify');
          assert.notEqual(latest, first, 'a new link was sent');
          await p.press(p.t('checkEmail.correct', { email: person.email }), 'link');
          assert.equal(p.path(), href('signUp', locale));
          assert.equal(await value(p, 'email'), person.email);
          assert.equal(await value(p, 'givenName'), person.givenName);

          await p.open(latest);
          await p.press(p.t('verify.submit'));
          await p.open(latest);
          assert.equal(await p.heading(), p.t('verify.already.title'), 'the link opened again');
          await p.page.locator('main').getByRole('link', { name: p.t('layout.signIn'), exact: true }).click();
          await p.page.waitForLoadState('load');
          p.expectPage('signIn');
        }));

      test('the page not found links home', () =>
        visitor(async (p) => {
          await p.page.goto(`${t.origin}/${locale}/nowhere-at-all`);
          await expectAccessible(p.page);
          const home = p.page.getByRole('link', { name: p.t('error.home'), exact: true });
          assert.equal(await home.getAttribute('href'), href('home', locale));
          // With one authority hosted, the home page is its portal's.
          await p.press(p.t('error.home'), 'link');
          assert.equal(p.path(), `/${locale}/${t.authoritySlug}`);
        }));
    });
  }
}
