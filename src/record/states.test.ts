import assert from 'node:assert/strict';
import { test } from 'node:test';
import { milestoneOf } from './kinds.ts';
import { changeTransitions } from './states.ts';

test('a change request’s transitions: the registrant sends, answers, confirms or withdraws; staff return or decide what was sent', () => {
  assert.equal(changeTransitions.allowed('draft', 'submit', ['registrant']), true);
  assert.equal(changeTransitions.allowed('submitted', 'submit', ['registrant']), false, 'never sent twice');
  assert.equal(changeTransitions.allowed('returned', 'resubmit', ['registrant']), true);
  assert.equal(changeTransitions.allowed('confirming', 'confirm', ['registrant']), true);
  assert.equal(changeTransitions.allowed('draft', 'confirm', ['registrant']), false, 'only an email change waiting for its proofs is confirmed');
  assert.equal(changeTransitions.allowed('submitted', 'withdraw', ['registrant']), true);
  assert.equal(changeTransitions.allowed('applied', 'withdraw', ['registrant']), false, 'a decided change stays decided');
  assert.equal(changeTransitions.allowed('submitted', 'approve', ['staff']), true);
  assert.equal(changeTransitions.allowed('draft', 'approve', ['registrar']), false, 'staff decide only what was sent');
  assert.equal(changeTransitions.allowed('submitted', 'approve', ['registrant']), false, 'nobody approves their own change');
  assert.equal(changeTransitions.allowed('returned', 'refuse', ['administrator']), false);
  assert.equal(changeTransitions.check('applied', 'refuse', ['staff']), 'not_allowed_from');
  assert.equal(changeTransitions.check('submitted', 'submit', ['staff']), 'forbidden');
});

test('reminder milestones: none while more than 14 days are left, then 14, 7, 1, and 0 once due or overdue', () => {
  assert.deepEqual([20, 15, 14, 10, 7, 3, 1, 0, -5].map(milestoneOf), [null, null, 14, 14, 7, 7, 1, 0, 0]);
});
