import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { buildAccount, buildApplicationType, buildRegistrationCategory } from '../support/factories.ts';
import { launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
const number = '2026-04242';

before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  const db = t.database.db;
  const category = await buildRegistrationCategory(db, t.authorityId, { code: 'registered', name: { fr: 'Psychothérapeute autorisé', en: 'Registered psychotherapist' } });
  const type = await buildApplicationType(db, t.authorityId, { categoryId: category.id, sections: ['declarations'] });
  // A registrant as licensing, practice and record leave them (the register only reads these rows).
  const person = await buildAccount(db, t.authorityId, { givenName: 'Éloïse', familyName: 'Bélanger-Côté' });
  await db.execute(sql`
    with application as (insert into applications (authority_id, applicant_id, type_id, reference, status) values (${t.authorityId}, ${person.id}, ${type.id}, 'DEM-2026-004242', 'approved') returning id)
    insert into registrations (authority_id, account_id, category_id, application_id, number, status, valid_from, valid_until, verification_code)
    select ${t.authorityId}, ${person.id}, ${category.id}, id, ${number}, 'active', '2026-01-01', '2027-12-31', 'BRWS-4242' from application`);
  await db.execute(sql`insert into practice_sites (authority_id, account_id, name, address_line1, city, province, postal_code, started_on, is_primary)
    values (${t.authorityId}, ${person.id}, 'Clinique du Plateau', '4242, rue Saint-Denis', 'Montréal', 'QC', 'H2J 2K8', '2024-01-01', true)`);
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const visitor = (locale: Locale, run: (portal: Portal) => Promise<void>) => visit(browser, t.origin, locale, run);

for (const locale of ['fr', 'en'] as const) {
  describe(`the public register (${locale})`, () => {
    test('an empty search lists no one; a name with or without accents, or with a typo, finds the entry, which opens at its own address', async () => {
      await visitor(locale, async (p) => {
        const tr = p.t;
        await p.open('register.search');
        assert.equal(await p.heading(), tr('register.search.title'));
        await p.press(tr('register.search.submit'));
        assert.ok(await p.page.getByText(tr('register.search.needCriterion')).isVisible(), 'an empty search asks for a criterion');
        assert.equal(await p.page.locator('table').count(), 0);
        for (const q of ['Éloïse Bélanger-Côté', 'eloise belanger cote', 'Eloise Belangr']) {
          await p.fill({ q });
          await p.press(tr('register.search.submit'));
          assert.equal(await p.page.getByRole('link', { name: 'Éloïse Bélanger-Côté' }).count(), 1, q);
        }
        await p.fill({ q: '', place: 'h2j' });
        await p.press(tr('register.search.submit'));
        await p.press('Éloïse Bélanger-Côté', 'link');
        assert.equal(p.path(), locale === 'fr' ? `/fr/registre/${number}` : `/en/register/${number}`);
        assert.equal(await p.heading(), 'Éloïse Bélanger-Côté');
        assert.ok(await p.page.getByText('Clinique du Plateau').first().isVisible(), 'the business address');
        assert.match(await p.page.locator('.govuk-summary-list').innerText(), new RegExp(tr('register.status.active')), 'its status');
      });
    });
  });
}
