import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseClamdReply } from './scanner.ts';

test('clamd replies: OK is clean, FOUND names the signature, anything else is no answer', () => {
  assert.deepEqual(parseClamdReply('stream: OK\0'), { verdict: 'clean' });
  assert.deepEqual(parseClamdReply('stream: Eicar-Test-Signature.UNOFFICIAL FOUND\0'), { verdict: 'infected', signature: 'Eicar-Test-Signature.UNOFFICIAL' });
  assert.equal(parseClamdReply('INSTREAM size limit exceeded. ERROR\0'), null);
  assert.equal(parseClamdReply(''), null);
  assert.equal(parseClamdReply('stream:  FOUND'), null);
});
