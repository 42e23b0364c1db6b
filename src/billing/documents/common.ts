/** What the billing documents share: the authority and payer blocks, tax registration labels. */
import type { PdfLanguage } from '../../platform/pdf/index.ts';

export type DocumentLocale = PdfLanguage;

export type TaxRegistrationKind = 'gst' | 'hst' | 'qst';

export interface DocumentAuthority {
  /** In the person's language. */
  name: string;
  addressLines: string[];
  /** GST/HST and QST registration numbers, when the authority has any. */
  taxRegistrations?: { kind: TaxRegistrationKind; number: string }[];
}

export interface DocumentPayer {
  name: string;
  email: string;
}

export type Pair = { label: string; value: string };

/** What every billing document says: to whom, from whom, when, in which language. */
export interface DocumentHeader {
  locale: DocumentLocale;
  authority: DocumentAuthority;
  payer: DocumentPayer;
  issuedAt: Date;
}

/** A document of fee lines and taxes (receipt, credit note): the lines before taxes, labels in the person's language. */
export interface FeeLines {
  lines: { label: string; amountCents: number }[];
  /** Taxes, with their label in the person's language, e.g. `TPS (5 %)` / `GST (5%)`. */
  taxes: { label: string; amountCents: number }[];
  /** Lines plus taxes: checked. */
  totalCents: number;
}

const registrationLabels = {
  fr: { gst: 'Numéro de TPS', hst: 'Numéro de TVH', qst: 'Numéro de TVQ' },
  en: { gst: 'GST number', hst: 'HST number', qst: 'QST number' },
} as const satisfies Record<DocumentLocale, Record<TaxRegistrationKind, string>>;

const colon = { fr: '\u00a0:', en: ':' } as const satisfies Record<DocumentLocale, string>;

export function authorityBlock(authority: DocumentAuthority, locale: DocumentLocale) {
  const registrations = (authority.taxRegistrations ?? []).map((r) => `${registrationLabels[locale][r.kind]}${colon[locale]} ${r.number}`);
  return { name: authority.name, lines: [...authority.addressLines, ...registrations] };
}

export function checkLocale(locale: string): asserts locale is DocumentLocale {
  if (locale !== 'fr' && locale !== 'en') throw new RangeError(`Unknown document language: ${locale}`);
}

export function checkCents(cents: number, what: string) {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`${what} must be an integer number of cents: ${cents}`);
}
