import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthorityRole } from '../platform/actors.ts';
import { canDecideRemoval, canManageRegister } from './policies.ts';

const staff = (roles: AuthorityRole[], authority = 'a') => ({ id: 'p', staffAuthorityId: authority, authorityRoles: roles });

test('who manages the register and who decides a removal, per role and authority', () => {
  const table: [AuthorityRole[], string, boolean, boolean][] = [
    [[], 'a', false, false],
    [['staff'], 'a', true, false],
    [['registrar'], 'a', true, true],
    [['staff', 'administrator'], 'a', true, true],
    [['registrar'], 'b', false, false],
  ];
  for (const [roles, authority, manage, decide] of table) {
    assert.equal(canManageRegister(staff(roles, authority), 'a'), manage, `${roles.join('+')} in ${authority}: manage`);
    assert.equal(canDecideRemoval(staff(roles, authority), 'a'), decide, `${roles.join('+')} in ${authority}: decide`);
  }
});
