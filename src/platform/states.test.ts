import assert from 'node:assert/strict';
import { test } from 'node:test';
import { businessDays, calendarDays, deadline } from './calendar.ts';
import { defineTransitions } from './states.ts';

// An access request, reduced to what the helper needs: the shape applications and access requests will use.
type Status = 'received' | 'extended' | 'closed';
type Action = 'extend' | 'close' | 'reopen';
type Event = 'request_extended' | 'request_closed' | 'request_reopened';
type Role = 'analyst' | 'coordinator';

const requests = defineTransitions<Status, Action, Event, Role>({
  extend: { from: ['received'], to: 'extended', event: 'request_extended', who: ['coordinator'], deadline: calendarDays(30) },
  close: { from: ['received', 'extended'], to: 'closed', event: 'request_closed', who: ['analyst', 'coordinator'] },
  reopen: { from: ['closed'], to: 'received', event: 'request_reopened', who: ['coordinator'], deadline: businessDays(10) },
});

test('check: the rule when the role and the state fit, otherwise why not', () => {
  assert.equal(requests.check('received', 'extend', ['coordinator']), requests.rules.extend);
  assert.equal(requests.check('extended', 'close', ['analyst']), requests.rules.close);
  assert.equal(requests.check('extended', 'extend', ['coordinator']), 'not_allowed_from');
  assert.equal(requests.check('received', 'extend', ['analyst']), 'forbidden');
  assert.equal(requests.check('received', 'extend', []), 'forbidden');
});

test('forbidden is said before anything about the state', () => {
  assert.equal(requests.check('closed', 'extend', ['analyst']), 'forbidden');
});

test('allowed and available agree with check', () => {
  const states: Status[] = ['received', 'extended', 'closed'];
  const roleSets: Role[][] = [[], ['analyst'], ['coordinator'], ['analyst', 'coordinator']];
  for (const state of states) {
    for (const roles of roleSets) {
      const expected = (Object.keys(requests.rules) as Action[]).filter((action) => typeof requests.check(state, action, roles) !== 'string');
      assert.deepEqual(requests.available(state, roles), expected, `${state} ${roles.join('+')}`);
      for (const action of Object.keys(requests.rules) as Action[]) assert.equal(requests.allowed(state, action, roles), expected.includes(action));
    }
  }
  assert.deepEqual(requests.available('received', ['coordinator']), ['extend', 'close']);
  assert.deepEqual(requests.available('closed', ['analyst']), []);
});

test('a transition’s deadline is counted on the legal calendar', () => {
  const extension = requests.rules.extend.deadline;
  assert.ok(extension);
  // Extended on Friday 27 November 2026: 30 days is Sunday 27 December, then the observed Boxing Day.
  assert.equal(deadline('federal', '2026-11-27', extension).due, '2026-12-29');
  const reopened = requests.rules.reopen.deadline;
  assert.ok(reopened);
  assert.equal(deadline('QC', '2026-06-17', reopened).due, '2026-07-03');
});

// Checked by `npm run typecheck`: each line below must fail to compile.
test('names that do not exist are type errors', () => {
  defineTransitions<Status, Action, Event, Role>({
    // @ts-expect-error 'archived' is not a state
    extend: { from: ['archived'], to: 'extended', event: 'request_extended', who: ['coordinator'] },
    // @ts-expect-error 'request_deleted' is not an event
    close: { from: ['received'], to: 'closed', event: 'request_deleted', who: ['analyst'] },
    // @ts-expect-error 'clerk' is not a role
    reopen: { from: ['closed'], to: 'received', event: 'request_reopened', who: ['clerk'] },
  });
  // @ts-expect-error every action needs its rule
  defineTransitions<Status, Action, Event, Role>({ close: requests.rules.close, reopen: requests.rules.reopen });
  // @ts-expect-error 'withdraw' is not an action
  assert.equal(requests.rules.withdraw, undefined);
});
