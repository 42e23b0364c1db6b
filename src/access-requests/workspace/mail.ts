import type { MailSpec } from '../../platform/module.ts';

/**
 * The workspace's mail, each in its reader's language: the request's number and what happened,
 * with a link; never the records, and to a third party or the Commissioner only the number and
 * the question or the extension.
 */
export const mail = {
  /** To a practitioner: a request was assigned to them. */
  accessWorkspaceAssigned: { subject: 'access.workspace.mail.assigned.subject', body: 'access.workspace.mail.assigned.body', ignorable: false },
  /** To the requester: the institution asks them to clarify (the question is on the tracking page). */
  accessWorkspaceClarification: { subject: 'access.workspace.mail.clarification.subject', body: 'access.workspace.mail.clarification.body', ignorable: false },
  /** To the requester: the time limit is extended (the notice letter is on the tracking page). */
  accessWorkspaceExtension: { subject: 'access.workspace.mail.extensionMail.subject', body: 'access.workspace.mail.extensionMail.body', ignorable: false },
  /** To the Information Commissioner: an extension over 30 days (ATIA s. 9(2)). */
  accessWorkspaceCommissioner: { subject: 'access.workspace.mail.commissionerMail.subject', body: 'access.workspace.mail.commissionerMail.body', ignorable: false },
  /** To the new institution's practitioners: a request was transferred to it. */
  accessWorkspaceTransferredIn: { subject: 'access.workspace.mail.transferredIn.subject', body: 'access.workspace.mail.transferredIn.body', ignorable: false },
  /** To the requester: their request was transferred. */
  accessWorkspaceTransferred: { subject: 'access.workspace.mail.transferredMail.subject', body: 'access.workspace.mail.transferredMail.body', ignorable: false },
  /** To the consulted institution's practitioners. */
  accessWorkspaceConsultation: { subject: 'access.workspace.mail.consultationMail.subject', body: 'access.workspace.mail.consultationMail.body', ignorable: false },
  /** To a third party consulted (s. 27): the number and the question only. */
  accessWorkspaceThirdParty: { subject: 'access.workspace.mail.thirdParty.subject', body: 'access.workspace.mail.thirdParty.body', ignorable: true },
  /** To the consulting institution's practitioners: the consulted institution answered. */
  accessWorkspaceConsultationAnswered: { subject: 'access.workspace.mail.consultationAnswered.subject', body: 'access.workspace.mail.consultationAnswered.body', ignorable: false },
  /** To the requester of a request entered by a practitioner (paper, mail, email) who gave an email. */
  accessWorkspaceReceived: { subject: 'access.workspace.mail.received.subject', body: 'access.workspace.mail.received.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
