import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedFeeSchedule } from '../../src/billing/index.ts';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { Client } from '../support/client.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { buildAccount, buildApplicationType, buildRegistrationCategory, buildStaff, FACTORY_PASSWORD } from '../support/factories.ts';
import { inspectPdf } from '../support/pdf.ts';
import { expectAccessible, launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let typeId: string;
const type = { fr: 'Première inscription', en: 'First registration' };
const SHOTS = process.env.SHOTS_DIR;

before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  await seedFeeSchedule(t.database.db, t.authorityId, 'college');
  const category = await buildRegistrationCategory(t.database.db, t.authorityId, { code: 'registered', name: { fr: 'Psychothérapeute autorisé', en: 'Registered psychotherapist' } });
  typeId = (await buildApplicationType(t.database.db, t.authorityId, { code: 'first', name: type, categoryId: category.id, sections: ['declarations'], feeCodes: ['registration_fee'] })).id;
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const visitor = (locale: Locale, run: (portal: Portal) => Promise<void>) => visit(browser, t.origin, locale, run);
const shot = async (p: Portal, name: string) => {
  if (SHOTS) await p.page.screenshot({ path: `${SHOTS}/${name}-${p.locale}.png`, fullPage: true });
};

/** The application, submitted over HTTP (the applications browser test walks that part). */
async function submitted(email: string, locale: Locale): Promise<string> {
  const c = new Client(t.app);
  await c.get(`/${locale}/${locale === 'fr' ? 'connexion' : 'sign-in'}`);
  assert.equal((await c.post('/en/sign-in', { email, password: FACTORY_PASSWORD })).statusCode, 303);
  await c.get('/en/applications');
  const res = await c.post('/en/applications/start', { typeId });
  const id = /\/en\/applications\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
  assert.equal((await c.post(`/en/applications/${id}/declarations`, { intent: 'continue' })).statusCode, 303);
  await c.get(`/en/applications/${id}/check`);
  assert.equal((await c.post(`/en/applications/${id}/check`, {})).statusCode, 303);
  return id;
}

for (const locale of ['fr', 'en'] as const) {
  describe(`fees, payment and the certificate (${locale})`, () => {
    test('approval → invoice → a declined card, then payment on the test gateway → receipt PDF → certificate → public verification', async () => {
      const applicant = await buildAccount(t.database.db, t.authorityId, { givenName: 'Léa', familyName: `Côté ${locale}`, preferredLanguage: locale });
      const staffAccount = await buildStaff(t.database.db, t.authorityId, { preferredLanguage: locale });
      const key = await addAuthenticatorApp(t, staffAccount.id);
      const applicationId = await submitted(applicant.email, locale);
      let code = '';

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(staffAccount.email, FACTORY_PASSWORD);
        await p.fill({ code: codeAt(key, t.clock.now()) });
        t.clock.advance(30_000);
        await p.press(tr('secondStep.continue'));
        await p.open('licensing.queue');
        await p.press(`Léa Côté ${locale}`, 'link');
        await p.press(tr('casework.assign.pickUp'));
        await p.page.locator('input[name="outcome"][value="approve"]').check();
        await p.press(tr('licensing.review.decide'));
        assert.equal(await p.notice(), tr('licensing.review.notice.decided'));
      });

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(applicant.email, FACTORY_PASSWORD);
        await p.open('billing.invoices');
        await shot(p, 'fees-and-receipts');
        const invoiceLink = p.page.locator('main a[href*="/"]', { hasText: /^\d{4}-\d{6}$/ }).first();
        await invoiceLink.click();
        await p.page.waitForLoadState('load');
        await expectAccessible(p.page);
        await shot(p, 'invoice');
        const invoicePath = p.path();

        // A declined card first: nothing is charged, and the person can try again.
        await p.page.locator('main form button', { hasText: new RegExp(`^${tr('billing.pay.button')}`) }).first().click();
        await p.page.waitForLoadState('load');
        await expectAccessible(p.page);
        await shot(p, 'gateway');
        await p.fill({ cardNumber: '4000 0000 0000 0002', expiry: '12/30', cvc: '123' });
        await p.page.locator('main form button[type=submit], main form button:not([type])').first().click();
        await p.page.waitForLoadState('load');
        await expectAccessible(p.page);
        await shot(p, 'declined');
        assert.equal(await p.heading(), tr('billing.gateway.failedTitle'));
        await p.press(tr('billing.gateway.back'), 'link');
        await shot(p, 'back-after-decline');
        await p.page.locator('main form button', { hasText: new RegExp(`^${tr('billing.pay.button')}`) }).first().click();
        await p.page.waitForLoadState('load');
        await p.fill({ cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
        await p.page.locator('main form button[type=submit], main form button:not([type])').first().click();
        await p.page.waitForLoadState('load');
        await expectAccessible(p.page);
        await shot(p, 'paid');
        assert.match(await p.page.locator('main').innerText(), new RegExp(tr('billing.return.paid.title')));

        // The receipt, an accessible PDF in the person's language.
        await p.page.goto(t.origin + invoicePath);
        const [receipt] = await Promise.all([p.page.waitForEvent('download'), p.page.locator('main a[href$="/recu"], main a[href$="/receipt"]').first().click()]);
        const receiptPdf = await inspectPdf(await readFile((await receipt.path())!));
        assert.equal(receiptPdf.tagged, true);
        assert.equal(receiptPdf.pdfUaIdentifier, true);
        assert.equal(receiptPdf.lang, `${locale}-CA`);
        assert.ok(receiptPdf.tableHeaderCells > 0);
        assert.equal(receiptPdf.untaggedText, 0);
        assert.ok(receiptPdf.text.includes(`Léa Côté ${locale}`), 'the payer');

        // The registration is active: its certificate, with the code anyone can verify.
        await p.page.goto(t.origin + `/${locale}/${locale === 'fr' ? 'demandes' : 'applications'}/${applicationId}`);
        await expectAccessible(p.page);
        await shot(p, 'registration');
        const label = tr('licensing.application.verificationCode', { code: '' }).trim();
        code = new RegExp(`${label}\\s*([0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4})`).exec(await p.page.locator('main').innerText())?.[1] ?? '';
        assert.ok(code, 'the verification code is shown');
        const [certificate] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('link', { name: tr('licensing.application.certificate') }).click()]);
        const certificatePdf = await inspectPdf(await readFile((await certificate.path())!));
        assert.equal(certificatePdf.tagged, true);
        assert.ok(certificatePdf.text.includes(code));
        await p.page.setViewportSize({ width: 390, height: 844 });
        await p.page.goto(t.origin + invoicePath);
        assert.ok(await p.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
        await expectAccessible(p.page);
        await shot(p, 'invoice-390');
      });

      // The public: no account, the code from the certificate.
      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.open('licensing.verify');
        await p.fill({ code: code.toLowerCase() });
        await p.press(tr('licensing.verify.submit'));
        assert.equal(await p.heading(), tr('licensing.verify.valid'));
        await shot(p, 'verified');
      });
    });
  });
}
