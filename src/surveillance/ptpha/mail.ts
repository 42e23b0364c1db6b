import type { MailSpec } from '../../platform/module.ts';

/**
 * The PTPHA part's mail, each in its reader's language: the notice number, a due day and a link,
 * never a name or anything medical (the page behind the link shows the rest to whoever may see it).
 */
export const mail = {
  /** To the department's staff: a compliance report was sent on a case. */
  surveillancePtphaReport: { subject: 'surveillance.ptpha.mail.report.subject', body: 'surveillance.ptpha.mail.report.body', ignorable: false },
  /** To the department's staff: the PTPHA put a document on a case. */
  surveillancePtphaDocument: { subject: 'surveillance.ptpha.mail.document.subject', body: 'surveillance.ptpha.mail.document.body', ignorable: false },
  /** To the department's staff: the PTPHA asks for a document by a day. */
  surveillancePtphaRequest: { subject: 'surveillance.ptpha.mail.request.subject', body: 'surveillance.ptpha.mail.request.body', ignorable: false },
  /** To each member of the PTPHA: a case's report is due soon. */
  surveillancePtphaReminder: { subject: 'surveillance.ptpha.mail.reminder.subject', body: 'surveillance.ptpha.mail.reminder.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
