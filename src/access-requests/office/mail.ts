import type { MailSpec } from '../../platform/module.ts';

/**
 * The office part's mail, each in its reader's language with a link: support requests between an
 * institution's practitioners and the ATIP office's staff (the topic and the subject, never the
 * messages), and a request received through the API (to the requester: the number and the
 * tracking link; to the institution's practitioners: the number).
 */
export const mail = {
  /** To the office's staff: a practitioner asks for support. */
  accessSupportRequested: { subject: 'access.office.mail.requested.subject', body: 'access.office.mail.requested.body', ignorable: false },
  /** To the office's staff: the practitioner replied. */
  accessSupportReplied: { subject: 'access.office.mail.replied.subject', body: 'access.office.mail.replied.body', ignorable: false },
  /** To the practitioner: the office answered. */
  accessSupportAnswered: { subject: 'access.office.mail.answered.subject', body: 'access.office.mail.answered.body', ignorable: false },
  /** To the practitioner: the office closed the request. */
  accessSupportClosed: { subject: 'access.office.mail.closed.subject', body: 'access.office.mail.closed.body', ignorable: false },
  /** To the requester: a request sent for them by a client system was received. */
  accessApiReceived: { subject: 'access.office.mail.apiReceived.subject', body: 'access.office.mail.apiReceived.body', ignorable: false },
  /** To the institution's practitioners: a new request came in through the API. */
  accessApiNewRequest: { subject: 'access.office.mail.apiNew.subject', body: 'access.office.mail.apiNew.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
