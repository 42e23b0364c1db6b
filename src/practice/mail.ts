import type { MailSpec } from '../platform/module.ts';

/** This module's mail, to the registrant, in their language. */
export const mail = {
  /** Staff decided a batch of hours: how many accepted and returned, and where to read why. */
  practiceHoursDecided: { subject: 'practice.mail.decided.subject', body: 'practice.mail.decided.body', ignorable: false },
  /** The registrar decided a withholding request. */
  practiceWithholdingDecided: { subject: 'practice.mail.withholding.subject', body: 'practice.mail.withholding.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
