import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthorityRole } from '../../platform/actors.ts';
import { can } from './policies.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const actor = (roles: AuthorityRole[], authority = A) => ({ id: 'x', staffAuthorityId: authority, authorityRoles: roles });

test('only an administrator of the same authority defines its types and questionnaire', () => {
  const table: [string, ReturnType<typeof actor>, boolean][] = [
    ['administrator', actor(['staff', 'administrator']), true],
    ['administrator only', actor(['administrator']), true],
    ['staff', actor(['staff']), false],
    ['registrar', actor(['staff', 'registrar']), false],
    ['no role', actor([]), false],
    ['administrator of another authority', actor(['staff', 'administrator'], B), false],
  ];
  for (const [who, a, allowed] of table) assert.equal(can(a, 'define', { authorityId: A }), allowed, who);
});
