import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SLUG, claimedLocale } from './service.ts';

test("the provider's locale claim picks one of the portal's languages, or none", () => {
  assert.equal(claimedLocale('fr-CA'), 'fr');
  assert.equal(claimedLocale('FR'), 'fr');
  assert.equal(claimedLocale('en_US'), 'en');
  assert.equal(claimedLocale('de-DE'), null);
  assert.equal(claimedLocale(undefined), null);
  assert.equal(claimedLocale(42), null);
});

test('a provider slug is what its callback address can hold', () => {
  assert.ok(SLUG.test('clicsequr'));
  assert.ok(SLUG.test('gc-key-2'));
  assert.ok(!SLUG.test('-dash'));
  assert.ok(!SLUG.test('Upper'));
  assert.ok(!SLUG.test('a/b'));
  assert.ok(!SLUG.test('x'.repeat(41)));
});
