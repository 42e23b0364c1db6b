import type { MessageKey } from '../platform/i18n/index.ts';
import type { DocumentStatus } from './schema.ts';
import type { RefusalReason } from './upload.ts';

type Version = { documentId: string; versionId: string; number: number; sha256: string; source: string | null };

/** The audit events of supporting documents, and the type of their details. */
export interface DocumentEvents {
  document_uploaded: Version & { subjectKind: string; subjectId: string; typeCode: string };
  document_replaced: Version & { from: DocumentStatus };
  document_status_changed: { documentId: string; from: DocumentStatus; to: DocumentStatus; reason: string | null };
  document_downloaded: { documentId: string; versionId: string };
  /** A file refused at upload; `signature`: the malware found (never shown to the person). */
  document_refused: { reason: RefusalReason; signature?: string; fileName?: string };
}

declare module '../audit/events.ts' { interface AuditEvents extends DocumentEvents {} }

export const events = {
  document_uploaded: 'documents.event.document_uploaded',
  document_replaced: 'documents.event.document_replaced',
  document_status_changed: 'documents.event.document_status_changed',
  document_downloaded: 'documents.event.document_downloaded',
  document_refused: 'documents.event.document_refused',
} as const satisfies Record<keyof DocumentEvents, MessageKey>;
