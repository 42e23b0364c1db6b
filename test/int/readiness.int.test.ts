// GET /readyz: 200 when the database (every migration applied) and the document storage answer;
// 503 naming what does not, and never why.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { sql } from 'drizzle-orm';
import S3rver from 's3rver';
import { queryRows } from '../../src/platform/db.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

const directory = mkdtempSync(join(tmpdir(), 'guichet-readyz-'));
let server: S3rver;
let t: TestApp;

before(async () => {
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const admin = new S3Client({ endpoint, region: 'ca-central-1', forcePathStyle: true, credentials });
  await admin.send(new CreateBucketCommand({ Bucket: 'guichet-readyz' }));
  admin.destroy();
  t = await createTestApp({
    env: { DOCUMENT_STORAGE: 's3', S3_ENDPOINT: endpoint, S3_REGION: 'ca-central-1', S3_BUCKET: 'guichet-readyz', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' },
  });
});
after(async () => {
  await t.close();
  await server.close().catch(() => {});
  rmSync(directory, { recursive: true, force: true });
});

test('ready when the database and the bucket answer; the answer is never cached', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ready' });
  assert.equal(res.headers['cache-control'], 'no-store');
});

test('a migration not applied: not ready, the database named', async () => {
  const [last] = await queryRows<{ name: string }>(t.database.db, sql`select name from schema_migrations order by name desc limit 1`);
  await t.database.db.execute(sql`delete from schema_migrations where name = ${last!.name}`);
  try {
    const res = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { status: 'not_ready', failing: ['database'] });
    assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'alive all the same');
  } finally {
    await t.database.db.execute(sql`insert into schema_migrations (name) values (${last!.name})`);
  }
});

test('the bucket gone: not ready, the storage named (and nothing of its address)', async () => {
  await server.close();
  const res = await t.app.inject({ method: 'GET', url: '/readyz' });
  assert.equal(res.statusCode, 503);
  assert.deepEqual(res.json(), { status: 'not_ready', failing: ['storage'] });
  assert.doesNotMatch(res.body, /127\.0\.0\.1|S3RVER/);
});
