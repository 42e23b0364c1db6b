import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { pgTable, text, timestamp, jsonb, integer } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/pglite';
import { PGlite } from '@electric-sql/pglite';
import { preparedClient } from './pglite-driver.ts';

const items = pgTable('items', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  at: timestamp('at', { withTimezone: true }),
  data: jsonb('data'),
  tags: text('tags').array(),
});

let client: PGlite;
let db: ReturnType<typeof drizzle>;
before(async () => {
  client = new PGlite();
  db = drizzle({ client: preparedClient(client) as unknown as PGlite });
  await db.execute(sql`create table items (id integer primary key, name text not null, at timestamptz, data jsonb, tags text[])`);
});
after(() => client.close());

/** drizzle wraps the driver's error; PGlite's, its cause, carries the SQLSTATE. */
const withCode = (code: string) => (e: { cause?: { code?: string } }) => e.cause?.code === code;

test('rows come back typed as PGlite gives them, the second time from the prepared statement', async () => {
  const at = new Date('2026-11-22T15:00:00Z');
  await db.insert(items).values({ id: 1, name: 'un', at, data: { a: [1, 2] }, tags: ['x', 'y'] });
  for (let i = 0; i < 2; i++) {
    const [row] = await db.select().from(items).where(eq(items.id, 1));
    assert.deepEqual(row, { id: 1, name: 'un', at, data: { a: [1, 2] }, tags: ['x', 'y'] });
  }
  const raw = await db.execute(sql`select id, at, data from items where id = ${1}`);
  // drizzle reads timestamps of hand-written statements as text, on PGlite's own path too.
  assert.deepEqual(raw.rows, [{ id: 1, at: '2026-11-22 15:00:00+00', data: { a: [1, 2] } }]);
  const updated = await db.update(items).set({ name: 'one' }).where(eq(items.id, 1));
  assert.equal(updated.affectedRows, 1);
});

test('a query prepared with a placeholder runs with each value', async () => {
  await db.insert(items).values({ id: 2, name: 'deux' });
  const byId = db.select({ name: items.name }).from(items).where(eq(items.id, sql.placeholder('id'))).prepare('by_id');
  assert.deepEqual(await byId.execute({ id: 2 }), [{ name: 'deux' }]);
  assert.deepEqual(await byId.execute({ id: 3 }), []);
});

test('a failed statement leaves the connection usable and fails again the same way', async () => {
  for (let i = 0; i < 2; i++) {
    await assert.rejects(db.insert(items).values({ id: 1, name: 'again' }), (e: { cause?: { code?: string; query?: string } }) => {
      assert.equal(e.cause?.code, '23505');
      assert.match(e.cause?.query ?? '', /insert into "items"/);
      return true;
    });
  }
  await assert.rejects(db.execute(sql`select nothing from items`), withCode('42703'));
  assert.equal((await db.select().from(items)).length, 2);
});

test('a failed statement aborts its transaction, as in Postgres; a savepoint recovers from it', async () => {
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.insert(items).values({ id: 10, name: 'dix' });
      await assert.rejects(tx.insert(items).values({ id: 1, name: 'dup' }), withCode('23505'));
      await tx.select().from(items);
    }),
    withCode('25P02'),
  );
  await db.transaction(async (tx) => {
    await tx.insert(items).values({ id: 11, name: 'onze' });
    await assert.rejects(tx.transaction((inner) => inner.insert(items).values({ id: 1, name: 'dup' })), withCode('23505'));
    await tx.insert(items).values({ id: 12, name: 'douze' });
  });
  const ids = (await db.select({ id: items.id }).from(items)).map((r) => r.id).sort((a, b) => a - b);
  assert.deepEqual(ids, [1, 2, 11, 12]);
});

test('queries started together run one at a time, none inside another transaction', async () => {
  const inTx = db.transaction(async (tx) => {
    await tx.update(items).set({ name: 'tx' }).where(eq(items.id, 2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tx.update(items).set({ name: 'deux' }).where(eq(items.id, 2));
  });
  const outside = Promise.all(Array.from({ length: 5 }, () => db.select({ name: items.name }).from(items).where(eq(items.id, 2))));
  await inTx;
  for (const [row] of await outside) assert.equal(row?.name, 'deux');
});

test('beyond the statements kept, the oldest are closed and prepared again when asked', async () => {
  for (let i = 0; i < 600; i++) await db.execute(sql.raw(`select ${i} as n`));
  const prepared = await client.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements');
  assert.ok(prepared.rows[0]!.n <= 501, `${prepared.rows[0]!.n} statements kept`);
  assert.deepEqual((await db.execute(sql.raw('select 0 as n'))).rows, [{ n: 0 }]);
});

test('a statement whose table changed shape fails once, as in Postgres, then is prepared again', async () => {
  await db.execute(sql`create table shapes (id integer)`);
  const read = () => db.execute(sql.raw('select * from shapes'));
  await read();
  await db.execute(sql`alter table shapes add column name text`);
  await assert.rejects(read(), withCode('0A000'));
  assert.deepEqual((await read()).fields.map((f) => f.name), ['id', 'name']);
});
