import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EDITABLE_ENTRIES, entryTransitions, requestTransitions, withholdingTransitions } from './states.ts';

test('an hours entry: sent from a draft or when returned, locked while sent, accepted for good', () => {
  assert.equal(entryTransitions.allowed('draft', 'send', ['registrant']), true);
  assert.equal(entryTransitions.allowed('returned', 'send', ['registrant']), true, 'a returned entry can be sent again');
  assert.equal(entryTransitions.allowed('sent', 'send', ['registrant']), false, 'never in two requests');
  assert.equal(entryTransitions.allowed('accepted', 'send', ['registrant']), false);
  assert.equal(entryTransitions.allowed('sent', 'withdraw', ['registrant']), true);
  assert.equal(entryTransitions.allowed('sent', 'accept', ['staff']), true);
  assert.equal(entryTransitions.allowed('sent', 'accept', ['registrant']), false, 'nobody accepts their own hours');
  assert.equal(entryTransitions.allowed('accepted', 'return', ['registrar']), false);
  assert.deepEqual([...EDITABLE_ENTRIES].sort(), ['draft', 'returned'], 'a sent or accepted entry is not editable');
});

test('a request: withdrawn by the registrant or decided by staff, once', () => {
  assert.equal(requestTransitions.allowed('sent', 'withdraw', ['registrant']), true);
  assert.equal(requestTransitions.allowed('decided', 'withdraw', ['registrant']), false);
  assert.equal(requestTransitions.allowed('withdrawn', 'decide', ['staff']), false);
  assert.equal(requestTransitions.check('sent', 'decide', ['registrant']), 'forbidden');
});

test('a withholding request: the registrar decides, a plain staff member does not', () => {
  assert.equal(withholdingTransitions.allowed('pending', 'approve', ['registrar']), true);
  assert.equal(withholdingTransitions.allowed('pending', 'refuse', ['administrator']), true);
  assert.equal(withholdingTransitions.allowed('pending', 'approve', ['staff']), false);
  assert.equal(withholdingTransitions.check('approved', 'refuse', ['registrar']), 'not_allowed_from');
});
