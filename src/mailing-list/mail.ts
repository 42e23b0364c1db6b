import type { MailSpec } from '../platform/module.ts';

/** The list's mail: each carries its reader's unsubscribe link and headers (MailVars.unsubscribe). */
export const mail = {
  mailingListConfirm: { subject: 'mailingList.mail.confirm.subject', body: 'mailingList.mail.confirm.body', ignorable: true },
  mailingListAlready: { subject: 'mailingList.mail.already.subject', body: 'mailingList.mail.already.body', ignorable: true },
  mailingListWelcome: { subject: 'mailingList.mail.welcome.subject', body: 'mailingList.mail.welcome.body', ignorable: false },
  mailingListMessage: { subject: 'mailingList.mail.message.subject', body: 'mailingList.mail.message.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
