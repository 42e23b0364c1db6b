import type { Province } from '../platform/canada.ts';
import type { Locale } from '../platform/i18n/index.ts';
import type { TaxLine } from './schema.ts';

/** Rates in hundred-thousandths of the base: 5 % = 5000, 9.975 % = 9975. */
const GST = 5000;
const HST: Partial<Record<Province, number>> = { ON: 13000, NB: 15000, NL: 15000, NS: 14000, PE: 15000 };
const QST = 9975;

/**
 * The sales taxes of a taxable subtotal in a province: HST where it replaces GST (Ontario and the
 * Atlantic provinces), GST and QST in Quebec (QST on the price before GST, since 2013), GST alone
 * elsewhere (provincial sales taxes of the western provinces do not apply to these fees).
 *
 * Rounding: each tax is computed once per invoice, on the sum of its taxable lines, in integer
 * arithmetic, and rounded half up to the cent (`floor((base × rate + 50 000) / 100 000)`), as
 * Revenu Québec and the CRA compute a tax on a sale; lines are never taxed one by one.
 */
export function taxesOf(province: Province, taxableCents: number): TaxLine[] {
  if (taxableCents <= 0) return [];
  const line = (code: TaxLine['code'], rate: number): TaxLine => ({ code, rate, baseCents: taxableCents, cents: Math.floor((taxableCents * rate + 50_000) / 100_000) });
  const hst = HST[province];
  if (hst !== undefined) return [line('HST', hst)];
  if (province === 'QC') return [line('GST', GST), line('QST', QST)];
  return [line('GST', GST)];
}

/** A rate for people: `9,975 %` or `9.975%`. */
export function formatRate(locale: Locale, rate: number): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { style: 'percent', maximumFractionDigits: 3 }).format(rate / 100_000).replace(/\u202f/g, '\u00a0');
}

/** `12.34` or `12,34` or `12` (dollars as typed) → cents; null when it is not an amount. */
export function parseDollars(text: string): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f$]/g, '').replace(',', '.');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Cents as dollars with two decimals and a point, for the accounting export: `1234.50`. */
export function dollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
