import { z } from 'zod';
import { provinces } from '../platform/canada.ts';
import { type LocalDate, parseLocalDate } from '../platform/calendar.ts';
import { csrf, line, lines, msg } from '../platform/text.ts';
import { FEE_KINDS } from './schema.ts';
import { parseDollars } from './taxes.ts';

/** A year of annual tax receipts: one the portal could have taken money in. */
export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const invoiceParams = z.object({ invoiceId: z.uuid() });

const localDate = (key: Parameters<typeof msg>[0]) => z.string(msg(key)).trim().refine((v) => parseLocalDate(v) !== null, msg(key)).transform((v) => v as LocalDate);
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? (parseLocalDate(v) ?? undefined) : undefined));
const amount = z.string(msg('invalid.billing.amount')).refine((v) => parseDollars(v) !== null, msg('invalid.billing.amount')).transform((v) => parseDollars(v) ?? 0);

export const feeSchema = z.object({
  ...csrf,
  code: z.string(msg('invalid.billing.code')).trim().regex(/^[a-z][a-z0-9_]{0,62}$/, msg('invalid.billing.code')),
  labelFr: line('invalid.billing.label').min(1, msg('invalid.billing.label')).max(200, msg('invalid.tooLong')),
  labelEn: line('invalid.billing.label').min(1, msg('invalid.billing.label')).max(200, msg('invalid.tooLong')),
  kind: z.enum(FEE_KINDS, msg('invalid.billing.kind')),
  amount,
  tax: z.enum(['taxable', 'exempt'], msg('invalid.billing.tax')),
  glCode: line('invalid.billing.glCode').min(1, msg('invalid.billing.glCode')).max(40, msg('invalid.tooLong')),
  validFrom: localDate('invalid.billing.validFrom'),
});

export const settingsSchema = z.object({
  ...csrf,
  province: z.enum(provinces, msg('invalid.billing.province')),
  nonRefundable: z.enum(['yes', 'no'], msg('invalid.billing.nonRefundable')),
  gstNumber: line().max(40, msg('invalid.tooLong')).default(''),
  qstNumber: line().max(40, msg('invalid.tooLong')).default(''),
});

export const refundSchema = z.object({
  ...csrf,
  refundId: z.uuid(msg('invalid.billing.refundToken')),
  amount: amount.refine((v) => v > 0, msg('invalid.billing.amount')),
  reason: lines('invalid.billing.reason').min(1, msg('invalid.billing.reason')).max(1000, msg('invalid.tooLong')),
});

export const voidSchema = z.object({
  ...csrf,
  reason: lines('invalid.billing.reason').min(1, msg('invalid.billing.reason')).max(1000, msg('invalid.tooLong')),
});

export const staffQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(['open', 'paid', 'void', 'refunded', 'partly_refunded', '']).optional().transform((v) => v || undefined),
  from: optionalDate,
  to: optionalDate,
});

export const periodQuerySchema = z.object({ from: optionalDate, to: optionalDate, date: optionalDate });

/** A form's string fields as typed, without the CSRF token: shown again beside its errors. */
export function stringsOf(body: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_')));
}
