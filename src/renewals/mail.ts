import type { MailSpec } from '../platform/module.ts';

/** Renewal mail, in the person's language; both carry the deadline as an iCalendar file. */
export const mail = {
  /** The window is open: the dates, the invoice, the form. */
  renewalOpened: { subject: 'renewals.mail.opened.subject', body: 'renewals.mail.opened.body', ignorable: false },
  /** An offset reached (60, 30, 7 days before the deadline, the day after it): what is left. */
  renewalReminder: { subject: 'renewals.mail.reminder.subject', body: 'renewals.mail.reminder.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
