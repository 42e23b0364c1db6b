// The eligibility questionnaire in a browser, in both languages, axe on every page: to a type, to
// "not eligible", a language switch half-way, and the administrators' pages that define it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { translator } from '../../src/platform/i18n/index.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { answerQuestion, buildApplicationType, buildQuestion, buildRegistrationCategory, buildStaff, FACTORY_PASSWORD } from '../support/factories.ts';
import { expectAccessible, launchBrowser, startApp, visit } from './browser.ts';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
const type = { fr: 'Nouvelle demande — première inscription', en: 'New applicant — first registration' };
const question = { fr: 'Avez-vous une maîtrise en psychothérapie\u00a0?', en: 'Do you hold a master’s degree in psychotherapy?' };

before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  const category = await buildRegistrationCategory(t.database.db, t.authorityId, { name: { fr: 'Inscrit admissible', en: 'Qualifying registrant' } });
  const newApplicant = await buildApplicationType(t.database.db, t.authorityId, { categoryId: category.id, name: type });
  const masters = await buildQuestion(t.database.db, t.authorityId, { code: 'masters', text: question, hint: { fr: 'Ou dans un domaine connexe', en: 'Or in a related field' } });
  await answerQuestion(t.database.db, masters.id, [
    { code: 'yes', label: { fr: 'Oui', en: 'Yes' }, outcome: { kind: 'type', typeId: newApplicant.id } },
    { code: 'no', label: { fr: 'Non', en: 'No' }, outcome: { kind: 'not_eligible', reason: { fr: 'Une maîtrise est exigée.', en: 'A master’s degree is required.' }, whatToDo: { fr: 'Terminez un programme.', en: 'Complete a program.' } } },
  ]);
});
after(async () => {
  await browser?.close();
  await t?.close();
});

for (const locale of ['fr', 'en'] as const) {
  const other = locale === 'fr' ? 'en' : 'fr';
  describe(`the questionnaire (${locale})`, () => {
    test('no answer, then an answer to the type; half-way the language link keeps the path and the choice', () =>
      visit(browser, t.origin, locale, async (p) => {
        await p.open('licensing.questionnaire');
        assert.equal(await p.heading(), question[locale]);
        await p.press(p.t('licensing.questionnaire.continue'));
        assert.equal(await p.page.locator('.govuk-error-summary a[href="#answer"]').innerText(), p.t('licensing.questionnaire.chooseAnswer'));
        await p.page.locator('input[name="answer"][value="yes"]').check();
        await p.press(p.t('layout.otherLanguage'));
        assert.equal(await p.heading(), question[other]);
        assert.ok(await p.page.locator('input[name="answer"][value="yes"]').isChecked(), 'the choice stays');
        await p.press(translator(other)('licensing.questionnaire.continue'));
        assert.match(await p.heading(), new RegExp(type[other]));
        await p.press(translator(other)('layout.otherLanguage'), 'link');
        assert.match(await p.heading(), new RegExp(type[locale]), 'the result in the first language again');
        await p.press(p.t('licensing.questionnaire.startAgain'), 'link');
        assert.equal(await p.heading(), question[locale]);
      }));

    test('to "not eligible", with the reason and what to do', () =>
      visit(browser, t.origin, locale, async (p) => {
        await p.open('licensing.questionnaire');
        await p.page.locator('input[name="answer"][value="no"]').check();
        await p.press(p.t('licensing.questionnaire.continue'));
        assert.equal(await p.heading(), p.t('licensing.questionnaire.notEligible'));
        assert.match(await p.page.locator('main').innerText(), locale === 'fr' ? /Une maîtrise est exigée\./ : /A master’s degree is required\./);
        await p.press(p.t('licensing.questionnaire.back'), 'link');
        assert.equal(await p.heading(), question[locale]);
      }));

    test('an administrator’s pages: types, a new type with a missing name, the questionnaire and a question', async () => {
      const admin = await buildStaff(t.database.db, t.authorityId, { roles: ['administrator'], preferredLanguage: locale });
      const key = await addAuthenticatorApp(t, admin.id);
      await visit(browser, t.origin, locale, async (p) => {
        await p.signIn(admin.email, FACTORY_PASSWORD);
        await p.fill({ code: codeAt(key, t.clock.now()) });
        t.clock.advance(30_000);
        await p.press(p.t('secondStep.continue'));
        await p.open('licensing.staffTypes');
        assert.equal(await p.heading(), p.t('licensing.staffTypes.title'));
        await p.press(p.t('licensing.staffTypes.new'), 'link');
        await p.fill({ key: 'essai', nameFr: 'Essai' });
        await p.press(p.t('licensing.staff.save'));
        assert.equal(await p.page.locator('#nameEn-error').count(), 1);
        assert.equal(await p.page.locator('input[name="nameFr"]').inputValue(), 'Essai');
        await p.press(p.t('licensing.staffType.addDocument'));
        assert.equal(await p.page.locator('input[name="doc1Key"]').count(), 1);
        await p.open('licensing.staffQuestionnaire');
        assert.equal(await p.heading(), p.t('licensing.staffQuestionnaire.title'));
        await p.page.locator('.govuk-summary-card__action a').first().click();
        await p.page.waitForLoadState('load');
        await expectAccessible(p.page);
        assert.equal(await p.heading(), p.t('licensing.staffQuestion.title'));
      });
    });
  });
}
