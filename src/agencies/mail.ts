import type { MailSpec } from '../platform/module.ts';

/** This module's mail, each in its reader's language. */
export const mail = {
  /** To each manager of the agency: a representative asks to be linked. */
  agencyLinkRequested: { subject: 'agencies.mail.requested.subject', body: 'agencies.mail.requested.body', ignorable: false },
  /** To the representative: the manager's decision, and the end of a link by the agency. */
  agencyLinkConfirmed: { subject: 'agencies.mail.confirmed.subject', body: 'agencies.mail.confirmed.body', ignorable: false },
  agencyLinkRefused: { subject: 'agencies.mail.refused.subject', body: 'agencies.mail.refused.body', ignorable: false },
  agencyLinkEnded: { subject: 'agencies.mail.ended.subject', body: 'agencies.mail.ended.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
