import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { INSTITUTION_KIND } from '../../src/access-requests/index.ts';
import { seedFeeSchedule } from '../../src/billing/index.ts';
import { queryRows } from '../../src/platform/db.ts';
import { href } from '../../src/platform/paths.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { buildAccount, buildOrganization, buildOrganizationKind, FACTORY_PASSWORD } from '../support/factories.ts';
import { launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

/**
 * Seed 004's journey (issue 17), in each language, every page checked by axe: a requester
 * without an account submits an access request and pays the $5 on the test gateway; a
 * practitioner takes it and asks for clarification; the requester answers on the tracking page;
 * the practitioner extends the time for a consultation, uploads the records, decides them and
 * delivers the release package; the requester downloads it; the month's summaries show it.
 */
let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let institutionId = '';
const practitioner = { email: '', key: '' };
const files = mkdtempSync(join(tmpdir(), 'guichet-access-'));
const pdf = (name: string, text: string) => {
  const path = join(files, name);
  writeFileSync(path, `%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
  return path;
};
const SHOTS = process.env.SHOTS;
const shot = async (p: Portal, name: string) => {
  if (SHOTS) await p.page.screenshot({ path: `${SHOTS}/access-${name}-${p.locale}.png`, fullPage: true });
};
const main = (p: Portal) => p.page.locator('main').innerText();

before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  await t.database.db.execute(sql`insert into access_settings (authority_id) values (${t.authorityId})`);
  await seedFeeSchedule(t.database.db, t.authorityId, 'access_to_information');
  const kind = await buildOrganizationKind(t.database.db, t.authorityId, { slug: INSTITUTION_KIND, name: { fr: 'Institution fédérale', en: 'Federal institution' } });
  const member = await buildAccount(t.database.db, t.authorityId, { givenName: 'Nadia', familyName: 'Roy' });
  institutionId = (await buildOrganization(t.database.db, t.authorityId, { kindId: kind.id, name: { fr: 'Agence des parcs', en: 'Parks Agency' }, people: [{ accountId: member.id, role: 'manager' }] })).id;
  practitioner.email = member.email;
  practitioner.key = await addAuthenticatorApp(t, member.id);
});
after(async () => {
  await browser?.close();
  await t?.close();
  rmSync(files, { recursive: true, force: true });
});

/** Signs in with the password and the authenticator app's code (two-step verification is required of practitioners). */
async function signIn(p: Portal) {
  await p.signIn(practitioner.email, FACTORY_PASSWORD);
  await p.fill({ code: codeAt(practitioner.key, t.clock.now()) });
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
  describe(`an access request, from the public service to the release (${locale})`, () => {
    test('submit and pay, clarification asked and answered, extension for a consultation, records, release, download, summaries', async () => {
      const description = locale === 'fr' ? 'Les notes d’information sur la fréquentation du parc de la Mauricie en 2026.' : 'Briefing notes on visitor numbers at Banff National Park in 2026.';
      let tracking = '';

      // A requester without an account answers one question a page, sends the request and pays the $5.
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await p.open(t.origin + `/${locale}/${t.authoritySlug}`);
        await p.open('access.public.start');
        await shot(p, 'start');
        await p.press(tr('access.public.start.button'));
        await p.page.locator('input[name="act"][value="access"]').check();
        await p.press(tr('access.public.continue'));
        await p.page.locator('select[name="organizationId"]').selectOption(institutionId);
        await p.press(tr('access.public.continue'));
        await p.page.locator('textarea[name="description"]').fill(description);
        await shot(p, 'question');
        await p.press(tr('access.public.continue'));
        await p.page.locator('input[name="format"][value="electronic"]').check();
        await p.press(tr('access.public.continue'));
        await p.fill({ name: 'Chloé Bergeron', email: `chloe.${locale}@example.ca` });
        await p.page.locator('input[name="category"][value="media"]').check();
        await p.press(tr('access.public.continue'));
        await shot(p, 'check');
        await fitsPhone(p, 'check');
        await p.press(tr('access.public.check.send'));
        assert.match(await main(p), /A-2026-\d{6}/);
        await shot(p, 'sent');
        await p.page.locator('main form button', { hasText: new RegExp(`^${tr('access.public.fee.pay', { amount: '' }).trim()}`) }).first().click();
        await p.page.waitForLoadState('load');
        await p.fill({ cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
        await p.page.locator('main form button[type=submit], main form button:not([type])').first().click();
        await p.page.waitForLoadState('load');
        await shot(p, 'paid');
        const link = p.page.locator('main a[href*="?t="]').first();
        tracking = t.origin + (await link.getAttribute('href'))!;
      });
      const [request] = await queryRows<{ id: string; number: string; status: string; fee_status: string }>(t.database.db, sql`select id, number, status, fee_status from access_requests where description = ${description}`);
      assert.deepEqual([request?.status, request?.fee_status], ['in_progress', 'paid'], 'paid once: the clock runs');
      assert.match(tracking, new RegExp(`/${request!.id}\\?t=`));
      const workspace = (name: Parameters<typeof href>[0]) => t.origin + href(name, locale, { organizationId: institutionId, requestId: request!.id });

      // The practitioner takes it and asks the requester what they mean.
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await signIn(p);
        await p.open(t.origin + href('access.workspace.dashboard', locale, { organizationId: institutionId }));
        await shot(p, 'dashboard');
        await fitsPhone(p, 'dashboard');
        await p.press(request!.number, 'link');
        await p.page.locator('select[name="assigneeId"]').selectOption({ label: `Nadia (${practitioner.email})` });
        await p.press(tr('access.workspace.assign.submit'));
        const [assigned] = await queryRows<{ assignee_id: string | null }>(t.database.db, sql`select assignee_id from access_requests where id = ${request!.id}`);
        assert.ok(assigned?.assignee_id, 'taken: assigned to the practitioner');
        await shot(p, 'request');
        await fitsPhone(p, 'request');
        await p.open(workspace('access.workspace.clarification'));
        await p.page.locator('textarea[name="question"]').fill(locale === 'fr' ? 'Quels mois de 2026 voulez-vous couvrir\u00a0?' : 'Which months of 2026 do you mean?');
        await p.press(tr('access.workspace.clarification.askSubmit'));
        assert.match(await main(p), new RegExp(tr('access.status.awaiting_clarification')));
      });

      // The requester answers on the tracking page: the clock restarts.
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await p.open(tracking);
        await shot(p, 'tracking-question');
        await p.page.locator('textarea[name="answer"]').fill(locale === 'fr' ? 'De janvier à juin.' : 'January to June.');
        await p.press(tr('access.public.request.send'));
        assert.match(await main(p), new RegExp(tr('access.status.in_progress')));
        await fitsPhone(p, 'tracking');
      });

      // The practitioner extends the time for a consultation, gathers the records, decides them and delivers the package.
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await signIn(p);
        await p.open(workspace('access.workspace.extension'));
        await p.page.locator('input[name="reason"][value="atia_9_1_b"]').check();
        await p.fill({ days: '30' });
        await p.press(tr('access.workspace.extension.continue'));
        await shot(p, 'extension-confirm');
        await p.press(tr('access.workspace.extension.take'));
        assert.match(await main(p), new RegExp(tr('access.reason.atia_9_1_b').slice(0, 12).replace(/[()]/g, '.')));
        await shot(p, 'request-extended');

        await p.open(workspace('access.release.records'));
        await p.fill({ title: locale === 'fr' ? 'Note d’information, janvier' : 'Briefing note, January', pages: '4' });
        await p.page.locator('input[name="file"]').setInputFiles(pdf(`note-${locale}.pdf`, 'briefing note'));
        await p.press(tr('access.release.records.add'));
        await p.page.locator('main a[href*="/documents/"], main a[href*="/records/"]').filter({ hasText: locale === 'fr' ? 'Note d’information' : 'Briefing note' }).first().click();
        await p.page.waitForLoadState('load');
        await p.page.locator('input[name="decision"][value="released_in_full"]').check();
        await p.press(tr('access.release.record.save'));
        await shot(p, 'records');
        await fitsPhone(p, 'records');

        await p.open(workspace('access.release.package'));
        await p.page.locator('textarea[name="summaryFr"]').fill('Notes d’information sur la fréquentation du parc.');
        await p.page.locator('textarea[name="summaryEn"]').fill('Briefing notes on park visitor numbers.');
        await shot(p, 'package');
        await p.press(tr('access.release.package.continue'));
        await p.press(tr('access.release.package.send'));
        assert.match(await main(p), new RegExp(tr('access.status.closed')));
      });
      const [closed] = await queryRows<{ status: string; disposition: string }>(t.database.db, sql`select status, disposition from access_requests where id = ${request!.id}`);
      assert.deepEqual(closed, { status: 'closed', disposition: 'all_disclosed' });

      // The requester downloads the released record and the response letter from the tracking page.
      await visit(browser, t.origin, locale, async (p) => {
        await p.open(tracking);
        await shot(p, 'tracking-released');
        const links = await p.page.locator('main a[href*="/fichiers/"], main a[href*="/files/"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
        assert.ok(links.length >= 2, 'the record and the letter');
        for (const url of links) {
          const file = await p.page.request.get(url);
          assert.equal(file.status(), 200, url);
          assert.equal(file.headers()['content-type'], 'application/pdf');
        }
      });
      const [downloads] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events where event = 'access_release_downloaded' and subject_id = ${request!.id}`);
      assert.ok((downloads?.n ?? 0) >= 1, 'the download is audited');

      // The month's summaries for open.canada.ca show it, in both languages in one file.
      await visit(browser, t.origin, locale, async (p) => {
        await signIn(p);
        await p.open(t.origin + href('access.office.summaries', locale, { organizationId: institutionId }));
        assert.match(await main(p), new RegExp(request!.number));
        await shot(p, 'summaries');
        const month = t.clock.now().toISOString().slice(0, 7);
        const csv = await p.page.request.get(`${t.origin}${href('access.office.summariesCsv', locale, { organizationId: institutionId })}?from=${month}&to=${month}`);
        const text = await csv.text();
        assert.match(text, new RegExp(request!.number));
        assert.match(text, /Briefing notes on park visitor numbers\./);
        assert.match(text, /Notes d’information sur la fréquentation du parc\./);
      });
    });
  });
}
