import type { MailSpec } from '../../platform/module.ts';

/**
 * The public service's mail: to the requester, the request's number, what happened and the
 * tracking link (never the records themselves); to the institution's practitioners, the number
 * and a link to the request in their workspace.
 */
export const mail = {
  /** To the requester: the request was sent (and the $5 to pay, for an access request). */
  accessPublicSubmitted: { subject: 'access.public.mail.submitted.subject', body: 'access.public.mail.submitted.body', ignorable: true },
  /** To each practitioner of the institution: a request came in on the public service. */
  accessPublicReceived: { subject: 'access.public.mail.received.subject', body: 'access.public.mail.received.body', ignorable: false },
  /** To each practitioner of the institution: the requester answered the clarification asked. */
  accessPublicClarified: { subject: 'access.public.mail.clarified.subject', body: 'access.public.mail.clarified.body', ignorable: false },
  /** To the requester who asked for it again ("Track a request"): the tracking link. */
  accessPublicTrackingLink: { subject: 'access.public.mail.tracking.subject', body: 'access.public.mail.tracking.body', ignorable: true },
} as const satisfies Record<string, MailSpec>;

declare module '../../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
