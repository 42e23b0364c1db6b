import { z } from 'zod';
import { provinces } from '../platform/canada.ts';
import { csrf, line, lines, msg } from '../platform/text.ts';

/** A form's string fields as typed, without the CSRF token: shown again beside its errors. */
export function stringsOf(body: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_')));
}

export const applicationParams = z.object({ applicationId: z.uuid() });
export const uploadParams = applicationParams.extend({ typeCode: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/) });
export const educationParams = applicationParams.extend({ entryId: z.uuid() });
export const reviewDocumentParams = applicationParams.extend({ documentId: z.uuid() });

export const startSchema = z.object({ ...csrf, typeId: z.uuid(msg('invalid.licensing.type')) });

/** "Save and continue" checks everything; "save and come back later" keeps what is valid so far. */
export const saveIntent = z.enum(['continue', 'later']).catch('continue');

/** A field the form may leave out (a section saved for later): empty when absent. */
const optional = (max: number) => line().max(max, msg('invalid.tooLong')).default('');

/** A date typed as day, month and year (the GOV.UK date input), as YYYY-MM-DD; '' when all three are empty. */
export function typedDate(fields: { day?: unknown; month?: unknown; year?: unknown }, withDay = true): string | null | '' {
  const parts = [withDay ? fields.day : '1', fields.month, fields.year].map((v) => (typeof v === 'string' ? v.trim() : ''));
  if (parts.every((p) => p === '') || (!withDay && parts[1] === '' && parts[2] === '')) return '';
  const [d, m, y] = parts.map(Number) as [number, number, number];
  if (![d, m, y].every(Number.isInteger) || y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}

/** Personal details as saved for later: every field may still be empty, none may be malformed. */
export const personalDraftSchema = z.object({
  ...csrf,
  intent: saveIntent,
  givenName: optional(100),
  familyName: optional(100),
  phone: optional(30).refine((v) => v === '' || /^[+()0-9 .-]{7,30}$/.test(v), msg('invalid.phone')),
  addressLine1: optional(200),
  addressLine2: optional(200),
  city: optional(100),
  province: z.union([z.literal(''), z.enum(provinces, msg('invalid.province'))]).catch(''),
  postalCode: optional(10),
  'dateOfBirth-day': z.string().optional(),
  'dateOfBirth-month': z.string().optional(),
  'dateOfBirth-year': z.string().optional(),
});

/** The fields "save and continue" requires, with their message. */
export const personalRequired = {
  givenName: 'invalid.required.givenName',
  familyName: 'invalid.required.familyName',
  dateOfBirth: 'invalid.licensing.dateOfBirth',
  addressLine1: 'invalid.required.address',
  city: 'invalid.required.city',
  province: 'invalid.province',
  postalCode: 'invalid.postalCode',
} as const;

export const educationSchema = z.object({
  ...csrf,
  program: line('invalid.licensing.program').min(1, msg('invalid.licensing.program')).max(200, msg('invalid.tooLong')),
  institution: line('invalid.licensing.institution').min(1, msg('invalid.licensing.institution')).max(200, msg('invalid.tooLong')),
  credential: line('invalid.licensing.credential').min(1, msg('invalid.licensing.credential')).max(200, msg('invalid.tooLong')),
  'startedOn-month': z.string().optional(),
  'startedOn-year': z.string().optional(),
  'endedOn-month': z.string().optional(),
  'endedOn-year': z.string().optional(),
});

export const sectionDoneSchema = z.object({ ...csrf, done: z.enum(['yes', 'no'], msg('invalid.licensing.sectionDone')) });

export const explanationSchema = lines().max(2000, msg('invalid.tooLong'));

export const submitSchema = z.object({ ...csrf, answer: lines().max(2000, msg('invalid.tooLong')).optional() });

export const withdrawSchema = z.object({ ...csrf });

// Staff

export const assignmentSchema = z.object({ ...csrf, action: z.enum(['pick_up', 'assign', 'release']), assigneeId: z.uuid().optional().or(z.literal('')) });

export const documentReviewSchema = z
  .object({
    ...csrf,
    status: z.enum(['accepted', 'needs_replacing'], msg('invalid.licensing.documentStatus')),
    reason: lines().max(1000, msg('invalid.tooLong')),
  })
  .refine((v) => v.status !== 'needs_replacing' || v.reason !== '', { message: 'invalid.licensing.replaceReason', path: ['reason'] });

export const returnSchema = z.object({
  ...csrf,
  request: lines('invalid.licensing.request').min(1, msg('invalid.licensing.request')).max(2000, msg('invalid.tooLong')),
});

export const decisionSchema = z
  .object({
    ...csrf,
    outcome: z.enum(['approve', 'refuse'], msg('invalid.licensing.outcome')),
    reasons: lines().max(2000, msg('invalid.tooLong')),
  })
  .refine((v) => v.outcome !== 'refuse' || v.reasons !== '', { message: 'invalid.licensing.refusalReasons', path: ['reasons'] });

export const staffUploadFields = z.object({
  typeCode: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, msg('invalid.licensing.documentType')),
  source: line('invalid.licensing.source').min(1, msg('invalid.licensing.source')).max(200, msg('invalid.tooLong')),
});
