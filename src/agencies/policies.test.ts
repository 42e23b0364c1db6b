import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Membership } from '../organizations/index.ts';
import type { StaffActor } from '../platform/actors.ts';
import { can, type ManagerAction, type PersonAction } from './policies.ts';

const link = { accountId: 'rep', organizationId: 'agency', authorityId: 'office' };
const name = { fr: 'Agence', en: 'Agency' };
const members: Record<string, Membership> = {
  manager: { accountId: 'm', organizationId: 'agency', authorityId: 'office', name, role: 'manager', status: 'approved' },
  member: { accountId: 'x', organizationId: 'agency', authorityId: 'office', name, role: 'member', status: 'approved' },
  suspendedManager: { accountId: 'm', organizationId: 'agency', authorityId: 'office', name, role: 'manager', status: 'suspended' },
  otherAgencyManager: { accountId: 'o', organizationId: 'other', authorityId: 'office', name, role: 'manager', status: 'approved' },
  otherAuthorityManager: { accountId: 'o', organizationId: 'agency', authorityId: 'college', name, role: 'manager', status: 'approved' },
};
const people: Record<string, StaffActor> = {
  representative: { id: 'rep', staffAuthorityId: 'office', authorityRoles: [] },
  someoneElse: { id: 'other', staffAuthorityId: 'office', authorityRoles: [] },
  staff: { id: 'staff', staffAuthorityId: 'office', authorityRoles: ['staff'] },
  otherAuthorityStaff: { id: 'elsewhere', staffAuthorityId: 'college', authorityRoles: ['staff', 'registrar', 'administrator'] },
};

// actor × action → allowed
const managerTable: [keyof typeof members, ManagerAction, boolean][] = [
  ['manager', 'view', true],
  ['manager', 'decide', true],
  ['member', 'view', false],
  ['member', 'decide', false],
  ['suspendedManager', 'view', false],
  ['suspendedManager', 'decide', false],
  ['otherAgencyManager', 'view', false],
  ['otherAgencyManager', 'decide', false],
  ['otherAuthorityManager', 'decide', false],
];
const personTable: [keyof typeof people, PersonAction, boolean][] = [
  ['representative', 'act', true],
  ['representative', 'view_links', false],
  ['someoneElse', 'act', false],
  ['staff', 'act', false],
  ['staff', 'view_links', true],
  ['otherAuthorityStaff', 'act', false],
  ['otherAuthorityStaff', 'view_links', false],
];

for (const [actor, action, allowed] of managerTable) {
  test(`${actor} ${allowed ? 'may' : 'may not'} ${action}`, () => assert.equal(can(members[actor]!, action, link), allowed));
}
for (const [actor, action, allowed] of personTable) {
  test(`${actor} ${allowed ? 'may' : 'may not'} ${action}`, () => assert.equal(can(people[actor]!, action, link), allowed));
}
