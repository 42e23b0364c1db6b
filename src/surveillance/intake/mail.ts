import type { MailSpec } from '../../platform/module.ts';

/**
 * Intake's mail: a notice routed to a PTPHA, to each of its members. The body says the notice
 * number, the due day and the link to the case, never who the person is or anything medical.
 */
export const mail = {
  surveillanceNoticeRouted: { subject: 'surveillance.intake.mail.routed.subject', body: 'surveillance.intake.mail.routed.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
