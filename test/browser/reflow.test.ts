import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { authorityRoles } from '../../src/authorities/schema.ts';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { allPages, href, type PageName } from '../../src/platform/paths.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { buildAccount, buildOrganization } from '../support/factories.ts';
import { launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

/**
 * WCAG 1.4.10 (reflow): at 320 px wide, no page of the route table scrolls sideways, for a
 * signed-in person, an organization's manager and staff, in both languages.
 */

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
const ids: Record<string, string> = {};
const people: Record<'person' | 'manager' | 'staff', { email: string; password: string; key: string | null }> = {} as never;

before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  const db = t.database.db;
  // Surveillance on, so that the department's pages are walked too (seed 003), with a long-named case.
  await db.execute(sql`insert into surveillance_settings (authority_id) values (${t.authorityId})`);
  // Access requests on too (seed 004), so that the public request service's pages are walked.
  await db.execute(sql`insert into access_settings (authority_id) values (${t.authorityId})`);
  // Long names and addresses: what makes a table too wide on a phone.
  const person = await buildAccount(db, t.authorityId, { email: 'marie-josee.bouchard-lachapelle@ministere-example.gouv.qc.ca', givenName: 'Marie-Josée', familyName: 'Bouchard-Lachapelle' });
  const manager = await buildAccount(db, t.authorityId, { email: 'jean-francois.desrochers-tremblay@agence-des-parcs-example.ca', givenName: 'Jean-François', familyName: 'Desrochers-Tremblay' });
  const member = await buildAccount(db, t.authorityId, { email: 'alexandra.constantinopoulos@institution-example.ca', givenName: 'Alexandra', familyName: 'Constantinopoulos' });
  const staff = await buildAccount(db, t.authorityId, { email: 'genevieve.saint-laurent@ordre-example.ca', givenName: 'Geneviève', familyName: 'Saint-Laurent', roles: ['staff'] });
  await db.insert(authorityRoles).values([
    { authorityId: t.authorityId, accountId: staff.id, role: 'registrar' },
    { authorityId: t.authorityId, accountId: staff.id, role: 'administrator' },
  ]);
  const organization = await buildOrganization(db, t.authorityId, {
    name: { fr: 'Agence québécoise de la protection des parcs nationaux et des aires protégées', en: 'Quebec Agency for the Protection of National Parks and Protected Areas' },
    people: [
      { accountId: manager.id, role: 'manager' },
      { accountId: member.id, role: 'member' },
    ],
  });
  Object.assign(ids, { organizationId: organization.id, accountId: member.id });
  people.person = { email: person.email, password: person.password, key: null };
  people.manager = { email: manager.email, password: manager.password, key: await addAuthenticatorApp(t, manager.id) };
  people.staff = { email: staff.email, password: staff.password, key: await addAuthenticatorApp(t, staff.id) };
  ids.staffAccountId = member.id;
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/** A page's address with its parameters filled from the test's data (unknown ones give a "not found" page, also checked). */
function address(name: PageName, locale: Locale): string {
  const params: Record<string, string> = { organizationId: ids.organizationId ?? '', accountId: ids.accountId ?? '', codeId: '00000000-0000-4000-8000-000000000000', slug: 'none' };
  const idFor: Partial<Record<PageName, string>> = { staffAccount: ids.staffAccountId ?? '', staffOrganization: ids.organizationId ?? '' };
  return href(name, locale, { ...params, id: idFor[name] ?? '00000000-0000-4000-8000-000000000000' });
}

/** The pages answering GET with HTML; the sign-out and CSV pages aside. */
function pagesToWalk(): PageName[] {
  return (Object.keys(allPages()) as PageName[]).filter((name) => name !== 'staffAuditCsv' && name !== 'billing.staffExport' && name !== 'surveillance.department.figuresCsv' && name !== 'access.office.statisticsCsv' && name !== 'access.office.summariesCsv' && t.app.hasRoute({ method: 'GET', url: allPages()[name]!.fr }));
}

async function sideways(page: Page): Promise<{ scrollWidth: number; clientWidth: number; widest: string }> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    let widest = '';
    let right = root.clientWidth;
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      if (box.right > right + 0.5) {
        right = box.right;
        widest = `${element.tagName.toLowerCase()}.${element.className} (${Math.round(box.right)} px): ${(element.textContent ?? '').trim().slice(0, 60)}`;
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest };
  });
}

async function signIn(p: Portal, who: { email: string; password: string; key: string | null }) {
  await p.signIn(who.email, who.password);
  if (who.key) {
    p.expectPage('signInSecondFactor');
    await p.fill({ code: codeAt(who.key, t.clock.now()) });
    t.clock.advance(30_000);
    await p.press(p.t('secondStep.continue'));
  }
  assert.notEqual(p.path(), href('signIn', p.locale), 'signed in');
}

for (const locale of ['fr', 'en'] as const) {
  describe(`reflow at 320 px (${locale})`, () => {
    for (const who of ['person', 'manager', 'staff'] as const) {
      test(`no page scrolls sideways for ${who === 'person' ? 'a signed-in person' : who === 'manager' ? 'an organization manager' : 'staff'}`, () =>
        visit(
          browser,
          t.origin,
          locale,
          async (p) => {
            await signIn(p, people[who]);
            if (who === 'manager') {
              // A code just made: the widest thing on the codes page.
              await p.open(t.origin + address('securityCodes', locale));
              await p.press(p.t('codes.create'));
            }
            const wide: string[] = [];
            for (const name of pagesToWalk()) {
              if (name === 'signOut') continue;
              await p.page.goto(t.origin + address(name, locale));
              const { scrollWidth, clientWidth, widest } = await sideways(p.page);
              if (scrollWidth > clientWidth) wide.push(`${name} ${p.path()}: ${scrollWidth} px > ${clientWidth} px; ${widest}`);
            }
            assert.deepEqual(wide, [], 'pages wider than the screen');
          },
          { viewport: { width: 320, height: 640 } },
        ));
    }
  });
}
