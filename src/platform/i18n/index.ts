import { en } from './en.ts';
import { fr } from './fr.ts';

export const locales = ['fr', 'en'] as const;

/** Bilingual data: always both languages. */
export interface Bilingual {
  fr: string;
  en: string;
}
export type Locale = (typeof locales)[number];
/**
 * Every string's key: platform's shared words here, and each module's, added to this interface by
 * its `i18n/fr.ts`; an `en.ts` with a missing or extra key fails the type check.
 */
export interface Messages extends Record<keyof typeof fr, true> {}
export type MessageKey = keyof Messages & string;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Platform's own strings, which the composition root assembles with every module's. */
export const platformCatalog = { fr, en };

let catalogs: Readonly<Record<Locale, Readonly<Record<string, string>>>> = platformCatalog;

/** The composition root installs the assembled catalogs once, before any page renders. */
export function installCatalogs(assembled: Readonly<Record<Locale, Readonly<Record<string, string>>>>): void {
  catalogs = assembled;
}

/** Whether a string is one of the installed keys (a zod message carries one as a plain string). */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(catalogs.fr, value);
}

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'fr' ? 'en' : 'fr';
}

export function translator(locale: Locale): Translate {
  return (key, params) => {
    const text = catalogs[locale][key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
  };
}

/** `/` picks the language by Accept-Language: the first of fr/en by quality, French when neither. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'fr';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((entry) => isLocale(entry.lang) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.lang as Locale | undefined) ?? 'fr';
}

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Toronto' }),
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Toronto' }),
};

export function formatDateTime(locale: Locale, date: Date): string {
  return dateFormats[locale].format(date);
}

const moneyFormats: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' }),
  en: new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }),
};

/** An amount in integer cents of CAD, for pages, mail and PDFs alike: `1 234,56 $` (fr) or `$1,234.56` (en). */
export function formatMoney(locale: Locale, cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`An amount is an integer number of cents: ${cents}`);
  // Intl writes U+202F or U+00A0 depending on the ICU version: always U+00A0, as the catalogs do.
  return moneyFormats[locale].format(cents / 100).replace(/\u202f/g, '\u00a0');
}

const calendarDateFormats: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-CA', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A calendar date (`2026-12-01`, no time of day) as words: "1 décembre 2026", "December 1, 2026". */
export function formatLocalDate(locale: Locale, date: string): string {
  return calendarDateFormats[locale].format(new Date(`${date}T00:00:00Z`));
}
