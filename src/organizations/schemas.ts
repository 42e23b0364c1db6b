import { z } from 'zod';
import type { MessageKey } from '../platform/i18n/index.ts';
import { line, lines, msg, csrf } from '../platform/text.ts';
import { provinces } from '../platform/canada.ts';

const text = (required: MessageKey, max = 150) => line(required).min(1, msg(required)).max(max, msg('invalid.tooLong'));
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/** The ids in an organization page's address; anything else is a 404. */
export const organizationParams = z.object({ organizationId: uuid, accountId: uuid.optional(), codeId: uuid.optional() });
export const staffOrganizationParams = z.object({ id: uuid });

export const organizationRole = z.enum(['manager', 'member'], msg('invalid.organizationRole'));

export const requestOrganizationSchema = z.object({
  ...csrf,
  kindId: uuid.or(z.literal('')).refine((v) => v !== '', msg('invalid.organizationKind')),
  nameFr: text('invalid.required.organizationNameFr'),
  nameEn: text('invalid.required.organizationNameEn'),
  addressLine1: text('invalid.required.address'),
  addressLine2: line('invalid.tooLong').max(150, msg('invalid.tooLong')).optional().transform((v) => v || null),
  city: text('invalid.required.city', 80),
  province: z.enum(provinces, msg('invalid.province')),
  postalCode: z
    .string(msg('invalid.postalCode'))
    .trim()
    .regex(/^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i, msg('invalid.postalCode'))
    .transform((v) => `${v.replace(/\s/g, '').slice(0, 3)} ${v.replace(/\s/g, '').slice(3)}`.toUpperCase()),
});

export const joinOrganizationSchema = z.object({
  ...csrf,
  code: line('invalid.securityCode').min(1, msg('invalid.securityCode')).max(64, msg('invalid.securityCode')),
});

export const createCodeSchema = z.object({ ...csrf, role: organizationRole });
export const memberRoleSchema = z.object({ ...csrf, role: organizationRole });

/** "self", "organization:<id>" or "authority:<id>". */
export const actForSchema = z.object({
  ...csrf,
  target: z.union([z.literal('self'), z.string().regex(/^(organization|authority):[0-9a-f-]{36}$/i)]),
});

export const staffOrganizationsQuery = z.object({
  q: line('invalid.tooLong').max(100, msg('invalid.tooLong')).optional().default(''),
  status: z.enum(['requested', 'approved', 'refused', 'suspended']).or(z.literal('')).optional().transform((v) => v || null),
});

export const decisionSchema = z
  .object({
    ...csrf,
    decision: z.enum(['approve', 'refuse', 'suspend'], msg('invalid.decision')),
    reason: lines('invalid.tooLong').max(1000, msg('invalid.tooLong')).optional().transform((v) => v || null),
  })
  .refine((v) => v.decision === 'approve' || v.reason !== null, { message: 'invalid.reason', path: ['reason'] });
