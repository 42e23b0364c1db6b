import { z } from 'zod';
import { type LocalDate, parseLocalDate } from '../../platform/calendar.ts';
import { csrf, line, lines, msg, ticked } from '../../platform/text.ts';
import { acts, requesterCategories, supportTopics } from '../states.ts';

export const supportParams = z.object({ supportRequestId: z.uuid() });
export const clientParams = z.object({ clientId: z.uuid() });

/** The fiscal year (April 1 to March 31) a day falls in. */
export function fiscalYear(day: LocalDate, back = 0): { from: LocalDate; to: LocalDate } {
  const year = Number(day.slice(0, 4));
  const start = (Number(day.slice(5, 7)) >= 4 ? year : year - 1) - back;
  return { from: `${start}-04-01` as LocalDate, to: `${start + 1}-03-31` as LocalDate };
}

export const periodPresets = ['current', 'last', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];
type PeriodError = 'invalid.access.office.day' | 'invalid.access.office.period';

/**
 * The statistics' period, from the address: `period=current` (the fiscal year today is in, the
 * default), `last` (the one before), or `from`/`to` days (YYYY-MM-DD). A wrong day is a field
 * error and the current fiscal year is shown.
 */
export function statisticsPeriod(query: unknown, today: LocalDate): { preset: PeriodPreset; from: LocalDate; to: LocalDate; typed: { from: string; to: string }; errors: { from?: PeriodError; to?: PeriodError } } {
  const raw = (query ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const typed = { from: text(raw.from), to: text(raw.to) };
  const current = fiscalYear(today);
  if (raw.period === 'last') return { preset: 'last', ...fiscalYear(today, 1), typed, errors: {} };
  if (!typed.from && !typed.to) return { preset: 'current', ...current, typed, errors: {} };
  const errors: { from?: PeriodError; to?: PeriodError } = {};
  const from = typed.from ? parseLocalDate(typed.from) : current.from;
  const to = typed.to ? parseLocalDate(typed.to) : current.to;
  if (!from) errors.from = 'invalid.access.office.day';
  if (!to) errors.to = 'invalid.access.office.day';
  if (from && to && from > to) errors.to = 'invalid.access.office.period';
  if (errors.from || errors.to || !from || !to) return { preset: 'custom', ...current, typed, errors };
  return { preset: 'custom', from, to, typed, errors };
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
type MonthError = 'invalid.access.office.month' | 'invalid.access.office.months';

/** The months of the summaries (YYYY-MM); by default from the fiscal year's first month to this one, at most 36 months. */
export function summaryMonths(query: unknown, today: LocalDate): { from: string; to: string; months: string[]; typed: { from: string; to: string }; errors: { from?: MonthError; to?: MonthError } } {
  const raw = (query ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const typed = { from: text(raw.from), to: text(raw.to) };
  const fallback = { from: fiscalYear(today).from.slice(0, 7), to: today.slice(0, 7) };
  const errors: { from?: MonthError; to?: MonthError } = {};
  const from = typed.from || fallback.from;
  const to = typed.to || fallback.to;
  if (!MONTH.test(from)) errors.from = 'invalid.access.office.month';
  if (!MONTH.test(to)) errors.to = 'invalid.access.office.month';
  const span = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  if (!errors.from && !errors.to && (span < 0 || span >= 36)) errors.to = 'invalid.access.office.months';
  const chosen = errors.from || errors.to ? fallback : { from, to };
  return { ...chosen, months: monthsBetween(chosen.from, chosen.to), typed, errors };
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  while (`${y}-${String(m).padStart(2, '0')}` <= to) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}

export const supportForm = z.object({
  ...csrf,
  topic: z.enum(supportTopics, msg('invalid.access.office.topic')),
  subject: line('invalid.access.office.subject').min(1, msg('invalid.access.office.subject')).max(150, msg('invalid.tooLong')),
  message: lines('invalid.access.office.message').min(1, msg('invalid.access.office.message')).max(5000, msg('invalid.tooLong')),
  requestNumber: line()
    .max(20, msg('invalid.access.office.requestNumber'))
    .transform((v) => v.toUpperCase())
    .refine((v) => v === '' || /^[AP]-\d{4}-\d{6}$/.test(v), msg('invalid.access.office.requestNumber'))
    .transform((v) => (v === '' ? null : v))
    .optional()
    .transform((v) => v ?? null),
});

export const replyForm = z.object({ ...csrf, message: lines('invalid.access.office.message').min(1, msg('invalid.access.office.message')).max(5000, msg('invalid.tooLong')) });

/** The office refunds a request's fee: the reason the requester reads. */
export const refundForm = z.object({ ...csrf, reason: lines('invalid.access.office.refundReason').min(1, msg('invalid.access.office.refundReason')).max(500, msg('invalid.tooLong')) });

export const queueQuery = z.object({
  topic: z.enum(supportTopics).optional().catch(undefined),
  status: z.enum(['open', 'answered', 'closed']).optional().catch(undefined),
});

export const apiClientForm = z.object({
  ...csrf,
  name: line('invalid.access.office.clientName').min(1, msg('invalid.access.office.clientName')).max(100, msg('invalid.tooLong')),
  scopes: ticked(['requests:write', 'requests:read'] as const).refine((v) => v.length > 0, msg('invalid.access.office.scopes')),
});

// ------------------------------------------------------------------ The API

const apiDay = z.string().refine((v) => parseLocalDate(v) !== null, 'a day as YYYY-MM-DD');
const apiText = (max: number) => line().min(1, 'required').max(max, `at most ${max} characters`);

/** A request sent by a client system: the same fields the public form asks (the OpenAPI document is made from this schema). */
export const apiRequestSchema = z
  .object({
    institutionId: z.uuid().describe('The institution the request is made to (an institution of the ATIP office)'),
    act: z.enum(acts).describe('access: Access to Information Act ($5 fee); privacy: Privacy Act (no fee)'),
    requester: z.object({
      name: apiText(200),
      email: z.email().max(254),
      phone: apiText(40).optional(),
      address: apiText(500).optional(),
      locale: z.enum(['fr', 'en']).describe('The language the requester is written to in'),
      category: z.enum(requesterCategories),
    }),
    description: lines().min(1, 'required').max(10_000, 'at most 10000 characters').describe('What is asked for, in the requester’s words'),
    period: z.object({ from: apiDay.optional(), to: apiDay.optional() }).optional().describe('The period the records cover, when the requester said'),
    format: z.enum(['electronic', 'paper']).optional(),
    feePaid: z.boolean().describe('Whether the client system collected the $5 application fee (access requests); the clock starts on receipt if so'),
  })
  .meta({ id: 'AccessRequest', description: 'An access to information or personal information request.' });
export type ApiRequest = z.infer<typeof apiRequestSchema>;

export const apiAnswerSchema = z
  .object({
    number: z.string().describe('The request number, A-YYYY-NNNNNN or P-YYYY-NNNNNN'),
    status: z.enum(['awaiting_fee', 'in_progress']).describe('As received: awaiting_fee (the clock starts when the $5 is paid) or in_progress'),
    dueOn: z.string().nullable().describe('The due day as received (YYYY-MM-DD), before any stop or extension; null while the fee is awaited'),
    trackingUrl: z.string().describe('The requester’s tracking page (the link is also mailed to them); keep it private'),
  })
  .meta({ id: 'AccessRequestAnswer' });

export const apiStatusSchema = z
  .object({
    number: z.string(),
    act: z.enum(acts),
    status: z.string().describe('awaiting_fee, in_progress, awaiting_clarification or closed'),
    dueOn: z.string().nullable(),
    disposition: z.string().nullable().describe('How it was answered, once closed'),
    closedOn: z.string().nullable(),
  })
  .meta({ id: 'AccessRequestStatus' });

export const validationProblemSchema = z
  .object({ error: z.literal('invalid'), issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })) })
  .meta({ id: 'ValidationProblem' });

export const numberParams = z.object({ number: z.string().regex(/^[AP]-\d{4}-\d{6}$/) });
export const idempotencyKey = z.string().min(8).max(200).regex(/^[\x21-\x7e]+$/);
