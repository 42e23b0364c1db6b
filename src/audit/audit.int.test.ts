import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { createAuthority } from '../authorities/index.ts';
import { recordEvent, verifyAuditChain } from './service.ts';
import { auditEvents } from './schema.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the audit trail is append-only: updates and deletes are refused by the database', async () => {
  const db = t.database.db;
  await db.transaction((tx) =>
    recordEvent(tx, { authorityId: t.authorityId, event: 'sign_out', actorId: null, subjectId: null, origin: { ip: '192.0.2.1', userAgent: 'test' }, at: new Date() }),
  );
  const [row] = await db.select().from(auditEvents).where(eq(auditEvents.ip, '192.0.2.1'));
  assert.ok(row);
  const refused = (error: Error & { cause?: Error }) => /append-only/.test(String(error.cause?.message ?? error.message));
  await assert.rejects(db.update(auditEvents).set({ event: 'sign_out' }).where(eq(auditEvents.id, row.id)), refused);
  await assert.rejects(db.delete(auditEvents).where(eq(auditEvents.id, row.id)), refused);
  await assert.rejects(db.execute(sql`truncate audit_events`), refused);
  const [still] = await db.select().from(auditEvents).where(eq(auditEvents.id, row.id));
  assert.equal(still?.event, 'sign_out');
});

test('an event rolls back with the change it records', async () => {
  const db = t.database.db;
  await assert.rejects(
    db.transaction(async (tx) => {
      await recordEvent(tx, { authorityId: t.authorityId, event: 'sign_out', actorId: null, subjectId: null, origin: { ip: '192.0.2.2', userAgent: null }, at: new Date() });
      throw new Error('the change failed');
    }),
  );
  assert.equal((await db.select().from(auditEvents).where(eq(auditEvents.ip, '192.0.2.2'))).length, 0);
});

/** A fresh authority with `n` events in its chain; returns its id and the events' ids in order. */
async function chainOf(slug: string, n: number) {
  const authority = await createAuthority(t.database.db, { slug, name: { fr: slug, en: slug } });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    await t.database.db.transaction((tx) =>
      recordEvent(tx, { authorityId: authority.id, event: 'sign_in_failed', actorId: null, subjectId: null, origin: { ip: `198.51.100.${i}`, userAgent: 'chain' }, at: new Date(), details: { count: i } }),
    );
  }
  for (const row of await t.database.db.select().from(auditEvents).where(eq(auditEvents.authorityId, authority.id)).orderBy(auditEvents.chainPosition)) ids.push(row.id);
  return { authorityId: authority.id, ids };
}

/** What an intruder with the database owner's rights could do: switch the append-only guard off. */
async function tamper(change: ReturnType<typeof sql>) {
  await t.database.db.execute(sql`alter table audit_events disable trigger audit_events_no_change`);
  try {
    await t.database.db.execute(change);
  } finally {
    await t.database.db.execute(sql`alter table audit_events enable trigger audit_events_no_change`);
  }
}

test('each authority has its own hash chain, intact, even when events are written at once', async () => {
  const { authorityId } = await chainOf('chain-intact', 3);
  await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      t.database.db.transaction((tx) =>
        recordEvent(tx, { authorityId, event: 'sign_in_failed', actorId: null, subjectId: null, origin: { ip: null, userAgent: null }, at: new Date(), details: { count: i } }),
      ),
    ),
  );
  const rows = await t.database.db.select().from(auditEvents).where(eq(auditEvents.authorityId, authorityId)).orderBy(auditEvents.chainPosition);
  assert.deepEqual(rows.map((r) => r.chainPosition), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.equal(rows[0]?.previousHash, null);
  assert.equal(rows[1]?.previousHash, rows[0]?.hash);
  assert.match(rows[0]?.hash ?? '', /^[0-9a-f]{64}$/);
  assert.deepEqual(await verifyAuditChain(t.database.db, authorityId), { rows: 11, chains: 1, breaks: [] });
  assert.deepEqual((await verifyAuditChain(t.database.db)).breaks, []);
});

test('the verifier names the first row edited behind the trail’s back', async () => {
  const { authorityId, ids } = await chainOf('chain-edited', 4);
  await tamper(sql`update audit_events set details = '{"i": 99}' where id = ${ids[1]}`);
  const { breaks } = await verifyAuditChain(t.database.db, authorityId);
  assert.deepEqual(breaks, [{ authorityId, rowId: ids[1], position: 2, reason: 'wrong_hash' }]);
});

test('the verifier names where a deleted row was', async () => {
  const { authorityId, ids } = await chainOf('chain-deleted', 4);
  await tamper(sql`delete from audit_events where id = ${ids[1]}`);
  assert.deepEqual((await verifyAuditChain(t.database.db, authorityId)).breaks, [{ authorityId, rowId: ids[2], position: 2, reason: 'missing_row' }]);
});

test('an edit whose hash is recomputed still breaks the link of the next row', async () => {
  const { authorityId, ids } = await chainOf('chain-rehashed', 3);
  await tamper(sql`update audit_events set event = 'account_unlocked' where id = ${ids[0]}`);
  await tamper(sql`update audit_events e set hash = audit_event_hash(e.previous_hash, audit_event_content(e)) where id = ${ids[0]}`);
  assert.deepEqual((await verifyAuditChain(t.database.db, authorityId)).breaks, [{ authorityId, rowId: ids[1], position: 2, reason: 'wrong_link' }]);
  const all = await verifyAuditChain(t.database.db);
  assert.equal(all.breaks.length, 3, 'the edited, the deleted and the rehashed chains, each named once');
});
