import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { codeAt, enrolment, matchingStep, newAppKey } from './totp.ts';
import { newRecoveryCode, normaliseRecoveryCode, recoveryCodeMatches, hashRecoveryCode } from './recovery-codes.ts';

// RFC 6238, appendix B, SHA-1 seed "12345678901234567890"; the 6-digit codes are the last 6 of the 8.
const rfcKey = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const vectors: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

/** An independent HOTP (RFC 4226) over node:crypto, to check the library against. */
function independentCode(base32: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

test('TOTP codes match the RFC 6238 test vectors', () => {
  for (const [seconds, eight] of vectors) {
    assert.equal(codeAt(rfcKey, new Date(seconds * 1000)), eight.slice(2), `T=${seconds}`);
  }
});

test('TOTP codes match an independent implementation at fixed clocks, for fresh keys', () => {
  for (let i = 0; i < 20; i++) {
    const key = newAppKey();
    const at = new Date(Date.UTC(2026, 10, 23, 12, 0, i * 7));
    assert.equal(codeAt(key, at), independentCode(key, at));
  }
});

test('one step of drift is accepted each way, two are not; the step returned is the code’s', () => {
  const key = newAppKey();
  const now = new Date('2026-11-23T12:00:10Z');
  const step = Math.floor(now.getTime() / 30_000);
  const at = (steps: number) => new Date(now.getTime() + steps * 30_000);
  assert.equal(matchingStep(key, codeAt(key, now), now), step);
  assert.equal(matchingStep(key, codeAt(key, at(-1)), now), step - 1);
  assert.equal(matchingStep(key, codeAt(key, at(1)), now), step + 1);
  assert.equal(matchingStep(key, codeAt(key, at(-2)), now), null);
  assert.equal(matchingStep(key, codeAt(key, at(2)), now), null);
  assert.equal(matchingStep(key, 'abcdef', now), null);
  assert.equal(matchingStep(key, `${codeAt(key, now)}1`, now), null);
});

test('enrolment gives an SVG QR code and the key in groups of four', () => {
  const key = newAppKey();
  const { qrSvg, groupedKey } = enrolment(key, 'nadia@example.ca', 'Guichet');
  assert.match(qrSvg, /^<svg [^>]*viewBox/);
  assert.equal(groupedKey.replace(/ /g, ''), key);
  assert.equal(key.length, 32, '160-bit key');
});

test('recovery codes carry 65 bits, read forgivingly, and match only their own hash', async () => {
  const codes = new Set(Array.from({ length: 200 }, newRecoveryCode));
  assert.equal(codes.size, 200);
  const code = newRecoveryCode();
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$/);
  const stored = await hashRecoveryCode(code);
  assert.doesNotMatch(stored, new RegExp(normaliseRecoveryCode(code)));
  assert.match(stored, /^\$argon2id\$/);
  assert.equal(await recoveryCodeMatches(stored, code.toLowerCase().replace(/-/g, ' ')), true);
  assert.equal(await recoveryCodeMatches(stored, newRecoveryCode()), false);
  assert.equal(normaliseRecoveryCode('o1il-'), '0111');
});
