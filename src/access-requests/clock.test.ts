import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extensionRefusal, requestClock } from './clock.ts';

const none = { stops: [], extensions: [], closedOn: null } as const;

test('30 calendar days after receipt; a last day on a weekend moves to the Monday', () => {
  // 2026-03-02 + 30 = 2026-04-01 (a Wednesday).
  assert.equal(requestClock({ act: 'access', receivedOn: '2026-03-02', ...none }, '2026-03-10').due?.due, '2026-04-01');
  // 2026-03-05 + 30 = 2026-04-04, a Saturday; Easter Monday is a federal holiday: Tuesday 2026-04-07.
  const c = requestClock({ act: 'access', receivedOn: '2026-03-05', ...none }, '2026-03-10');
  assert.equal(c.due?.reached, '2026-04-04');
  assert.equal(c.due?.due, '2026-04-07');
  assert.deepEqual(c.due?.moved.map((m) => m.reason), ['saturday', 'sunday', 'holiday']);
});

test('a last day on a federal holiday moves to the next business day', () => {
  // 2026-06-01 + 30 = 2026-07-01, Canada Day.
  const c = requestClock({ act: 'privacy', receivedOn: '2026-06-01', ...none }, '2026-06-02');
  assert.equal(c.due?.due, '2026-07-02');
  assert.equal(c.due?.moved[0]?.reason, 'holiday');
});

test('a clarification stops the clock for the days between the question and the answer', () => {
  const stopped = requestClock({ act: 'access', receivedOn: '2026-03-02', stops: [{ startedOn: '2026-03-10', endedOn: null }], extensions: [], closedOn: null }, '2026-03-20');
  assert.equal(stopped.state, 'stopped');
  assert.equal(stopped.stoppedDays, 10);
  assert.equal(stopped.late, false);
  const restarted = requestClock({ act: 'access', receivedOn: '2026-03-02', stops: [{ startedOn: '2026-03-10', endedOn: '2026-03-14' }], extensions: [], closedOn: null }, '2026-03-20');
  assert.equal(restarted.state, 'running');
  assert.equal(restarted.stoppedDays, 4);
  assert.equal(restarted.due?.due, '2026-04-07'); // 04-01 + 4 = 04-05, a Sunday, then Easter Monday
});

test('extensions add to the limit; over 30 days the Commissioner is notified (access only)', () => {
  const base = { act: 'access' as const, receivedOn: '2026-03-02' as const, stops: [], closedOn: null };
  const thirty = requestClock({ ...base, extensions: [{ reason: 'atia_9_1_a', days: 30, takenOn: '2026-03-20' }] }, '2026-03-21');
  assert.equal(thirty.commissionerNotice, false);
  assert.equal(thirty.original?.due, '2026-04-01');
  assert.equal(thirty.due?.due, '2026-05-01');
  const more = requestClock({ ...base, extensions: [{ reason: 'atia_9_1_b', days: 60, takenOn: '2026-03-20' }] }, '2026-03-21');
  assert.equal(more.commissionerNotice, true);
  const privacy = requestClock({ ...base, act: 'privacy', extensions: [{ reason: 'pa_15_a_ii', days: 30, takenOn: '2026-03-20' }] }, '2026-03-21');
  assert.equal(privacy.commissionerNotice, false);
  assert.equal(extensionRefusal(privacy, 1, '2026-03-21'), 'privacy_limit');
});

test('an extension is taken within the original limit only; late is past due and open', () => {
  const c = requestClock({ act: 'access', receivedOn: '2026-03-02', ...none }, '2026-04-02');
  assert.equal(extensionRefusal(c, 30, '2026-04-02'), 'past_original_limit');
  assert.equal(extensionRefusal(c, 30, '2026-04-01'), null);
  assert.equal(c.late, true);
  assert.equal(c.daysLeft, -1);
  const closed = requestClock({ act: 'access', receivedOn: '2026-03-02', stops: [], extensions: [], closedOn: '2026-03-30' }, '2026-05-01');
  assert.equal(closed.late, false);
  assert.equal(closed.state, 'closed');
  assert.equal(requestClock({ act: 'access', receivedOn: null, ...none }, '2026-03-02').state, 'not_started');
});
