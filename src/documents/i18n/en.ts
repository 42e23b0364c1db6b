import type { fr } from './fr.ts';

export const en: { readonly [K in keyof typeof fr]: string } = {
  'documents.refused.empty': 'Choose a file to upload (the file chosen is empty).',
  'documents.refused.tooLarge': 'The file is larger than the {limit} limit. Choose a smaller file.',
  'documents.refused.typeNotAllowed': 'This type of file is not accepted. Send a PDF, a PNG or JPEG image, or a Word document (.docx).',
  'documents.refused.malware': 'A virus was found in this file. It was not kept.',
  'documents.refused.scannerUnavailable': 'The virus check is unavailable at the moment. Try again in a few minutes.',
  'documents.refused.imageTooLarge': 'The image is too large (more than {limit} million pixels). Make it smaller or send it as a PDF.',
  'documents.refused.damaged': 'This file is incomplete or damaged. Save it again, then upload it.',
  'documents.status.received': 'Received',
  'documents.status.accepted': 'Accepted',
  'documents.status.needs_replacing': 'Needs replacing',
  'documents.status.no_longer_needed': 'No longer needed',
  'documents.scan.clean': 'No virus found',
  'documents.scan.not_scanned': 'Not checked for viruses',
  'documents.event.document_uploaded': 'Document uploaded',
  'documents.event.document_replaced': 'Document replaced (new version)',
  'documents.event.document_status_changed': 'Document status changed',
  'documents.event.document_downloaded': 'Document downloaded',
  'documents.event.document_refused': 'File refused at upload',
} as const;
