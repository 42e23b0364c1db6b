import { bigint, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at } from '../platform/columns.ts';

export type DocumentStatus = 'received' | 'accepted' | 'needs_replacing' | 'no_longer_needed';
export type ScanResult = 'clean' | 'not_scanned';

// authority_id, owner_account_id, status_by and uploaded_by reference authorities and accounts in
// the migration: those modules come after this one. The subject (an application, a case) is the
// owner module's row, named by kind and id: documents knows none of them.
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id').notNull(),
    /** The person whose document it is (the applicant), whoever uploaded it. */
    ownerAccountId: uuid('owner_account_id').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    typeCode: text('type_code').notNull(),
    status: text('status').$type<DocumentStatus>().notNull().default('received'),
    statusReason: text('status_reason'),
    statusBy: uuid('status_by'),
    statusAt: at('status_at').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('documents_subject').on(t.subjectKind, t.subjectId, t.createdAt)],
);

/** Every file a document ever had: replacing adds a version, none is ever deleted. */
export const documentVersions = pgTable(
  'document_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    number: integer('number').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    scan: text('scan').$type<ScanResult>().notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    /** Who the file came from when staff uploaded it for the person ("Université Laval (transcript sent by the school)"). */
    source: text('source'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [uniqueIndex('document_versions_number').on(t.documentId, t.number), uniqueIndex('document_versions_storage_key').on(t.storageKey)],
);
