import type { FastifyInstance } from 'fastify';
import { recordEvent } from '../audit/index.ts';
import type { Guard } from '../platform/access.ts';
import type { SessionAccount } from '../platform/actors.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db.ts';
import { page } from '../platform/http.tsx';
import { origin } from '../platform/origin.ts';
import { attachmentHeader } from './names.ts';
import type { DocumentService } from './service.ts';
import type { Storage } from './storage.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Readable = NonNullable<Awaited<ReturnType<DocumentService['readableVersion']>>>;

export function registerDocumentRoutes(app: FastifyInstance, deps: { documents: DocumentService; storage: Storage; db: Database; clock: Clock }) {
  const { documents, storage } = deps;

  /** Whoever the subject's owner module lets read it; anyone else finds no such page. */
  const reader: Guard<{ account: SessionAccount; version: Readable }> = {
    scope: 'document',
    async resolve(request, account) {
      const versionId = (request.params as Record<string, string>).versionId ?? '';
      if (!UUID.test(versionId)) return null;
      const version = await documents.readableVersion(account, versionId);
      return version ? { account, version } : null;
    },
  };

  // Always an attachment, with the type judged at upload and nosniff: a file never opens as a page of this site.
  page(app, 'GET', 'documents.download', async (request, reply, _ctx, { account, version }) => {
    reply
      .header('content-type', version.contentType)
      .header('content-length', String(version.sizeBytes))
      .header('content-disposition', attachmentHeader(version.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store');
    // HEAD (answered by this handler too) reads nothing and is no download.
    if (request.method === 'HEAD') return reply.send();
    const body = await storage.get(version.storageKey);
    await recordEvent(deps.db, {
      authorityId: version.authorityId,
      event: 'document_downloaded',
      actorId: account.id,
      subjectId: version.documentId,
      origin: origin(request),
      at: deps.clock.now(),
      details: { documentId: version.documentId, versionId: version.id },
    });
    return reply.send(body);
  }, { access: reader });
}
