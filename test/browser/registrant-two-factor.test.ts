import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createAuthority } from '../../src/authorities/service.ts';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';
import { authorityRoles } from '../../src/authorities/schema.ts';
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

for (const locale of ['fr', 'en'] as const) {
  describe(`two-step verification for registrants (${locale})`, () => {
    test('a registrant with no factor is reminded after sign-in and puts it off with "Not now"', () =>
      visitor(locale, async (p) => {
        const email = `registrant.${locale}@example.ca`;
        await buildAccount(t.database.db, t.authorityId, { email, givenName: 'Rita', familyName: 'Registrant', preferredLanguage: locale, password });
        await p.signIn(email, password);
        p.expectPage('dashboard');
        const banner = p.page.getByRole('region', { name: p.t('twoFactorNudge.title') });
        assert.match(await banner.innerText(), new RegExp(p.t('twoFactorNudge.heading')));
        assert.equal(await banner.getByRole('link', { name: p.t('twoFactorNudge.setUp') }).getAttribute('href'), `/${locale}${locale === 'fr' ? '/compte/verification-en-deux-etapes' : '/account/two-step-verification'}`);
        await p.press(p.t('twoFactorNudge.notNow'));
        p.expectPage('dashboard');
        assert.equal(await p.notice(), p.t('twoFactorNudge.dismissed'));
        assert.equal(await banner.count(), 0);
      }));

    test('an administrator opens the security settings from the staff navigation', () =>
      visitor(locale, async (p) => {
        // An authority of its own: requiring registrants here leaves the other tests' authority as it was.
        const { id: authorityId } = await createAuthority(t.database.db, { slug: `security-${locale}`, name: { fr: 'Ordre', en: 'College' } });
        const email = `administrator.${locale}@example.ca`;
        const admin = await buildAccount(t.database.db, authorityId, { email, givenName: 'Alex', familyName: 'Admin', preferredLanguage: locale, password, roles: ['staff'] });
        await t.database.db.insert(authorityRoles).values({ authorityId, accountId: admin.id, role: 'administrator' });
        const key = await addAuthenticatorApp(t, admin.id);
        await p.signIn(email, password);
        await p.fill({ code: codeAt(key, t.clock.now()) });
        t.clock.advance(30_000);
        await p.press(p.t('secondStep.continue'));
        await p.open('staffAccounts');
        await p.press(p.t('staff.nav.security'), 'link');
        p.expectPage('staffSecurity');
        assert.equal(await p.heading(), p.t('staff.nav.security'));
        assert.equal(await p.page.locator('.govuk-inset-text').innerText(), p.t('staffSecurity.staffAlways'));
        await p.page.getByLabel(p.t('staffSecurity.role.registrant')).check();
        await p.press(p.t('staffSecurity.save'));
        assert.equal(await p.notice(), p.t('staffSecurity.saved'));
        assert.equal(await p.page.getByLabel(p.t('staffSecurity.role.registrant')).isChecked(), true);
      }));
  });
}
