import { defineModule } from '../platform/module.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { paths } from './paths.ts';
import { registerDocumentRoutes } from './routes.ts';
import * as schema from './schema.ts';
import { createDocumentService, type DocumentService } from './service.ts';
import { documentSettings, settings } from './settings.ts';
import { createUploads } from './upload.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    documents: DocumentService;
  }
}

/**
 * Supporting documents, for every module with files: streamed uploads checked (size, type from
 * the content, images cleaned, malware scan), stored (filesystem or S3), versioned (replace, never
 * delete), with a status each, and downloads the subject's owner module authorizes.
 */
export default defineModule({
  name: 'documents',
  pages: paths,
  catalog: { fr, en },
  events,
  tables: schema,
  config: { schema: settings },
  register(app, kit) {
    const { storage, scanner, temporaryDir, maxBytes } = documentSettings(kit.config);
    const uploads = createUploads({ storage, scanner, temporaryDir });
    kit.readiness.push({ name: 'storage', check: () => storage.ready() });
    // Not awaited: a slow or missing folder must not hold the start; a failure is only logged.
    uploads.sweepLeftovers().catch((error: unknown) => app.log.error(error));
    const documents = createDocumentService({ db: kit.db, uploads, storage, defaultMaxBytes: maxBytes });
    kit.services.documents = documents;
    registerDocumentRoutes(app, { documents, storage, db: kit.db, clock: kit.clock });
  },
});

export type { DocumentEvents } from './events.ts';
/** The Content-Disposition of a download, as documents' own page sends it (a module serving a document through its own page checks who may). */
export { attachmentHeader } from './names.ts';
export { scanLabels, statusLabels } from './labels.ts';
export { documents, documentVersions, type DocumentStatus, type ScanResult } from './schema.ts';
export type { Document, DocumentService, DocumentVersion, SetStatusResult, SubjectReader } from './service.ts';
export type { SettableStatus } from './states.ts';
export {
  ALLOWED_TYPES,
  type DocumentContentType,
  formatSize,
  MAX_IMAGE_PIXELS,
  type RefusalReason,
  refusalMessages,
  refusalStatus,
  refusalText,
  type StagedFile,
  type StageResult,
  type UploadRefusal,
  type UploadResult,
} from './upload.ts';
