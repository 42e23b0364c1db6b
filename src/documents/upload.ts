import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import { AppError } from '../platform/errors.ts';
import { malformedMultipart, verifyCsrf } from '../platform/http.tsx';
import type { Locale, MessageKey, Translate } from '../platform/i18n/index.ts';
import { sanitizeFileName } from './names.ts';
import { type Scanner, ScannerUnavailable } from './scanner.ts';
import { newStorageKey, type Storage } from './storage.ts';

/** The only kinds of file a document may be, judged from the content (never the name or the browser's word). */
export const ALLOWED_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;
export type DocumentContentType = keyof typeof ALLOWED_TYPES;
const ALLOWED_DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Larger images are refused before they are decoded: 40 megapixels is a 7,700 × 5,200 photograph. */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** A Word document whose parts would unzip to more than this is a zip bomb, not a letter: a 500-page report is about 20 MB. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

/** A file that passed every check and is in storage, waiting for the caller's transaction to attach it. */
export interface StagedFile {
  storageKey: string;
  fileName: string;
  contentType: DocumentContentType;
  sizeBytes: number;
  sha256: string;
  scan: 'clean' | 'not_scanned';
}

/** Why a file was refused; nothing of it is kept. `signature` is for the audit, never shown. */
export type UploadRefusal =
  | { reason: 'empty' }
  | { reason: 'too_large'; limitBytes: number }
  | { reason: 'type_not_allowed' }
  | { reason: 'malware'; signature: string }
  | { reason: 'scanner_unavailable' }
  | { reason: 'image_too_large'; limitPixels: number }
  | { reason: 'damaged' };
export type RefusalReason = UploadRefusal['reason'];

export type StageResult = { ok: true; file: StagedFile } | { ok: false; refusal: UploadRefusal };
/** A form's fields (strings) and its one file, checked and staged, or why the file was refused. */
export type UploadResult = StageResult & { fields: Record<string, string> };

/** What the person reads for each refusal (`refusalText` fills the limits). */
export const refusalMessages = {
  empty: 'documents.refused.empty',
  too_large: 'documents.refused.tooLarge',
  type_not_allowed: 'documents.refused.typeNotAllowed',
  malware: 'documents.refused.malware',
  scanner_unavailable: 'documents.refused.scannerUnavailable',
  image_too_large: 'documents.refused.imageTooLarge',
  damaged: 'documents.refused.damaged',
} as const satisfies Record<RefusalReason, MessageKey>;

/** The HTTP status a page answers a refusal with: the person's mistake (4xx), or the scanner out (503). */
export const refusalStatus = {
  empty: 400,
  too_large: 413,
  type_not_allowed: 415,
  malware: 422,
  scanner_unavailable: 503,
  image_too_large: 413,
  damaged: 422,
} as const satisfies Record<RefusalReason, number>;

/** A size as people read it: "10 Mo" / "10 MB" (1 MB = 1,048,576 bytes, as file managers count). */
export function formatSize(locale: Locale, bytes: number): string {
  const mib = bytes / (1024 * 1024);
  const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: mib < 10 ? 1 : 0 }).format(mib >= 0.1 ? mib : bytes / 1024);
  return mib >= 0.1 ? `${number}${locale === 'fr' ? '\u00a0Mo' : ' MB'}` : `${number}${locale === 'fr' ? '\u00a0ko' : ' KB'}`;
}

export function refusalText(t: Translate, locale: Locale, refusal: UploadRefusal): string {
  if (refusal.reason === 'too_large') return t(refusalMessages.too_large, { limit: formatSize(locale, refusal.limitBytes) });
  if (refusal.reason === 'image_too_large') return t(refusalMessages.image_too_large, { limit: String(refusal.limitPixels / 1_000_000) });
  return t(refusalMessages[refusal.reason]);
}

/**
 * What the type's own structure says about a file cut short or built to explode: a PDF ends with
 * `%%EOF` in its last 1,024 bytes (where readers look for it), and a Word document's zip has its
 * central directory, every entry within the file, and parts that unzip to at most MAX_UNZIPPED_BYTES
 * (the sizes it declares: an entry that lies about its size fails its CRC in Word, it does not explode).
 * Images need no such check: they are decoded and re-encoded.
 */
