import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthorityRole, OrganizationStatus } from '../platform/actors.ts';
import { can } from './policies.ts';
import { type Decision, organizationTransitions } from './states.ts';

const decider = 'registrar or administrator';

// Each state × decision: the new state, or the refusal a registrar or administrator gets.
const table: Record<OrganizationStatus, Record<Decision, OrganizationStatus | 'not_allowed_from'>> = {
  requested: { approve: 'approved', refuse: 'refused', suspend: 'not_allowed_from' },
  approved: { approve: 'not_allowed_from', refuse: 'not_allowed_from', suspend: 'suspended' },
  refused: { approve: 'approved', refuse: 'not_allowed_from', suspend: 'not_allowed_from' },
  suspended: { approve: 'approved', refuse: 'not_allowed_from', suspend: 'not_allowed_from' },
};

const roleSets: [AuthorityRole[], boolean][] = [
  [[], false],
  [['staff'], false],
  [['registrar'], true],
  [['administrator'], true],
  [['staff', 'registrar'], true],
];

test(`state × decision × role: ${decider}s decide from the states the table allows, others are refused whatever the state`, () => {
  for (const [from, decisions] of Object.entries(table) as [OrganizationStatus, Record<Decision, OrganizationStatus | 'not_allowed_from'>][]) {
    for (const [decision, outcome] of Object.entries(decisions) as [Decision, OrganizationStatus | 'not_allowed_from'][]) {
      for (const [roles, decides] of roleSets) {
        const result = organizationTransitions.check(from, decision, roles);
        const expected = !decides ? 'forbidden' : outcome;
        assert.equal(typeof result === 'string' ? result : result.to, expected, `${roles.join('+') || 'no role'} ${decision} from ${from}`);
      }
    }
  }
});

test('each decision writes its own audit event', () => {
  assert.deepEqual(
    Object.fromEntries(Object.entries(organizationTransitions.rules).map(([decision, rule]) => [decision, rule.event])),
    { approve: 'organization_approved', refuse: 'organization_refused', suspend: 'organization_suspended' },
  );
});

test('the staff page offers a decision exactly when the policy lets the person decide', () => {
  for (const [authorityRoles] of roleSets) {
    const mayDecide = can({ id: 'staff', staffAuthorityId: 'authority', authorityRoles }, 'decide', { authorityId: 'authority' });
    for (const from of Object.keys(table) as OrganizationStatus[]) {
      assert.equal(organizationTransitions.available(from, authorityRoles).length > 0, mayDecide, `${authorityRoles.join('+') || 'no role'} from ${from}`);
    }
  }
});
