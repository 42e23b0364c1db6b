import { z } from 'zod';
import type { MessageKey } from '../platform/i18n/index.ts';
import { verificationMethods } from './service.ts';

const msg = (key: MessageKey) => ({ message: key });
const csrf = { _csrf: z.string().optional() };

export const appCodeSchema = z.object({
  ...csrf,
  code: z.string(msg('invalid.appCode')).trim().regex(/^\d{3} ?\d{3}$/, msg('invalid.appCode')),
});

export const secondStepSchema = z.discriminatedUnion('method', [
  z.object({ ...csrf, method: z.literal('authenticator_app'), code: z.string(msg('invalid.appCode')).trim().regex(/^\d{3} ?\d{3}$/, msg('invalid.appCode')) }),
  z.object({ ...csrf, method: z.literal('recovery_code'), code: z.string(msg('invalid.required')).trim().min(1, msg('invalid.required')).max(40, msg('invalid.tooLong')) }),
]);

export const confirmPasswordSchema = z.object({ ...csrf, password: z.string(msg('invalid.required')).min(1, msg('invalid.required')).max(1024) });

export const factorRecoverySchema = z.object({
  ...csrf,
  email: z.string(msg('invalid.email')).trim().max(254, msg('invalid.email')).pipe(z.email(msg('invalid.email'))),
  message: z.string().trim().max(2000, msg('invalid.tooLong')).optional().default(''),
});

export const recoveryDecisionSchema = z.object({
  ...csrf,
  action: z.enum(['reset', 'decline']),
  method: z.enum(verificationMethods as [string, ...string[]], msg('invalid.recoveryMethod')),
  note: z.string(msg('invalid.recoveryNote')).trim().min(3, msg('invalid.recoveryNote')).max(2000, msg('invalid.tooLong')),
});
