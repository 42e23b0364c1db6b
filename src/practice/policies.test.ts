import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StaffActor } from '../platform/actors.ts';
import { can, type RegistrantAction, type StaffAction } from './policies.ts';

const site = { accountId: 'registrant', authorityId: 'college' };
const actors: Record<string, StaffActor> = {
  registrant: { id: 'registrant', staffAuthorityId: 'college', authorityRoles: [] },
  otherPerson: { id: 'other', staffAuthorityId: 'college', authorityRoles: [] },
  staff: { id: 'staff', staffAuthorityId: 'college', authorityRoles: ['staff'] },
  registrar: { id: 'registrar', staffAuthorityId: 'college', authorityRoles: ['staff', 'registrar'] },
  administrator: { id: 'admin', staffAuthorityId: 'college', authorityRoles: ['staff', 'administrator'] },
  otherAuthorityRegistrar: { id: 'elsewhere', staffAuthorityId: 'office', authorityRoles: ['staff', 'registrar', 'administrator'] },
  registrantWhoIsRegistrar: { id: 'registrant', staffAuthorityId: 'college', authorityRoles: ['staff', 'registrar'] },
};

// actor × action → allowed
const table: [keyof typeof actors, RegistrantAction | StaffAction, boolean][] = [
  ['registrant', 'view', true],
  ['registrant', 'edit', true],
  ['registrant', 'request_review', true],
  ['registrant', 'withdraw', true],
  ['registrant', 'request_withholding', true],
  ['registrant', 'review', false],
  ['registrant', 'decide_withholding', false],
  ['otherPerson', 'view', false],
  ['otherPerson', 'edit', false],
  ['otherPerson', 'withdraw', false],
  ['staff', 'view', false],
  ['staff', 'edit', false],
  ['staff', 'review', true],
  ['staff', 'decide_hours', true],
  ['staff', 'decide_withholding', false],
  ['staff', 'set_thresholds', false],
  ['registrar', 'decide_hours', true],
  ['registrar', 'decide_withholding', true],
  ['administrator', 'decide_withholding', true],
  ['administrator', 'set_thresholds', true],
  ['otherAuthorityRegistrar', 'review', false],
  ['otherAuthorityRegistrar', 'decide_hours', false],
  ['otherAuthorityRegistrar', 'decide_withholding', false],
  ['otherAuthorityRegistrar', 'set_thresholds', false],
  ['registrantWhoIsRegistrar', 'edit', true],
  ['registrantWhoIsRegistrar', 'review', false],
  ['registrantWhoIsRegistrar', 'decide_hours', false],
  ['registrantWhoIsRegistrar', 'decide_withholding', false],
];

for (const [actor, action, allowed] of table) {
  test(`${actor} ${allowed ? 'may' : 'may not'} ${action}`, () => {
    assert.equal(can(actors[actor]!, action, site), allowed);
  });
}
