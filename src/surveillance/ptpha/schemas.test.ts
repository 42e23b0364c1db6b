import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listQuery, reportSchema, searchSchema } from './schemas.ts';
import { daysBetween } from './service.ts';

test('a search names someone: a name, a client ID or a date of birth', () => {
  assert.equal(searchSchema.safeParse({ name: '', clientId: '', dateOfBirth: '' }).success, false);
  assert.deepEqual(searchSchema.parse({ name: ' Hélène ' }), { name: 'Hélène', clientId: null, dateOfBirth: null });
  assert.equal(searchSchema.safeParse({ dateOfBirth: '1990-02-30' }).success, false);
  assert.equal(searchSchema.safeParse({ clientId: 'UCI 12' }).success, false);
});

test('a report of a move names the province; any other status drops it', () => {
  assert.equal(reportSchema.safeParse({ status: 'moved', statusOn: '2026-11-20' }).success, false);
  assert.equal(reportSchema.parse({ status: 'moved', statusOn: '2026-11-20', movedToProvince: 'QC' }).movedToProvince, 'QC');
  assert.equal(reportSchema.parse({ status: 'compliant', statusOn: '2026-11-20', movedToProvince: 'QC' }).movedToProvince, null);
  assert.equal(reportSchema.safeParse({ status: 'done', statusOn: '2026-11-20' }).success, false);
});

test('the list’s filters: a wrong value is no filter', () => {
  assert.deepEqual(listQuery.parse({ status: 'nonsense', queue: 'overdue', from: '2026-13-01', page: '-3' }), { status: undefined, queue: 'overdue', from: undefined, page: 1 });
});

test('days between two local days, either way, across a DST change', () => {
  assert.equal(daysBetween('2026-11-22', '2026-11-27'), 5);
  assert.equal(daysBetween('2026-11-22', '2026-11-02'), -20);
  assert.equal(daysBetween('2026-03-07', '2026-03-09'), 2);
});
