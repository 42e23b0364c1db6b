import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFileNumber, validFileNumberFormat } from './numbering.ts';

test('the office numbers its files CAR + year + eight digits', () => {
  assert.equal(formatFileNumber('CAR{year}{seq:8}', 2026, 1), 'CAR202600000001');
  assert.equal(formatFileNumber('CAR{year}{seq:8}', 2026, 12345678), 'CAR202612345678');
});

test('the default keeps the colleges’ registration numbers', () => {
  assert.equal(formatFileNumber('{year}-{seq:5}', 2026, 42), '2026-00042');
});

test('a format needs exactly one sequence and plain text around it', () => {
  for (const good of ['CAR{year}{seq:8}', '{year}-{seq:5}', 'P{seq:6}']) assert.ok(validFileNumberFormat(good), good);
  for (const bad of ['', 'CAR{year}', '{seq:4}{seq:4}', '{seq:0}', '{seq:13}', 'A {seq:4}', '{name}{seq:4}', '<b>{seq:4}', 'X'.repeat(41) + '{seq:4}']) {
    assert.equal(validFileNumberFormat(bad), false, bad);
  }
});
