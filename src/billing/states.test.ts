import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invoiceTransitions } from './states.ts';

test('an invoice’s transitions: paid once, refunded by staff, only an open invoice voided', () => {
  assert.equal(invoiceTransitions.allowed('open', 'pay', ['system']), true);
  assert.equal(invoiceTransitions.allowed('paid', 'pay', ['system']), false, 'never paid twice');
  assert.equal(invoiceTransitions.allowed('void', 'pay', ['system']), false);
  assert.equal(invoiceTransitions.allowed('open', 'pay', ['staff']), false, 'staff do not mark an invoice paid');
  assert.equal(invoiceTransitions.allowed('paid', 'refund_part', ['staff']), true);
  assert.equal(invoiceTransitions.allowed('partly_refunded', 'refund_rest', ['staff']), true);
  assert.equal(invoiceTransitions.allowed('refunded', 'refund_part', ['administrator']), false);
  assert.equal(invoiceTransitions.allowed('open', 'refund_part', ['administrator']), false);
  assert.equal(invoiceTransitions.allowed('open', 'void', ['staff']), true);
  assert.equal(invoiceTransitions.allowed('paid', 'void', ['administrator']), false, 'a paid invoice is corrected by a refund');
  assert.equal(invoiceTransitions.check('paid', 'void', ['staff']), 'not_allowed_from');
});
