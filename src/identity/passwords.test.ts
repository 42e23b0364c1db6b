import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonPasswordCount, hashPassword, needsRehash, passwordProblem, verifyPassword } from './passwords.ts';

test('the shipped breached-password list holds at least 10,000 entries', () => {
  assert.ok(commonPasswordCount >= 10_000, String(commonPasswordCount));
});

test('password rules: length, common list, email', () => {
  assert.equal(passwordProblem('short', 'a@b.ca'), 'invalid.password.tooShort');
  assert.equal(passwordProblem('x'.repeat(129), 'a@b.ca'), 'invalid.password.tooLong');
  assert.equal(passwordProblem('x'.repeat(128), 'a@b.ca'), null);
  assert.equal(passwordProblem('password1234', 'a@b.ca'), 'invalid.password.common');
  assert.equal(passwordProblem('MarieCurie@exemple.ca!', 'mariecurie@exemple.ca'), 'invalid.password.containsEmail');
  assert.equal(passwordProblem('lune verte sur le fleuve', 'marie@exemple.ca'), null);
});

test('Argon2id at OWASP parameters, verified and flagged for rehash when they change', async () => {
  const h = await hashPassword('lune verte sur le fleuve');
  assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verifyPassword(h, 'lune verte sur le fleuve'), true);
  assert.equal(await verifyPassword(h, 'lune verte sur le fleuvE'), false);
  assert.equal(needsRehash(h), false);
  assert.equal(needsRehash(h.replace('m=19456', 'm=4096')), true);
});
