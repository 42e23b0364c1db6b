import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { addIdentityProvider } from '../../src/federation/service.ts';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { createSealer } from '../../src/platform/secrets.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import type { TestApp } from '../support/app.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { TestProvider } from '../support/oidc-provider.ts';
import { expectAccessible, launchBrowser, mailedLink, startApp, visit } from './browser.ts';
import { Portal } from './pages.ts';
import { buildAccount } from '../support/factories.ts';

const password = 'lune verte sur le fleuve 42';

let t: TestApp & { origin: string };
let idp: TestProvider;
let browser: Browser;

before(async () => {
  t = await startApp();
  idp = await TestProvider.start({ plain: [`${t.origin}/oidc/callback/plain`], gov: [`${t.origin}/oidc/callback/gov`] });
  const sealer = createSealer(t.config, 'identity-provider');
  await addIdentityProvider(t.database.db, sealer, {
    authorityId: t.authorityId,
    slug: 'plain',
    name: { fr: 'Fournisseur simple', en: 'Plain provider' },
    issuer: idp.issuer,
    clientId: idp.clients.plain!.clientId,
    clientSecret: idp.clients.plain!.clientSecret,
  });
  await addIdentityProvider(t.database.db, sealer, {
    authorityId: t.authorityId,
    slug: 'gov',
    name: { fr: 'Clé gouvernementale', en: 'Government key' },
    issuer: idp.issuer,
    clientId: idp.clients.gov!.clientId,
    clientSecret: idp.clients.gov!.clientSecret,
    scopes: 'openid',
    trustedForSecondFactor: true,
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t?.close();
  await idp?.close();
});

const visitor = (locale: Locale, run: (portal: Portal) => Promise<void>) => visit(browser, t.origin, locale, run);

const providerName = { plain: { fr: 'Fournisseur simple', en: 'Plain provider' }, gov: { fr: 'Clé gouvernementale', en: 'Government key' } } as const;

/**
 * Presses "Sign in with …" on the sign-in page, signs in at the provider's own pages as `login`
 * and waits to be back at the portal (its pages are then checked with axe; the provider's are not ours).
 */
async function signInThroughProvider(p: Portal, slug: 'plain' | 'gov', login: string) {
  await p.open('signIn');
  await pressToProvider(p, p.t('federation.signInWith', { name: providerName[slug][p.locale] }), login);
}

/** Presses a button that leads to the provider, signs in there as `login` if asked, and comes back. */
async function pressToProvider(p: Portal, label: string, login: string) {
  const before = p.page.url();
  await p.page.getByRole('button', { name: label, exact: true }).click();
  await p.page.waitForURL((url) => url.href !== before);
  // The provider asks who is there (and for consent) when it needs to; otherwise it comes straight back.
  if (new URL(p.page.url()).origin === idp.issuer && (await p.page.locator('input[name="login"]').count()) > 0) {
    await p.page.locator('input[name="login"]').fill(login);
    await p.page.locator('input[name="password"]').fill('anything');
    await p.page.getByRole('button', { name: 'Sign-in' }).click();
    await p.page.waitForLoadState('load');
  }
  if (new URL(p.page.url()).origin === idp.issuer && (await p.page.getByRole('button', { name: 'Continue' }).count()) > 0) {
    await p.page.getByRole('button', { name: 'Continue' }).click();
  }
  await p.page.waitForURL((url) => url.origin === t.origin);
  await p.page.waitForLoadState('load');
  await expectAccessible(p.page);
}

/**
 * Changes one parameter of the authorization request the portal sends the browser to (the
 * provider then answers with it): the portal's redirect is caught and rewritten.
 */
async function tamperAuthorization(p: Portal, param: string, value: string) {
  await p.page.route(
    (url) => /^\/(fr\/connexion\/avec|en\/sign-in\/with)\//.test(url.pathname),
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = new URL(response.headers().location ?? '');
      location.searchParams.set(param, value);
      await route.fulfill({ response, status: 303, headers: { ...response.headers(), location: location.toString() } });
    },
  );
}

let n = 0;
const unique = (prefix: string) => `${prefix}-${++n}`;

for (const locale of ['fr', 'en'] as const) {
  const otherLocale = locale === 'fr' ? 'en-CA' : 'fr-CA';
  describe(`identity providers (${locale})`, () => {
    test('first sign-in with a verified email creates an account; the language the provider returns is honoured', () =>
      visitor(locale, async (p) => {
        const login = unique(`new-${locale}`);
        // The provider answers in the page's language here; the next test checks the other way.
        idp.accounts.set(login, { email: `${login}@example.ca`, email_verified: true, given_name: 'Nour', family_name: 'Haddad', locale: `${locale}-CA` });
        await signInThroughProvider(p, 'plain', login);
        assert.equal(idp.authorizationRequests.at(-1)?.get('ui_locales')?.split(' ')[0], `${locale}-CA`);
        p.expectPage('federationFirstTime');
        await expectAccessible(p.page);
        assert.equal(await p.heading(), p.t('federation.firstTime.title', { name: providerName.plain[locale] }));
        await p.press(p.t('federation.create.submit'));
        p.expectPage('dashboard');
        await p.open('waysToSignIn');
        assert.match(await p.page.locator('main table').innerText(), new RegExp(providerName.plain[locale]));
      }));

    test('the provider says the other language: the journey continues in it', () =>
      visitor(locale, async (p) => {
        const login = unique(`lang-${locale}`);
        idp.accounts.set(login, { email: `${login}@example.ca`, email_verified: true, given_name: 'Lou', family_name: 'Roy', locale: otherLocale });
        await signInThroughProvider(p, 'plain', login);
        const other = locale === 'fr' ? 'en' : 'fr';
        assert.equal(await p.page.locator('html').getAttribute('lang'), other);
        await expectAccessible(p.page);
      }));

    test('an email that belongs to an account is not enough: linking takes its password and second factor', () =>
      visitor(locale, async (p) => {
        const email = `${unique(`owner-${locale}`)}@example.ca`;
        const owner = await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Owen', familyName: 'Er', preferredLanguage: locale, password });
        const key = await addAuthenticatorApp(t, owner.id);
        const login = unique(`claims-${locale}`);
        idp.accounts.set(login, { email, email_verified: true, locale: `${locale}-CA` });
        await signInThroughProvider(p, 'plain', login);
        p.expectPage('federationFirstTime');
        await expectAccessible(p.page);
        assert.equal(await p.page.getByRole('button', { name: p.t('federation.create.submit') }).count(), 0, 'no account can be created with that email');
        assert.match(await p.page.locator('.govuk-inset-text').innerText(), new RegExp(email.replace('.', '\\.')));

        await p.fill({ password: 'not the right password' });
        await p.press(p.t('federation.link.submit'));
        assert.ok((await p.page.title()).startsWith(locale === 'fr' ? 'Erreur\u00a0:' : 'Error:'));
        await p.fill({ password });
        await p.press(p.t('federation.link.submit'));
        p.expectPage('federationSecondStep');
        await p.fill({ code: codeAt(key, t.clock.now()) });
        t.clock.advance(30_000);
        await p.press(p.t('secondStep.continue'));
        p.expectPage('waysToSignIn');
        assert.equal(await p.notice(), p.t('federation.notice.linked'));
      }));

    test('a provider without email: the address is confirmed by a mailed link before the account exists', () =>
      visitor(locale, async (p) => {
        const login = unique(`anon-${locale}`);
        idp.accounts.set(login, {});
        await signInThroughProvider(p, 'gov', login);
        p.expectPage('federationFirstTime');
        await expectAccessible(p.page);
        const email = `${login}@example.ca`;
        await p.fill({ email, givenName: 'Alex', familyName: 'Anonyme' });
        await p.press(p.t('federation.create.sendLink'));
        p.expectPage('federationEmail');
        assert.equal(await p.heading(), p.t('federation.checkEmail.title'));
        await p.open(await mailedLink(t, email, 'providerVerify'));
        assert.equal(await p.heading(), p.t('federation.confirm.title'));
        await p.press(p.t('federation.create.submit'));
        p.expectPage('dashboard');
        await p.open('waysToSignIn');
        assert.equal(await p.page.locator('main dd').first().innerText(), p.t('waysToSignIn.passwordNone'));
        const unlink = p.t('waysToSignIn.unlink', { name: providerName.gov[locale] });
        await p.press(unlink);
        assert.equal(await p.page.locator('[role=alert]').innerText(), p.t('federation.notice.lastWayIn'));

        // Linking another provider later: no password to confirm with, so the person signs in again at theirs.
        t.clock.advance(11 * 60 * 1000);
        await p.press(p.t('waysToSignIn.link', { name: providerName.plain[locale] }));
        p.expectPage('confirmIdentity');
        assert.equal(await p.page.locator('input[name="password"]').count(), 0);
        await pressToProvider(p, p.t('confirmIdentity.withProvider', { name: providerName.gov[locale] }), login);
        p.expectPage('waysToSignIn');
        await pressToProvider(p, p.t('waysToSignIn.link', { name: providerName.plain[locale] }), unique(`second-${locale}`));
        p.expectPage('waysToSignIn');
        assert.equal(await p.notice(), p.t('federation.notice.linked'));
        await p.press(unlink);
        assert.equal(await p.notice(), p.t('federation.notice.unlinked'));
      }));

    test('a tampered state, a replayed code and a wrong nonce are refused', () =>
      visitor(locale, async (p) => {
        const login = unique(`check-${locale}`);
        idp.accounts.set(login, { email: `${login}@example.ca`, email_verified: true, locale: `${locale}-CA` });
        const refused = async () => {
          assert.equal(await p.heading(), p.t('error.providerFailed.title'));
          await expectAccessible(p.page);
        };

        await tamperAuthorization(p, 'state', 'tampered-state');
        await signInThroughProvider(p, 'plain', login);
        await refused();
        await p.page.unrouteAll();

        let callback = '';
        p.page.on('request', (request) => {
          if (request.url().startsWith(`${t.origin}/oidc/callback/`)) callback = request.url();
        });
        await signInThroughProvider(p, 'plain', login);
        p.expectPage('federationFirstTime');
        await p.page.goto(callback);
        await refused();

        await tamperAuthorization(p, 'nonce', 'not-the-portal-nonce');
        await signInThroughProvider(p, 'plain', unique(`nonce-${locale}`));
        await refused();
      }));
  });
}
