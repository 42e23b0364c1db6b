/** The strings of the mail module, in French: the source; `en.ts` has exactly its keys. */
export const fr = {
  'devMail.title': 'Courriels envoyés (développement)',
  'devMail.empty': 'Aucun courriel.',
  'devMail.to': 'Destinataire\u00a0: {address}',
  'devMail.status.held': 'gardé ici, pas envoyé',
  'devMail.status.queued': 'en file d’envoi',
  'devMail.status.sent': 'envoyé',
  'mail.greeting': 'Bonjour {name},',
  'mail.signature': 'L’équipe du Guichet',
  'mail.contact': 'Nous joindre\u00a0: {contact}',
  'mail.unsubscribe': 'Pour ne plus recevoir ces messages\u00a0:',
  'mail.ignore': 'Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer ce courriel.',
} as const;

declare module '../../platform/i18n/index.ts' { interface Messages extends Record<keyof typeof fr, true> {} }
