import type { MailSpec } from '../platform/module.ts';

/** This module's mail: each template's subject and body (the frame is src/mail's). */
export const mail = {
  factorAdded: { subject: 'mail.factorAdded.subject', body: 'mail.factorAdded.body', ignorable: false },
  factorRemoved: { subject: 'mail.factorRemoved.subject', body: 'mail.factorRemoved.body', ignorable: false },
  recoveryCodesRegenerated: { subject: 'mail.recoveryCodesRegenerated.subject', body: 'mail.recoveryCodesRegenerated.body', ignorable: false },
  recoveryCodeUsed: { subject: 'mail.recoveryCodeUsed.subject', body: 'mail.recoveryCodeUsed.body', ignorable: false },
  factorsReset: { subject: 'mail.factorsReset.subject', body: 'mail.factorsReset.body', ignorable: false },
  factorRecoveryRequested: { subject: 'mail.factorRecoveryRequested.subject', body: 'mail.factorRecoveryRequested.body', ignorable: true },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
