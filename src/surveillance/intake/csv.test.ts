import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNotices, importable, noticeColumns } from './csv.ts';

const header = noticeColumns.join(',');

test('every line is read with the notice schema: its problems by field and catalog key, a notice when it has none', () => {
  const report = checkNotices(
    [
      header,
      'A-1,Roy,Léa,1990-01-01,UCI1111,1 King St,,Toronto,on,m5h1a1,,,2026-11-20,routine',
      'A-2,Roy,Léa,1990-01-01,UCI1111,,,,,,,,2026-11-20,urgent',
      'A-1,Roy,Léa,1990-01-01,UCI1111,,,,,,,,2026-11-20,urgent',
      'A-3,Roy,Léa,1990-01-01,UCI1111,,,Toronto,ON,,,,2026-11-20,routine',
    ].join('\r\n'),
  );
  assert.equal(report.fileProblem, null);
  assert.deepEqual(report.lines.map((l) => l.line), [2, 3, 4, 5]);
  assert.deepEqual(report.lines[0]!.problems, [{ field: 'province', key: 'invalid.surveillance.province' }], 'a province is its code, in capitals');
  assert.equal(report.lines[1]!.notice?.province, null, 'no province: received unrouted');
  assert.deepEqual(report.lines[2]!.problems, [{ field: 'noticeNumber', key: 'surveillance.intake.import.problem.duplicate' }]);
  assert.deepEqual(report.lines[3]!.problems.map((p) => p.field), ['addressLine1', 'postalCode'], 'with a province, the street and postal code are needed');
  assert.equal(importable(report), false);
});

test('the columns may come in any order, with a byte-order mark and spaces; a notice is normalised', () => {
  const report = checkNotices('\uFEFF code , arrival_date,notice_number,family_name,given_names,date_of_birth,client_id\nurgent,2026-11-20,B-1, Nguyen ,Minh,1985-02-03,UCI2222\n');
  assert.deepEqual(report.lines[0]!.problems, []);
  assert.equal(report.lines[0]!.notice?.familyName, 'Nguyen');
  assert.equal(report.lines[0]!.notice?.code, 'urgent');
  assert.equal(importable(report), true);
});

test('a file that cannot be read says why, and nothing of it is read', () => {
  assert.equal(checkNotices('').fileProblem, 'empty');
  assert.equal(checkNotices(header).fileProblem, 'empty');
  assert.equal(checkNotices('notice_number,family_name\nA-1,Roy').fileProblem, 'missing_columns');
  assert.equal(checkNotices(`${header}\n"unclosed,quote`).fileProblem, 'unreadable');
});
