import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachmentHeader, sanitizeFileName } from './names.ts';

test('a file name loses its folders, control and reordering characters, and is composed', () => {
  assert.equal(sanitizeFileName('C:\\Users\\ana\\Relevé de notes.pdf'), 'Relevé de notes.pdf');
  assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
  assert.equal(sanitizeFileName('Rele\u0301ve\u0301.pdf'), 'Relévé.pdf');
  assert.equal(sanitizeFileName('Rele\u0301ve\u0301.pdf').length, 10);
  assert.equal(sanitizeFileName('facture\u202Efdp.exe'), 'facturefdp.exe');
  assert.equal(sanitizeFileName('a\u0000b\nc\t.pdf'), 'abc.pdf');
  assert.equal(sanitizeFileName('.hidden'), 'hidden');
  assert.equal(sanitizeFileName('   '), 'document');
  assert.equal(sanitizeFileName('/'), 'document');
});

test('a long name is cut to 200 characters, keeping its extension', () => {
  const long = sanitizeFileName(`${'é'.repeat(300)}.pdf`);
  assert.equal([...long].length, 200);
  assert.ok(long.endsWith('é.pdf'));
  assert.equal([...sanitizeFileName('x'.repeat(300))].length, 200);
});

test('the download names the file in UTF-8 with an ASCII fallback', () => {
  assert.equal(attachmentHeader('Relevé de notes.pdf'), `attachment; filename="Releve de notes.pdf"; filename*=UTF-8''Relev%C3%A9%20de%20notes.pdf`);
  assert.equal(attachmentHeader('a"b\\c.pdf'), `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  assert.equal(attachmentHeader('日本.png'), `attachment; filename="__.png"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.png`);
  assert.equal(attachmentHeader("l'été (1).pdf"), `attachment; filename="l'ete (1).pdf"; filename*=UTF-8''l%27%C3%A9t%C3%A9%20%281%29.pdf`);
});
