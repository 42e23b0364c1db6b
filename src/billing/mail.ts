import type { MailSpec } from '../platform/module.ts';

/** Billing's mail to the payer, in their language, each linking to the invoice. */
export const mail = {
  invoiceIssued: { subject: 'billing.mail.issued.subject', body: 'billing.mail.issued.body', ignorable: false },
  invoicePaid: { subject: 'billing.mail.paid.subject', body: 'billing.mail.paid.body', ignorable: false },
  invoiceRefunded: { subject: 'billing.mail.refunded.subject', body: 'billing.mail.refunded.body', ignorable: false },
  invoiceVoided: { subject: 'billing.mail.voided.subject', body: 'billing.mail.voided.body', ignorable: false },
} as const satisfies Record<string, MailSpec>;

declare module '../mail/templates.ts' { interface MailTemplates extends Record<keyof typeof mail, true> {} }
