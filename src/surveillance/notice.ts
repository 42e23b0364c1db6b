import { z } from 'zod';
import { type LocalDate, parseLocalDate } from '../platform/calendar.ts';
import { normalizePostalCode, type Province, provinces } from '../platform/canada.ts';
import { line, msg } from '../platform/text.ts';
import { surveillanceCodes } from './states.ts';

const day = (key: 'invalid.surveillance.dateOfBirth' | 'invalid.surveillance.arrivalDate') =>
  line(key).refine((v) => parseLocalDate(v) !== null, msg(key)).transform((v) => v as LocalDate);
const optional = (max: number) => line().max(max, msg('invalid.tooLong')).default('').transform((v) => v || null);

/**
 * One arrival notice, as every channel reads it (the department's form, a CSV line, the API's
 * JSON): the same fields, the same rules and the same catalog keys for what is wrong. The address
 * is optional as a whole: without a Canadian province the notice goes to the cannot-route queue;
 * with one, the street, city and postal code are needed to find the person.
 */
export const noticeSchema = z
  .object({
    noticeNumber: line('invalid.surveillance.noticeNumber').regex(/^[A-Za-z0-9-]{1,40}$/, msg('invalid.surveillance.noticeNumber')),
    familyName: line('invalid.surveillance.familyName').min(1, msg('invalid.surveillance.familyName')).max(100, msg('invalid.tooLong')),
    givenNames: line('invalid.surveillance.givenNames').min(1, msg('invalid.surveillance.givenNames')).max(100, msg('invalid.tooLong')),
    dateOfBirth: day('invalid.surveillance.dateOfBirth'),
    clientId: line('invalid.surveillance.clientId').regex(/^[A-Za-z0-9-]{4,20}$/, msg('invalid.surveillance.clientId')),
    addressLine1: optional(200),
    addressLine2: optional(200),
    city: optional(100),
    // One message for any value that is not a province (a union would answer zod's own "Invalid input").
    province: line('invalid.surveillance.province')
      .default('')
      .refine((v) => v === '' || (provinces as readonly string[]).includes(v), msg('invalid.surveillance.province'))
      .transform((v) => (v || null) as Province | null),
    postalCode: line()
      .default('')
      .transform((v, ctx) => {
        if (v === '') return null;
        const normal = normalizePostalCode(v);
        if (!normal) ctx.addIssue({ code: 'custom', message: 'invalid.postalCode' });
        return normal;
      }),
    phone: optional(40),
    email: optional(200),
    arrivalDate: day('invalid.surveillance.arrivalDate'),
    code: z.enum(surveillanceCodes, msg('invalid.surveillance.code')),
  })
  .superRefine((v, ctx) => {
    if (v.dateOfBirth > v.arrivalDate) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'invalid.surveillance.dateOfBirth' });
    if (v.province) {
      if (!v.addressLine1) ctx.addIssue({ code: 'custom', path: ['addressLine1'], message: 'invalid.surveillance.address' });
      if (!v.city) ctx.addIssue({ code: 'custom', path: ['city'], message: 'invalid.surveillance.city' });
      if (!v.postalCode) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: 'invalid.postalCode' });
    }
  });

export type Notice = z.output<typeof noticeSchema>;
