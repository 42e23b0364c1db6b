import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type Locale, type Translate, translator } from '../../src/platform/i18n/index.ts';
import { href, type PageName } from '../../src/platform/paths.ts';
import { expectAccessible } from './browser.ts';

export interface Person {
  email: string;
  givenName: string;
  familyName: string;
  password: string;
}

/** The portal as one visitor sees it in one language; every page it lands on is axe-checked. */
export class Portal {
  readonly t: Translate;

  constructor(
    readonly page: Page,
    readonly origin: string,
    readonly locale: Locale,
    // axe runs as a script in the page: with scripts off, the pages are checked by the tests that keep them on.
    private readonly audited = true,
  ) {
    this.t = translator(locale);
  }

  /** Opens a page by name, or a full address (a mailed link). */
  async open(target: PageName | string): Promise<void> {
    await this.page.goto(target.startsWith('http') ? target : this.origin + href(target as PageName, this.locale));
    if (this.audited) await expectAccessible(this.page);
  }

  async fill(fields: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(fields)) await this.page.locator(`input[name="${name}"]:not([type=hidden])`).fill(value);
  }

  /** Presses a button (or follows a link) that loads a new page, then checks that page. */
  async press(label: string, role: 'button' | 'link' = 'button'): Promise<void> {
    await this.page.getByRole(role, { name: label, exact: true }).click();
    await this.page.waitForLoadState('load');
    if (this.audited) await expectAccessible(this.page);
  }

  heading(): Promise<string> {
    return this.page.locator('h1').innerText();
  }

  /** The success banner's text. */
  notice(): Promise<string> {
    return this.page.locator('[role=status]').innerText();
  }

  path(): string {
    return new URL(this.page.url()).pathname;
  }

  expectPage(name: PageName): void {
    assert.equal(this.path(), href(name, this.locale));
  }

  async signUp(person: Person): Promise<void> {
    await this.open('signUp');
    await this.fill({ email: person.email, givenName: person.givenName, familyName: person.familyName });
    await this.page.locator(`input[name="preferredLanguage"][value="${this.locale}"]`).check();
    await this.fill({ password: person.password, passwordConfirm: person.password });
    await this.press(this.t('signUp.submit'));
    assert.equal(await this.heading(), this.t('checkEmail.title'));
  }

  async signIn(email: string, password: string): Promise<void> {
    if (this.path() !== href('signIn', this.locale)) await this.open('signIn');
    await this.fill({ email, password });
    await this.press(this.t('signIn.submit'));
  }

  async signOut(): Promise<void> {
    await this.press(this.t('layout.signOut'));
    this.expectPage('signIn');
    assert.equal(await this.notice(), this.t('signedOut.body'));
  }
}
