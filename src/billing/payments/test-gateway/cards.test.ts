import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brandOf, cardDigits, outcomeOf, parseExpiry, TEST_CARDS } from './cards.ts';

test('card numbers: Luhn-checked, spaces and dashes allowed; the test cards have their outcomes, any other valid number succeeds', () => {
  assert.equal(cardDigits('4242 4242 4242 4242'), TEST_CARDS.success);
  assert.equal(cardDigits('4000-0000-0000-0002'), TEST_CARDS.declined);
  for (const card of Object.values(TEST_CARDS)) assert.equal(cardDigits(card), card);
  assert.equal(cardDigits('4242 4242 4242 4241'), null);
  assert.equal(cardDigits('42424242'), null);
  assert.equal(cardDigits('4242x4242'), null);
  assert.equal(outcomeOf(TEST_CARDS.challenge), 'challenge');
  assert.equal(outcomeOf(TEST_CARDS.networkFailure), 'networkFailure');
  assert.equal(outcomeOf('5555555555554444'), 'success');
  assert.deepEqual(['4242424242424242', '5555555555554444', '378282246310005', '6011111111111117'].map(brandOf), ['visa', 'mastercard', 'amex', 'discover']);
});

test('expiry: MM/YY, valid through its month', () => {
  const now = new Date('2026-12-15T12:00:00Z');
  assert.deepEqual(parseExpiry('12/26', now), { month: 12, year: 2026 });
  assert.deepEqual(parseExpiry('0434', now), { month: 4, year: 2034 });
  assert.deepEqual(parseExpiry('4 / 2030', now), { month: 4, year: 2030 });
  assert.equal(parseExpiry('11/26', now), 'expired');
  assert.equal(parseExpiry('13/30', now), 'invalid');
  assert.equal(parseExpiry('soon', now), 'invalid');
});
