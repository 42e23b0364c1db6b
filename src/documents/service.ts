import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import type { SessionAccount } from '../platform/actors.ts';
import type { Database, Executor } from '../platform/db.ts';
import type { Origin } from '../platform/origin.ts';
import { type DocumentStatus, documents, documentVersions, type ScanResult } from './schema.ts';
import { canSetStatus, type SettableStatus } from './states.ts';
import type { Storage } from './storage.ts';
import type { StagedFile, UploadRefusal, Uploads } from './upload.ts';

/**
 * Whether this person may read the documents of one subject (an application…): the subject's
 * owner module answers ("the applicant, or staff of that authority"). A kind no module answers
 * for is readable by nobody.
 */
export type SubjectReader = (account: SessionAccount, subjectId: string, authorityId: string) => Promise<boolean>;

export interface DocumentVersion {
  id: string;
  number: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  scan: ScanResult;
  /** The account that uploaded it (the person, or staff for them). */
  uploadedBy: string;
  source: string | null;
  createdAt: Date;
}

export interface Document {
  id: string;
  authorityId: string;
  ownerAccountId: string;
  subjectKind: string;
  subjectId: string;
  typeCode: string;
  status: DocumentStatus;
  statusReason: string | null;
  statusBy: string | null;
  statusAt: Date;
  createdAt: Date;
  /** Newest first. */
  versions: DocumentVersion[];
}

export type SetStatusResult = 'ok' | 'not_found' | 'not_allowed_from' | 'reason_required';

interface Change {
  uploadedBy: string;
  source?: string | null;
  origin: Origin;
  at: Date;
}

const versionColumns = {
  id: documentVersions.id,
  documentId: documentVersions.documentId,
  number: documentVersions.number,
  fileName: documentVersions.fileName,
  contentType: documentVersions.contentType,
  sizeBytes: documentVersions.sizeBytes,
  sha256: documentVersions.sha256,
  scan: documentVersions.scan,
  uploadedBy: documentVersions.uploadedBy,
  source: documentVersions.source,
  createdAt: documentVersions.createdAt,
};

