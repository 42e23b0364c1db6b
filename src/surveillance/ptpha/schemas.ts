import { z } from 'zod';
import { type LocalDate, parseLocalDate } from '../../platform/calendar.ts';
import { provinces } from '../../platform/canada.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { csrf, line, lines, msg } from '../../platform/text.ts';
import { assessmentOutcomes, caseStatuses, contactMethods, contactOutcomes, reportStatuses, xrayResults } from '../states.ts';

/** A day typed as YYYY-MM-DD (required). */
const day = (key: MessageKey) =>
  line(key)
    .refine((v) => parseLocalDate(v) !== null, msg(key))
    .transform((v) => v as LocalDate);
/** A day that may be left empty (null). */
const optionalDay = (key: MessageKey) =>
  line()
    .default('')
    .refine((v) => v === '' || parseLocalDate(v) !== null, msg(key))
    .transform((v) => (v === '' ? null : (v as LocalDate)));
const optionalText = (max: number) =>
  lines()
    .max(max, msg('invalid.tooLong'))
    .default('')
    .transform((v) => v || null);
/** An empty select is "not known yet". */
const optionalChoice = <const V extends readonly [string, ...string[]]>(values: V, key: MessageKey) =>
  z
    .union([z.enum(values, msg(key)), z.literal('')])
    .default('')
    .transform((v) => (v === '' ? null : v));

export const listedStatuses = caseStatuses.filter((s) => s !== 'unrouted');
export const queues = ['due_soon', 'overdue', 'urgent'] as const;
export type Queue = (typeof queues)[number];

/** The list's filters, in the address (a wrong value is simply no filter). */
export const listQuery = z.object({
  status: z.enum(listedStatuses as [string, ...string[]]).optional().catch(undefined),
  queue: z.enum(queues).optional().catch(undefined),
  from: z.string().optional().transform((v) => (v && parseLocalDate(v)) || undefined).catch(undefined),
  to: z.string().optional().transform((v) => (v && parseLocalDate(v)) || undefined).catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type ListQuery = z.output<typeof listQuery>;

/** The search, posted (the terms never go in an address): any of a name, a client ID, a date of birth. */
export const searchSchema = z
  .object({
    ...csrf,
    name: line().max(100, msg('invalid.tooLong')).default(''),
    clientId: line()
      .default('')
      .refine((v) => v === '' || /^[A-Za-z0-9-]{1,20}$/.test(v), msg('invalid.surveillance.ptpha.clientId')),
    dateOfBirth: optionalDay('invalid.surveillance.ptpha.dateOfBirth'),
  })
  .refine((v) => v.name !== '' || v.clientId !== '' || v.dateOfBirth !== null, { message: 'invalid.surveillance.ptpha.search', path: ['name'] })
  .transform((v) => ({ name: v.name || null, clientId: v.clientId || null, dateOfBirth: v.dateOfBirth }));
export type Search = z.output<typeof searchSchema>;

export const contactSchema = z.object({
  ...csrf,
  attemptedOn: day('invalid.surveillance.ptpha.attemptedOn'),
  method: z.enum(contactMethods, msg('invalid.surveillance.ptpha.method')),
  outcome: z.enum(contactOutcomes, msg('invalid.surveillance.ptpha.outcome')),
  contactNote: optionalText(1000),
});
export type ContactInput = z.output<typeof contactSchema>;

export const followUpSchema = z.object({
  ...csrf,
  firstAppointmentOn: optionalDay('invalid.surveillance.ptpha.day'),
  chestXrayOn: optionalDay('invalid.surveillance.ptpha.day'),
  chestXrayResult: optionalChoice(xrayResults, 'invalid.surveillance.ptpha.xrayResult'),
  furtherTests: optionalText(1000),
  assessmentOn: optionalDay('invalid.surveillance.ptpha.day'),
  assessmentOutcome: optionalChoice(assessmentOutcomes, 'invalid.surveillance.ptpha.assessmentOutcome'),
});
export type FollowUpInput = Omit<z.output<typeof followUpSchema>, '_csrf'>;

/**
 * A compliance report; `confirmed=yes` comes from the confirmation step (a report once sent is
 * never changed), which shows what will be sent before it is.
 */
export const reportSchema = z
  .object({
    ...csrf,
    status: z.enum(reportStatuses, msg('invalid.surveillance.ptpha.reportStatus')),
    statusOn: day('invalid.surveillance.ptpha.statusOn'),
    note: optionalText(2000),
    movedToProvince: z
      .union([z.enum(provinces, msg('invalid.surveillance.ptpha.movedTo')), z.literal('')])
      .default('')
      .transform((v) => v || null),
    confirmed: z.literal('yes').optional(),
  })
  .refine((v) => v.status !== 'moved' || v.movedToProvince !== null, { message: 'invalid.surveillance.ptpha.movedTo', path: ['movedToProvince'] })
  .transform((v) => ({ ...v, movedToProvince: v.status === 'moved' ? v.movedToProvince : null }));
export type ReportInput = z.output<typeof reportSchema>;

export const requestSchema = z.object({
  ...csrf,
  description: lines('invalid.surveillance.ptpha.description').min(1, msg('invalid.surveillance.ptpha.description')).max(500, msg('invalid.tooLong')),
  requestDueOn: day('invalid.surveillance.ptpha.requestDueOn'),
});
export type RequestInput = z.output<typeof requestSchema>;

/** The PTPHA's own documents on a case: its report, or anything else it sends. */
export const ptphaDocumentTypes = ['report', 'other'] as const;
export const uploadFields = z.object({ typeCode: z.enum(ptphaDocumentTypes, msg('invalid.surveillance.ptpha.documentType')) });
