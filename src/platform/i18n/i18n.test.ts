import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogs, pickLocale, translator } from './index.ts';

test('the French and English catalogs have exactly the same keys', () => {
  assert.deepEqual(Object.keys(catalogs.en).sort(), Object.keys(catalogs.fr).sort());
});

test('every message placeholder exists in both languages', () => {
  for (const key of Object.keys(catalogs.fr) as (keyof typeof catalogs.fr)[]) {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(names(catalogs.en[key]), names(catalogs.fr[key]), key);
  }
});

test('Accept-Language picks the best supported language, French by default', () => {
  assert.equal(pickLocale('en-CA,en;q=0.9,fr;q=0.8'), 'en');
  assert.equal(pickLocale('de-DE,fr;q=0.5,en;q=0.4'), 'fr');
  assert.equal(pickLocale('fr;q=0.2, en;q=0.7'), 'en');
  assert.equal(pickLocale('de'), 'fr');
  assert.equal(pickLocale(undefined), 'fr');
});

test('placeholders are filled', () => {
  assert.equal(translator('en')('home.signedInAs', { name: 'Ada' }), 'You are signed in as Ada.');
});
