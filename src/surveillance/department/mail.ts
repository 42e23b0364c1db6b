import type { MailSpec } from '../../platform/module.ts';

/**
 * The department's mail to a PTPHA's members: each says only the notice number and the due day
 * (`detail`) and links to the case page, never a name or a result.
 */
export const mail = {
  surveillanceDepartmentDocument: { subject: 'surveillance.department.mail.document.subject', body: 'surveillance.department.mail.document.body', ignorable: false },
  surveillanceRequestClosed: { subject: 'surveillance.department.mail.closed.subject', body: 'surveillance.department.mail.closed.body', ignorable: false },
  surveillanceCaseTransferred: { subject: 'surveillance.department.mail.transferred.subject', body: 'surveillance.department.mail.transferred.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
