import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { auditEvents } from '../platform/schema.ts';
import { recordEvent } from './service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the audit trail is append-only: updates and deletes are refused by the database', async () => {
  const db = t.database.db;
  await db.transaction((tx) =>
    recordEvent(tx, { authorityId: t.authorityId, event: 'sign_in', actorId: null, subjectId: null, origin: { ip: '192.0.2.1', userAgent: 'test' }, at: new Date() }),
  );
  const [row] = await db.select().from(auditEvents).where(eq(auditEvents.ip, '192.0.2.1'));
  assert.ok(row);
  const refused = (error: Error & { cause?: Error }) => /append-only/.test(String(error.cause?.message ?? error.message));
  await assert.rejects(db.update(auditEvents).set({ event: 'sign_out' }).where(eq(auditEvents.id, row.id)), refused);
  await assert.rejects(db.delete(auditEvents).where(eq(auditEvents.id, row.id)), refused);
  await assert.rejects(db.execute(sql`truncate audit_events`), refused);
  const [still] = await db.select().from(auditEvents).where(eq(auditEvents.id, row.id));
  assert.equal(still?.event, 'sign_in');
});

test('an event rolls back with the change it records', async () => {
  const db = t.database.db;
  await assert.rejects(
    db.transaction(async (tx) => {
      await recordEvent(tx, { authorityId: t.authorityId, event: 'sign_in', actorId: null, subjectId: null, origin: { ip: '192.0.2.2', userAgent: null }, at: new Date() });
      throw new Error('the change failed');
    }),
  );
  assert.equal((await db.select().from(auditEvents).where(eq(auditEvents.ip, '192.0.2.2'))).length, 0);
});