export function createDocumentService(deps: { db: Database; uploads: Uploads; storage: Storage; defaultMaxBytes: number }) {
  const { db, uploads } = deps;
  const readers = new Map<string, SubjectReader>();

  const lock = (tx: Executor, documentId: string) =>
    tx.select().from(documents).where(eq(documents.id, documentId)).for('update').then((rows) => rows[0]);

  function versionValues(documentId: string, number: number, file: StagedFile, change: Change) {
    return {
      documentId,
      number,
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      storageKey: file.storageKey,
      scan: file.scan,
      uploadedBy: change.uploadedBy,
      source: change.source ?? null,
      createdAt: change.at,
    };
  }

  async function versionWithDocument(versionId: string) {
    const [found] = await db
      .select({ ...versionColumns, storageKey: documentVersions.storageKey, authorityId: documents.authorityId, subjectKind: documents.subjectKind, subjectId: documents.subjectId })
      .from(documentVersions)
      .innerJoin(documents, eq(documents.id, documentVersions.documentId))
      .where(eq(documentVersions.id, versionId));
    return found ?? null;
  }

  return {
    /** The size limit of a document type that sets none (DOCUMENT_MAX_BYTES). */
    defaultMaxBytes: deps.defaultMaxBytes,

    /** Reads a page's multipart form and stages its file (see upload.ts); `maxBytes`: the document type's limit. */
    receiveUpload: (request: Parameters<Uploads['receiveUpload']>[0], options: { maxBytes?: number } = {}) =>
      uploads.receiveUpload(request, { maxBytes: options.maxBytes ?? deps.defaultMaxBytes }),
    stage: uploads.stage,
    /** A staged file whose transaction failed: nothing points to it, so it goes. */
    discard: uploads.discard,

    /** The owner module of a subject kind says who may read its documents (once per kind, at start). */
    registerReader(subjectKind: string, reader: SubjectReader): void {
      if (readers.has(subjectKind)) throw new Error(`documents: a reader for "${subjectKind}" is already registered`);
      readers.set(subjectKind, reader);
    },

    /** A new document with its first version, in the caller's transaction (with the caller's own change). */
    async attach(
      tx: Executor,
      input: Change & { authorityId: string; ownerAccountId: string; subjectKind: string; subjectId: string; typeCode: string },
      file: StagedFile,
    ): Promise<{ documentId: string; versionId: string }> {
      const [document] = await tx
        .insert(documents)
        .values({
          authorityId: input.authorityId,
          ownerAccountId: input.ownerAccountId,
          subjectKind: input.subjectKind,
          subjectId: input.subjectId,
          typeCode: input.typeCode,
          status: 'received',
          statusBy: input.uploadedBy,
          statusAt: input.at,
          createdAt: input.at,
        })
        .returning({ id: documents.id });
      if (!document) throw new Error('document not inserted');
      const [version] = await tx.insert(documentVersions).values(versionValues(document.id, 1, file, input)).returning({ id: documentVersions.id });
      if (!version) throw new Error('document version not inserted');
      await recordEvent(tx, {
        authorityId: input.authorityId,
        event: 'document_uploaded',
        actorId: input.uploadedBy,
        subjectId: document.id,
        origin: input.origin,
        at: input.at,
        details: { documentId: document.id, versionId: version.id, number: 1, sha256: file.sha256, source: input.source ?? null, subjectKind: input.subjectKind, subjectId: input.subjectId, typeCode: input.typeCode },
      });
      return { documentId: document.id, versionId: version.id };
    },

    /** A new version; the earlier ones stay listed and downloadable. The document is `received` again. Null: no such document. */
    async replace(tx: Executor, input: Change & { documentId: string }, file: StagedFile): Promise<{ versionId: string; number: number } | null> {
      const document = await lock(tx, input.documentId);
      if (!document) return null;
      const [last] = await tx
        .select({ number: sql<number>`coalesce(max(${documentVersions.number}), 0)::int` })
        .from(documentVersions)
        .where(eq(documentVersions.documentId, document.id));
      const number = (last?.number ?? 0) + 1;
      const [version] = await tx.insert(documentVersions).values(versionValues(document.id, number, file, input)).returning({ id: documentVersions.id });
      if (!version) throw new Error('document version not inserted');
      await tx.update(documents).set({ status: 'received', statusReason: null, statusBy: input.uploadedBy, statusAt: input.at }).where(eq(documents.id, document.id));
      await recordEvent(tx, {
        authorityId: document.authorityId,
        event: 'document_replaced',
        actorId: input.uploadedBy,
        subjectId: document.id,
        origin: input.origin,
        at: input.at,
        details: { documentId: document.id, versionId: version.id, number, sha256: file.sha256, source: input.source ?? null, from: document.status },
      });
      return { versionId: version.id, number };
    },

    /** A reviewer's mark (or the person's "no longer needed"); asking for a replacement needs the reason the person will read. */
    async setStatus(
      tx: Executor,
      input: { documentId: string; status: SettableStatus; reason: string | null; by: string; origin: Origin; at: Date },
    ): Promise<SetStatusResult> {
      const reason = input.reason?.trim() || null;
      if (input.status === 'needs_replacing' && !reason) return 'reason_required';
      const document = await lock(tx, input.documentId);
      if (!document) return 'not_found';
      if (!canSetStatus(document.status, input.status)) return 'not_allowed_from';
      await tx.update(documents).set({ status: input.status, statusReason: reason, statusBy: input.by, statusAt: input.at }).where(eq(documents.id, document.id));
      await recordEvent(tx, {
        authorityId: document.authorityId,
        event: 'document_status_changed',
        actorId: input.by,
        subjectId: document.id,
        origin: input.origin,
        at: input.at,
        details: { documentId: document.id, from: document.status, to: input.status, reason },
      });
      return 'ok';
    },

    /** A refused upload, for the audit (the malware's signature among others); in the caller's transaction or alone. */
    async recordRefusal(tx: Executor, input: { authorityId: string | null; actorId: string; origin: Origin; at: Date; fileName?: string }, refusal: UploadRefusal): Promise<void> {
      await recordEvent(tx, {
        authorityId: input.authorityId,
        event: 'document_refused',
        actorId: input.actorId,
        subjectId: null,
        origin: input.origin,
        at: input.at,
        details: { reason: refusal.reason, ...(refusal.reason === 'malware' ? { signature: refusal.signature } : {}), ...(input.fileName ? { fileName: input.fileName } : {}) },
      });
    },

    /** A subject's documents, oldest first, each with its versions newest first. */
    async list(subjectKind: string, subjectId: string, executor: Executor = db): Promise<Document[]> {
      const rows = await executor
        .select()
        .from(documents)
        .where(and(eq(documents.subjectKind, subjectKind), eq(documents.subjectId, subjectId)))
        .orderBy(documents.createdAt, documents.id);
      if (rows.length === 0) return [];
      const versions = await executor
        .select(versionColumns)
        .from(documentVersions)
        .where(inArray(documentVersions.documentId, rows.map((r) => r.id)))
        .orderBy(desc(documentVersions.number));
      return rows.map((row) => ({
        id: row.id,
        authorityId: row.authorityId,
        ownerAccountId: row.ownerAccountId,
        subjectKind: row.subjectKind,
        subjectId: row.subjectId,
        typeCode: row.typeCode,
        status: row.status,
        statusReason: row.statusReason,
        statusBy: row.statusBy,
        statusAt: row.statusAt,
        createdAt: row.createdAt,
        versions: versions.filter((v) => v.documentId === row.id).map(({ documentId: _, ...v }) => v),
      }));
    },

    /** One version with its document, when the subject's owner module lets this person read it; null otherwise. */
    async readableVersion(account: SessionAccount, versionId: string) {
      const found = await versionWithDocument(versionId);
      if (!found) return null;
      const reader = readers.get(found.subjectKind);
      if (!reader || !(await reader(account, found.subjectId, found.authorityId))) return null;
      return found;
    },

    /**
     * A version of one subject's document with its bytes, for a page whose owner module has itself
     * checked the person (a requester opening their release by its tracking link, without an
     * account): null when the version is not of that subject. The page writes its own audit row.
     */
    async subjectVersion(versionId: string, subjectKind: string, subjectId: string) {
      const found = await versionWithDocument(versionId);
      if (!found || found.subjectKind !== subjectKind || found.subjectId !== subjectId) return null;
      return { ...found, body: () => deps.storage.get(found.storageKey) };
    },
  };
}

export type DocumentService = ReturnType<typeof createDocumentService>;
