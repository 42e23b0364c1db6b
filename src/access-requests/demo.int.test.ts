import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../platform/db.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { setUpAccessOffice } from '../../test/support/access.ts';
import { buildAccount } from '../../test/support/factories.ts';
import { seedAccessDemo } from './demo.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the demo requests: every state, their letters, a transfer, consultations and a Privacy Act request of an account', async () => {
  await setUpAccessOffice(t);
  const requester = await buildAccount(t.database.db, t.authorityId, { email: 'daniel.demo@example.ca' });
  await seedAccessDemo(t.database.db, t.app.services, { slug: t.authoritySlug, requesterEmail: requester.email, now: t.clock.now() });
  const states = await queryRows<{ status: string; n: number }>(t.database.db, sql`select status, count(*)::int as n from access_requests group by status order by status`);
  assert.deepEqual(states.map((s) => s.status), ['awaiting_clarification', 'awaiting_fee', 'closed', 'in_progress']);
  const dispositions = await queryRows<{ disposition: string }>(t.database.db, sql`select disposition from access_requests where status = 'closed' order by disposition`);
  assert.deepEqual(dispositions.map((d) => d.disposition), ['abandoned', 'all_disclosed', 'disclosed_in_part', 'no_records_exist']);
  const notices = await queryRows<{ kind: string; n: number }>(t.database.db, sql`select kind, count(*)::int as n from access_notices group by kind order by kind`);
  assert.deepEqual(notices, [{ kind: 'commissioner', n: 1 }, { kind: 'extension', n: 1 }, { kind: 'response', n: 4 }]);
  assert.equal((await queryRows(t.database.db, sql`select id from access_transfers`)).length, 1);
  assert.equal((await queryRows(t.database.db, sql`select id from access_consultations`)).length, 2);
  assert.equal((await queryRows(t.database.db, sql`select id from access_requests where act = 'privacy' and requester_account_id = ${requester.id}`)).length, 1);
  // Overdue and due soon have something to show.
  const [late] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from access_requests where status = 'in_progress' and due_on < '2026-11-22'`);
  assert.ok((late?.n ?? 0) >= 1);
});
