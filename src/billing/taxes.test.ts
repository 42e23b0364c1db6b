import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMoney } from '../platform/i18n/index.ts';
import { dollars, parseDollars, taxesOf } from './taxes.ts';

test('taxes by province, in cents, rounded half up once per invoice', () => {
  assert.deepEqual(taxesOf('QC', 10_000).map((t) => [t.code, t.cents]), [['GST', 500], ['QST', 998]]);
  assert.deepEqual(taxesOf('ON', 10_000).map((t) => [t.code, t.cents]), [['HST', 1300]]);
  assert.deepEqual(taxesOf('NS', 10_000).map((t) => [t.code, t.cents]), [['HST', 1400]]);
  assert.deepEqual(taxesOf('AB', 10_000).map((t) => [t.code, t.cents]), [['GST', 500]]);
  // 9.975 % of 0.10 $ is 0.9975 ¢: rounds to 1 ¢; of 0.05 $ is 0.49875 ¢: rounds to 0.
  assert.equal(taxesOf('QC', 10)[1]?.cents, 1);
  assert.equal(taxesOf('QC', 5)[1]?.cents, 0);
  // 5 % of 0.10 $ is exactly 0.5 ¢: half up.
  assert.equal(taxesOf('AB', 10)[0]?.cents, 1);
  assert.deepEqual(taxesOf('QC', 0), []);
});

test('money in both languages, and typed amounts', () => {
  assert.equal(formatMoney('fr', 123_456), '1\u00a0234,56\u00a0$');
  assert.equal(formatMoney('en', 123_456), '$1,234.56');
  assert.equal(formatMoney('fr', 5), '0,05\u00a0$');
  assert.throws(() => formatMoney('fr', 1.5), RangeError, 'an amount is whole cents');
  assert.equal(parseDollars('12,5'), 1250);
  assert.equal(parseDollars('1 234.56 $'), 123_456);
  assert.equal(parseDollars('12.345'), null);
  assert.equal(parseDollars('-3'), null);
  assert.equal(dollars(123_450), '1234.50');
  assert.equal(dollars(-5), '-0.05');
});
