import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { expectAccessible, launchBrowser, startApp, visit } from './browser.ts';
import { Portal } from './pages.ts';
import { VirtualAuthenticator } from './webauthn.ts';
import { buildAccount } from '../support/factories.ts';

const password = 'lune verte sur le fleuve 42';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
before(async () => {
  [t, browser] = await Promise.all([startApp('localhost'), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const visitor = (locale: Locale, run: (portal: Portal) => Promise<void>, options: BrowserContextOptions = {}) =>
  visit(browser, t.origin, locale, run, options);

async function account(locale: Locale, label: string) {
  const email = `${label}.${locale}@example.ca`;
  await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Kim', familyName: 'Key', preferredLanguage: locale, password });
  return email;
}

/** Presses the button that runs a ceremony: the page posts its form once the authenticator answered. */
async function ceremony(p: Portal, label: string) {
  const navigated = p.page.waitForEvent('framenavigated', (frame) => frame === p.page.mainFrame());
  await p.page.getByRole('button', { name: label, exact: true }).click();
  await navigated;
  await p.page.waitForLoadState('load');
  await expectAccessible(p.page);
}

const keyNames = {
  fr: { first: 'Portable', renamed: 'Ancien portable', second: 'YubiKey bleue' },
  en: { first: 'Laptop', renamed: 'Old laptop', second: 'Blue YubiKey' },
} as const;

for (const locale of ['fr', 'en'] as const) {
  describe(`security keys (${locale})`, () => {
    test('register two keys, rename one, remove one, then sign in with the other as the second step', () =>
      visitor(locale, async (p) => {
        const names = keyNames[locale];
        const email = await account(locale, 'passkeys');
        await p.signIn(email, password);
        p.expectPage('dashboard');
        await p.press(p.t('layout.account'), 'link');
        await p.press(p.t('account.securityKeys'), 'link');
        p.expectPage('securityKeys');
        assert.equal(await p.heading(), p.t('securityKeys.title'));
        await p.page.getByRole('button', { name: p.t('securityKeys.add'), exact: true }).waitFor({ state: 'visible' });
        assert.equal(await p.page.locator('[data-webauthn-failed]').isVisible(), false, 'no error before a try');
        assert.equal(await p.page.getByRole('alert').count(), 0);

        const laptop = await VirtualAuthenticator.attach(p.page);
        await p.fill({ name: names.first });
        await ceremony(p, p.t('securityKeys.add'));
        assert.equal(await p.heading(), p.t('twoFactor.codes.showTitle'), 'a first factor comes with recovery codes');
        assert.equal(await laptop.credentialCount(), 1);
        await p.press(p.t('twoFactor.codes.saved'), 'link');
        p.expectPage('twoFactor');
        assert.match(await p.page.locator('main').innerText(), new RegExp(p.t('twoFactor.keys.count', { count: 1 }).replace('.', '\\.')));
        await p.press(p.t('twoFactor.keys.manage'), 'link');

        // A second authenticator: the first holds a credential the options exclude.
        await laptop.detach();
        const yubikey = await VirtualAuthenticator.attach(p.page);
        await p.fill({ name: names.second });
        await ceremony(p, p.t('securityKeys.add'));
        assert.equal(await p.notice(), p.t('securityKeys.addedNotice'));
        assert.deepEqual(await p.page.locator('tbody th').allInnerTexts(), [names.first, names.second]);
        assert.deepEqual(await p.page.locator('tbody td:nth-of-type(2)').allInnerTexts(), [p.t('securityKeys.never'), p.t('securityKeys.never')]);

        await p.press(`${p.t('securityKeys.manage')} ${names.first}`, 'link');
        assert.equal(await p.heading(), p.t('securityKeys.keyTitle', { name: names.first }));
        await p.fill({ name: names.renamed });
        await p.press(p.t('securityKeys.rename'));
        assert.equal(await p.notice(), p.t('securityKeys.renamedNotice'));
        await p.press(`${p.t('securityKeys.manage')} ${names.renamed}`, 'link');
        await p.press(p.t('securityKeys.remove'));
        assert.equal(await p.notice(), p.t('securityKeys.removedNotice'));
        assert.deepEqual(await p.page.locator('tbody th').allInnerTexts(), [names.second]);

        await p.signOut();
        await p.signIn(email, password);
        p.expectPage('signInSecurityKey');
        assert.equal(await p.heading(), p.t('secondStep.title'));
        await p.page.getByRole('button', { name: p.t('securityKeys.step.button'), exact: true }).waitFor({ state: 'visible' });
        assert.equal(await p.page.locator('[data-webauthn-failed]').isVisible(), false, 'no error before a try');
        assert.equal(await p.page.locator('[data-webauthn-failed]').textContent(), p.t('securityKeys.step.failed'), 'the wording of signing with a key');
        await ceremony(p, p.t('securityKeys.step.button'));
        p.expectPage('dashboard');
        assert.equal(await yubikey.credentialCount(), 1);
        await p.open('securityKeys');
        assert.notEqual(await p.page.locator('tbody td:nth-of-type(2)').innerText(), p.t('securityKeys.never'), 'last use shown');
      }));

    test('a browser without WebAuthn says what to do instead, and shows no form', () =>
      visitor(locale, async (p) => {
        await p.page.addInitScript(() => {
          delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
        });
        await p.signIn(await account(locale, 'no-webauthn'), password);
        await p.open('securityKeys');
        await p.page.locator('[data-webauthn-unsupported]').waitFor({ state: 'visible' });
        assert.equal(await p.page.locator('[data-webauthn-unsupported]').innerText(), p.t('securityKeys.unsupported'));
        assert.equal(await p.page.getByRole('button', { name: p.t('securityKeys.add') }).count(), 0);
        await expectAccessible(p.page);
      }));

    test('without JavaScript the page says so', () =>
      visitor(
        locale,
        async (p) => {
          await p.signIn(await account(locale, 'no-script'), password);
          await p.open('securityKeys');
          // Chromium parses <noscript> as text when scripts are turned off through DevTools
          // (playwright#32542), so the test reads what the server sent inside it.
          const sent = (await p.page.locator('noscript').first().textContent()) ?? '';
          const text = sent.replace(/<[^>]+>/g, '').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
          assert.equal(text.trim(), p.t('securityKeys.noScript'));
          assert.equal(await p.page.getByRole('button', { name: p.t('securityKeys.add') }).count(), 0);
        },
        { javaScriptEnabled: false },
      ));
  });
}
