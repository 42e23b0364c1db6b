import { readFileSync } from 'node:fs';
import type { PdfRenderer } from '../../platform/pdf/index.ts';
import { formatLocalDate, type Locale, translator } from '../../platform/i18n/index.ts';
import type { ExtensionReason } from '../states.ts';
import { lawLabels, reasonLabels } from '../labels.ts';

const template = readFileSync(new URL('./letter.typ', import.meta.url), 'utf8');
const locales = ['fr', 'en'] as const satisfies readonly Locale[];

export interface ExtensionLetter {
  /** The institution's name in both languages (the letter is its). */
  institution: { fr: string; en: string };
  number: string;
  act: 'access' | 'privacy';
  requesterName: string;
  reason: ExtensionReason;
  days: number;
  originalDue: string;
  newDue: string;
  sentOn: string;
}

/**
 * The notice of an extension to the requester, French then English in one tagged PDF: the
 * request's number, the length, the reason, the new due day and the right to complain to the
 * Information Commissioner (ATIA s. 9(1)) or the Privacy Commissioner (PA s. 15).
 */
export function renderExtensionLetter(pdf: PdfRenderer, l: ExtensionLetter): Uint8Array {
  const parts = locales.map((locale) => {
    const t = translator(locale);
    const day = (d: string) => formatLocalDate(locale, d);
    return {
      lang: locale,
      title: t('access.workspace.letter.extension.title', { number: l.number }),
      facts: [
        { label: t('access.workspace.letter.number'), value: l.number },
        { label: t('access.workspace.letter.to'), value: l.requesterName },
        { label: t('access.workspace.letter.date'), value: day(l.sentOn) },
        { label: t('access.workspace.letter.law'), value: t(lawLabels[l.act]) },
        { label: t('access.workspace.letter.length'), value: t('access.workspace.letter.days', { days: l.days }) },
        { label: t('access.workspace.letter.reason'), value: t(reasonLabels[l.reason]) },
        { label: t('access.workspace.letter.originalDue'), value: day(l.originalDue) },
        { label: t('access.workspace.letter.newDue'), value: day(l.newDue) },
      ],
      paragraphs: [
        t('access.workspace.letter.extension.body', { institution: l.institution[locale], days: l.days, date: day(l.newDue) }),
        t(l.act === 'access' ? 'access.workspace.letter.extension.complainAccess' : 'access.workspace.letter.extension.complainPrivacy'),
      ],
    };
  });
  const title = `${parts[0]!.title} / ${parts[1]!.title}`;
  return pdf.render({ template, inputs: { data: JSON.stringify({ from: `${l.institution.fr} / ${l.institution.en}`, parts }) }, standard: 'ua-1', title, lang: 'fr' });
}

export interface CommissionerLetter {
  institution: { fr: string; en: string };
  number: string;
  reason: ExtensionReason;
  days: number;
  totalDays: number;
  newDue: string;
  sentOn: string;
}

/** The notice to the Information Commissioner of an extension over 30 days (ATIA s. 9(2)), French then English. */
export function renderCommissionerLetter(pdf: PdfRenderer, l: CommissionerLetter): Uint8Array {
  const parts = locales.map((locale) => {
    const t = translator(locale);
    const day = (d: string) => formatLocalDate(locale, d);
    return {
      lang: locale,
      title: t('access.workspace.letter.commissioner.title', { number: l.number }),
      facts: [
        { label: t('access.workspace.letter.number'), value: l.number },
        { label: t('access.workspace.letter.to'), value: t('access.workspace.letter.commissioner.to') },
        { label: t('access.workspace.letter.date'), value: day(l.sentOn) },
        { label: t('access.workspace.letter.length'), value: t('access.workspace.letter.days', { days: l.days }) },
        { label: t('access.workspace.letter.total'), value: t('access.workspace.letter.days', { days: l.totalDays }) },
        { label: t('access.workspace.letter.reason'), value: t(reasonLabels[l.reason]) },
        { label: t('access.workspace.letter.newDue'), value: day(l.newDue) },
      ],
      paragraphs: [t('access.workspace.letter.commissioner.body', { institution: l.institution[locale], days: l.totalDays })],
    };
  });
  const title = `${parts[0]!.title} / ${parts[1]!.title}`;
  return pdf.render({ template, inputs: { data: JSON.stringify({ from: `${l.institution.fr} / ${l.institution.en}`, parts }) }, standard: 'ua-1', title, lang: 'fr' });
}
