import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Actor, can, type RenewalAction } from './policies.ts';

const actors: Record<string, Actor> = {
  registrant: { id: 'registrant', staffAuthorityId: 'college', authorityRoles: [] },
  otherPerson: { id: 'other', staffAuthorityId: 'college', authorityRoles: [] },
  staff: { id: 'staff', staffAuthorityId: 'college', authorityRoles: ['staff'] },
  administrator: { id: 'admin', staffAuthorityId: 'college', authorityRoles: ['staff', 'administrator'] },
  otherAuthorityAdministrator: { id: 'elsewhere', staffAuthorityId: 'office', authorityRoles: ['staff', 'administrator'] },
};

// actor × action → allowed
const table: [keyof typeof actors, RenewalAction, boolean][] = [
  ['registrant', 'view', true],
  ['registrant', 'submit', true],
  ['registrant', 'review', false],
  ['registrant', 'settings', false],
  ['otherPerson', 'view', false],
  ['otherPerson', 'submit', false],
  ['staff', 'view', false],
  ['staff', 'submit', false],
  ['staff', 'review', true],
  ['staff', 'settings', false],
  ['administrator', 'review', true],
  ['administrator', 'settings', true],
  ['otherAuthorityAdministrator', 'review', false],
  ['otherAuthorityAdministrator', 'settings', false],
];

for (const [actor, action, allowed] of table) {
  test(`${actor} ${allowed ? 'may' : 'may not'} ${action} a renewal`, () => {
    assert.equal(can(actors[actor]!, action, { accountId: 'registrant', authorityId: 'college' }), allowed);
  });
}
