/**
 * Dates as a document prints them (amounts: `formatMoney` in platform/i18n), in the person's language: formatted here, in
 * TypeScript, and passed to the template as text.
 * French: `1er décembre 2026`; English: `December 1, 2026`.
 */
import type { PdfLanguage } from './renderer.ts';

const TIME_ZONE = 'America/Toronto';

/** A calendar date (`2026-12-01`, read as is) or an instant (its date in Toronto). */
export function formatDate(date: Date | string, lang: PdfLanguage): string {
  const instant = typeof date === 'string' ? localDate(date) : date;
  const timeZone = typeof date === 'string' ? 'UTC' : TIME_ZONE;
  if (lang === 'en') return new Intl.DateTimeFormat('en-CA', { dateStyle: 'long', timeZone }).format(instant);
  const parts = new Intl.DateTimeFormat('fr-CA', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('day') === '1' ? '1er' : part('day');
  return `${day}\u00a0${part('month')} ${part('year')}`;
}

/** An instant with its time in Toronto: `1er décembre 2026, 14 h 05` / `December 1, 2026, 2:05 p.m.`. */
export function formatDateTime(instant: Date, lang: PdfLanguage): string {
  const time = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { hour: 'numeric', minute: '2-digit', timeZone: TIME_ZONE }).formatToParts(instant);
  const part = (type: string) => time.find((p) => p.type === type)?.value ?? '';
  if (lang === 'fr') return `${formatDate(instant, lang)}, ${Number(part('hour'))}\u00a0h\u00a0${part('minute')}`;
  const period = part('dayPeriod').toLowerCase().replace(/\s/g, '');
  return `${formatDate(instant, lang)}, ${part('hour')}:${part('minute')}\u00a0${period}`;
}

function localDate(text: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${text}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
}
