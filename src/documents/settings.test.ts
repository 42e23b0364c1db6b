import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../platform/config.ts';
import { documentSettings, settings } from './settings.ts';

const base = { NODE_ENV: 'test', SESSION_SECRET: 'test-secret-test-secret-test-secret-0123', DATA_DIR: '/tmp/guichet-settings' };
const load = (env: Record<string, string>) => loadConfig({ ...base, ...env }, [{ schema: settings }]);

test('by default: files under DATA_DIR/documents, no scanner, 10 MiB', () => {
  const s = documentSettings(load({}));
  assert.equal(s.scanner.name, 'none');
  assert.equal(s.maxBytes, 10 * 1024 * 1024);
  assert.equal(s.temporaryDir, '/tmp/guichet-settings/tmp');
});

test('S3 needs all its variables, clamd an address, and every wrong one is named together', () => {
  assert.throws(
    () => load({ DOCUMENT_STORAGE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000', MALWARE_SCANNER: 'clamd' }),
    (error: Error) => {
      for (const key of ['S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'CLAMD_SOCKET']) assert.match(error.message, new RegExp(`${key} `));
      assert.doesNotMatch(error.message, /S3_ENDPOINT/);
      return true;
    },
  );
  assert.throws(() => load({ DOCUMENT_STORAGE: 'disk', DOCUMENT_MAX_BYTES: 'ten', MALWARE_SCANNER: 'clamav' }), (error: Error) => {
    assert.match(error.message, /DOCUMENT_STORAGE must be filesystem or s3/);
    assert.match(error.message, /DOCUMENT_MAX_BYTES must be a number of bytes/);
    assert.match(error.message, /MALWARE_SCANNER must be none or clamd/);
    return true;
  });
});

test('a complete S3 and clamd configuration is taken', () => {
  const s = documentSettings(
    load({
      DOCUMENT_STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_REGION: 'ca-central-1',
      S3_BUCKET: 'documents',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
      MALWARE_SCANNER: 'clamd',
      CLAMD_HOST: '127.0.0.1',
      CLAMD_PORT: '3310',
      DOCUMENT_MAX_BYTES: '5242880',
    }),
  );
  assert.equal(s.scanner.name, 'clamd');
  assert.equal(s.maxBytes, 5242880);
});
