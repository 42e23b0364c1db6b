import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LinkStatus } from './schema.ts';
import { type LinkAction, linkTransitions } from './states.ts';

// from × action × role → the state it leads to, or why not
const table: [LinkStatus, LinkAction, 'representative' | 'manager', LinkStatus | 'forbidden' | 'not_allowed_from'][] = [
  ['requested', 'confirm', 'manager', 'active'],
  ['requested', 'refuse', 'manager', 'refused'],
  ['requested', 'confirm', 'representative', 'forbidden'],
  ['requested', 'withdraw', 'representative', 'withdrawn'],
  ['requested', 'withdraw', 'manager', 'forbidden'],
  ['requested', 'end', 'manager', 'not_allowed_from'],
  ['active', 'end', 'manager', 'ended'],
  ['active', 'end', 'representative', 'ended'],
  ['active', 'confirm', 'manager', 'not_allowed_from'],
  ['ended', 'end', 'manager', 'not_allowed_from'],
  ['refused', 'confirm', 'manager', 'not_allowed_from'],
  ['withdrawn', 'confirm', 'manager', 'not_allowed_from'],
];

for (const [from, action, role, expected] of table) {
  test(`${role} ${action} from ${from} → ${expected}`, () => {
    const rule = linkTransitions.check(from, action, [role]);
    assert.equal(typeof rule === 'string' ? rule : rule.to, expected);
  });
}