async function wholeFile(path: string, size: number, type: DocumentContentType): Promise<boolean> {
  if (type !== 'application/pdf' && type !== ALLOWED_DOCX) return true;
  const handle = await open(path, 'r');
  try {
    const tailLength = Math.min(size, type === 'application/pdf' ? 1024 : 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    if (type === 'application/pdf') return tail.includes('%%EOF');
    // The end-of-central-directory record: its signature, then where the directory is and how long.
    const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0 || end + 22 > tailLength) return false;
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    // 0xFFFF… are zip64 markers: no Word document of a form's size needs them.
    if (entries === 0xffff || directoryOffset === 0xffffffff || directoryOffset + directorySize > size) return false;
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    let unzipped = 0;
    for (let at = 0, seen = 0; seen < entries; seen++) {
      if (at + 46 > directorySize || directory.readUInt32LE(at) !== 0x02014b50) return false;
      const compressed = directory.readUInt32LE(at + 20);
      unzipped += directory.readUInt32LE(at + 24);
      if (directory.readUInt32LE(at + 42) + compressed > size || unzipped > MAX_UNZIPPED_BYTES) return false;
      at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    return true;
  } finally {
    await handle.close();
  }
}

interface Received {
  path: string;
  sizeBytes: number;
  sha256: string;
  tooLarge: boolean;
}

class TooLarge extends Error {}

/**
 * Upload checks, in order: size (while the file streams to a temporary file), type from the
 * content, images re-encoded (turned upright, every metadata field — EXIF, GPS — dropped, pixel
 * limit), malware scan; then the file goes to storage under a fresh random key.
 */
export function createUploads(deps: { storage: Storage; scanner: Scanner; temporaryDir: string }) {
  const { storage, scanner, temporaryDir } = deps;
  const temporaryPath = async () => {
    await mkdir(temporaryDir, { recursive: true, mode: 0o700 });
    return join(temporaryDir, `upload-${randomBytes(12).toString('hex')}`);
  };

  /** Streams to a temporary file, counting and hashing; past `limit` bytes it stops (or the source was cut, `truncated`). */
  async function receive(source: Readable, limit: number, truncated: () => boolean = () => false): Promise<Received> {
    const path = await temporaryPath();
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limit) return done(new TooLarge());
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      if (!(error instanceof TooLarge)) {
        await rm(path, { force: true });
        throw error;
      }
      // The rest of a source cut short is not read: a Readable given here is ours to drop.
      source.destroy();
      return { path, sizeBytes: size, sha256: '', tooLarge: true };
    }
    return { path, sizeBytes: size, sha256: hash.digest('hex'), tooLarge: truncated() };
  }

  async function digest(path: string) {
    const hash = createHash('sha256');
    await pipeline(createReadStream(path), hash);
    return { sha256: hash.digest('hex'), sizeBytes: (await stat(path)).size };
  }

  /** The checks after the file is on disk; the temporary files are always removed. */
  async function check(received: Received, rawName: string, limit: number): Promise<StageResult> {
    const leftovers = [received.path];
    try {
      if (received.tooLarge) return { ok: false, refusal: { reason: 'too_large', limitBytes: limit } };
      if (received.sizeBytes === 0) return { ok: false, refusal: { reason: 'empty' } };
      const detected = await fileTypeFromFile(received.path);
      const mime = detected?.mime;
      if (!mime || !Object.hasOwn(ALLOWED_TYPES, mime)) return { ok: false, refusal: { reason: 'type_not_allowed' } };
      const contentType = mime as DocumentContentType;
      if (!(await wholeFile(received.path, received.sizeBytes, contentType))) return { ok: false, refusal: { reason: 'damaged' } };
      let path = received.path;
      let { sha256, sizeBytes } = received;
      if (contentType === 'image/png' || contentType === 'image/jpeg') {
        const output = `${received.path}.out`;
        leftovers.push(output);
        try {
          // sharp writes no metadata unless asked (keepMetadata): EXIF, GPS, XMP and comments are gone.
          const image = sharp(received.path, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).rotate();
          await (contentType === 'image/png' ? image.png() : image.jpeg({ quality: 90 })).toFile(output);
        } catch (error) {
          if (/pixel limit/i.test((error as Error).message)) return { ok: false, refusal: { reason: 'image_too_large', limitPixels: MAX_IMAGE_PIXELS } };
          return { ok: false, refusal: { reason: 'type_not_allowed' } };
        }
        path = output;
        ({ sha256, sizeBytes } = await digest(output));
      }
      let scan: StagedFile['scan'];
      try {
        const verdict = await scanner.scan(path);
        if (verdict.verdict === 'infected') return { ok: false, refusal: { reason: 'malware', signature: verdict.signature } };
        scan = verdict.verdict;
      } catch (error) {
        if (error instanceof ScannerUnavailable) return { ok: false, refusal: { reason: 'scanner_unavailable' } };
        throw error;
      }
      const storageKey = newStorageKey();
      await storage.put(storageKey, createReadStream(path), sizeBytes);
      return { ok: true, file: { storageKey, fileName: sanitizeFileName(rawName), contentType, sizeBytes, sha256, scan } };
    } finally {
      await Promise.all(leftovers.map((p) => rm(p, { force: true })));
    }
  }

  return {
    /**
     * Removes what a crash left in the temporary folder: files older than an hour (another
     * process sharing DATA_DIR may be checking a newer one right now).
     */
    async sweepLeftovers(now = Date.now()): Promise<void> {
      const names = await readdir(temporaryDir).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.startsWith('upload-'))) {
        const path = join(temporaryDir, name);
        const info = await stat(path).catch(() => null);
        if (info && now - info.mtimeMs > 60 * 60 * 1000) await rm(path, { force: true });
      }
    },

    /** A file from elsewhere than a form (the demo seed, an import): the same checks as an upload. */
    async stage(input: { fileName: string; source: Readable | Buffer; maxBytes: number }): Promise<StageResult> {
      const source = Buffer.isBuffer(input.source) ? Readable.from([input.source]) : input.source;
      return check(await receive(source, input.maxBytes), input.fileName, input.maxBytes);
    },

    /**
     * Reads a streamed multipart form (a page declared with `multipart: true`): its `_csrf` field
     * must come before the file (forms put the hidden field first), else the request is refused
     * before a byte of the file is read. At most one file; other fields are short strings.
     */
    async receiveUpload(request: FastifyRequest, options: { maxBytes: number }): Promise<UploadResult> {
      const fields: Record<string, string> = {};
      let tokenChecked = false;
      let received: { file: Received; name: string } | undefined;
      try {
        for await (const part of request.parts({ limits: { fileSize: options.maxBytes } })) {
          if (part.type === 'field') {
            if (part.valueTruncated || part.fieldnameTruncated || typeof part.value !== 'string') throw new AppError('bad_request');
            if (part.fieldname === '_csrf') {
              if (!verifyCsrf(request, part.value)) throw new AppError('csrf');
              tokenChecked = true;
            } else fields[part.fieldname] = part.value;
            continue;
          }
          if (!tokenChecked) throw new AppError('csrf');
          // busboy stops at the limit and says so (`truncated`); the rest of the file is skipped, not stored.
          const file = part.file;
          received = { file: await receive(file, options.maxBytes, () => file.truncated), name: part.filename };
        }
      } catch (error) {
        if (received) await rm(received.file.path, { force: true });
        throw malformedMultipart(error);
      }
      if (!tokenChecked) throw new AppError('csrf');
      if (!received) return { ok: false, refusal: { reason: 'empty' }, fields };
      return { ...(await check(received.file, received.name, options.maxBytes)), fields };
    },

    /** Removes a staged file whose transaction did not attach it (nothing points to it). */
    discard(file: StagedFile): Promise<void> {
      return storage.remove(file.storageKey);
    },
  };
}

export type Uploads = ReturnType<typeof createUploads>;
