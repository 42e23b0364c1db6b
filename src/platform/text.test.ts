import assert from 'node:assert/strict';
import { test } from 'node:test';
import { email, line, lines, msg } from './text.ts';

const issues = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) =>
  schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

test('one line refuses every C0 and C1 control character and DEL, first of its errors', () => {
  const name = line().min(1, msg('invalid.required')).max(5, msg('invalid.tooLong'));
  for (const c of ['\u0000', '\u0001', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009f']) {
    assert.equal(issues(name, `a${c}b`)[0], 'invalid.controlCharacters', JSON.stringify(c));
  }
  assert.deepEqual(issues(name, 'a\u0000 too long'), ['invalid.controlCharacters', 'invalid.tooLong']);
  assert.deepEqual(issues(name, ['a', 'b']), ['invalid.required'], 'an array is not a string');
});

test('a textarea keeps tabs and line breaks but refuses the other control characters', () => {
  const note = lines();
  assert.equal(note.parse(' one\r\n\ttwo\n'), 'one\r\n\ttwo');
  for (const c of ['\u0000', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085']) assert.deepEqual(issues(note, `a${c}b`), ['invalid.controlCharacters']);
});

test('text is trimmed and in NFC; other invisible characters (format, not control) are kept', () => {
  assert.equal(line().parse('  E\u0301loi\u0308se '), 'Éloïse');
  assert.equal(line().parse('a\u200bb'), 'a\u200bb');
});

test('an email with a control character is simply invalid', () => {
  assert.equal(email.parse(' nom@exemple.ca '), 'nom@exemple.ca');
  for (const v of ['nom\u0000@exemple.ca', 'nom@exemple.ca\u0000', '\u0000nom@exemple.ca', 'nom@exemple.ca\n']) assert.deepEqual(issues(email, v), ['invalid.email'], JSON.stringify(v));
});
