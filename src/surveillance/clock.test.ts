import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reportDeadline } from './clock.ts';

const limits = { routineDays: 30, urgentDays: 7 };

test('a routine case is due 30 days after arrival, an urgent one 7', () => {
  assert.equal(reportDeadline('2026-03-02', 'routine', 'ON', limits).due, '2026-04-01');
  assert.equal(reportDeadline('2026-03-02', 'urgent', 'ON', limits).due, '2026-03-09');
});

test('a due day on a weekend moves to the next business day, and says so', () => {
  // 2026-03-07 + 7 = 2026-03-14, a Saturday.
  const d = reportDeadline('2026-03-07', 'urgent', 'QC', limits);
  assert.equal(d.reached, '2026-03-14');
  assert.equal(d.due, '2026-03-16');
  assert.deepEqual(d.moved.map((m) => m.reason), ['saturday', 'sunday']);
});

test('the holidays are those of the province of residence', () => {
  // 2026-06-17 + 7 = 2026-06-24: la Fête nationale in Québec, a working day in Ontario.
  assert.equal(reportDeadline('2026-06-17', 'urgent', 'QC', limits).due, '2026-06-25');
  assert.equal(reportDeadline('2026-06-17', 'urgent', 'ON', limits).due, '2026-06-24');
  assert.equal(reportDeadline('2026-06-17', 'urgent', null, limits).jurisdiction, 'federal');
});
