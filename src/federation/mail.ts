import type { MailSpec } from '../platform/module.ts';

/** This module's mail: each template's subject and body (the frame is src/mail's). */
export const mail = {
  providerLinked: { subject: 'mail.providerLinked.subject', body: 'mail.providerLinked.body', ignorable: false },
  providerUnlinked: { subject: 'mail.providerUnlinked.subject', body: 'mail.providerUnlinked.body', ignorable: false },
  providerVerify: { subject: 'mail.providerVerify.subject', body: 'mail.providerVerify.body', ignorable: true },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
