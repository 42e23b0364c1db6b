import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthorityRole } from '../platform/actors.ts';
import { can, type ListAction } from './policies.ts';

const list = { authorityId: 'college' };
const actor = (staffAuthorityId: string, authorityRoles: AuthorityRole[]) => ({ id: 'someone', staffAuthorityId, authorityRoles });

test('only the authority’s own staff see, export and write to its list', () => {
  const table: [ReturnType<typeof actor>, boolean][] = [
    [actor('college', ['staff']), true],
    [actor('college', ['administrator']), true],
    [actor('college', []), false],
    [actor('other', ['staff', 'administrator']), false],
  ];
  for (const [who, allowed] of table) {
    for (const action of ['view', 'export', 'send'] as ListAction[]) assert.equal(can(who, action, list), allowed, `${JSON.stringify(who)} ${action}`);
  }
});
