import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hundredthsOf, siteSchema } from './schemas.ts';

test('hours as typed: at most two decimals, either separator, more than zero', () => {
  assert.equal(hundredthsOf('12'), 1200);
  assert.equal(hundredthsOf('12.5'), 1250);
  assert.equal(hundredthsOf('12,75'), 1275, 'the French decimal comma');
  assert.equal(hundredthsOf(' 0.01 '), 1);
  assert.equal(hundredthsOf('12.345'), null, 'three decimals are refused, never rounded');
  assert.equal(hundredthsOf('0'), null);
  assert.equal(hundredthsOf('-3'), null);
  assert.equal(hundredthsOf('1e3'), null);
});

test('a site: the postal code normalized, the end not before the start', () => {
  const base = { name: 'Clinique', addressLine1: '1 rue', city: 'Québec', province: 'QC', postalCode: 'g1r4s9', startedOn: '2024-01-01' };
  const parsed = siteSchema.safeParse(base);
  assert.ok(parsed.success);
  assert.equal(parsed.data.postalCode, 'G1R 4S9');
  assert.equal(siteSchema.safeParse({ ...base, endedOn: '2023-12-31' }).success, false);
  assert.equal(siteSchema.safeParse({ ...base, province: 'XX' }).success, false);
  assert.equal(siteSchema.safeParse({ ...base, name: '   ' }).success, false);
});
