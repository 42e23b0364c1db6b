import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validUntil } from './validity.ts';

test('a result counts through the day before the same date, the months later', () => {
  assert.equal(validUntil('2024-03-15', 24), '2026-03-14');
  assert.equal(validUntil('2025-11-01', 24), '2027-10-31');
  assert.equal(validUntil('2025-12-10', 1), '2026-01-09', 'across a year');
  assert.equal(validUntil('2024-01-01', 12), '2024-12-31');
});

test('a sitting on a day a shorter month lacks ends on that month’s last day less one', () => {
  assert.equal(validUntil('2024-01-31', 1), '2024-02-28', 'February 2024 has 29 days');
  assert.equal(validUntil('2024-02-29', 24), '2026-02-27');
});
