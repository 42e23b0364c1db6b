import type { MailSpec } from '../platform/module.ts';

/** This module's mail, to the applicant, in their language: each template's subject and body. */
export const mail = {
  applicationSubmitted: { subject: 'licensing.mail.submitted.subject', body: 'licensing.mail.submitted.body', ignorable: false },
  applicationResubmitted: { subject: 'licensing.mail.resubmitted.subject', body: 'licensing.mail.resubmitted.body', ignorable: false },
  /** Staff asked for more: the request itself, and where to answer it. */
  applicationReturned: { subject: 'licensing.mail.returned.subject', body: 'licensing.mail.returned.body', ignorable: false },
  applicationApproved: { subject: 'licensing.mail.approved.subject', body: 'licensing.mail.approved.body', ignorable: false },
  /** The fees are paid: the registration is active and its certificate ready to download. */
  registrationActivated: { subject: 'licensing.mail.active.subject', body: 'licensing.mail.active.body', ignorable: false },
  /** Renewed (issue 15): the new end date. */
  registrationRenewed: { subject: 'licensing.mail.renewed.subject', body: 'licensing.mail.renewed.body', ignorable: false },
  /** Not renewed by its end: expired. */
  registrationExpired: { subject: 'licensing.mail.expired.subject', body: 'licensing.mail.expired.body', ignorable: false },
  applicationRefused: { subject: 'licensing.mail.refused.subject', body: 'licensing.mail.refused.body', ignorable: false },
  documentNeedsReplacing: { subject: 'licensing.mail.replace.subject', body: 'licensing.mail.replace.body', ignorable: false },
  /** A document someone else sent (a school's transcript) is now on the file. */
  documentAdded: { subject: 'licensing.mail.added.subject', body: 'licensing.mail.added.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
