import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isRecentlyConfirmed, stageAfterFirstStep } from './policies.ts';

test('the stage after the first step follows the factors and the policy', () => {
  const stage = (hasSecondFactor: boolean, mustUseSecondFactor: boolean, secondFactorDone = false) =>
    stageAfterFirstStep({ hasSecondFactor, mustUseSecondFactor, secondFactorDone });
  assert.equal(stage(true, false), 'second_factor', 'an enrolled registrant still passes the second step');
  assert.equal(stage(true, true), 'second_factor');
  assert.equal(stage(false, true), 'enrol');
  assert.equal(stage(false, false), 'complete');
  assert.equal(stage(false, true, true), 'complete', 'a provider trusted for two-factor did the second step');
});

test('step-up needs the second factor within 10 minutes, or the password when there is no factor', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const ago = (min: number) => new Date(now.getTime() - min * 60_000);
  assert.equal(isRecentlyConfirmed({ hasSecondFactor: true, authenticatedAt: ago(1), secondFactorAt: ago(11) }, now), false);
  assert.equal(isRecentlyConfirmed({ hasSecondFactor: true, authenticatedAt: ago(30), secondFactorAt: ago(9) }, now), true);
  assert.equal(isRecentlyConfirmed({ hasSecondFactor: true, authenticatedAt: ago(1), secondFactorAt: null }, now), false);
  assert.equal(isRecentlyConfirmed({ hasSecondFactor: false, authenticatedAt: ago(9), secondFactorAt: null }, now), true);
  assert.equal(isRecentlyConfirmed({ hasSecondFactor: false, authenticatedAt: ago(11), secondFactorAt: null }, now), false);
});
