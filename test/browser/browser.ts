import assert from 'node:assert/strict';
import { type AddressInfo, createServer } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { and, eq } from 'drizzle-orm';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import type { Locale } from '../../src/platform/i18n/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Portal } from './pages.ts';
import { mailMessages } from '../../src/mail/schema.ts';

/** Debian's Chromium, headless; no browser is ever downloaded. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A free loopback port, asked of the system before the app that will take it is built. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * The app listening on a free local port, its public address (links in mail, WebAuthn's relying
 * party, OpenID callbacks) being the one the browser opens. WebAuthn refuses an IP address as
 * relying party: its tests ask for `localhost`.
 */
export async function startApp(hostname: 'localhost' | '127.0.0.1' = '127.0.0.1'): Promise<TestApp & { origin: string }> {
  const port = await freePort();
  const origin = `http://${hostname}:${port}`;
  const t = await createTestApp({ env: { PUBLIC_URL: origin } });
  await t.app.listen({ port, host: hostname });
  return { ...t, origin };
}

/** Fails on any WCAG 2.2 A/AA violation of impact serious or critical, listing each offending node. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map((v) => `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target.join(' ')}  ${n.html}`).join('\n')}`)
    .join('\n');
  assert.equal(bad.length, 0, `accessibility violations on ${page.url()}:\n${report}`);
}

/** The token link of the last mail of this template sent to this address, pointed at the test server. */
export async function mailedLink(t: TestApp & { origin: string }, to: string, template: 'verify' | 'reset' | 'providerVerify'): Promise<string> {
  await t.app.background.drain();
  const rows = await t.database.db
    .select()
    .from(mailMessages)
    .where(and(eq(mailMessages.toAddress, to), eq(mailMessages.template, template)));
  const link = /https?:\/\/\S+token=\S+/.exec(rows.at(-1)?.textBody ?? '')?.[0];
  assert.ok(link, `no ${template} link mailed to ${to}`);
  return link;
}

/**
 * Runs one visitor in a fresh browser context. A script error, or a stylesheet, script, image or font
 * the server refuses, fails the test: pages must load whole (a page's own 4xx is the test's business).
 */
export async function visit(
  browser: Browser,
  origin: string,
  locale: Locale,
  run: (portal: Portal) => Promise<void>,
  options: BrowserContextOptions = {},
): Promise<void> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') problems.push(`${response.status()} ${response.url()}`);
  });
  try {
    await run(new Portal(page, origin, locale, options.javaScriptEnabled !== false));
    assert.deepEqual(problems, [], 'the page loaded whole, without script errors');
  } finally {
    await context.close();
  }
}
