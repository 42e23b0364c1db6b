import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentStatus } from './schema.ts';
import { canSetStatus, type SettableStatus } from './states.ts';

test('status moves: from → to, allowed or not', () => {
  const table: [DocumentStatus, SettableStatus, boolean][] = [
    ['received', 'accepted', true],
    ['received', 'needs_replacing', true],
    ['received', 'no_longer_needed', true],
    ['accepted', 'needs_replacing', true],
    ['accepted', 'accepted', false],
    ['needs_replacing', 'accepted', true],
    ['needs_replacing', 'needs_replacing', false],
    ['no_longer_needed', 'accepted', false],
    ['no_longer_needed', 'needs_replacing', false],
    ['no_longer_needed', 'no_longer_needed', false],
  ];
  for (const [from, to, allowed] of table) assert.equal(canSetStatus(from, to), allowed, `${from} → ${to}`);
});
