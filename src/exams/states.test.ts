import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registrationTransitions } from './states.ts';

test('a registration is cancelled once, by its candidate', () => {
  assert.equal(registrationTransitions.allowed('registered', 'cancel', ['candidate']), true);
  assert.equal(registrationTransitions.check('cancelled', 'cancel', ['candidate']), 'not_allowed_from');
  assert.equal(registrationTransitions.check('registered', 'cancel', []), 'forbidden');
});
