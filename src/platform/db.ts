import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { preparedClient } from './pglite-driver.ts';
import { readTemplate, saveTemplate, templateKey } from './pglite-template.ts';

/** Drizzle over PGlite or node-postgres; each module's `schema.ts` holds the tables it queries with. */
export type Database = PgDatabase<PgQueryResultHKT>;
/** A transaction or the database itself: services accept either. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction'>;

/** Rows of a hand-written statement; PGlite and node-postgres both answer with `rows`. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The shape pg-boss expects from a connection it does not own. */
export interface SqlAdapter {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface DatabaseHandle {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Database;
  readonly adapter: SqlAdapter;
  close(): Promise<void>;
}

const migrationsDir = new URL('../../migrations/', import.meta.url);

/** `dataDir` undefined means an in-memory PGlite (tests). */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir?: string;
  /** 'pglite': PGlite's own query path, kept only so the bench can compare (default 'prepared'). */
  pgliteQueries?: 'prepared' | 'pglite';
  /** What it is doing, a line at a time (start-up prints them). */
  onProgress?: (line: string) => void;
}): Promise<DatabaseHandle> {
  const progress = options.onProgress ?? (() => {});
  const opening = performance.now();
  const migrations = readMigrations();
  let handle: DatabaseHandle;
  let afterMigrations = async () => {};
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    progress(`database: PostgreSQL at ${url.host}${url.pathname}`);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection cut by the server (restart, failover) must not crash the process:
    // the pool drops it and the next query opens a new one.
    pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
    handle = {
      kind: 'postgres',
      db: drizzlePg(pool) as unknown as Database,
      adapter: { executeSql: (text, values) => pool.query(text, values as unknown[]) },
      close: () => pool.end(),
    };
  } else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const dataDir = options.dataDir ? join(options.dataDir, 'pglite') : undefined;
    const extensions = { citext, pg_trgm, unaccent };
    // A new database starts from the migrated template when there is one (pglite-template.ts).
    const fresh = !dataDir || !existsSync(join(dataDir, 'PG_VERSION'));
    const key = fresh ? templateKey(migrations, Object.keys(extensions)) : '';
    const template = fresh ? readTemplate(key) : undefined;
    const state = !fresh ? 'existing' : template ? 'new, from the migrated template' : 'new, initdb';
    progress(`database: embedded PGlite ${dataDir ? `in ${dataDir}` : 'in memory'} (${state})`);
    const client = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions, ...(template ? { loadDataDir: template } : {}) });
    await client.waitReady;
    if (fresh && !template) {
      afterMigrations = async () => {
        try {
          // Written to the data files, so the copy needs no recovery from the log when loaded.
          await client.exec('checkpoint');
          await saveTemplate(key, await client.dumpDataDir('gzip'));
          progress('database: migrated template saved for the next new database');
        } catch (error) {
          progress(`database: migrated template not saved (${(error as Error).message})`);
        }
      };
    }
    // PGlite's own query path unless asked (the bench's "before"): see pglite-driver.ts.
    const queries = options.pgliteQueries === 'pglite' ? client : preparedClient(client);
    handle = {
      kind: 'pglite',
      db: drizzlePglite({ client: queries as PGlite }) as unknown as Database,
      adapter: {
        // PGlite's extended protocol takes one statement; parameterless SQL (pg-boss's schema
        // scripts hold many) goes through exec instead.
        async executeSql(text, values) {
          if (values && values.length > 0) return queries.query(text, values);
          const results = await queries.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        },
      },
      close: () => client.close(),
    };
  }
  progress(`database: open in ${seconds(opening)}`);
  await migrate(handle, migrations, progress);
  await afterMigrations();
  return handle;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** The committed SQL migrations, in name order (each applied once, in its own transaction). */
function readMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, migrationsDir), 'utf8') }));
}
type Migration = { name: string; text: string };

/** The committed migrations' names, in the order they apply. */
export function migrationNames(): string[] {
  return readMigrations().map((m) => m.name);
}

/** The committed migrations this database has not applied (none once it is open: `openDatabase` applies them). */
export async function pendingMigrations(db: Executor): Promise<string[]> {
  const done = new Set((await queryRows<{ name: string }>(db, sql`select name from schema_migrations`)).map((r) => r.name));
  return readMigrations()
    .map((m) => m.name)
    .filter((name) => !done.has(name));
}

/** Applies the migrations not yet applied (a database opened by `openDatabase` already is). */
export async function migrate(handle: DatabaseHandle, migrations: Migration[] = readMigrations(), progress: (line: string) => void = () => {}): Promise<void> {
  await handle.db.transaction(async (tx) => {
    // Several processes may start at once against one PostgreSQL: one migrates, the others wait.
    if (handle.kind === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(7201)`);
    await applyPending(tx, migrations, progress);
  });
}

/**
 * Migrations are named by timestamp and module since issue 10 (two branches never claim one
 * number); databases made before keep their old names in `schema_migrations`, renamed here.
 */
export const RENAMED_MIGRATIONS: Readonly<Record<string, string>> = {
  '0001_foundation.sql': '20261122T0001_foundation.sql',
  '0002_audit_no_truncate.sql': '20261122T0002_audit.sql',
  '0003_two_factor.sql': '20261122T0003_two-factor.sql',
  '0004_security_keys.sql': '20261122T0004_security-keys.sql',
  '0005_identity_providers.sql': '20261122T0005_federation.sql',
  '0007_audit_chain.sql': '20261122T0007_audit.sql',
  '0008_organizations.sql': '20261122T0008_organizations.sql',
};

async function applyPending(tx: Executor, migrations: Migration[], progress: (line: string) => void): Promise<void> {
  await tx.execute(
    sql`create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())`,
  );
  for (const [before, now] of Object.entries(RENAMED_MIGRATIONS)) {
    await tx.execute(sql`update schema_migrations set name = ${now} where name = ${before}`);
  }
  const done = await tx.execute(sql`select name from schema_migrations`);
  const applied = new Set(((done as unknown as { rows: unknown[] }).rows as { name: string }[]).map((r) => r.name));
  const pending = migrations.filter((m) => !applied.has(m.name));
  const total = migrations.length;
  if (pending.length === 0) progress(`migrations: ${total}/${total}, none to apply`);
  for (const [i, { name, text }] of pending.entries()) {
    const started = performance.now();
    await tx.transaction(async (inner) => {
      for (const statement of splitStatements(text)) await inner.execute(sql.raw(statement));
      await inner.execute(sql`insert into schema_migrations (name) values (${name})`);
    });
    progress(`migrations: ${total - pending.length + i + 1}/${total} ${name} (${seconds(started)})`);
  }
}

/** Migrations separate statements with a line holding only `--> statement-breakpoint`. */
function splitStatements(text: string): string[] {
  return text
    .split(/^--> statement-breakpoint$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The connection under a drizzle transaction, so pg-boss writes its job inside our transaction.
 * Both drivers keep it as `session.client` (a PGlite transaction or a pg PoolClient).
 */
export function adapterFor(tx: Executor): SqlAdapter {
  const client = (tx as unknown as { session: { client: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } } })
    .session.client;
  return {
    async executeSql(text, values = []) {
      // pg serialises objects as JSON by itself; PGlite needs it done.
      const params = values.map((v) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v));
      const result = await client.query(text, params);
      return { rows: result.rows };
    },
  };
}
