import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { csvField } from './export.ts';

test('CSV fields are quoted when they must be, and never start a formula', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('-50.00'), '-50.00', 'a negative amount stays a number');
  const line = ['a,b', 'say "hi"', 'two\nlines', '=1+1'].map(csvField).join(',');
  assert.deepEqual(parse(line), [['a,b', 'say "hi"', 'two\nlines', "'=1+1"]]);
});
