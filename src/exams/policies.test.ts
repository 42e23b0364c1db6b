import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StaffActor } from '../platform/actors.ts';
import { can, type PersonAction, type StaffAction } from './policies.ts';

const candidate = { accountId: 'candidate', authorityId: 'office' };
const actors: Record<string, StaffActor> = {
  candidate: { id: 'candidate', staffAuthorityId: 'office', authorityRoles: [] },
  otherPerson: { id: 'other', staffAuthorityId: 'office', authorityRoles: [] },
  staff: { id: 'staff', staffAuthorityId: 'office', authorityRoles: ['staff'] },
  administrator: { id: 'admin', staffAuthorityId: 'office', authorityRoles: ['staff', 'administrator'] },
  otherAuthorityAdministrator: { id: 'elsewhere', staffAuthorityId: 'college', authorityRoles: ['staff', 'registrar', 'administrator'] },
  candidateWhoIsStaff: { id: 'candidate', staffAuthorityId: 'office', authorityRoles: ['staff'] },
};

// actor × action → allowed
const table: [keyof typeof actors, PersonAction | StaffAction, boolean][] = [
  ['candidate', 'cancel', true],
  ['candidate', 'see_results', false],
  ['candidate', 'enter_results', false],
  ['candidate', 'manage_sessions', false],
  ['otherPerson', 'cancel', false],
  ['otherPerson', 'enter_results', false],
  ['staff', 'cancel', false],
  ['staff', 'see_results', true],
  ['staff', 'enter_results', true],
  ['staff', 'manage_sessions', false],
  ['administrator', 'enter_results', true],
  ['administrator', 'manage_sessions', true],
  ['otherAuthorityAdministrator', 'see_results', false],
  ['otherAuthorityAdministrator', 'enter_results', false],
  ['otherAuthorityAdministrator', 'manage_sessions', false],
  ['candidateWhoIsStaff', 'cancel', true],
  ['candidateWhoIsStaff', 'see_results', true],
  ['candidateWhoIsStaff', 'enter_results', false],
];

for (const [actor, action, allowed] of table) {
  test(`${actor} ${allowed ? 'may' : 'may not'} ${action}`, () => {
    assert.equal(can(actors[actor]!, action, candidate), allowed);
  });
}
