import { randomBytes } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/**
 * Where the files of supporting documents are kept, by a key the portal made (`newStorageKey`):
 * never a name a person chose. Objects are written once and never changed; `remove` only discards
 * a file that no row points to (a staged upload whose transaction failed).
 */
export interface Storage {
  put(key: string, source: Readable | Buffer, size?: number): Promise<void>;
  /** The object's bytes; rejects with `StoredObjectMissing` when there is none under that key. */
  get(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  /** Resolves when the store can be written and read now (the readiness check); rejects otherwise. */
  ready(): Promise<void>;
}

export class StoredObjectMissing extends Error {
  override name = 'StoredObjectMissing';
}

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;

/** A fresh random key, spread over 256 folders so no folder holds millions of files. */
export function newStorageKey(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 2)}/${hex}`;
}

function checked(key: string): string {
  // Keys come from newStorageKey only; anything else (a path, "..") is a bug, refused before any I/O.
  if (!KEY.test(key)) throw new Error('not a storage key');
  return key;
}

/**
 * Files under one folder (`DATA_DIR/documents`): each written to a temporary file in the same
 * folder tree, then renamed into place, so a crash never leaves half a file under a key.
 */
export function filesystemStorage(root: string): Storage {
  const pathOf = (key: string) => join(root, checked(key));
  return {
    async put(key, source) {
      const path = pathOf(key);
      const temporary = join(root, '.incoming', randomBytes(12).toString('hex'));
      await mkdir(join(root, '.incoming'), { recursive: true });
      await mkdir(join(path, '..'), { recursive: true });
      try {
        await pipeline(Buffer.isBuffer(source) ? Readable.from([source]) : source, createWriteStream(temporary, { flags: 'wx', mode: 0o600 }));
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(key) {
      try {
        // Opened here, so a missing file is this call's rejection, not a stream error later.
        const handle = await open(pathOf(key), 'r');
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredObjectMissing(key);
        throw error;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async ready() {
      await mkdir(root, { recursive: true });
      await access(root, constants.R_OK | constants.W_OK);
    },
  };
}

export interface S3Settings {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

async function buffered(source: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** An S3-compatible bucket (AWS, MinIO, Ceph…): path-style addressing for those that need it. */
export function s3Storage(settings: S3Settings): Storage {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // The SDK's default checksums send streams as aws-chunked bodies, which several S3-compatible
    // servers store as they came (framing and all): checksums only where an operation requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;
  return {
    async put(key, source, size) {
      // A stream needs its length up front (S3 refuses chunked uploads without it): callers know
      // it; a stream of unknown length is read into memory first.
      const Body = Buffer.isBuffer(source) || size === undefined ? (Buffer.isBuffer(source) ? source : await buffered(source)) : source;
      const ContentLength = Buffer.isBuffer(Body) ? Body.length : size;
      await client.send(new PutObjectCommand({ Bucket, Key: checked(key), Body, ContentLength }));
    },
    async get(key) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: checked(key) }));
        return answer.Body as Readable;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') throw new StoredObjectMissing(key);
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checked(key) }));
    },
    async ready() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  };
}
