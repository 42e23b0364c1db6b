import { z } from 'zod';
import { addCalendarDays, type LocalDate, parseLocalDate } from '../../platform/calendar.ts';
import { provinces } from '../../platform/canada.ts';
import { csrf, lines, msg } from '../../platform/text.ts';
import { caseStatuses } from '../states.ts';
import { examDocumentTypes } from '../labels.ts';

export const caseParams = z.object({ caseId: z.uuid() });
export const requestParams = z.object({ caseId: z.uuid(), requestId: z.uuid() });

/**
 * The list's filters, in the address (none of them medical): a value that is not one of the
 * choices is ignored rather than refused, as a stale bookmark should still open the list.
 */
export const casesQuery = z.object({
  status: z.enum(caseStatuses).optional().catch(undefined),
  province: z.enum(provinces).optional().catch(undefined),
  organizationId: z.uuid().optional().catch(undefined),
  overdue: z.literal('yes').optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/** The upload's fields besides the file (the documents module reads the multipart form). */
export const uploadFields = z.object({ typeCode: z.enum(examDocumentTypes, msg('invalid.surveillance.department.documentType')) });

export const closeSchema = z.object({
  ...csrf,
  reason: lines('invalid.surveillance.department.closeReason').min(1, msg('invalid.surveillance.department.closeReason')).max(1000, msg('invalid.tooLong')),
});

export const transferSchema = z.object({ ...csrf, organizationId: z.uuid(msg('invalid.surveillance.department.transferTo')) });

const day = z
  .string()
  .optional()
  .transform((v) => (v ? parseLocalDate(v) : undefined));

/** The figures' period of arrival days; by default the twelve months before today. */
export function figuresPeriod(query: unknown, today: LocalDate): { from: LocalDate; to: LocalDate; errors: { from?: 'invalid.surveillance.department.period'; to?: 'invalid.surveillance.department.period' } } {
  const parsed = z.object({ from: day, to: day }).safeParse(query ?? {});
  const fallback = { from: addCalendarDays(today, -365), to: today };
  if (!parsed.success) return { ...fallback, errors: { from: 'invalid.surveillance.department.period' } };
  const { from, to } = parsed.data;
  const errors: { from?: 'invalid.surveillance.department.period'; to?: 'invalid.surveillance.department.period' } = {};
  if (from === null) errors.from = 'invalid.surveillance.department.period';
  if (to === null) errors.to = 'invalid.surveillance.department.period';
  const f = from ?? fallback.from;
  const t = to ?? fallback.to;
  if (f > t) errors.to = 'invalid.surveillance.department.period';
  return errors.from || errors.to ? { ...fallback, errors } : { from: f, to: t, errors };
}
