import { z } from 'zod';
import { type LocalDate, parseLocalDate } from '../../platform/calendar.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { csrf, email, line, lines, msg } from '../../platform/text.ts';
import { type Act, acts, requesterCategories, type RequesterCategory } from '../states.ts';

/**
 * The questions of the public form, one a page, in order. `identity` is asked only for a
 * personal information request (the Privacy Act: the requester proves who they are).
 */
export const steps = ['act', 'institution', 'records', 'format', 'requester', 'identity', 'check'] as const;
export type Step = (typeof steps)[number];
export const isStep = (value: unknown): value is Step => typeof value === 'string' && (steps as readonly string[]).includes(value);

/** The answers kept between pages (strings, as typed and checked). */
export interface Answers {
  act?: Act;
  organizationId?: string;
  description?: string;
  periodFrom?: string;
  periodTo?: string;
  format?: 'electronic' | 'paper';
  name?: string;
  email?: string;
  phone?: string;
  category?: RequesterCategory;
}

export const formats = ['electronic', 'paper'] as const;

/** The steps of a request with these answers (the identity proof only for personal information). */
export const stepsFor = (answers: Answers): Step[] => steps.filter((s) => s !== 'identity' || answers.act === 'privacy');

/** Whether a step's answers are all given (the identity step: a file is staged). */
export function answered(step: Step, answers: Answers, hasIdentityFile: boolean): boolean {
  switch (step) {
    case 'act':
      return answers.act !== undefined;
    case 'institution':
      return answers.organizationId !== undefined;
    case 'records':
      return Boolean(answers.description);
    case 'format':
      return answers.format !== undefined;
    case 'requester':
      return Boolean(answers.name && answers.email && answers.category);
    case 'identity':
      return answers.act !== 'privacy' || hasIdentityFile;
    case 'check':
      return false;
  }
}

/** The first step not answered yet: a later step is not shown before it (answers are given in order). */
export function firstUnanswered(answers: Answers, hasIdentityFile: boolean): Step {
  return stepsFor(answers).find((s) => !answered(s, answers, hasIdentityFile)) ?? 'check';
}

/** The step after this one (the check page after the last question). */
export function nextStep(step: Step, answers: Answers): Step {
  const list = stepsFor(answers);
  return list[list.indexOf(step) + 1] ?? 'check';
}

export function previousStep(step: Step, answers: Answers): Step | null {
  const list = stepsFor(answers);
  const at = list.indexOf(step);
  return at > 0 ? list[at - 1]! : null;
}

const optionalDay = (key: MessageKey) =>
  line()
    .default('')
    .refine((v) => v === '' || parseLocalDate(v) !== null, msg(key))
    .transform((v) => (v === '' ? undefined : (v as LocalDate)));

/** `from=check`: the answer was changed from the check page, which it goes back to. */
const back = { from: z.literal('check').optional().catch(undefined) };

export const actSchema = z.object({ ...csrf, ...back, act: z.enum(acts, msg('invalid.access.public.act')) });
export const institutionSchema = z.object({ ...csrf, ...back, organizationId: z.uuid(msg('invalid.access.public.institution')) });
export const recordsSchema = z
  .object({
    ...csrf,
    ...back,
    description: lines('invalid.access.public.description').min(1, msg('invalid.access.public.description')).max(5000, msg('invalid.tooLong')),
    periodFrom: optionalDay('invalid.access.public.day'),
    periodTo: optionalDay('invalid.access.public.day'),
  })
  .refine((v) => !v.periodFrom || !v.periodTo || v.periodFrom <= v.periodTo, { message: 'invalid.access.public.period', path: ['periodTo'] });
export const formatSchema = z.object({ ...csrf, ...back, format: z.enum(formats, msg('invalid.access.public.format')) });
export const requesterSchema = z.object({
  ...csrf,
  ...back,
  name: line('invalid.access.public.name').min(1, msg('invalid.access.public.name')).max(200, msg('invalid.tooLong')),
  email,
  phone: line()
    .max(30, msg('invalid.tooLong'))
    .default('')
    .refine((v) => v === '' || /^[0-9 ()+.-]{7,30}$/.test(v), msg('invalid.phone')),
  category: z.enum(requesterCategories, msg('invalid.access.public.category')),
});

/** The answers a step's form gives, as kept in the draft (an empty optional answer removes it). */
export function answersOf(step: Exclude<Step, 'identity' | 'check'>, body: unknown): { ok: true; answers: Partial<Record<keyof Answers, string | null>>; from: 'check' | undefined } | { ok: false; error: z.ZodError } {
  const parsed = (() => {
    switch (step) {
      case 'act':
        return actSchema.safeParse(body);
      case 'institution':
        return institutionSchema.safeParse(body);
      case 'records':
        return recordsSchema.safeParse(body);
      case 'format':
        return formatSchema.safeParse(body);
      case 'requester':
        return requesterSchema.safeParse(body);
    }
  })();
  if (!parsed.success) return { ok: false, error: parsed.error };
  const { _csrf: _, from, ...values } = parsed.data as Record<string, string | undefined> & { from?: 'check' };
  const out: Partial<Record<keyof Answers, string | null>> = {};
  for (const [name, value] of Object.entries(values)) out[name as keyof Answers] = value === undefined || value === '' ? null : value;
  return { ok: true, answers: out, from };
}

/** The clarification the requester sends back (the tracking link's token travels with it). */
export const clarifySchema = z.object({ ...csrf, t: z.string().optional(), answer: lines('invalid.access.public.answer').min(1, msg('invalid.access.public.answer')).max(5000, msg('invalid.tooLong')) });

/** "Track a request": its number and the email it was made with. */
export const trackSchema = z.object({
  ...csrf,
  number: line('invalid.access.public.number')
    .transform((v) => v.toUpperCase())
    .refine((v) => /^[AP]-\d{4}-\d{6}$/.test(v), msg('invalid.access.public.number')),
  email,
});

export const fileParams = z.object({ requestId: z.uuid(), versionId: z.uuid() });
