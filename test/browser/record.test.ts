// The registrant's record in a browser, in both languages, axe on every page: the register profile,
// a legal name change with its ID sent to staff, approved from the queue, the previous name kept;
// the late reports page for staff.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { applications, registrations } from '../../src/licensing/schema.ts';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { buildAccount, buildApplicationType, buildStaff, FACTORY_PASSWORD, unique } from '../support/factories.ts';
import { launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const visitor = (locale: Locale, run: (portal: Portal) => Promise<void>) => visit(browser, t.origin, locale, run);

/** An active registration, as licensing leaves it once the fees are paid. */
async function registered(locale: Locale) {
  const account = await buildAccount(t.database.db, t.authorityId, { givenName: 'Léa', familyName: `Côté-${locale}`, preferredLanguage: locale });
  const type = await buildApplicationType(t.database.db, t.authorityId);
  const [application] = await t.database.db.insert(applications).values({ authorityId: t.authorityId, applicantId: account.id, typeId: type.id, reference: unique('DEM'), status: 'approved' }).returning();
  await t.database.db.insert(registrations).values({ authorityId: t.authorityId, accountId: account.id, categoryId: type.categoryId, applicationId: application!.id, number: unique('2026'), status: 'active', validFrom: '2026-01-01', validUntil: '2026-12-31', verificationCode: unique('CODE') });
  return account;
}

for (const locale of ['fr', 'en'] as const) {
  describe(`your record (${locale})`, () => {
    test('profile for the register, a legal name change with its ID, approved by staff; the previous name kept; late reports', async () => {
      const person = await registered(locale);
      const staffAccount = await buildStaff(t.database.db, t.authorityId, { preferredLanguage: locale });
      const key = await addAuthenticatorApp(t, staffAccount.id);
      const happened = new Date(t.clock.now().getTime() - 40 * 86_400_000).toISOString().slice(0, 10);

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(person.email, FACTORY_PASSWORD);
        await p.open('record.summary');
        assert.equal(await p.heading(), tr('record.summary.title'));
        await p.press(`${tr('record.names.change')} ${tr('record.profile.title')}`, 'link');
        await p.fill({ practiceName: `Léa C. ${locale}` });
        await p.page.locator('input[name="languages"][value="es"]').check();
        await p.page.locator('input[name="languagesShown"]').check();
        await p.page.locator('select[name="frenchProficiency"]').selectOption('native');
        await p.press(tr('record.save'));
        assert.equal(await p.notice(), tr('record.notice.saved'));
        assert.match(await p.page.locator('[data-profile]').innerText(), new RegExp(tr('record.language.es')));

        await p.press(tr('record.other.add'), 'link');
        await p.fill({ regulator: 'Ordre des psychologues du Québec', jurisdiction: 'Québec', status: 'Actif', startedOn: '2022-02-01' });
        await p.press(tr('record.continue'));
        assert.equal(await p.notice(), tr('record.notice.applied'));
        assert.match(await p.page.locator('main').innerText(), /Ordre des psychologues du Québec/);

        await p.press(`${tr('record.names.change')} ${tr('record.names.legal')}`, 'link');
        await p.fill({ givenName: 'Léa', familyName: `Nouveau-${locale}`, happenedOn: happened });
        await p.press(tr('record.continue'));
        // Sent without its ID: refused, said where the ID goes.
        await p.press(tr('record.request.send'));
        assert.match(await p.page.locator('.govuk-error-summary').innerText(), new RegExp(tr('invalid.record.idRequired')));
        await p.page.locator('input[type=file]').setInputFiles({ name: 'passeport.pdf', mimeType: 'application/pdf', buffer: PDF });
        await p.press(tr('record.document.upload'));
        assert.equal(await p.notice(), tr('record.notice.uploaded'));
        await p.press(tr('record.request.send'));
        assert.equal(await p.notice(), tr('record.notice.sent'));
        assert.equal(await p.page.locator('[data-wait]').count(), 1, 'queue position and usual wait');
      });

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(staffAccount.email, FACTORY_PASSWORD);
        await p.fill({ code: codeAt(key, t.clock.now()) });
        t.clock.advance(30_000);
        await p.press(tr('secondStep.continue'));
        await p.open('record.queue');
        await p.press(`Léa Côté-${locale}`, 'link');
        await p.press(tr('casework.assign.pickUp'));
        await p.page.locator('input[name="outcome"][value="approve"]').check();
        await p.press(tr('record.review.record'));
        assert.equal(await p.notice(), tr('record.review.notice.decided'));
        await p.open('record.late');
        assert.match(await p.page.locator('main').innerText(), new RegExp(`Nouveau-${locale}`), 'reported 40 days after: late');
      });

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(person.email, FACTORY_PASSWORD);
        await p.open('record.summary');
        const main = await p.page.locator('main').innerText();
        assert.match(main, new RegExp(`Léa Nouveau-${locale}`));
        assert.match(main, new RegExp(`Léa Côté-${locale}`), 'the previous name is kept');
        assert.match(main, new RegExp(tr('record.names.published')));
      });
    });
  });
}
