import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebhookSignatureError } from './port.ts';
import { signatureHeader, verifySignature } from './signature.ts';

const body = Buffer.from('{"id":"evt_1","type":"checkout.paid"}');
const now = new Date('2026-12-01T20:00:00Z');
const t = now.getTime() / 1000;

test('a signature over the exact bytes, within five minutes either way, verifies; a second v1 (a rotated secret) is accepted', () => {
  verifySignature('secret', body, signatureHeader('secret', body, t), now);
  verifySignature('secret', body, signatureHeader('secret', body, t - 299), now);
  verifySignature('secret', body, signatureHeader('secret', body, t + 299), now);
  const rotated = `${signatureHeader('old-secret', body, t)},v1=${signatureHeader('secret', body, t).split('v1=')[1]}`;
  verifySignature('secret', body, rotated, now);
});

test('anything else is a WebhookSignatureError', () => {
  const refused = [
    signatureHeader('secret', body, t - 301),
    signatureHeader('secret', body, t + 301),
    signatureHeader('other', body, t),
    signatureHeader('secret', Buffer.from(`${body} `), t),
    `t=${t}`,
    `v1=${'0'.repeat(64)}`,
    `t=${t},v1=zz`,
    `t=${t},v0=${signatureHeader('secret', body, t).split('v1=')[1]}`,
    '',
  ];
  for (const header of refused) assert.throws(() => verifySignature('secret', body, header, now), WebhookSignatureError, header);
  assert.throws(() => verifySignature('secret', body, undefined, now), WebhookSignatureError);
  assert.throws(() => verifySignature('secret', body, [signatureHeader('secret', body, t)], now), WebhookSignatureError);
});
