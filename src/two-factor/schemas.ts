import { z } from 'zod';
import { email, line, lines, msg, csrf } from '../platform/text.ts';
import { verificationMethods } from './service.ts';


export const appCodeSchema = z.object({
  ...csrf,
  code: z.string(msg('invalid.appCode')).trim().regex(/^\d{3} ?\d{3}$/, msg('invalid.appCode')),
});

export const secondStepSchema = z.discriminatedUnion('method', [
  z.object({ ...csrf, method: z.literal('authenticator_app'), code: z.string(msg('invalid.appCode')).trim().regex(/^\d{3} ?\d{3}$/, msg('invalid.appCode')) }),
  z.object({ ...csrf, method: z.literal('recovery_code'), code: line('invalid.required.recoveryCode').min(1, msg('invalid.required.recoveryCode')).max(40, msg('invalid.tooLong')) }),
]);

export const confirmPasswordSchema = z.object({ ...csrf, password: z.string(msg('invalid.required.password')).min(1, msg('invalid.required.password')).max(1024) });

export const factorRecoverySchema = z.object({
  ...csrf,
  email,
  message: lines('invalid.tooLong').max(2000, msg('invalid.tooLong')).optional().default(''),
});

export const recoveryDecisionSchema = z.object({
  ...csrf,
  action: z.enum(['reset', 'decline']),
  method: z.enum(verificationMethods as [string, ...string[]], msg('invalid.recoveryMethod')),
  note: lines('invalid.recoveryNote').min(3, msg('invalid.recoveryNote')).max(2000, msg('invalid.tooLong')),
});
