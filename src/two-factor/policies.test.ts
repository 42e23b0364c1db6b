import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NUDGE_DISMISSAL_MS, shouldNudge } from './policies.ts';

test('the reminder goes to people with no factor whom nothing requires to have one, and keeps away 180 days after "Not now"', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const dismissed = (ms: number) => new Date(now.getTime() - ms);
  const nudge = (hasSecondFactor: boolean, mustUseSecondFactor: boolean, nudgeDismissedAt: Date | null = null) =>
    shouldNudge({ hasSecondFactor, mustUseSecondFactor, nudgeDismissedAt }, now);
  assert.equal(nudge(false, false), true);
  assert.equal(nudge(true, false), false, 'already has a factor');
  assert.equal(nudge(false, true), false, 'required: enrolment, not a reminder');
  assert.equal(nudge(false, false, dismissed(NUDGE_DISMISSAL_MS - 60_000)), false);
  assert.equal(nudge(false, false, dismissed(NUDGE_DISMISSAL_MS)), true);
});
