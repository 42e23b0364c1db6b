import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, can, type OwnerAction, type StaffAction } from './policies.ts';
import type { ChangeKind } from './schema.ts';

const actors: Record<string, Actor> = {
  registrant: { id: 'registrant', staffAuthorityId: 'college', authorityRoles: [] },
  otherPerson: { id: 'other', staffAuthorityId: 'college', authorityRoles: [] },
  staff: { id: 'staff', staffAuthorityId: 'college', authorityRoles: ['staff'] },
  registrar: { id: 'registrar', staffAuthorityId: 'college', authorityRoles: ['staff', 'registrar'] },
  administrator: { id: 'admin', staffAuthorityId: 'college', authorityRoles: ['staff', 'administrator'] },
  otherAuthorityStaff: { id: 'elsewhere', staffAuthorityId: 'office', authorityRoles: ['staff', 'registrar', 'administrator'] },
  registrantWhoIsStaff: { id: 'registrant', staffAuthorityId: 'college', authorityRoles: ['staff', 'registrar'] },
};

// actor × action × kind → allowed
const table: [keyof typeof actors, OwnerAction | StaffAction, ChangeKind, boolean][] = [
  ['registrant', 'view', 'legal_name', true],
  ['registrant', 'edit', 'legal_name', true],
  ['registrant', 'submit', 'legal_name', true],
  ['registrant', 'withdraw', 'sign_in_email', true],
  ['registrant', 'review', 'legal_name', false],
  ['registrant', 'decide', 'legal_name', false],
  ['otherPerson', 'view', 'legal_name', false],
  ['otherPerson', 'withdraw', 'legal_name', false],
  ['staff', 'view', 'legal_name', false],
  ['staff', 'review', 'legal_name', true],
  ['staff', 'decide', 'legal_name', true],
  ['staff', 'decide', 'sign_in_email', true],
  ['staff', 'decide', 'name_withholding', false],
  ['registrar', 'decide', 'name_withholding', true],
  ['administrator', 'decide', 'name_withholding', false],
  ['staff', 'settings', 'legal_name', false],
  ['administrator', 'settings', 'legal_name', true],
  ['otherAuthorityStaff', 'review', 'legal_name', false],
  ['otherAuthorityStaff', 'decide', 'name_withholding', false],
  ['otherAuthorityStaff', 'settings', 'legal_name', false],
  ['registrantWhoIsStaff', 'view', 'legal_name', true],
  ['registrantWhoIsStaff', 'review', 'legal_name', false],
  ['registrantWhoIsStaff', 'decide', 'name_withholding', false],
];

for (const [actor, action, kind, allowed] of table) {
  test(`${actor} ${allowed ? 'may' : 'may not'} ${action} (${kind})`, () => {
    assert.equal(can(actors[actor]!, action, { accountId: 'registrant', authorityId: 'college', kind }), allowed);
  });
}
