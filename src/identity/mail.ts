import type { MailSpec } from '../platform/module.ts';

/** This module's mail: each template's subject and body (the frame is src/mail's). */
export const mail = {
  verify: { subject: 'mail.verify.subject', body: 'mail.verify.body', ignorable: true },
  exists: { subject: 'mail.exists.subject', body: 'mail.exists.body', ignorable: true },
  reset: { subject: 'mail.reset.subject', body: 'mail.reset.body', ignorable: true },
  passwordChanged: { subject: 'mail.passwordChanged.subject', body: 'mail.passwordChanged.body', ignorable: false },
  locked: { subject: 'mail.locked.subject', body: 'mail.locked.body', ignorable: false },
  secondFactorLocked: { subject: 'mail.secondFactorLocked.subject', body: 'mail.secondFactorLocked.body', ignorable: false },
  unlocked: { subject: 'mail.unlocked.subject', body: 'mail.unlocked.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
