import { z } from 'zod';
import { csrf, line, lines, msg } from '../../platform/text.ts';
import type { Disposition } from '../states.ts';

/**
 * One section of an act cited for what is redacted or withheld, as written in the law: a section
 * number (`69`, `69.1`), then its subsections, paragraphs and subparagraphs in brackets:
 * `19(1)`, `20(1)(b)`, `16(1)(a)(iii)`.
 */
export const SECTION = /^\d{1,3}(\.\d{1,2})?(\((\d{1,2}(\.\d)?|[a-z]{1,4}(\.\d)?)\)){0,4}$/;

/**
 * The sections typed as a comma (or semicolon) list, each checked, kept once and in the order
 * given; spaces inside a section are dropped (`20 (1) (b)` is `20(1)(b)`), letters lowered, and the
 * French way of writing a paragraph (`20(1)b)`) read as `20(1)(b)`.
 */
export function parseSections(text: string): { sections: string[]; wrong: string[] } {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.replace(/\s+/g, '').toLowerCase().replace(/\)([a-z]{1,4}(\.\d)?)\)/g, ')($1)').replace(/\)([a-z]{1,4}(\.\d)?)\)/g, ')($1)'))
    .filter((p) => p !== '');
  const sections = [...new Set(parts.filter((p) => SECTION.test(p)))];
  return { sections, wrong: parts.filter((p) => !SECTION.test(p)) };
}

const sectionList = line()
  .max(300, msg('invalid.tooLong'))
  .default('')
  .refine((v) => parseSections(v).wrong.length === 0, msg('invalid.access.release.sections'))
  .transform((v) => parseSections(v).sections);

const pagesNumber = (key: 'invalid.access.release.pages' | 'invalid.access.release.pagesReleased') =>
  line(key)
    .refine((v) => /^\d{1,6}$/.test(v), msg(key))
    .transform(Number);

/** A record gathered: its title and its number of pages (the file comes with the same form). */
export const recordFields = z.object({
  title: line('invalid.access.release.title').min(1, msg('invalid.access.release.title')).max(200, msg('invalid.tooLong')),
  pages: pagesNumber('invalid.access.release.pages').refine((n) => n >= 1 && n <= 100_000, msg('invalid.access.release.pages')),
});
export type RecordInput = z.output<typeof recordFields>;

export const decisionChoices = ['released_in_full', 'released_in_part', 'withheld'] as const;

/**
 * What is released of one record: in full (every page), in part (the sections cited, the pages
 * released, and the redacted PDF uploaded with the form), or withheld (the sections required).
 */
export const decisionFields = z
  .object({
    decision: z.enum(decisionChoices, msg('invalid.access.release.decision')),
    exemptions: sectionList,
    pagesReleased: line().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== 'released_in_full' && v.exemptions.length === 0) ctx.addIssue({ code: 'custom', message: 'invalid.access.release.sectionsRequired', path: ['exemptions'] });
    if (v.decision === 'released_in_part' && !/^\d{1,6}$/.test(v.pagesReleased)) ctx.addIssue({ code: 'custom', message: 'invalid.access.release.pagesReleased', path: ['pagesReleased'] });
  })
  .transform((v) => ({
    decision: v.decision,
    exemptions: v.decision === 'released_in_full' ? [] : v.exemptions,
    pagesReleased: v.decision === 'released_in_part' ? Number(v.pagesReleased) : null,
  }));
export type DecisionInput = z.output<typeof decisionFields>;

/** The dispositions a release package may have (its records decided); `close` has the others. */
export const packageDispositions = ['all_disclosed', 'disclosed_in_part', 'all_exempted'] as const satisfies readonly Disposition[];
/** Closing without a release: no records, excluded, neither confirmed nor denied (an open request), or abandoned (awaiting the requester). */
export const closeDispositions = ['no_records_exist', 'all_excluded', 'neither_confirmed_nor_denied', 'abandoned'] as const satisfies readonly Disposition[];

const summary = (key: 'invalid.access.release.summaryFr' | 'invalid.access.release.summaryEn') => lines(key).min(1, msg(key)).max(2000, msg('invalid.tooLong'));

/** The answer: its disposition and the summaries for open.canada.ca in both languages; `confirmed=yes` comes from the confirmation step. */
const answer = <const D extends readonly [Disposition, ...Disposition[]]>(dispositions: D) =>
  z.object({
    ...csrf,
    disposition: z.enum(dispositions, msg('invalid.access.release.disposition')),
    summaryFr: summary('invalid.access.release.summaryFr'),
    summaryEn: summary('invalid.access.release.summaryEn'),
    confirmed: z.literal('yes').optional(),
  });
export const packageSchema = answer(packageDispositions);
export const closeSchema = answer(closeDispositions);
export type AnswerInput = { disposition: Disposition; summaryFr: string; summaryEn: string };

const reason = (key: 'invalid.access.release.waiveReason' | 'invalid.access.release.feeNote' | 'invalid.access.release.refundReason') => lines(key).min(1, msg(key)).max(500, msg('invalid.tooLong'));

/** The fee page's three forms, told apart by their button's `action`. */
export const feeSchema = z.discriminatedUnion('action', [
  z.object({ ...csrf, action: z.literal('waive'), reason: reason('invalid.access.release.waiveReason') }),
  z.object({ ...csrf, action: z.literal('record'), note: reason('invalid.access.release.feeNote') }),
  z.object({ ...csrf, action: z.literal('refund'), reason: reason('invalid.access.release.refundReason') }),
]);
export type FeeInput = z.output<typeof feeSchema>;
