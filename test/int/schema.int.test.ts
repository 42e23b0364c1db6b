// The Drizzle tables each module declares and the database the migrations build must agree:
// the same tables, the same columns, the same types and nullability.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { assembledModules } from '../../src/app.ts';
import { type DatabaseHandle, migrate, queryRows, RENAMED_MIGRATIONS } from '../../src/platform/db.ts';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../support/app.ts';

let database: DatabaseHandle;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
}

/** A column's type as information_schema names it, from Drizzle's SQL type. */
function databaseType(sqlType: string): string {
  const array = sqlType.endsWith('[]');
  const base = sqlType.replace(/\[\]$/, '').replace(/\(.*\)$/, '');
  const names: Record<string, string> = {
    uuid: 'uuid',
    text: 'text',
    citext: 'citext',
    integer: 'int4',
    bigint: 'int8',
    boolean: 'bool',
    jsonb: 'jsonb',
    'timestamp with time zone': 'timestamptz',
  };
  const udt = names[base] ?? base;
  return array ? `_${udt}` : udt;
}

test('every table a module declares is in the migrated database, column for column', async () => {
  const declared = Object.values(assembledModules().tables).filter((t): t is PgTable => typeof t === 'object' && t !== null && Symbol.for('drizzle:IsDrizzleTable') in t);
  assert.ok(declared.length >= 20, `${declared.length} tables found`);
  const columns = await queryRows<Column>(
    database.db,
    sql`select table_name, column_name, data_type, udt_name, is_nullable from information_schema.columns where table_schema = 'public'`,
  );
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const table of declared) {
    const config = getTableConfig(table);
    seen.add(config.name);
    const inDatabase = columns.filter((c) => c.table_name === config.name);
    if (inDatabase.length === 0) {
      problems.push(`${config.name}: declared, but no migration creates it`);
      continue;
    }
    for (const column of config.columns) {
      const found = inDatabase.find((c) => c.column_name === column.name);
      if (!found) {
        problems.push(`${config.name}.${column.name}: declared, not in the database`);
        continue;
      }
      const type = databaseType(column.getSQLType());
      if (found.udt_name !== type) problems.push(`${config.name}.${column.name}: ${type} declared, ${found.udt_name} in the database`);
      if ((found.is_nullable === 'NO') !== column.notNull) problems.push(`${config.name}.${column.name}: ${column.notNull ? 'not null' : 'nullable'} declared, the database says otherwise`);
    }
    for (const c of inDatabase) {
      if (!config.columns.some((column) => column.name === c.column_name)) problems.push(`${config.name}.${c.column_name}: in the database, not declared`);
    }
  }
  for (const name of new Set(columns.map((c) => c.table_name))) {
    // Platform's own: the migrations applied, and the rate-limit counters every node shares.
    if (!seen.has(name) && name !== 'schema_migrations' && name !== 'rate_limits') problems.push(`${name}: in the database, declared by no module`);
  }
  assert.deepEqual(problems, []);
});

test('a database migrated under the old numbered names keeps its migrations: they are renamed, none runs again', async () => {
  const old = await openTestDatabase();
  try {
    for (const [before, now] of Object.entries(RENAMED_MIGRATIONS)) {
      await old.db.execute(sql`update schema_migrations set name = ${before} where name = ${now}`);
    }
    await migrate(old);
    const names = (await queryRows<{ name: string }>(old.db, sql`select name from schema_migrations order by name`)).map((r) => r.name);
    assert.ok(names.every((n) => /^\d{8}T\d{4}_[a-z-]+\.sql$/.test(n)), names.join(', '));
    assert.equal(new Set(names).size, names.length);
  } finally {
    await old.close();
  }
});
