import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { href } from '../../src/platform/paths.ts';
import { launchBrowser, mailedLink, startApp, visit } from './browser.ts';
import { Portal } from './pages.ts';
import { buildAccount } from '../support/factories.ts';

const password = 'lune verte sur le fleuve 42';
const newPassword = 'héron gris au bord du lac 17';

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

const expected = {
  fr: { errorPrefix: 'Erreur\u00a0:', locked: 'Votre compte est verrouillé' },
  en: { errorPrefix: 'Error:', locked: 'Your account is locked' },
} as const;

for (const locale of ['fr', 'en'] as const) {
  describe(`journeys (${locale})`, () => {
    test('an empty sign-up form is answered with an error title and a summary linking to the fields', () =>
      visitor(locale, async (p) => {
        await p.open('signUp');
        await p.press(p.t('signUp.submit'));
        assert.ok((await p.page.title()).startsWith(expected[locale].errorPrefix), await p.page.title());
        const targets = await p.page.locator('.govuk-error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
        assert.ok(targets.length >= 4, `summary links: ${targets.join(', ')}`);
        for (const target of targets) {
          assert.match(target, /^#[\w-]+$/);
          assert.equal(await p.page.locator(target).count(), 1, `no field with id ${target}`);
        }
      }));

    test('sign up, confirm the email, sign in to the dashboard, see the name on the account page, sign out', () =>
      visitor(locale, async (p) => {
        const person = { email: `camille.${locale}@example.ca`, givenName: 'Camille', familyName: `Tremblay-${locale}`, password };
        await p.signUp(person);

        await p.open(await mailedLink(t, person.email, 'verify'));
        assert.equal(await p.heading(), p.t('verify.title'));
        await p.press(p.t('verify.submit'));
        p.expectPage('signIn');
        assert.equal(await p.notice(), p.t('verify.done'));

        await p.signIn(person.email, person.password);
        p.expectPage('dashboard');
        assert.equal(await p.heading(), p.t('dashboard.title'));
        await p.press(p.t('layout.account'), 'link');
        p.expectPage('account');
        assert.equal(await p.heading(), p.t('account.title'));
        assert.ok((await p.page.locator('main dd').allInnerTexts()).includes(`${person.givenName} ${person.familyName}`));

        await p.signOut();
        await p.open('account');
        p.expectPage('signIn');
      }));

    test('five wrong passwords lock the account; a mailed reset link unlocks it', () =>
      visitor(locale, async (p) => {
        const email = `lucie.${locale}@example.ca`;
        await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Lucie', familyName: 'Gagnon', preferredLanguage: locale, password });

        for (let attempt = 1; attempt <= 4; attempt++) {
          await p.signIn(email, `mauvais mot de passe ${attempt}`);
          assert.deepEqual(await p.page.locator('.govuk-error-summary a').allInnerTexts(), [p.t('signIn.invalid')], `attempt ${attempt} should show the error`);
          assert.equal(await p.page.locator('#email-error').count(), 0, 'no single field is marked wrong');
        }
        await p.signIn(email, 'mauvais mot de passe 5');
        assert.equal(await p.heading(), expected[locale].locked);

        await p.press(p.t('locked.reset'), 'link');
        p.expectPage('forgotPassword');
        await p.fill({ email });
        await p.press(p.t('forgot.submit'));
        assert.equal(await p.heading(), p.t('forgot.sent.title'));

        await p.open(await mailedLink(t, email, 'reset'));
        assert.equal(await p.heading(), p.t('reset.title'));
        await p.fill({ password: newPassword, passwordConfirm: newPassword });
        await p.press(p.t('reset.submit'));
        p.expectPage('signIn');
        assert.equal(await p.notice(), p.t('reset.done'));

        await p.signIn(email, newPassword);
        p.expectPage('dashboard');
      }));
  });
}

test('the language switch on the sign-in page leads to its twin and back (a button of its form), a link elsewhere', () =>
  visitor('fr', async (p) => {
    await p.open('signIn');
    await p.press('English');
    assert.equal(p.path(), href('signIn', 'en'));
    assert.equal(await p.page.locator('html').getAttribute('lang'), 'en');
    await p.press('Français');
    assert.equal(p.path(), href('signIn', 'fr'));
    assert.equal(await p.page.locator('html').getAttribute('lang'), 'fr');
    // A page without a form of its own (the only authority's portal home, where /fr leads) keeps the link.
    await p.open('home');
    assert.equal(p.path(), `/fr/${t.authoritySlug}`);
    await p.press('English', 'link');
    assert.equal(p.path(), `/en/${t.authoritySlug}`);
    await p.press('Français', 'link');
    assert.equal(p.path(), `/fr/${t.authoritySlug}`);
    assert.equal(await p.page.locator('html').getAttribute('lang'), 'fr');
  }));
