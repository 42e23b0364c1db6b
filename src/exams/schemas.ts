import { z } from 'zod';
import { type LocalDate, parseLocalDate } from '../platform/calendar.ts';
import { csrf, line, msg } from '../platform/text.ts';

export const sessionParams = z.object({ sessionId: z.uuid() });
export const registrationParams = z.object({ registrationId: z.uuid() });
export const resultParams = z.object({ sessionId: z.uuid(), accountId: z.uuid() });

/** A form's string fields as typed, without the CSRF token: shown again beside its errors. */
export function stringsOf(body: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_')));
}

const day = (key: 'invalid.exams.date' | 'invalid.exams.deadline') => line(key).refine((v) => parseLocalDate(v) !== null, msg(key)).transform((v) => v as LocalDate);

/** A new session: its names, day and time (Toronto), in person with a place or online, seats, deadline and fee. */
export const sessionSchema = z
  .object({
    ...csrf,
    nameFr: line('invalid.exams.nameFr').min(1, msg('invalid.exams.nameFr')).max(200, msg('invalid.tooLong')),
    nameEn: line('invalid.exams.nameEn').min(1, msg('invalid.exams.nameEn')).max(200, msg('invalid.tooLong')),
    day: day('invalid.exams.date'),
    time: line('invalid.exams.time').regex(/^([01]\d|2[0-3]):[0-5]\d$/, msg('invalid.exams.time')),
    mode: z.enum(['in_person', 'online'], msg('invalid.exams.mode')),
    place: line().max(300, msg('invalid.tooLong')).default(''),
    capacity: line('invalid.exams.capacity')
      .regex(/^\d{1,5}$/, msg('invalid.exams.capacity'))
      .transform(Number)
      .refine((n) => n > 0, msg('invalid.exams.capacity')),
    registrationDeadline: day('invalid.exams.deadline'),
    feeCode: line().max(60, msg('invalid.tooLong')).regex(/^[a-z0-9_]*$/, msg('invalid.exams.feeCode')).default(''),
  })
  .refine((v) => v.mode === 'online' || v.place !== '', { message: 'invalid.exams.place', path: ['place'] })
  .refine((v) => v.registrationDeadline <= v.day, { message: 'invalid.exams.deadlineAfter', path: ['registrationDeadline'] });
export type SessionInput = z.infer<typeof sessionSchema>;

/** The authority's exam settings: how many months a passed result counts. */
export const settingsSchema = z.object({
  ...csrf,
  resultValidityMonths: line('invalid.exams.months')
    .regex(/^\d{1,3}$/, msg('invalid.exams.months'))
    .transform(Number)
    .refine((n) => n >= 1 && n <= 120, msg('invalid.exams.months')),
});

/** A candidate's result, as staff enter it. */
export const resultSchema = z.object({
  ...csrf,
  outcome: z.enum(['passed', 'failed'], msg('invalid.exams.outcome')),
  score: line()
    .default('')
    .refine((v) => v === '' || (/^\d{1,4}$/.test(v) && Number(v) <= 1000), msg('invalid.exams.score'))
    .transform((v) => (v === '' ? null : Number(v))),
});
