import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSize } from './upload.ts';

test('sizes read as people read them, in each language', () => {
  assert.equal(formatSize('en', 10 * 1024 * 1024), '10 MB');
  assert.equal(formatSize('fr', 10 * 1024 * 1024), '10\u00a0Mo');
  assert.equal(formatSize('en', 1.5 * 1024 * 1024), '1.5 MB');
  assert.equal(formatSize('fr', 1.5 * 1024 * 1024), '1,5\u00a0Mo');
  assert.equal(formatSize('en', 25 * 1024 * 1024), '25 MB');
  assert.equal(formatSize('en', 50 * 1024), '50 KB');
  assert.equal(formatSize('fr', 50 * 1024), '50\u00a0ko');
});
