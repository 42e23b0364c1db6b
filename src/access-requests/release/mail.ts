import type { MailSpec } from '../../platform/module.ts';

/**
 * The release part's mail to the requester, in their language: the request number and what
 * happened, with the tracking link (core.mailRequester); never the records themselves.
 */
export const mail = {
  /** The release package is on the tracking page, with the response letter. */
  accessReleaseDelivered: { subject: 'access.release.mail.delivered.subject', body: 'access.release.mail.delivered.body', ignorable: false },
  /** The request was closed without a release (no records, excluded, neither confirmed nor denied, abandoned): the letter is on the tracking page. */
  accessRequestClosed: { subject: 'access.release.mail.closed.subject', body: 'access.release.mail.closed.body', ignorable: false },
  /** The fee was waived or recorded as paid: the clock started, with its due date. */
  accessFeeSettled: { subject: 'access.release.mail.feeSettled.subject', body: 'access.release.mail.feeSettled.body', ignorable: false },
  /** The fee paid online was refunded. */
  accessFeeRefunded: { subject: 'access.release.mail.refunded.subject', body: 'access.release.mail.refunded.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
