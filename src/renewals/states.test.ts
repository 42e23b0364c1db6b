import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renewalTransitions } from './states.ts';

test('a renewal is sent once, renewed only once sent, and lapses only while unrenewed', () => {
  assert.equal(renewalTransitions.allowed('open', 'submit', ['registrant']), true);
  assert.equal(renewalTransitions.allowed('submitted', 'submit', ['registrant']), false);
  assert.equal(renewalTransitions.allowed('open', 'renew', ['system']), false, 'the form comes first');
  assert.equal(renewalTransitions.allowed('submitted', 'renew', ['system']), true);
  assert.equal(renewalTransitions.allowed('submitted', 'renew', ['registrant']), false, 'the registrant cannot renew themselves');
  assert.equal(renewalTransitions.allowed('renewed', 'lapse', ['system']), false);
  assert.equal(renewalTransitions.allowed('lapsed', 'submit', ['registrant']), false);
});
