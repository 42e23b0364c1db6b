import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedFeeSchedule } from '../../src/billing/index.ts';
import { seedExamsDemo } from '../../src/exams/index.ts';
import { seedDemoRegistration, seedFileNumberFormat } from '../../src/licensing/demo.ts';
import { Client } from '../support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../support/factors.ts';
import { buildAccount, buildApplicationType, buildOrganization, buildOrganizationKind, buildRegistrationCategory, FACTORY_PASSWORD } from '../support/factories.ts';
import { inspectPdf } from '../support/pdf.ts';
import { expectAccessible, launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

/**
 * Seed 002's journey (issue 15): a representative whose certificate expired opens a new file,
 * reads that their exam result is carried over, links to their agency with its security code,
 * pays, and downloads the new certificate, in each language, every page checked by axe.
 */
let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let typeName: { fr: string; en: string };
let exams: Awaited<ReturnType<typeof seedExamsDemo>>;
let manager: Client;
let agencyId = '';
const SHOTS = process.env.SHOTS;
const shot = async (p: Portal, name: string) => {
  if (SHOTS) await p.page.screenshot({ path: `${SHOTS}/certificate-${name}-${p.locale}.png`, fullPage: true });
};

before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  await seedFeeSchedule(t.database.db, t.authorityId, 'consumer_protection');
  await seedFileNumberFormat(t.database.db, t.authorityId, 'CAR{year}{seq:8}');
  const category = await buildRegistrationCategory(t.database.db, t.authorityId, { name: { fr: 'Représentant d’agent de recouvrement', en: 'Collection agent representative' }, validityMonths: 24, requiresExam: true, requiresAgencyLink: true });
  typeName = { fr: 'Certificat de représentant', en: 'Representative certificate' };
  await buildApplicationType(t.database.db, t.authorityId, { code: 'representative_certificate', name: typeName, categoryId: category.id, sections: ['declarations'], feeCodes: ['certificate_fee'], decision: 'automatic' });
  exams = await seedExamsDemo(t.database.db, t.authorityId, { now: t.clock.now(), feeCode: null });
  const kind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: 'collection_agency', name: { fr: 'Agence de recouvrement', en: 'Collection agency' } });
  const boss = await buildAccount(t.database.db, t.authorityId);
  const key = await addAuthenticatorApp(t, boss.id);
  manager = new Client(t.app);
  assert.equal((await signInWithApp(manager, t, boss.email, FACTORY_PASSWORD, key)).statusCode, 303);
  agencyId = (await buildOrganization(t.database.db, t.authorityId, { kindId: kind.id, name: { fr: 'Recouvrement Laurentides', en: 'Laurentides Collections' }, people: [{ accountId: boss.id, role: 'manager' }] })).id;
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/** A new security code of the agency, as its manager reads it once. */
async function agencyCode(): Promise<string> {
  await manager.get(`/en/organizations/${agencyId}/security-codes`);
  const made = await manager.post(`/en/organizations/${agencyId}/security-codes`, { role: 'member' });
  const code = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/.exec((await manager.follow(made)).body)?.[1];
  assert.ok(code, 'the manager’s page shows the code');
  return code;
}

for (const locale of ['fr', 'en'] as const) {
  describe(`a new certificate after an expired one (${locale})`, () => {
    test('new file, exam carried over, agency link by code, payment, certificate', async () => {
      const person = await buildAccount(t.database.db, t.authorityId, { givenName: 'Rémi', familyName: `Lefebvre ${locale}`, preferredLanguage: locale });
      // Two years from 1 October 2024: it ended on 30 September 2026; the exam was passed 23 months before today (22 November 2026).
      await seedDemoRegistration(t.database.db, { authorityId: t.authorityId, accountId: person.id, givenName: 'Rémi', familyName: `Lefebvre ${locale}`, typeCode: 'representative_certificate', since: '2024-10-01', expired: true });
      await exams.givePassed(person.id, '2024-12-22');
      const code = await agencyCode();

      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(person.email, FACTORY_PASSWORD);
        await p.open('licensing.questionnaire');
        await p.press(tr('licensing.questionnaire.start', { type: typeName[locale] }));
        await shot(p, 'new-file');
        const main = () => p.page.locator('main').innerText();
        assert.match(await p.page.locator('[data-file-number]').innerText(), /CAR2026\d{8}/, 'a new file, numbered in the office’s format');
        assert.equal(await p.page.getByRole('heading', { name: tr('licensing.dossier.examTitle') }).count(), 1);
        assert.match(await main(), locale === 'fr' ? /du 22 décembre 2024 est transféré du dossier/ : /of December 22, 2024 is carried over from file/);

        await p.press(tr('licensing.section.declarations'), 'link');
        await p.press(tr('licensing.save.continue'));
        await p.press(tr('licensing.task.check'), 'link');
        await p.press(tr('licensing.check.submit'));
        await shot(p, 'waiting');
        const applicationUrl = p.page.url();
        assert.equal(await p.page.locator('[data-waiting]').getAttribute('data-waiting'), 'fee agency_link', 'approved at once, the certificate waits for its fee and its link');

        // The link, with the agency's code: active at once.
        await p.press(tr('licensing.condition.agencyLinkLink'), 'link');
        await p.open('agencies.redeem');
        await p.fill({ code });
        await p.press(tr('agencies.redeem.submit'));
        await shot(p, 'linked');
        await p.page.goto(applicationUrl);
        await expectAccessible(p.page);
        assert.equal(await p.page.locator('[data-waiting]').getAttribute('data-waiting'), 'fee', 'linked: only the fee is left');

        // Payment on the test gateway.
        await p.press(tr('licensing.condition.feeLink'), 'link');
        await p.page.locator('main a', { hasText: /^\d{4}-\d{6}$/ }).first().click();
        await p.page.waitForLoadState('load');
        await p.page.locator('main form button', { hasText: new RegExp(`^${tr('billing.pay.button')}`) }).first().click();
        await p.page.waitForLoadState('load');
        await expectAccessible(p.page);
        await p.fill({ cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
        await p.page.locator('main form button[type=submit], main form button:not([type])').first().click();
        await p.page.waitForLoadState('load');
        await expectAccessible(p.page);
        assert.match(await p.page.locator('main').innerText(), new RegExp(tr('billing.return.paid.title')));

        // The certificate: issued, two years, an accessible PDF in the person's language.
        await p.page.goto(applicationUrl);
        await expectAccessible(p.page);
        await shot(p, 'issued');
        assert.equal(await p.page.locator('[data-waiting]').count(), 0, 'nothing waits any more');
        const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('link', { name: tr('licensing.application.certificate') }).click()]);
        const pdf = await inspectPdf(await readFile((await download.path())!));
        assert.equal(pdf.tagged, true);
        assert.equal(pdf.lang, `${locale}-CA`);
        assert.ok(pdf.text.includes(`Rémi Lefebvre ${locale}`), 'the holder');
        assert.match(pdf.text, /CAR2026\d{8}/, 'the new file’s number');
        await p.page.setViewportSize({ width: 390, height: 844 });
        await p.page.goto(applicationUrl);
        assert.ok(await p.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
        await expectAccessible(p.page);
        await shot(p, 'issued-390');
      });
    });
  });
}
