import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { writeThresholds } from '../../src/practice/index.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { Client } from '../support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../support/factors.ts';
import { buildAccount, buildApplicationType, buildStaff, FACTORY_PASSWORD } from '../support/factories.ts';
import { expectAccessible, launchBrowser, startApp, visit } from './browser.ts';
import type { Portal } from './pages.ts';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let typeId: string;

before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
  typeId = (await buildApplicationType(t.database.db, t.authorityId, { sections: ['declarations'] })).id;
  // Small thresholds, so that two entries reach them.
  await writeThresholds(t.database.db, t.authorityId, { direct_contact: 1_000, supervision: 200 }, t.clock.now());
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/** A registrant: their fee-free application approved over HTTP (the applications browser test walks that part). */
async function registered(email: string) {
  const c = new Client(t.app);
  await c.get('/en/sign-in');
  assert.equal((await c.post('/en/sign-in', { email, password: FACTORY_PASSWORD })).statusCode, 303);
  await c.get('/en/applications');
  const res = await c.post('/en/applications/start', { typeId });
  const id = /\/en\/applications\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
  assert.equal((await c.post(`/en/applications/${id}/declarations`, { intent: 'continue' })).statusCode, 303);
  await c.get(`/en/applications/${id}/check`);
  assert.equal((await c.post(`/en/applications/${id}/check`, {})).statusCode, 303);
  const lead = await buildStaff(t.database.db, t.authorityId, { roles: ['registrar'] });
  const key = await addAuthenticatorApp(t, lead.id);
  const s = new Client(t.app);
  assert.equal((await signInWithApp(s, t, lead.email, FACTORY_PASSWORD, key)).statusCode, 303);
  await s.get(`/en/staff/applications/${id}`);
  await s.post(`/en/staff/applications/${id}/assignment?action=pick_up`, {});
  assert.equal((await s.post(`/en/staff/applications/${id}/decision`, { outcome: 'approve', reasons: '' })).statusCode, 303);
}

const visitor = (locale: Locale, run: (portal: Portal) => Promise<void>) => visit(browser, t.origin, locale, run);

async function addSite(p: Portal, name: string, postalCode: string) {
  await p.open('practice.sites');
  await p.press(p.t('practice.sites.add'), 'link');
  await p.fill({ name, addressLine1: '4200, rue Saint-Denis', city: 'Montréal', postalCode, startedOn: '2024-01-01' });
  await p.page.locator('select[name="province"]').selectOption('QC');
  await p.press(p.t('practice.save'));
}

async function addHours(p: Portal, kind: 'direct_contact' | 'supervision', hours: string, supervisor = '') {
  await p.open('practice.hours');
  await p.press(p.t('practice.hours.add'), 'link');
  await p.page.locator(`input[name="kind"][value="${kind}"]`).check();
  await p.fill({ startedOn: '2025-01-01', endedOn: '2025-06-30', hours, supervisorName: supervisor });
  await p.press(p.t('practice.save'));
  assert.equal(await p.notice(), p.t('practice.notice.hoursAdded'));
}

async function sendForReview(p: Portal) {
  await p.open('practice.hours');
  await p.press(p.t('practice.hours.requestReview'), 'link');
  assert.equal(await p.heading(), p.t('practice.confirm.title'));
  assert.equal(await p.page.locator('[data-sent]').count(), 2, 'the page shows what will be sent');
  await p.press(p.t('practice.confirm.send'));
  assert.equal(await p.notice(), p.t('practice.notice.requestSent'));
}

for (const locale of ['fr', 'en'] as const) {
  describe(`practice sites and hours (${locale})`, () => {
    test('sites, hours, request review, withdraw, request again; staff pick up and accept; independent practice shown', async () => {
      const person = await buildAccount(t.database.db, t.authorityId, { givenName: 'Amélie', familyName: `Gagnon ${locale}`, preferredLanguage: locale });
      const staffAccount = await buildStaff(t.database.db, t.authorityId, { preferredLanguage: locale });
      const key = await addAuthenticatorApp(t, staffAccount.id);
      await registered(person.email);

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(person.email, FACTORY_PASSWORD);
        await addSite(p, 'Clinique Saint-Denis', 'h2j2k8');
        assert.equal(await p.notice(), tr('practice.notice.siteAddedPrimary'));
        await addSite(p, 'Centre du Plateau', 'H2J 1Z2');
        assert.equal(await p.notice(), tr('practice.notice.siteAdded'));
        assert.equal(await p.page.locator('[data-site]').count(), 2);
        await addHours(p, 'direct_contact', '12,5');
        await addHours(p, 'supervision', '3', 'Dre Hélène Roy');
        await sendForReview(p);
        await p.press(tr('practice.request.withdraw'));
        assert.equal(await p.notice(), tr('practice.notice.withdrawn'));
        await sendForReview(p);
      });

      await visitor(locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(staffAccount.email, FACTORY_PASSWORD);
        await p.fill({ code: codeAt(key, t.clock.now()) });
        t.clock.advance(30_000);
        await p.press(tr('secondStep.continue'));
        await p.open('practice.queue');
        await p.press(`Amélie Gagnon ${locale}`, 'link');
        await p.press(tr('casework.assign.pickUp'));
        const ids = await p.page.locator('fieldset[data-mark]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-mark') ?? ''));
        assert.equal(ids.length, 2);
        for (const id of ids) {
          await p.page.locator(`#decision-${id}-accepted`).check();
          await p.page.locator(`fieldset[data-mark="${id}"] button`).click();
          await p.page.waitForLoadState('load');
          await expectAccessible(p.page);
          assert.equal(await p.notice(), tr('practice.review.notice.marked'));
        }
        await p.press(tr('practice.review.decide'));
        assert.equal(await p.notice(), tr('practice.review.notice.decided'));
      });

      await visitor(locale, async (p) => {
        await p.signIn(person.email, FACTORY_PASSWORD);
        await p.open('practice.hours');
        assert.equal(await p.page.locator('[data-independent]').getAttribute('data-independent'), 'yes');
        assert.match(await p.page.locator('[data-independent]').innerText(), new RegExp(p.t('practice.independent.yes', { date: 'X' }).split('X')[0]!.trim()));
      });

      // The public sees it at once on the register, found without the accent.
      await visitor(locale, async (p) => {
        await p.open('register.search');
        await p.fill({ q: `Amelie Gagnon ${locale}` });
        await p.press(p.t('register.search.submit'));
        await p.press(`Amélie Gagnon ${locale}`, 'link');
        assert.equal(await p.heading(), `Amélie Gagnon ${locale}`);
        assert.match(await p.page.locator('main').innerText(), new RegExp(p.t('register.entry.independentSince', { date: 'X' }).split('X')[0]!.trim()));
        assert.ok(await p.page.getByText('Clinique Saint-Denis').first().isVisible(), 'the primary site is the business address');
      });
    });
  });
}
