import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickLocale } from './index.ts';

test('Accept-Language picks the best supported language, French by default', () => {
  assert.equal(pickLocale('en-CA,en;q=0.9,fr;q=0.8'), 'en');
  assert.equal(pickLocale('de-DE,fr;q=0.5,en;q=0.4'), 'fr');
  assert.equal(pickLocale('fr;q=0.2, en;q=0.7'), 'en');
  assert.equal(pickLocale('de'), 'fr');
  assert.equal(pickLocale(undefined), 'fr');
});
