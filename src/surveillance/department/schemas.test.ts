import assert from 'node:assert/strict';
import { test } from 'node:test';
import { casesQuery, figuresPeriod } from './schemas.ts';

test('the figures’ period: the last twelve months by default; a wrong or reversed date is named and the default shown', () => {
  assert.deepEqual(figuresPeriod({}, '2026-11-22'), { from: '2025-11-22', to: '2026-11-22', errors: {} });
  assert.deepEqual(figuresPeriod({ from: '2026-01-01', to: '2026-06-30' }, '2026-11-22'), { from: '2026-01-01', to: '2026-06-30', errors: {} });
  assert.deepEqual(figuresPeriod({ from: '2026-02-30' }, '2026-11-22').errors, { from: 'invalid.surveillance.department.period' });
  assert.deepEqual(figuresPeriod({ from: '2026-06-30', to: '2026-01-01' }, '2026-11-22'), { from: '2025-11-22', to: '2026-11-22', errors: { to: 'invalid.surveillance.department.period' } });
  assert.deepEqual(figuresPeriod({ from: ['2026-01-01', 'x'] }, '2026-11-22').errors, { from: 'invalid.surveillance.department.period' });
});

test('the list’s filters: a value that is not a choice is dropped, not refused', () => {
  assert.deepEqual(casesQuery.parse({ status: 'moved', province: 'QC', overdue: 'yes', page: '2' }), { status: 'moved', province: 'QC', overdue: 'yes', page: 2 });
  assert.deepEqual(casesQuery.parse({ status: 'nonsense', province: 'XX', organizationId: 'nope', overdue: 'no', page: '-1' }), { status: undefined, province: undefined, organizationId: undefined, overdue: undefined, page: undefined });
});
