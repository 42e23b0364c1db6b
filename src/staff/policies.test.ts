import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, type StaffAction } from './policies.ts';
import type { AuthorityRole } from '../platform/actors.ts';

test('actor × action: any role opens the console; only administrators manage roles and security settings', () => {
  const table: [AuthorityRole[], Record<StaffAction, boolean>][] = [
    [[], { use_console: false, manage_roles: false, manage_security: false }],
    [['staff'], { use_console: true, manage_roles: false, manage_security: false }],
    [['registrar'], { use_console: true, manage_roles: false, manage_security: false }],
    [['administrator'], { use_console: true, manage_roles: true, manage_security: true }],
  ];
  for (const [authorityRoles, allowed] of table) {
    for (const [action, expected] of Object.entries(allowed) as [StaffAction, boolean][]) {
      assert.equal(can({ authorityRoles }, action), expected, `${authorityRoles.join('+') || 'no role'} ${action}`);
    }
  }
});
