import type { MailSpec } from '../platform/module.ts';

/** This module's mail, to the registrant, in their language. */
export const mail = {
  /** The registrar decided a request to remove an outcome from the register: approved or refused, with the reasons. */
  registerRemovalDecided: { subject: 'register.mail.decided.subject', body: 'register.mail.decided.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
