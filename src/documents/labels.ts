import type { MessageKey } from '../platform/i18n/index.ts';
import type { DocumentStatus, ScanResult } from './schema.ts';

/** A document's status as the person and staff read it. */
export const statusLabels = {
  received: 'documents.status.received',
  accepted: 'documents.status.accepted',
  needs_replacing: 'documents.status.needs_replacing',
  no_longer_needed: 'documents.status.no_longer_needed',
} as const satisfies Record<DocumentStatus, MessageKey>;

/** What staff are told of a version's malware check ("not checked" when no scanner is configured). */
export const scanLabels = {
  clean: 'documents.scan.clean',
  not_scanned: 'documents.scan.not_scanned',
} as const satisfies Record<ScanResult, MessageKey>;
