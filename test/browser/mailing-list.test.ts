import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { mailMessages } from '../../src/mail/schema.ts';
import { codeAt } from '../../src/two-factor/totp.ts';
import { addAuthenticatorApp } from '../support/factors.ts';
import { buildStaff, FACTORY_PASSWORD } from '../support/factories.ts';
import { launchBrowser, startApp, visit } from './browser.ts';

let t: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
before(async () => {
  [t, browser] = await Promise.all([startApp(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/** A link of the last message of this template mailed to this address (held in the database: no SMTP here). */
async function mailed(to: string, template: string, path: RegExp): Promise<string> {
  await t.app.background.drain();
  const rows = await t.database.db.select().from(mailMessages).where(and(eq(mailMessages.toAddress, to), eq(mailMessages.template, template)));
  const link = [...(rows.at(-1)?.textBody ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).find((u) => path.test(u));
  assert.ok(link, `no ${template} link mailed to ${to}`);
  return link;
}

for (const locale of ['fr', 'en'] as const) {
  describe(`mailing list (${locale})`, () => {
    test('sign up, confirm, change languages, unsubscribe with the one button; staff see the count', async () => {
      const email = `abonnement.${locale}@example.ca`;
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await p.open(`${t.origin}/${locale}/${t.authoritySlug}`);
        await p.press(tr('mailingList.service.title'), 'link');
        p.expectPage('mailingList.signUp');
        await p.press(tr('mailingList.signUp.submit'));
        assert.match(await p.page.locator('.govuk-error-summary').innerText(), new RegExp(tr('invalid.required.email')));
        await p.fill({ email });
        await p.page.getByLabel(tr('mailingList.language.both'), { exact: true }).check();
        await p.press(tr('mailingList.signUp.submit'));
        assert.equal(await p.heading(), tr('mailingList.sent.title'));

        await p.open(await mailed(email, 'mailingListConfirm', /confirm/));
        assert.equal(await p.heading(), tr('mailingList.confirm.title'));
        await p.press(tr('mailingList.confirm.submit'));
        assert.equal(await p.heading(), tr('mailingList.confirmed.title'));

        await p.open(await mailed(email, 'mailingListWelcome', /preferences/));
        assert.equal(await p.page.locator('input[name="languages"]:checked').getAttribute('value'), 'both');
        await p.page.getByLabel(tr('mailingList.language.en'), { exact: true }).check();
        await p.press(tr('mailingList.manage.submit'));
        assert.equal(await p.notice(), tr('mailingList.manage.saved'));
        assert.equal(await p.page.locator('input[name="languages"]:checked').getAttribute('value'), 'en');
      });

      const staff = await buildStaff(t.database.db, t.authorityId, { preferredLanguage: locale });
      const key = await addAuthenticatorApp(t, staff.id);
      await visit(browser, t.origin, locale, async (p) => {
        const { t: tr } = p;
        await p.signIn(staff.email, FACTORY_PASSWORD);
        await p.fill({ code: codeAt(key, t.clock.now()) });
        t.clock.advance(30_000);
        await p.press(tr('secondStep.continue'));
        await p.open('mailingList.staff');
        assert.equal(await p.heading(), tr('mailingList.staff.title'));
        assert.match(await p.page.locator('main').innerText(), new RegExp(`${tr('mailingList.staff.confirmed')}\\s+1`));
        await p.press(tr('mailingList.staff.sendSubmit'));
        assert.match(await p.page.locator('.govuk-error-summary').innerText(), new RegExp(tr('invalid.mailingList.empty')));
      });

      // Without JavaScript: the unsubscribe link of the welcome message, its one button.
      await visit(
        browser,
        t.origin,
        locale,
        async (p) => {
          const { t: tr } = p;
          await p.open(await mailed(email, 'mailingListWelcome', /desabonnement|unsubscribe/));
          assert.equal(await p.heading(), tr('mailingList.unsubscribe.title'));
          await p.press(tr('mailingList.unsubscribe.submit'));
          assert.equal(await p.heading(), tr('mailingList.unsubscribed.title'));
        },
        { javaScriptEnabled: false },
      );
    });
  });
}
