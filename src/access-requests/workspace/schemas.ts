import { z } from 'zod';
import { type LocalDate, parseLocalDate } from '../../platform/calendar.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { csrf, email, line, lines, msg } from '../../platform/text.ts';
import { acts, consultationKinds, extensionReasons, requesterCategories, requestStatuses } from '../states.ts';

/** The dashboard's queues: overdue and due soon (the clock runs), and apart the states not counted as late. */
export const queues = ['overdue', 'due_soon', 'awaiting_clarification', 'awaiting_fee', 'unassigned', 'mine'] as const;
export type Queue = (typeof queues)[number];

/** The dashboard's filters, in the address (a wrong value is no filter). */
export const dashboardQuery = z.object({
  status: z.enum(requestStatuses).optional().catch(undefined),
  queue: z.enum(queues).optional().catch(undefined),
  act: z.enum(acts).optional().catch(undefined),
  assignee: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional().catch(undefined),
  number: z
    .string()
    .optional()
    .transform((v) => (v ? v.trim().toUpperCase().slice(0, 20) || undefined : undefined))
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type DashboardQuery = z.output<typeof dashboardQuery>;

const text = (key: MessageKey, max: number) => lines(key).min(1, msg(key)).max(max, msg('invalid.tooLong'));

export const assignSchema = z.object({ ...csrf, assigneeId: z.union([z.uuid(msg('invalid.access.workspace.assignee')), z.literal('')]).transform((v) => v || null) });

export const askSchema = z.object({ ...csrf, question: text('invalid.access.workspace.question', 2000) });
export const answerSchema = z.object({ ...csrf, answer: text('invalid.access.workspace.answer', 2000) });

const allReasons = [...extensionReasons.access, ...extensionReasons.privacy] as const;
export const extensionSchema = z.object({
  ...csrf,
  reason: z.enum(allReasons, msg('invalid.access.workspace.reason')),
  days: z.coerce.number(msg('invalid.access.workspace.days')).int(msg('invalid.access.workspace.days')).min(1, msg('invalid.access.workspace.days')).max(365, msg('invalid.access.workspace.days')),
  confirmed: z.literal('yes').optional(),
});
export type ExtensionInput = z.output<typeof extensionSchema>;

export const transferSchema = z.object({
  ...csrf,
  toOrganizationId: z.uuid(msg('invalid.access.workspace.institution')),
  reason: text('invalid.access.workspace.transferReason', 1000),
});

export const consultSchema = z
  .object({
    ...csrf,
    kind: z.enum(consultationKinds, msg('invalid.access.workspace.consultKind')),
    consultedOrganizationId: z.union([z.uuid(msg('invalid.access.workspace.institution')), z.literal('')]).default(''),
    partyName: line().max(200, msg('invalid.tooLong')).default(''),
    partyEmail: z.union([z.literal(''), email]).default(''),
    question: text('invalid.access.workspace.question', 2000),
    dueDays: z.coerce.number(msg('invalid.access.workspace.dueDays')).int(msg('invalid.access.workspace.dueDays')).min(1, msg('invalid.access.workspace.dueDays')).max(365, msg('invalid.access.workspace.dueDays')),
  })
  .refine((v) => v.kind !== 'institution' || v.consultedOrganizationId !== '', { message: 'invalid.access.workspace.institution', path: ['consultedOrganizationId'] })
  .refine((v) => v.kind !== 'third_party' || v.partyName !== '', { message: 'invalid.access.workspace.partyName', path: ['partyName'] })
  .refine((v) => v.kind !== 'third_party' || v.partyEmail !== '', { message: 'invalid.access.workspace.partyEmail', path: ['partyEmail'] });
export type ConsultInput = z.output<typeof consultSchema>;

/** An action on one consultation of the request: record the third party's answer, or withdraw it. */
export const consultationActionSchema = z.object({ ...csrf, consultationId: z.uuid(msg('invalid.access.workspace.consultation')), answer: lines().max(2000, msg('invalid.tooLong')).default('') });

const optionalLine = (max: number) =>
  line()
    .max(max, msg('invalid.tooLong'))
    .default('')
    .transform((v) => v || null);

export const feeChoices = ['paid', 'waived', 'due'] as const;
export const enteredChannels = ['paper', 'mail', 'email'] as const;

/** A request received on paper, by mail or by email, entered by a practitioner. */
export const newRequestSchema = z
  .object({
    ...csrf,
    channel: z.enum(enteredChannels, msg('invalid.access.workspace.channel')),
    receivedOn: line('invalid.access.workspace.receivedOn')
      .refine((v) => parseLocalDate(v) !== null, msg('invalid.access.workspace.receivedOn'))
      .transform((v) => v as LocalDate),
    act: z.enum(acts, msg('invalid.access.workspace.act')),
    requesterName: line('invalid.access.workspace.requesterName').min(1, msg('invalid.access.workspace.requesterName')).max(200, msg('invalid.tooLong')),
    requesterEmail: z.union([z.literal(''), email]).default('').transform((v) => v || null),
    requesterPhone: optionalLine(40),
    requesterAddress: z
      .string()
      .default('')
      .pipe(lines().max(500, msg('invalid.tooLong')))
      .transform((v) => v || null),
    requesterLocale: z.enum(['fr', 'en'], msg('invalid.access.workspace.locale')),
    requesterCategory: z.enum(requesterCategories, msg('invalid.access.workspace.category')),
    description: text('invalid.access.workspace.description', 5000),
    fee: z.enum(feeChoices, msg('invalid.access.workspace.fee')).default('due'),
    feeNote: optionalLine(200),
  })
  .refine((v) => v.requesterEmail !== null || v.requesterAddress !== null, { message: 'invalid.access.workspace.contact', path: ['requesterEmail'] });
export type NewRequestInput = z.output<typeof newRequestSchema>;
