import type { MailSpec } from '../platform/module.ts';

/** Exams' mail, to the person, in their language. */
export const mail = {
  /** The registration's confirmation: the session's date, time and place (or "online"), and its page. */
  examRegistered: { subject: 'exams.mail.registered.subject', body: 'exams.mail.registered.body', ignorable: false },
  examCancelled: { subject: 'exams.mail.cancelled.subject', body: 'exams.mail.cancelled.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
