import { z } from 'zod';
import type { Declaration, RequiredDocument } from '../licensing/index.ts';
import { csrf, line, lines, msg } from '../platform/text.ts';
import { RENEWAL_STATUSES, type RenewalAnswer } from './schema.ts';

export const renewalParams = z.object({ renewalId: z.uuid() });
export const attestationParams = z.object({ renewalId: z.uuid(), code: z.string().regex(/^[a-z0-9_]{1,40}$/) });
export const listQuery = z.object({ status: z.enum(RENEWAL_STATUSES).catch('open') });

/** The renewal form: the changes to report; the declarations are read by `answersOf`, one pair of fields per question. */
export const formSchema = z.object({ ...csrf, changes: lines().max(4000, msg('invalid.tooLong')).default('') });

/** Each declaration's `answer.<code>` (yes/no) and `explanation.<code>`, as typed; an unanswered one is left out. */
export function answersOf(body: unknown, declarations: readonly Declaration[]): Record<string, RenewalAnswer> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, RenewalAnswer> = {};
  for (const d of declarations) {
    const answer = fields[`answer.${d.code}`];
    if (answer !== 'yes' && answer !== 'no') continue;
    const explanation = typeof fields[`explanation.${d.code}`] === 'string' ? (fields[`explanation.${d.code}`] as string).trim().slice(0, 2000) : '';
    out[d.code] = answer === 'yes' && explanation ? { answer, explanation } : { answer };
  }
  return out;
}

const days = (key: 'invalid.renewals.opens' | 'invalid.renewals.deadline') => z.coerce.number(msg(key)).int(msg(key)).min(0, msg(key)).max(730, msg(key));
const codes = z
  .string()
  .default('')
  .transform((v) => v.split(/[\s,]+/).filter(Boolean))
  .refine((v) => v.every((c) => /^[a-z0-9_]{1,40}$/.test(c)), msg('invalid.renewals.feeCodes'));
const offsets = z
  .string()
  .default('')
  .transform((v) => v.split(/[\s,]+/).filter(Boolean).map(Number))
  .refine((v) => v.every((n) => Number.isInteger(n) && n >= -365 && n <= 730), msg('invalid.renewals.offsets'));

/** One item per line: `code | French | English` (and `| optional` for an attestation the renewal may go without). */
function items(key: 'invalid.renewals.declarations' | 'invalid.renewals.documents') {
  return lines()
    .max(8000, msg('invalid.tooLong'))
    .default('')
    .transform((v, ctx) => {
      const parsed = v
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => l.split('|').map((p) => p.trim()));
      if (parsed.some((p) => p.length < 3 || !/^[a-z0-9_]{1,40}$/.test(p[0]!) || !p[1] || !p[2])) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return parsed as [string, string, string, ...string[]][];
    });
}

export const settingsSchema = z
  .object({
    ...csrf,
    opensDaysBefore: days('invalid.renewals.opens'),
    deadlineDaysBefore: days('invalid.renewals.deadline'),
    lateFeeCode: line().max(40).default(''),
    feeCodes: codes,
    reminderOffsets: offsets,
    declarations: items('invalid.renewals.declarations'),
    requiredDocuments: items('invalid.renewals.documents'),
  })
  .refine((v) => v.deadlineDaysBefore < v.opensDaysBefore, { message: 'invalid.renewals.deadline', path: ['deadlineDaysBefore'] })
  .transform((v) => ({
    opensDaysBefore: v.opensDaysBefore,
    deadlineDaysBefore: v.deadlineDaysBefore,
    lateFeeCode: v.lateFeeCode || null,
    feeCodes: v.feeCodes,
    reminderOffsets: v.reminderOffsets,
    declarations: v.declarations.map(([code, fr, en]): Declaration => ({ code, question: { fr, en } })),
    requiredDocuments: v.requiredDocuments.map(([code, fr, en, flag]): RequiredDocument => ({ code, name: { fr, en }, hint: { fr: '', en: '' }, providedBy: 'applicant', ...(flag === 'optional' ? { optional: true } : {}) })),
  }));

/** The settings' lists as the form shows them, one item a line. */
export const declarationLines = (items: readonly Declaration[]) => items.map((d) => `${d.code} | ${d.question.fr} | ${d.question.en}`).join('\n');
export const documentLines = (items: readonly RequiredDocument[]) => items.map((d) => `${d.code} | ${d.name.fr} | ${d.name.en}${d.optional ? ' | optional' : ''}`).join('\n');
