// The storage contract on the filesystem and on an S3-compatible server (s3rver, started here).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { storageContract } from './storage.contract.ts';
import { filesystemStorage, newStorageKey, s3Storage, type Storage } from './storage.ts';

describe('filesystem storage', () => {
  const root = mkdtempSync(join(tmpdir(), 'guichet-storage-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  storageContract('filesystem', () => filesystemStorage(join(root, 'documents')));

  test('filesystem: nothing is left in the temporary folder, and a file is readable by its owner only', async () => {
    const storage = filesystemStorage(join(root, 'documents'));
    const key = newStorageKey();
    await storage.put(key, Buffer.from('x'));
    assert.deepEqual(readdirSync(join(root, 'documents', '.incoming')), []);
    assert.equal(statSync(join(root, 'documents', key)).mode & 0o777, 0o600);
  });
});

describe('S3-compatible storage (s3rver)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'guichet-s3rver-'));
  let server: S3rver;
  let storage: Storage;
  before(async () => {
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
    const address = await server.run();
    const endpoint = `http://127.0.0.1:${address.port}`;
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    const admin = new S3Client({ endpoint, region: 'ca-central-1', forcePathStyle: true, credentials });
    await admin.send(new CreateBucketCommand({ Bucket: 'guichet-documents' }));
    admin.destroy();
    storage = s3Storage({ endpoint, region: 'ca-central-1', bucket: 'guichet-documents', forcePathStyle: true, ...credentials });
  });
  after(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });
  storageContract('s3', () => storage);
});
