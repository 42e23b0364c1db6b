import type { Locale } from './i18n/index.ts';

/** A module's pages: name → its French and English addresses (the language link goes to the twin). */
export type PageTable = Readonly<Record<string, Readonly<Record<Locale, string>>>>;

/**
 * Every page's name: each module's `paths.ts` adds its own to this interface, so `href('signIn', …)`
 * is checked by the compiler while platform imports no module.
 */
export interface Pages {}
export type PageName = keyof Pages & string;

let table: PageTable = {};
let byPattern = new Map<string, { name: PageName; locale: Locale }>();

/** The composition root installs the assembled page table once, before any route is registered. */
export function installPages(pages: PageTable): void {
  table = pages;
  byPattern = new Map();
  for (const [name, pair] of Object.entries(pages)) {
    byPattern.set(pair.fr, { name: name as PageName, locale: 'fr' });
    byPattern.set(pair.en, { name: name as PageName, locale: 'en' });
  }
}

/** A page's address pattern (`/fr/organisations/:organizationId`) in one language. */
export function addressOf(name: PageName, locale: Locale): string {
  const pair = table[name];
  if (!pair) throw new Error(`No page named ${name}: is its module in src/modules.ts?`);
  return pair[locale];
}

/** The address of a page, with its `:params` filled. */
export function href(name: PageName, locale: Locale, params: Record<string, string> = {}): string {
  return addressOf(name, locale).replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
}

/** The page a registered route pattern belongs to, if it is one. */
export function pageFor(pattern: string): { name: PageName; locale: Locale } | undefined {
  return byPattern.get(pattern);
}

/** Every page, for the tests that walk them all. */
export function allPages(): PageTable {
  return table;
}
