import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { buildAccount, buildApplicationType, buildQuestion, buildRegistrationCategory, buildStaff, FACTORY_PASSWORD } from '../support/factories.ts';
import { expectAccessible, launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
const files = mkdtempSync(join(tmpdir(), 'guichet-applications-'));
const pdf = (name: string, text: string) => {
  const path = join(files, name);
  writeFileSync(path, `%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  return path;
};
const type = { fr: 'Première inscription', en: 'First registration' };

before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  const category = await buildRegistrationCategory(t.database.db, t.authorityId, { code: 'registered', name: { fr: 'Psychothérapeute autorisé', en: 'Registered psychotherapist' } });
  const firstType = await buildApplicationType(t.database.db, t.authorityId, {
    code: 'new_applicant',
    name: type,
    description: { fr: 'Pour une première inscription à l’ordre.', en: 'For a first registration with the college.' },
    categoryId: category.id,
    sections: ['personal', 'education', 'declarations', 'documents'],
    requiredDocuments: [
      { code: 'government_id', name: { fr: 'Pièce d’identité', en: 'Government ID' }, hint: { fr: 'Passeport ou permis de conduire.', en: 'Passport or driver’s licence.' }, providedBy: 'applicant' },
      { code: 'transcript', name: { fr: 'Relevé de notes officiel', en: 'Official transcript' }, hint: { fr: 'Envoyé par votre établissement.', en: 'Sent by your school.' }, providedBy: 'school' },
    ],
    declarations: [{ code: 'criminal', question: { fr: 'Avez-vous déjà été reconnu coupable d’une infraction criminelle\u00a0?', en: 'Have you ever been found guilty of a criminal offence?' } }],
  });
  await buildQuestion(t.database.db, t.authorityId, {
    code: 'degree',
    text: { fr: 'Avez-vous terminé une maîtrise en psychothérapie\u00a0?', en: 'Have you completed a master’s degree in psychotherapy?' },
    answers: [
      { code: 'yes', label: { fr: 'Oui', en: 'Yes' }, outcome: { kind: 'type', typeId: firstType.id } },
      {
        code: 'no',
        label: { fr: 'Non', en: 'No' },
        outcome: { kind: 'not_eligible', reason: { fr: 'Une maîtrise est exigée.', en: 'A master’s degree is required.' }, whatToDo: { fr: 'Revenez une fois le diplôme obtenu.', en: 'Come back once you hold the degree.' } },
      },
    ],
  });
});
after(async () => {
  await browser?.close();
  await t?.close();
  rmSync(files, { recursive: true, force: true });
});

const visitor = (locale: Locale, run: (portal: Portal) => Promise<void>) => visit(browser, t.origin, locale, run);

async function signInStaff(p: Portal, who: { email: string; key: string }) {
  await p.signIn(who.email, FACTORY_PASSWORD);
  p.expectPage('signInSecondFactor');
  await p.fill({ code: codeAt(who.key, t.clock.now()) });
  t.clock.advance(30_000);
  await p.press(p.t('secondStep.continue'));
}

/** Opens the application in the review queue. */
async function openInQueue(p: Portal, applicant: string) {
  await p.open('licensing.queue');
  await p.press(applicant, 'link');
}

for (const locale of ['fr', 'en'] as const) {
  describe(`applications (${locale})`, () => {
    test('questionnaire, the whole application, an upload, submission, review with a request for more, the answer, approval, the status page', async () => {
      const applicant = await buildAccount(t.database.db, t.authorityId, { givenName: 'Alex', familyName: `Martin ${locale}`, preferredLanguage: locale });
      const staffAccount = await buildStaff(t.database.db, t.authorityId, { givenName: 'Sylvie', familyName: `Tremblay ${locale}`, preferredLanguage: locale });
      const staff = { email: staffAccount.email, key: await addAuthenticatorApp(t, staffAccount.id) };
      const name = `Alex Martin ${locale}`;
      let applicationPath = '';

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(applicant.email, FACTORY_PASSWORD);
        // The questionnaire: "no" says why and what to do; starting again and "yes" lead to the type.
        await p.open('licensing.questionnaire');
        await p.page.getByLabel(tr('licensing.no'), { exact: true }).check();
        await p.press(tr('licensing.questionnaire.continue'));
        assert.equal(await p.heading(), tr('licensing.questionnaire.notEligible'));
        assert.match(await p.page.locator('main').innerText(), locale === 'fr' ? /Une maîtrise est exigée/ : /A master’s degree is required/);
        await p.press(tr('licensing.questionnaire.startAgain'), 'link');
        await p.page.getByLabel(tr('licensing.yes'), { exact: true }).check();
        await p.press(tr('licensing.questionnaire.continue'));
        await p.press(tr('licensing.questionnaire.start', { type: type[locale] }));
        applicationPath = p.path();
        assert.equal(await p.heading(), type[locale]);
        assert.match(await p.page.locator('.govuk-task-list').innerText(), new RegExp(tr('licensing.task.cannotStartYet')));

        await p.press(tr('licensing.section.personal'), 'link');
        await p.fill({ 'dateOfBirth-day': '27', 'dateOfBirth-month': '3', 'dateOfBirth-year': '1990', addressLine1: '10 rue Principale', city: 'Québec', postalCode: 'G1R 4S9' });
        await p.page.locator('select[name="province"]').selectOption('QC');
        await p.press(tr('licensing.save.continue'));
        assert.equal(await p.notice(), tr('licensing.notice.saved'));

        await p.press(tr('licensing.section.education'), 'link');
        await p.press(tr('licensing.education.add'), 'link');
        await p.fill({ program: 'Maîtrise en psychothérapie', institution: 'Université Laval', credential: 'M.A.', 'startedOn-month': '9', 'startedOn-year': '2018', 'endedOn-month': '6', 'endedOn-year': '2020' });
        await p.press(tr('licensing.education.save'));
        await p.page.getByLabel(tr('licensing.education.doneYes'), { exact: true }).check();
        await p.press(tr('licensing.save.continue'));

        await p.press(tr('licensing.section.declarations'), 'link');
        await p.page.locator('input[name="answer-criminal"][value="no"]').check();
        await p.press(tr('licensing.save.continue'));

        await p.press(tr('licensing.section.documents'), 'link');
        assert.match(await p.page.locator('main').innerText(), new RegExp(tr('licensing.documents.schoolWhy').slice(0, 40)));
        await p.page.locator('input[type=file]').first().setInputFiles(pdf('passport.pdf', 'first scan'));
        await p.press(tr('licensing.upload.submit'));
        assert.equal(await p.notice(), tr('licensing.notice.uploaded'));
        assert.match(await p.page.locator('main').innerText(), /passport\.pdf/);

        await p.press(tr('licensing.documents.done'), 'link');
        await p.press(tr('licensing.task.check'), 'link');
        assert.equal(await p.heading(), tr('licensing.check.title'));
        await p.press(tr('licensing.check.submit'));
        assert.equal(await p.notice(), tr('licensing.notice.submitted'));
        assert.ok(await p.page.locator('[data-wait]').isVisible(), 'where it is in the queue');
      });

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await signInStaff(p, staff);
        await openInQueue(p, name);
        await p.press(tr('casework.assign.pickUp'));
        // The school's transcript, added on the applicant's behalf, with where it came from.
        await p.page.locator('select[name="typeCode"]').selectOption('transcript');
        await p.fill({ source: 'Université Laval' });
        await p.page.locator('input[name="file"]').setInputFiles(pdf('releve.pdf', 'transcript'));
        await p.press(tr('licensing.review.upload'));
        assert.equal(await p.notice(), tr('licensing.review.notice.documentAdded'));
        const id = p.page.locator('.govuk-summary-card', { hasText: locale === 'fr' ? 'Pièce d’identité' : 'Government ID' });
        await id.locator('input[value="needs_replacing"]').check();
        await id.locator('textarea[name="reason"]').fill(locale === 'fr' ? 'La photo est floue.' : 'The photo is blurred.');
        await id.getByRole('button', { name: tr('licensing.review.saveDocument') }).click();
        await p.page.waitForLoadState('load');
        await expectAccessible(p.page);
        await p.page.locator('textarea[name="request"]').fill(locale === 'fr' ? 'Envoyez une copie nette de votre pièce d’identité.' : 'Send a sharp copy of your ID.');
        await p.press(tr('licensing.review.return'));
        assert.equal(await p.notice(), tr('licensing.review.notice.returned'));
      });

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(applicant.email, FACTORY_PASSWORD);
        await p.page.goto(t.origin + applicationPath);
        await expectAccessible(p.page);
        const main = await p.page.locator('main').innerText();
        assert.match(main, locale === 'fr' ? /Envoyez une copie nette/ : /Send a sharp copy/);
        assert.match(main, /Université Laval/, 'the transcript shows where it came from');
        await p.press(tr('licensing.section.documents'), 'link');
        await p.page.locator('input[type=file]').first().setInputFiles(pdf('passport-sharp.pdf', 'sharp scan'));
        await p.press(tr('licensing.upload.replace'));
        assert.match(await p.page.locator('main').innerText(), /passport\.pdf/, 'the earlier version stays listed');
        await p.press(tr('licensing.documents.done'), 'link');
        await p.press(tr('licensing.task.check'), 'link');
        await p.page.locator('textarea[name="answer"]').fill(locale === 'fr' ? 'Voici une copie nette.' : 'Here is a sharp copy.');
        await p.press(tr('licensing.check.resubmit'));
        assert.equal(await p.notice(), tr('licensing.notice.resubmitted'));
      });

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await signInStaff(p, staff);
        await openInQueue(p, name);
        await p.press(tr('casework.assign.pickUp'));
        for (const card of await p.page.locator('.govuk-summary-card', { has: p.page.locator('input[value="accepted"]') }).all()) {
          await card.locator('input[value="accepted"]').check();
          await card.getByRole('button', { name: tr('licensing.review.saveDocument') }).click();
          await p.page.waitForLoadState('load');
        }
        await p.page.locator('input[name="outcome"][value="approve"]').check();
        await p.press(tr('licensing.review.decide'));
        assert.equal(await p.notice(), tr('licensing.review.notice.decided'));
      });

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(applicant.email, FACTORY_PASSWORD);
        await p.page.goto(t.origin + applicationPath);
        await expectAccessible(p.page);
        assert.match(await p.page.locator('.govuk-panel__title').innerText(), new RegExp(tr('licensing.application.approvedTitle')));
        const history = await p.page.locator('main').innerText();
        assert.doesNotMatch(history, /Tremblay/, 'staff are not named to the applicant');
        // At a phone's width nothing scrolls sideways.
        await p.page.setViewportSize({ width: 390, height: 844 });
        assert.ok(await p.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scroll at 390 px');
        await expectAccessible(p.page);
      });
    });
  });
}
