import { z } from 'zod';
import { type LocalDate, parseLocalDate } from '../platform/calendar.ts';
import { csrf, email, line, lines, msg, ticked } from '../platform/text.ts';

export const requestParams = z.object({ requestId: z.uuid() });
export const nameParams = z.object({ nameId: z.uuid() });
export const otherParams = z.object({ otherId: z.uuid() });

/** A date the registrant types (the day a change happened): a real day, not in the future. */
const day = (key: 'invalid.record.happenedOn' | 'invalid.record.startedOn' | 'invalid.record.endedOn') =>
  z
    .string(msg(key))
    .trim()
    .transform((v, ctx) => {
      const parsed = parseLocalDate(v);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      }
      return parsed;
    });

/** Not after today: a change is reported once it happened. */
export const notFuture = (date: LocalDate, today: LocalDate) => date <= today;

const name = (key: 'invalid.required.givenName' | 'invalid.required.familyName') => line(key).min(1, msg(key)).max(100, msg('invalid.tooLong'));

export const legalNameSchema = z.object({ ...csrf, givenName: name('invalid.required.givenName'), familyName: name('invalid.required.familyName'), happenedOn: day('invalid.record.happenedOn') });

export const withholdingSchema = z.object({ ...csrf, reason: lines('invalid.record.reason').min(1, msg('invalid.record.reason')).max(2000, msg('invalid.tooLong')) });

export const emailSchema = z.object({ ...csrf, email, happenedOn: day('invalid.record.happenedOn') });

export const proofQuery = z.object({ token: z.string().min(16).max(128) });
export const proofForm = z.object({ ...csrf, token: z.string().min(16).max(128) });

const optionalLine = (max: number) => line().max(max, msg('invalid.tooLong')).default('');

export const otherSchema = z.object({
  ...csrf,
  regulator: line('invalid.record.regulator').min(1, msg('invalid.record.regulator')).max(200, msg('invalid.tooLong')),
  jurisdiction: line('invalid.record.jurisdiction').min(1, msg('invalid.record.jurisdiction')).max(100, msg('invalid.tooLong')),
  registrationNumber: optionalLine(60),
  status: line('invalid.record.status').min(1, msg('invalid.record.status')).max(60, msg('invalid.tooLong')),
  startedOn: day('invalid.record.startedOn'),
});

export const otherEndSchema = z.object({ ...csrf, endedOn: day('invalid.record.endedOn') });

export const PROFICIENCIES = ['basic', 'intermediate', 'advanced', 'native'] as const;
/** The languages of care a registrant may list (ISO 639-1): Canada's most spoken, then others common in care. */
export const LANGUAGES = ['fr', 'en', 'es', 'ar', 'zh', 'pa', 'tl', 'it', 'de', 'pt', 'fa', 'ur', 'vi', 'ru', 'ht', 'iu', 'cr'] as const;

const proficiency = z
  .union([z.enum(PROFICIENCIES), z.literal('')], msg('invalid.record.proficiency'))
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v));

export const profileSchema = z.object({
  ...csrf,
  practiceName: optionalLine(200),
  publicEmail: z.union([z.literal(''), email], msg('invalid.email')).default(''),
  publicEmailShown: z.literal('yes').optional().transform((v) => v === 'yes'),
  languages: ticked(LANGUAGES),
  languagesShown: z.literal('yes').optional().transform((v) => v === 'yes'),
  englishProficiency: proficiency,
  frenchProficiency: proficiency,
});

export const submitSchema = z.object({ ...csrf, message: lines().max(2000, msg('invalid.tooLong')).default('') });

export const assignmentSchema = z.object({ ...csrf, action: z.enum(['pick_up', 'assign', 'release']), assigneeId: z.string().max(64).default('') });
export const returnSchema = z.object({ ...csrf, request: lines('invalid.record.request').min(1, msg('invalid.record.request')).max(2000, msg('invalid.tooLong')) });
export const decisionSchema = z
  .object({ ...csrf, outcome: z.enum(['approve', 'refuse'], msg('invalid.record.outcome')), reasons: lines().max(2000, msg('invalid.tooLong')).default('') })
  .refine((v) => v.outcome === 'approve' || v.reasons !== '', { message: 'invalid.record.reasons', path: ['reasons'] });

export const lateQuery = z.object({
  state: z.enum(['late', 'open', '']).optional().transform((v) => v || undefined),
  kind: z.enum(['legal_name', 'name_withholding', 'sign_in_email', 'other_registration', '']).optional().transform((v) => v || undefined),
});

export const settingsSchema = z.object({ ...csrf, otherRegistrations: z.enum(['immediate', 'staff'], msg('invalid.record.setting')), signInEmail: z.enum(['self_service', 'staff'], msg('invalid.record.setting')) });
