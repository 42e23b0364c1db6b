import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, can, type OwnerAction, type StaffAction } from './policies.ts';

const application = { applicantId: 'applicant', authorityId: 'college' };
const actors: Record<string, Actor> = {
  applicant: { id: 'applicant', staffAuthorityId: 'college', authorityRoles: [] },
  otherPerson: { id: 'other', staffAuthorityId: 'college', authorityRoles: [] },
  staff: { id: 'staff', staffAuthorityId: 'college', authorityRoles: ['staff'] },
  registrar: { id: 'registrar', staffAuthorityId: 'college', authorityRoles: ['staff', 'registrar'] },
  otherAuthorityStaff: { id: 'elsewhere', staffAuthorityId: 'office', authorityRoles: ['staff', 'administrator'] },
  applicantWhoIsStaff: { id: 'applicant', staffAuthorityId: 'college', authorityRoles: ['staff'] },
};

// actor × action → allowed
const table: [keyof typeof actors, OwnerAction | StaffAction, boolean][] = [
  ['applicant', 'view', true],
  ['applicant', 'edit', true],
  ['applicant', 'submit', true],
  ['applicant', 'withdraw', true],
  ['applicant', 'replace_document', true],
  ['applicant', 'review', false],
  ['applicant', 'decide', false],
  ['otherPerson', 'view', false],
  ['otherPerson', 'edit', false],
  ['otherPerson', 'review', false],
  ['staff', 'view', false],
  ['staff', 'edit', false],
  ['staff', 'review', true],
  ['staff', 'decide', true],
  ['staff', 'mark_document', true],
  ['staff', 'add_document', true],
  ['registrar', 'decide', true],
  ['otherAuthorityStaff', 'review', false],
  ['otherAuthorityStaff', 'decide', false],
  ['otherAuthorityStaff', 'add_document', false],
  ['applicantWhoIsStaff', 'view', true],
  ['applicantWhoIsStaff', 'review', false],
  ['applicantWhoIsStaff', 'decide', false],
];

for (const [actor, action, allowed] of table) {
  test(`${actor} ${allowed ? 'may' : 'may not'} ${action}`, () => {
    assert.equal(can(actors[actor]!, action, application), allowed);
  });
}
