import type { MailSpec } from '../platform/module.ts';

/** This module's mail: each template's subject and body (the frame is src/mail's). */
export const mail = {
  /** To the person who asked: the request reached the authority. */
  organizationReceived: { subject: 'mail.organizationReceived.subject', body: 'mail.organizationReceived.body', ignorable: false },
  /** To the person who asked: the decision, with its reason when there is one. */
  organizationApproved: { subject: 'mail.organizationApproved.subject', body: 'mail.organizationApproved.body', ignorable: false },
  organizationRefused: { subject: 'mail.organizationRefused.subject', body: 'mail.organizationRefused.body', ignorable: false },
  organizationSuspended: { subject: 'mail.organizationSuspended.subject', body: 'mail.organizationSuspended.body', ignorable: false },
  /** To the manager who made the code: someone joined with it. */
  memberJoined: { subject: 'mail.memberJoined.subject', body: 'mail.memberJoined.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
