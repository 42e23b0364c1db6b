import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Secret } from './config.ts';
import { createSealer } from './secrets.ts';

test('a sealed value opens with the same secret and purpose only, and tampering is detected', () => {
  const sealer = createSealer(new Secret('a-session-secret-of-enough-length-0123456'), 'totp');
  const sealed = sealer.seal('JBSWY3DPEHPK3PXP');
  assert.notEqual(sealed, sealer.seal('JBSWY3DPEHPK3PXP'), 'a fresh IV each time');
  assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/);
  assert.equal(sealer.open(sealed), 'JBSWY3DPEHPK3PXP');
  assert.throws(() => createSealer(new Secret('another-session-secret-of-enough-length-01'), 'totp').open(sealed));
  assert.throws(() => createSealer(new Secret('a-session-secret-of-enough-length-0123456'), 'oidc').open(sealed));
  const [v, iv, body = ''] = sealed.split('.');
  const flipped = `${v}.${iv}.${body.slice(0, 4)}${body[4] === 'A' ? 'B' : 'A'}${body.slice(5)}`;
  assert.throws(() => sealer.open(flipped));
});
