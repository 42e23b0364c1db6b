import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ReviewAction, type ReviewRole, type ReviewState, reviewTransitions } from './states.ts';

const states: ReviewState[] = ['none', 'queued', 'picked_up', 'waiting_for_applicant', 'decided', 'withdrawn'];
const x = 'not_allowed_from' as const;

// Each state × action: the state it leads to, for a role that may take it.
const table: Record<ReviewAction, Record<ReviewState, ReviewState | typeof x>> = {
  submit: { none: 'queued', queued: x, picked_up: x, waiting_for_applicant: x, decided: x, withdrawn: x },
  pick_up: { none: x, queued: 'picked_up', picked_up: x, waiting_for_applicant: x, decided: x, withdrawn: x },
  assign: { none: x, queued: 'picked_up', picked_up: 'picked_up', waiting_for_applicant: x, decided: x, withdrawn: x },
  release: { none: x, queued: x, picked_up: 'queued', waiting_for_applicant: x, decided: x, withdrawn: x },
  return: { none: x, queued: x, picked_up: 'waiting_for_applicant', waiting_for_applicant: x, decided: x, withdrawn: x },
  resubmit: { none: x, queued: x, picked_up: x, waiting_for_applicant: 'queued', decided: x, withdrawn: x },
  decide: { none: x, queued: x, picked_up: 'decided', waiting_for_applicant: x, decided: x, withdrawn: x },
  withdraw: { none: x, queued: 'withdrawn', picked_up: 'withdrawn', waiting_for_applicant: 'withdrawn', decided: x, withdrawn: x },
};

// Who may take each action: staff steps for any staff role, sharing out for registrars and administrators, the rest for the applicant.
const who: Record<ReviewAction, ReviewRole[]> = {
  submit: ['applicant'],
  pick_up: ['staff', 'registrar', 'administrator'],
  assign: ['registrar', 'administrator'],
  release: ['staff', 'registrar', 'administrator'],
  return: ['staff', 'registrar', 'administrator'],
  resubmit: ['applicant'],
  decide: ['staff', 'registrar', 'administrator'],
  withdraw: ['applicant'],
};
const roles: ReviewRole[] = ['applicant', 'staff', 'registrar', 'administrator'];

test('state × action × role: the table’s new state for a role that may act, forbidden for any other whatever the state', () => {
  for (const [action, row] of Object.entries(table) as [ReviewAction, Record<ReviewState, ReviewState | typeof x>][]) {
    for (const from of states) {
      for (const role of roles) {
        const result = reviewTransitions.check(from, action, [role]);
        const expected = who[action].includes(role) ? row[from] : 'forbidden';
        assert.equal(typeof result === 'string' ? result : result.to, expected, `${role} ${action} from ${from}`);
      }
      assert.equal(reviewTransitions.check(from, action, []), 'forbidden', `no role ${action} from ${from}`);
    }
  }
});

test('each action writes its own step on the timeline', () => {
  assert.deepEqual(
    Object.fromEntries(Object.entries(reviewTransitions.rules).map(([action, rule]) => [action, rule.event])),
    { submit: 'submitted', pick_up: 'picked_up', assign: 'assigned', release: 'released', return: 'returned', resubmit: 'resubmitted', decide: 'decided', withdraw: 'withdrawn' },
  );
});

test('decided and withdrawn are final: nobody can do anything from them', () => {
  for (const from of ['decided', 'withdrawn'] as const) assert.deepEqual(reviewTransitions.available(from, roles), []);
});
