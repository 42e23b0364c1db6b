import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type SubscriberAction, type SubscriberState, subscriberTransitions } from './states.ts';

test('an address is confirmed once, changes languages only once confirmed, and can leave from either state', () => {
  const table: [SubscriberState, SubscriberAction, boolean][] = [
    ['pending', 'confirm', true],
    ['confirmed', 'confirm', false],
    ['pending', 'change_languages', false],
    ['confirmed', 'change_languages', true],
    ['pending', 'unsubscribe', true],
    ['confirmed', 'unsubscribe', true],
    ['removed', 'unsubscribe', false],
    ['removed', 'confirm', false],
  ];
  for (const [from, action, allowed] of table) assert.equal(subscriberTransitions.allowed(from, action, ['subscriber']), allowed, `${action} from ${from}`);
  assert.equal(subscriberTransitions.check('pending', 'confirm', []), 'forbidden');
});
