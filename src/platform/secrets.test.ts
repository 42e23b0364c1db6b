import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret } from './config.ts';
import { createKeyedDigest, createSealer, type SessionKeys } from './secrets.ts';

const OLD = 'a-session-secret-of-enough-length-0123456';
const NEW = 'another-session-secret-of-enough-length-01';
const keys = (current: string, previous?: string): SessionKeys => ({ sessionSecret: new Secret(current), previousSessionSecret: previous ? new Secret(previous) : null });

test('a sealed value opens with the same secret and purpose only, and tampering is detected', () => {
  const sealer = createSealer(keys(OLD), 'totp');
  const sealed = sealer.seal('JBSWY3DPEHPK3PXP');
  assert.notEqual(sealed, sealer.seal('JBSWY3DPEHPK3PXP'), 'a fresh IV each time');
  assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/);
  assert.equal(sealer.open(sealed), 'JBSWY3DPEHPK3PXP');
  assert.throws(() => createSealer(keys(NEW), 'totp').open(sealed));
  assert.throws(() => createSealer(keys(OLD), 'oidc').open(sealed));
  const [v, iv, body = ''] = sealed.split('.');
  const flipped = `${v}.${iv}.${body.slice(0, 4)}${body[4] === 'A' ? 'B' : 'A'}${body.slice(5)}`;
  assert.throws(() => sealer.open(flipped));
  assert.throws(() => createSealer(keys(NEW, OLD), 'totp').open(flipped), 'tampering is still detected with two secrets');
});

test('while the secret changes, what the old one sealed still opens, and what is sealed now is under the new one only', () => {
  const before = createSealer(keys(OLD), 'totp').seal('JBSWY3DPEHPK3PXP');
  const during = createSealer(keys(NEW, OLD), 'totp');
  assert.equal(during.open(before), 'JBSWY3DPEHPK3PXP');
  const now = during.seal('JBSWY3DPEHPK3PXP');
  assert.equal(createSealer(keys(NEW), 'totp').open(now), 'JBSWY3DPEHPK3PXP', 'opens once the old secret is gone');
  assert.throws(() => createSealer(keys(OLD), 'totp').open(now), 'not under the old one');
  assert.throws(() => createSealer(keys(NEW, 'a-third-secret-of-enough-length-0123456789'), 'totp').open(before), 'nor under a secret never used');
});

test('a keyed digest is the current secret\'s, and during a change its candidates hold the old one\'s second', () => {
  const old = createKeyedDigest(keys(OLD), 'unknown-email');
  const during = createKeyedDigest(keys(NEW, OLD), 'unknown-email');
  assert.equal(during('a@example.ca'), createKeyedDigest(keys(NEW), 'unknown-email')('a@example.ca'));
  assert.notEqual(during('a@example.ca'), old('a@example.ca'));
  assert.deepEqual(during.candidates('a@example.ca'), [during('a@example.ca'), old('a@example.ca')]);
  assert.deepEqual(old.candidates('a@example.ca'), [old('a@example.ca')]);
  assert.notEqual(createKeyedDigest(keys(OLD), 'access-tracking')('a@example.ca'), old('a@example.ca'), 'one key per purpose');
});
