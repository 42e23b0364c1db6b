import { z } from 'zod';
import { normalizePostalCode, provinces } from '../platform/canada.ts';
import { parseLocalDate } from '../platform/calendar.ts';
import { csrf, line, lines, msg } from '../platform/text.ts';

export const siteParams = z.object({ siteId: z.uuid() });
export const entryParams = z.object({ entryId: z.uuid() });
export const requestParams = z.object({ requestId: z.uuid() });
export const reviewEntryParams = z.object({ requestId: z.uuid(), entryId: z.uuid() });
export const withholdingParams = z.object({ withholdingId: z.uuid() });

/** A form's string fields as typed, without the CSRF token: shown again beside its errors. */
export function stringsOf(body: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_')));
}

const date = (key: 'invalid.practice.startedOn' | 'invalid.practice.endedOn' | 'invalid.practice.date') =>
  line(key).refine((v) => parseLocalDate(v) !== null, msg(key));
const optionalDate = line().refine((v) => v === '' || parseLocalDate(v) !== null, msg('invalid.practice.date')).default('');
const optionalLine = (max: number) => line().max(max, msg('invalid.tooLong')).default('');

/** A practice site: where the registrant practises (not their job title), its address and dates. */
export const siteSchema = z
  .object({
    ...csrf,
    name: line('invalid.practice.siteName').min(1, msg('invalid.practice.siteName')).max(200, msg('invalid.tooLong')),
    addressLine1: line('invalid.practice.address').min(1, msg('invalid.practice.address')).max(200, msg('invalid.tooLong')),
    addressLine2: optionalLine(200),
    city: line('invalid.practice.city').min(1, msg('invalid.practice.city')).max(100, msg('invalid.tooLong')),
    province: z.enum(provinces, msg('invalid.province')),
    postalCode: line('invalid.postalCode').transform((v, ctx) => {
      const normal = normalizePostalCode(v);
      if (!normal) ctx.addIssue({ code: 'custom', message: 'invalid.postalCode' });
      return normal ?? v;
    }),
    phone: optionalLine(30).refine((v) => v === '' || /^[+()0-9 .-]{7,30}$/.test(v), msg('invalid.phone')),
    startedOn: date('invalid.practice.startedOn'),
    endedOn: optionalDate,
  })
  .refine((v) => v.endedOn === '' || v.endedOn >= v.startedOn, { message: 'invalid.practice.endBeforeStart', path: ['endedOn'] });
export type SiteInput = z.infer<typeof siteSchema>;

export const notPractisingSchema = z.object({ ...csrf, notPractising: z.enum(['yes', 'no'], msg('invalid.practice.notPractising')) });

export const withholdingSchema = z.object({
  ...csrf,
  scope: z.enum(['site', 'address'], msg('invalid.practice.scope')),
  reason: lines('invalid.practice.reason').min(1, msg('invalid.practice.reason')).max(2000, msg('invalid.tooLong')),
});

/** Hours as typed ("12", "12.5", "12,75"): hundredths of an hour, at most two decimals. */
export function hundredthsOf(text: string): number | null {
  const match = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return value > 0 ? value : null;
}

export const hoursKinds = ['direct_contact', 'supervision'] as const;

export const hoursSchema = z
  .object({
    ...csrf,
    kind: z.enum(hoursKinds, msg('invalid.practice.kind')),
    startedOn: date('invalid.practice.startedOn'),
    endedOn: date('invalid.practice.endedOn'),
    siteId: z.union([z.literal(''), z.uuid(msg('invalid.practice.site'))]).default(''),
    supervisorName: optionalLine(200),
    hours: line('invalid.practice.hours').transform((v, ctx) => {
      const value = hundredthsOf(v);
      if (value === null) ctx.addIssue({ code: 'custom', message: 'invalid.practice.hours' });
      return value ?? 0;
    }),
  })
  .refine((v) => v.endedOn >= v.startedOn, { message: 'invalid.practice.endBeforeStart', path: ['endedOn'] })
  .refine((v) => v.kind !== 'supervision' || v.supervisorName !== '', { message: 'invalid.practice.supervisor', path: ['supervisorName'] });
export type HoursInput = z.infer<typeof hoursSchema>;

export const assignmentSchema = z.object({ ...csrf, action: z.enum(['pick_up', 'assign', 'release']), assigneeId: z.string().max(64).optional() });
export const entryDecisionSchema = z
  .object({ ...csrf, decision: z.enum(['accepted', 'returned'], msg('invalid.practice.decision')), reason: lines().max(2000, msg('invalid.tooLong')).default('') })
  .refine((v) => v.decision === 'accepted' || v.reason !== '', { message: 'invalid.practice.returnReason', path: ['reason'] });
export const withholdingDecisionSchema = z
  .object({ ...csrf, outcome: z.enum(['approve', 'refuse'], msg('invalid.practice.decision')), reason: lines().max(2000, msg('invalid.tooLong')).default('') })
  .refine((v) => v.outcome === 'approve' || v.reason !== '', { message: 'invalid.practice.refuseReason', path: ['reason'] });
/** A threshold in whole hours, as hundredths. */
const wholeHours = line('invalid.practice.threshold').transform((v, ctx) => {
  if (!/^\d{1,6}$/.test(v)) ctx.addIssue({ code: 'custom', message: 'invalid.practice.threshold' });
  return /^\d{1,6}$/.test(v) ? Number(v) * 100 : 0;
});
export const thresholdsSchema = z.object({ ...csrf, direct_contact: wholeHours, supervision: wholeHours });
