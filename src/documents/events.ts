import { event, type EventDetails } from '../platform/events.ts';
import type { DocumentStatus } from './schema.ts';
import type { RefusalReason } from './upload.ts';

type Version = { documentId: string; versionId: string; number: number; sha256: string; source: string | null };

/** The audit events of supporting documents: each one's label, and the type of its details. */
export const events = {
  document_uploaded: event<Version & { subjectKind: string; subjectId: string; typeCode: string }>('documents.event.document_uploaded'),
  document_replaced: event<Version & { from: DocumentStatus }>('documents.event.document_replaced'),
  document_status_changed: event<{ documentId: string; from: DocumentStatus; to: DocumentStatus; reason: string | null }>('documents.event.document_status_changed'),
  document_downloaded: event<{ documentId: string; versionId: string }>('documents.event.document_downloaded'),
  /** A file refused at upload; `signature`: the malware found (never shown to the person). */
  document_refused: event<{ reason: RefusalReason; signature?: string; fileName?: string }>('documents.event.document_refused'),
};

export type DocumentEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends DocumentEvents {} }
