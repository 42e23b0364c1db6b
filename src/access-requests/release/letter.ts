/**
 * The response letter of a request (its release, or its closing without one), as one accessible
 * PDF in both languages: the number, the disposition, the records released and withheld with their
 * pages and the sections cited, and the right to complain to the Commissioner. `letterText` gives
 * the same words for the package page's preview.
 */
import { readFileSync } from 'node:fs';
import { type Bilingual, formatLocalDate, type Locale, otherLocale, translator } from '../../platform/i18n/index.ts';
import type { PdfRenderer } from '../../platform/pdf/index.ts';
import { actLabels, decisionLabels, dispositionLabels, lawLabels } from '../labels.ts';
import type { Act, Disposition, RecordDecision } from '../states.ts';

export interface LetterRecord {
  title: string;
  decision: Exclude<RecordDecision, 'pending'>;
  pages: number;
  pagesReleased: number;
  exemptions: string[];
}

export interface LetterData {
  institution: Bilingual;
  /** The ATIP office (the authority's portal) and its contact, under the institution's name. */
  office: { name: Bilingual; contact: string[] } | null;
  number: string;
  act: Act;
  requesterName: string;
  receivedOn: string | null;
  sentOn: string;
  disposition: Disposition;
  /** The records decided (none when closed without records). */
  records: LetterRecord[];
}

const paragraphKeys = {
  all_disclosed: 'access.release.letter.all_disclosed',
  disclosed_in_part: 'access.release.letter.disclosed_in_part',
  all_exempted: 'access.release.letter.all_exempted',
  all_excluded: 'access.release.letter.all_excluded',
  no_records_exist: 'access.release.letter.no_records_exist',
  neither_confirmed_nor_denied: 'access.release.letter.neither_confirmed_nor_denied',
  abandoned: 'access.release.letter.abandoned',
} as const satisfies Record<Disposition, string>;

const complaintKeys = { access: 'access.release.letter.complaintAccess', privacy: 'access.release.letter.complaintPrivacy' } as const satisfies Record<Act, string>;

/** Every section cited, once, in the order first cited. */
export const sectionsOf = (records: readonly { exemptions: readonly string[] }[]) => [...new Set(records.flatMap((r) => r.exemptions))];

/** The letter's words in one language: what the PDF prints and the package page previews. */
export function letterText(data: LetterData, locale: Locale) {
  const t = translator(locale);
  const day = (d: string) => formatLocalDate(locale, d);
  const sections = sectionsOf(data.records);
  const released = data.records.reduce((sum, r) => sum + r.pagesReleased, 0);
  const total = data.records.reduce((sum, r) => sum + r.pages, 0);
  const withheld = data.records.filter((r) => r.decision === 'withheld');
  return {
    lang: locale,
    institution: { name: data.institution[locale], lines: data.office ? [data.office.name[locale], ...data.office.contact] : [] },
    title: t('access.release.letter.title', { number: data.number }),
    facts: [
      { label: t('access.release.letter.number'), value: data.number },
      { label: t('access.release.letter.act'), value: `${t(actLabels[data.act])} (${t(lawLabels[data.act])})` },
      { label: t('access.release.letter.requester'), value: data.requesterName },
      ...(data.receivedOn ? [{ label: t('access.release.letter.received'), value: day(data.receivedOn) }] : []),
      { label: t('access.release.letter.date'), value: day(data.sentOn) },
      { label: t('access.release.letter.disposition'), value: t(dispositionLabels[data.disposition]) },
      ...(data.records.length > 0 ? [{ label: t('access.release.letter.pages'), value: t('access.release.letter.pagesOf', { released, total }) }] : []),
    ],
    paragraphs: [
      t('access.release.letter.greeting', { name: data.requesterName }),
      t(paragraphKeys[data.disposition], { law: t(lawLabels[data.act]) }),
      ...(data.records.length > 0 && released > 0 ? [t('access.release.letter.where')] : []),
    ],
    records:
      data.records.length === 0
        ? null
        : {
            heading: t('access.release.letter.recordsHeading'),
            header: [t('access.release.letter.record'), t('access.release.letter.decision'), t('access.release.letter.pagesReleased'), t('access.release.letter.sections')],
            // A record withheld is listed without its title: what it is may itself be exempt.
            rows: data.records.map((r, i) => [
              r.decision === 'withheld' ? t('access.release.letter.withheldRecord', { n: i + 1 }) : r.title,
              t(decisionLabels[r.decision]),
              t('access.release.letter.pagesOf', { released: r.pagesReleased, total: r.pages }),
              r.exemptions.join(', ') || '—',
            ]),
          },
    sections:
      sections.length === 0
        ? null
        : {
            heading: t('access.release.letter.sectionsHeading'),
            text: t(withheld.length > 0 ? 'access.release.letter.sectionsWithheld' : 'access.release.letter.sectionsText', { sections: sections.join(', '), law: t(lawLabels[data.act]), withheld: withheld.length }),
          },
    complaint: { heading: t('access.release.letter.complaintHeading'), text: t(complaintKeys[data.act]) },
    note: t('access.release.letter.note', { number: data.number }),
  };
}

const template = readFileSync(new URL('./letter.typ', import.meta.url), 'utf8');

/** The PDF (PDF/UA-1): the requester's language first, the other after it, tagged as such. */
export function renderLetter(pdf: PdfRenderer, data: LetterData, locale: Locale): Uint8Array {
  const main = letterText(data, locale);
  const other = letterText(data, otherLocale(locale));
  return pdf.render({
    template,
    inputs: { data: JSON.stringify({ main, other: { ...other, lang: otherLocale(locale) } }) },
    standard: 'ua-1',
    title: `${main.title} / ${other.title}`,
    lang: locale,
  });
}
