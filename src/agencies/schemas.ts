import { z } from 'zod';
import { csrf, line, lines, msg } from '../platform/text.ts';

/** The ids in an address; anything else is a 404. */
export const managerParams = z.object({ organizationId: z.uuid(), linkId: z.uuid().optional() });
export const staffParams = z.object({ id: z.uuid() });

export const agenciesQuery = z.object({ q: line().max(100).catch('') }).catch({ q: '' });

/** The agency chosen from the list. */
export const requestSchema = z.object({ ...csrf, organizationId: z.uuid(msg('invalid.agencies.agency')) });

/** The agency's security code, as typed (organizations reads it the way Crockford's base32 reads). */
export const codeSchema = z.object({ ...csrf, code: line('invalid.agencies.code').min(1, msg('invalid.agencies.code')).max(64, msg('invalid.agencies.code')) });

const reason = lines().max(1000, msg('invalid.tooLong'));

/** The manager's decision on a request; a refusal gives the reason the person reads. */
export const decisionSchema = z
  .object({ ...csrf, decision: z.enum(['confirm', 'refuse'], msg('invalid.agencies.decision')), reason: reason.default('') })
  .refine((v) => v.decision === 'confirm' || v.reason !== '', { message: 'invalid.agencies.reason', path: ['reason'] })
  .transform((v) => ({ decision: v.decision, reason: v.reason || null }));

/** The manager ends a link: the reason is required (the person reads it). */
export const endLinkSchema = z.object({ ...csrf, reason: reason.min(1, msg('invalid.agencies.reason')) });

/** The person ends their own link: the reason is theirs to give. */
export const endMineSchema = z.object({ ...csrf, reason: reason.default('') }).transform((v) => ({ reason: v.reason || null }));
