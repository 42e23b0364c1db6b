import { join } from 'node:path';
import { z } from 'zod';
import { type Config, settingsOf } from '../platform/config.ts';
import { type ClamdAddress, clamdScanner, noScanner, type Scanner } from './scanner.ts';
import { filesystemStorage, s3Storage, type Storage } from './storage.ts';

const MiB = 1024 * 1024;
const S3_VARIABLES = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'] as const;

/**
 * Where documents are stored, how they are scanned and how large they may be. The S3 variables go
 * together (all of them when DOCUMENT_STORAGE=s3); clamd needs a socket or a host and port.
 */
export const settings = z
  .object({
    DOCUMENT_STORAGE: z.enum(['filesystem', 's3'], { message: 'must be filesystem or s3' }).optional(),
    S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://s3.ca-central-1.amazonaws.com' }).optional(),
    S3_REGION: z.string().optional(),
    S3_BUCKET: z.string().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
    MALWARE_SCANNER: z.enum(['none', 'clamd'], { message: 'must be none or clamd' }).optional(),
    CLAMD_SOCKET: z.string().optional(),
    CLAMD_HOST: z.string().optional(),
    CLAMD_PORT: z.coerce.number({ message: 'must be a port number' }).int('must be a port number').min(1, 'must be a port number').max(65535, 'must be a port number').optional(),
    DOCUMENT_MAX_BYTES: z.coerce.number({ message: 'must be a number of bytes' }).int('must be a number of bytes').min(1, 'must be a number of bytes').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.DOCUMENT_STORAGE === 's3') {
      for (const key of S3_VARIABLES) if (!v[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when DOCUMENT_STORAGE is s3' });
    }
    if (v.MALWARE_SCANNER === 'clamd' && !v.CLAMD_SOCKET && !(v.CLAMD_HOST && v.CLAMD_PORT)) {
      ctx.addIssue({ code: 'custom', path: ['CLAMD_SOCKET'], message: 'or CLAMD_HOST and CLAMD_PORT are required when MALWARE_SCANNER is clamd' });
    }
  });

export interface DocumentSettings {
  storage: Storage;
  scanner: Scanner;
  /** Where uploads are written while they are checked (DATA_DIR/tmp). */
  temporaryDir: string;
  /** The default limit for a document type that sets none. */
  maxBytes: number;
}

/** The storage, scanner and limits the configuration names. */
export function documentSettings(config: Config): DocumentSettings {
  const v = settingsOf(config, settings);
  const storage =
    v.DOCUMENT_STORAGE === 's3'
      ? s3Storage({
          endpoint: v.S3_ENDPOINT ?? '',
          region: v.S3_REGION ?? '',
          bucket: v.S3_BUCKET ?? '',
          accessKeyId: v.S3_ACCESS_KEY_ID ?? '',
          secretAccessKey: v.S3_SECRET_ACCESS_KEY ?? '',
          forcePathStyle: v.S3_FORCE_PATH_STYLE === 'true',
        })
      : filesystemStorage(join(config.dataDir, 'documents'));
  const address: ClamdAddress = v.CLAMD_SOCKET ? { socket: v.CLAMD_SOCKET } : { host: v.CLAMD_HOST ?? '', port: v.CLAMD_PORT ?? 3310 };
  return {
    storage,
    scanner: v.MALWARE_SCANNER === 'clamd' ? clamdScanner(address) : noScanner,
    temporaryDir: join(config.dataDir, 'tmp'),
    maxBytes: v.DOCUMENT_MAX_BYTES ?? 10 * MiB,
  };
}
