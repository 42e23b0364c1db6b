import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { queryRows } from '../../src/platform/db.ts';
import { href } from '../../src/platform/paths.ts';
import { PTPHA_KIND } from '../../src/surveillance/index.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { buildAccount, buildOrganization, buildOrganizationKind, buildStaff, FACTORY_PASSWORD } from '../support/factories.ts';
import { launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

/**
 * Seed 003's journey (issue 16), in each language, every page checked by axe: the department
 * sends an arrival notice with an exam document; the Québec PTPHA acknowledges it, records a
 * contact and asks for a document; the department answers with one; the PTPHA reports the person
 * compliant; the department sees the report on the case and in its figures.
 */
let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let ptphaId = '';
const people = { officer: { email: '', key: '' }, member: { email: '', key: '' } };
const files = mkdtempSync(join(tmpdir(), 'guichet-surveillance-'));
const pdf = (name: string, text: string) => {
  const path = join(files, name);
  writeFileSync(path, `%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  return path;
};
const SHOTS = process.env.SHOTS;
const shot = async (p: Portal, name: string) => {
  if (SHOTS) await p.page.screenshot({ path: `${SHOTS}/surveillance-${name}-${p.locale}.png`, fullPage: true });
};

before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  await t.database.db.execute(sql`insert into surveillance_settings (authority_id) values (${t.authorityId})`);
  const kind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: PTPHA_KIND, name: { fr: 'Autorité de santé publique', en: 'Public health authority' } });
  const member = await buildAccount(t.database.db, t.authorityId, { givenName: 'Mathieu', familyName: 'Pelletier' });
  ptphaId = (
    await buildOrganization(t.database.db, t.authorityId, {
      kindId: kind.id,
      name: { fr: 'Direction de santé publique du Québec', en: 'Québec Public Health Directorate' },
      address: { addressLine1: '1075 chemin Sainte-Foy', city: 'Québec', province: 'QC', postalCode: 'G1S 2M1' },
      people: [{ accountId: member.id, role: 'manager' }],
    })
  ).id;
  people.member = { email: member.email, key: await addAuthenticatorApp(t, member.id) };
  const officer = await buildStaff(t.database.db, t.authorityId, { givenName: 'Claire', familyName: 'Fortin' });
  people.officer = { email: officer.email, key: await addAuthenticatorApp(t, officer.id) };
});
after(async () => {
  await browser?.close();
  await t?.close();
  rmSync(files, { recursive: true, force: true });
});

/** Signs in with the password and the authenticator app's code (two-step verification is required here). */
async function signIn(p: Portal, who: { email: string; key: string }) {
  await p.signIn(who.email, FACTORY_PASSWORD);
  await p.fill({ code: codeAt(who.key, t.clock.now()) });
  t.clock.advance(30_000);
  await p.press(p.t('secondStep.continue'));
}

/** No page of the journey scrolls sideways on a phone. */
async function fitsPhone(p: Portal, name: string) {
  await p.page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await p.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name}: no sideways scroll at 390 px`);
  await shot(p, `${name}-390`);
  await p.page.setViewportSize({ width: 1280, height: 900 });
}

for (const locale of ['fr', 'en'] as const) {
  describe(`an arrival notice, followed to compliance (${locale})`, () => {
    test('notice with a document, acknowledgement, contact, document request and answer, compliance report, figures', async () => {
      const noticeNumber = `IMM-${locale.toUpperCase()}-000${locale === 'fr' ? 1 : 2}`;
      const arrival = new Date(t.clock.now().getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
      const main = (p: Portal) => p.page.locator('main').innerText();
      const ptphaCases = t.origin + href('surveillance.ptpha.cases', locale, { organizationId: ptphaId });

      // The department's officer sends the notice, with the chest X-ray report.
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await signIn(p, people.officer);
        await p.open('surveillance.intake.newNotice');
        await p.fill({ noticeNumber, familyName: 'Nguyễn', givenNames: 'Văn An', dateOfBirth: '1993-07-19', clientId: 'UCI1104018', addressLine1: '1200 rue Sainte-Catherine Est', city: 'Montréal', postalCode: 'H2L 2G9', arrivalDate: arrival });
        await p.page.locator('select[name="province"]').selectOption('QC');
        await p.page.locator('input[name="code"][value="routine"]').check();
        await p.page.locator('select[name="documentType"]').selectOption('xray');
        await p.page.locator('input[name="file"]').setInputFiles(pdf(`radiographie-${locale}.pdf`, 'chest X-ray report'));
        await shot(p, 'notice');
        await p.press(tr('surveillance.intake.newNotice.submit'));
        assert.match(await main(p), new RegExp(noticeNumber));
        assert.match(await main(p), /Québec/, 'routed to the PTPHA of the province of residence');
        await fitsPhone(p, 'received');
      });
      const [c] = await queryRows<{ id: string; status: string }>(t.database.db, sql`select id, status from surveillance_cases where notice_number = ${noticeNumber}`);
      assert.equal(c?.status, 'notified');

      // The PTPHA acknowledges it, records a contact and asks the department for the laboratory results.
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await signIn(p, people.member);
        await p.open(ptphaCases);
        await shot(p, 'cases');
        await p.press(noticeNumber, 'link');
        assert.match(await main(p), /Nguyễn/);
        assert.match(await main(p), /UCI1104018/);
        await p.press(tr('surveillance.ptpha.acknowledge.submit'));
        await p.fill({ attemptedOn: t.clock.now().toISOString().slice(0, 10) });
        await p.page.locator('select[name="method"]').selectOption('phone');
        await p.page.locator('select[name="outcome"]').selectOption('appointment_booked');
        await p.press(tr('surveillance.ptpha.contacts.submit'));
        await p.page.locator('textarea[name="description"]').fill('Résultats de laboratoire de l’examen médical');
        await p.fill({ requestDueOn: new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10) });
        await p.press(tr('surveillance.ptpha.requests.submit'));
        await shot(p, 'case');
        await fitsPhone(p, 'case');
      });

      // The department finds the request in its queue and answers it with the document.
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await signIn(p, people.officer);
        await p.open('surveillance.department.requests');
        assert.match(await main(p), new RegExp(noticeNumber));
        await p.press(noticeNumber, 'link');
        const answer = p.page.locator('form[action*="/demandes/"], form[action*="/requests/"]').first();
        await answer.locator('select[name="typeCode"]').selectOption('lab');
        await answer.locator('input[name="file"]').setInputFiles(pdf(`laboratoire-${locale}.pdf`, 'laboratory results'));
        await p.press(tr('surveillance.department.request.send'));
        await shot(p, 'department-case');
      });

      // The PTPHA sees the answer and reports the person compliant; a sent report is final.
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await signIn(p, people.member);
        await p.open(ptphaCases);
        await p.press(noticeNumber, 'link');
        assert.equal(await p.page.locator('main a[href*="/documents/"]').count() >= 2, true, 'the X-ray and the laboratory results are on the case');
        await shot(p, 'case-answered');
        await p.press(tr('surveillance.ptpha.report.title'));
        await p.page.locator('input[name="status"][value="compliant"]').check();
        await p.fill({ statusOn: t.clock.now().toISOString().slice(0, 10) });
        await p.press(tr('surveillance.ptpha.report.continue'));
        assert.match(await main(p), new RegExp(tr('surveillance.ptpha.report.final').slice(0, 20)));
        await shot(p, 'report-confirm');
        await p.press(tr('surveillance.ptpha.report.send'));
        assert.match(await main(p), new RegExp(tr('surveillance.status.compliant')));
      });
      const [reported] = await queryRows<{ status: string }>(t.database.db, sql`select status from surveillance_cases where notice_number = ${noticeNumber}`);
      assert.equal(reported?.status, 'compliant');

      // The department sees the report at once, and its figures count it.
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await signIn(p, people.officer);
        await p.open(t.origin + href('surveillance.department.case', locale, { caseId: c!.id }));
        assert.match(await main(p), new RegExp(tr('surveillance.status.compliant')));
        await p.open('surveillance.department.figures');
        await shot(p, 'figures');
        assert.match(await main(p), /QC/);
        await fitsPhone(p, 'figures');
      });
    });
  });
}
