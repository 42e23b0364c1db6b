import type { MailSpec } from '../platform/module.ts';

/** The record's mail, in the person's language: each template's subject and body. */
export const mail = {
  recordChangeSubmitted: { subject: 'record.mail.submitted.subject', body: 'record.mail.submitted.body', ignorable: false },
  recordChangeReturned: { subject: 'record.mail.returned.subject', body: 'record.mail.returned.body', ignorable: false },
  recordChangeApproved: { subject: 'record.mail.approved.subject', body: 'record.mail.approved.body', ignorable: false },
  recordChangeRefused: { subject: 'record.mail.refused.subject', body: 'record.mail.refused.body', ignorable: false },
  /** The proof of one address of a self-service email change: whoever did not ask ignores it. */
  recordEmailProof: { subject: 'record.mail.proof.subject', body: 'record.mail.proof.body', ignorable: true },
  /** To the old address once the sign-in email changed: the person learns of it where they used to. */
  recordEmailChanged: { subject: 'record.mail.emailChanged.subject', body: 'record.mail.emailChanged.body', ignorable: false },
  /** What still has to be reported within 30 days, with the days left. */
  recordReminder: { subject: 'record.mail.reminder.subject', body: 'record.mail.reminder.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
