import type { fr } from './fr.ts';

export const en: { readonly [K in keyof typeof fr]: string } = {
  'devMail.title': 'Sent email (development)',
  'devMail.empty': 'No email.',
  'devMail.to': 'To: {address}',
  'devMail.status.held': 'kept here, not sent',
  'devMail.status.queued': 'waiting to be sent',
  'devMail.status.sent': 'sent',
  'mail.greeting': 'Hello {name},',
  'mail.signature': 'The Guichet team',
  'mail.contact': 'Contact us: {contact}',
  'mail.unsubscribe': 'To stop receiving these messages:',
  'mail.ignore': 'If you did not ask for this, you can ignore this email.',
};
