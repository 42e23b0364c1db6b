import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField, toCsv } from './csv.ts';

test('CSV fields: quoted when they must be, quotes doubled, a formula disarmed, a negative number kept', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a, b'), '"a, b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(' padded'), '" padded"');
  assert.equal(csvField('=SUM(A1)'), "'=SUM(A1)");
  assert.equal(csvField('-12'), '-12');
});

test('a file: CRLF lines, null as empty, the byte order mark when asked', () => {
  assert.equal(toCsv([['a', 1, null], ['é', 'x,y', 2]]), 'a,1,\r\né,"x,y",2\r\n');
  assert.ok(toCsv([['a']], { bom: true }).startsWith('\ufeffa'));
});
