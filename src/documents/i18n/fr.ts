/** The strings of supporting documents, in French: the source; `en.ts` has exactly its keys. */
export const fr = {
  'documents.refused.empty': 'Choisissez un fichier à téléverser (le fichier choisi est vide).',
  'documents.refused.tooLarge': 'Le fichier dépasse la taille maximale de {limit}. Choisissez un fichier plus petit.',
  'documents.refused.typeNotAllowed': 'Ce type de fichier n’est pas accepté. Envoyez un PDF, une image PNG ou JPEG, ou un document Word (.docx).',
  'documents.refused.malware': 'Un virus a été trouvé dans ce fichier. Il n’a pas été gardé.',
  'documents.refused.scannerUnavailable': 'La vérification antivirus n’est pas disponible pour le moment. Réessayez dans quelques minutes.',
  'documents.refused.imageTooLarge': 'L’image est trop grande (plus de {limit} millions de pixels). Réduisez-la ou envoyez-la en PDF.',
  'documents.refused.damaged': 'Ce fichier est incomplet ou endommagé. Enregistrez-le de nouveau, puis téléversez-le.',
  'documents.status.received': 'Reçu',
  'documents.status.accepted': 'Accepté',
  'documents.status.needs_replacing': 'À remplacer',
  'documents.status.no_longer_needed': 'N’est plus requis',
  'documents.scan.clean': 'Aucun virus trouvé',
  'documents.scan.not_scanned': 'Non vérifié par un antivirus',
  'documents.event.document_uploaded': 'Document téléversé',
  'documents.event.document_replaced': 'Document remplacé (nouvelle version)',
  'documents.event.document_status_changed': 'Statut d’un document changé',
  'documents.event.document_downloaded': 'Document téléchargé',
  'documents.event.document_refused': 'Fichier refusé au téléversement',
} as const;

declare module '../../platform/i18n/index.ts' { interface Messages extends Record<keyof typeof fr, true> {} }
