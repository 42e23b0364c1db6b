import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthorityRole } from '../platform/actors.ts';
import { can, type InvoiceAction } from './policies.ts';

const invoice = { accountId: 'payer', authorityId: 'a' };
const actor = (id: string, authority: string, roles: AuthorityRole[]) => ({ id, staffAuthorityId: authority, authorityRoles: roles });
const payer = actor('payer', 'a', []);
const stranger = actor('someone', 'a', []);
const staff = actor('s', 'a', ['staff']);
const admin = actor('ad', 'a', ['staff', 'administrator']);
const otherStaff = actor('o', 'b', ['staff', 'administrator']);

const table: [string, ReturnType<typeof actor>, InvoiceAction, boolean, boolean][] = [
  // who, actor, action, allowed (refundable fees), allowed (non-refundable fees)
  ['payer', payer, 'view', true, true],
  ['payer', payer, 'pay', true, true],
  ['payer', payer, 'refund', false, false],
  ['payer', payer, 'void', false, false],
  ['stranger', stranger, 'view', false, false],
  ['stranger', stranger, 'pay', false, false],
  ['staff', staff, 'view', true, true],
  ['staff', staff, 'pay', false, false],
  ['staff', staff, 'staff_view', true, true],
  ['staff', staff, 'void', true, true],
  ['staff', staff, 'refund', true, false],
  ['administrator', admin, 'refund', true, true],
  ['another authority', otherStaff, 'view', false, false],
  ['another authority', otherStaff, 'refund', false, false],
  ['another authority', otherStaff, 'void', false, false],
];

test('who may do what with an invoice', () => {
  for (const [who, a, action, refundable, nonRefundable] of table) {
    assert.equal(can(a, action, invoice, { nonRefundable: false }), refundable, `${who} ${action}`);
    assert.equal(can(a, action, invoice, { nonRefundable: true }), nonRefundable, `${who} ${action} (non-refundable)`);
  }
});
