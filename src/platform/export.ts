/**
 * A portable copy of a Guichet database's data, to move an embedded PGlite folder to a PostgreSQL
 * server (issue 18). The file is plain SQL in pg_dump's data-only form (COPY … FROM stdin blocks in
 * foreign-key order, then setval for every sequence), so `psql` can load it into a database that the
 * same version of Guichet has migrated; `importDatabase` loads it itself, with no client tool.
 *
 * Only data moves: the schema on the target is the one the migrations make, never a copy of the
 * source's. Every value travels as its type's own text form (the form COPY uses) under fixed session
 * settings, so bytea, jsonb, timestamps, arrays and NULLs come back exactly. pg-boss's jobs move too
 * (a queued mail is a `mail_messages` row and a job: without the job it is never sent).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { adapterFor, type DatabaseHandle, type Executor, queryRows } from './db.ts';

const FIRST_LINE = '-- Guichet database export, format 1';
const HEADER = '-- guichet-export: ';
const TRAILER = '-- guichet-export-end: ';
const BOSS = 'pgboss';
const SCHEMAS = ['public', BOSS];
/** Written on the target by its own migrations and by pg-boss's start, not copied. */
const WRITTEN_BY_TARGET = new Set(['public.schema_migrations', `${BOSS}.version`]);
/** pg-boss makes a queue's job partition with the queue: queues are created through it, not copied. */
const QUEUES = `${BOSS}.queue`;

/** Output and input of every value in one form, whatever the server's defaults. */
const SESSION = [`timezone = 'UTC'`, `datestyle = 'ISO, YMD'`, `intervalstyle = 'postgres'`, `bytea_output = 'hex'`, `extra_float_digits = 1`];

export interface ExportHeader {
  format: 1;
  exportedAt: string;
  /** The migrations the source had applied: the target must have the same ones. */
  migrations: string[];
  /** pg-boss's schema version in the source, null when it had never started there. */
  pgboss: number | null;
}

export interface ExportFile {
  header: ExportHeader;
  /** Rows written per table, from the file's last line (a file without it was cut short). */
  rows: Record<string, number>;
}

export class ExportFileError extends Error {}

interface Table {
  oid: number;
  name: string;
  columns: string[];
  orderBy: string | null;
  hasTriggers: boolean;
}

/**
 * Writes the data of the database to `path` (never over an existing file), from one snapshot. The
 * file is written beside it and renamed at the end, so a file at `path` is always whole.
 */
export async function exportDatabase(db: Executor, path: string): Promise<ExportFile> {
  const partial = `${path}.partial`;
  const file = await open(partial, 'wx');
  try {
    const rows: Record<string, number> = {};
    let buffered = '';
    const write = async (text: string) => {
      buffered += text;
      if (buffered.length > 1 << 20) {
        await file.write(buffered);
        buffered = '';
      }
    };
    const header = await db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      for (const setting of SESSION) await tx.execute(sql.raw(`set local ${setting}`));
      const tables = await listTables(tx);
      const hasBoss = tables.some((t) => t.name === QUEUES);
      const header: ExportHeader = {
        format: 1,
        exportedAt: new Date().toISOString(),
        migrations: (await queryRows<{ name: string }>(tx, sql`select name from schema_migrations order by name`)).map((r) => r.name),
        pgboss: hasBoss ? Number((await queryRows<{ version: number }>(tx, sql.raw(`select version from ${BOSS}.version`)))[0]?.version) : null,
      };
      await write(
        [
          FIRST_LINE,
          `${HEADER}${JSON.stringify(header)}`,
          '-- Data only: load it into a database this version of Guichet has migrated (npm run cli -- import-database FILE does both).',
          ...SESSION.map((s) => `SET ${s};`),
          `SET client_encoding = 'UTF8';`,
          'SET standard_conforming_strings = on;',
          'BEGIN;',
          '',
        ].join('\n'),
      );
      if (hasBoss) await writeQueues(tx, write);
      const copied = tables.filter((t) => t.name !== QUEUES && !WRITTEN_BY_TARGET.has(t.name));
      // Rows are copied as they are: the audit chain's trigger would recompute positions and hashes,
      // and a chain broken at the source must stay broken, not be repaired by the move.
      const triggered = copied.filter((t) => t.hasTriggers);
      for (const t of triggered) await write(`ALTER TABLE ${t.name} DISABLE TRIGGER USER;\n`);
      // A cursor name of its own per table and per export: PGlite's prepared client keeps each
      // statement's row description by its text, and a FETCH's columns are its cursor's.
      const run = randomBytes(4).toString('hex');
      for (const [i, table] of copied.entries()) rows[table.name] = await writeTable(tx, table, `guichet_export_${run}_${i}`, write);
      const sequences = await queryRows<{ name: string; value: string }>(
        tx,
        sql.raw(`select quote_ident(schemaname) || '.' || quote_ident(sequencename) as name, last_value::text as value
                   from pg_sequences where schemaname in (${SCHEMAS.map(quote).join(', ')}) and last_value is not null order by 1`),
      );
      for (const s of sequences) await write(`SELECT pg_catalog.setval(${quote(s.name)}, ${BigInt(s.value)}, true);\n`);
      for (const t of triggered) await write(`ALTER TABLE ${t.name} ENABLE TRIGGER USER;\n`);
      return header;
    });
    await write(`COMMIT;\n${TRAILER}${JSON.stringify({ rows })}\n`);
    await file.write(buffered);
    await file.sync();
    await file.close();
    await rename(partial, path);
    return { header, rows };
  } catch (error) {
    await file.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
}

/** The tables of the exported schemas, each after the tables its foreign keys point at. */
async function listTables(tx: Executor): Promise<Table[]> {
  const schemas = SCHEMAS.map(quote).join(', ');
  const found = await queryRows<{ oid: number; name: string; columns: string; order_by: string | null; has_triggers: boolean }>(
    tx,
    sql.raw(`
      select c.oid::int as oid,
             quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name,
             (select json_agg(quote_ident(a.attname) order by a.attnum)::text from pg_attribute a
               where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
             (select string_agg(quote_ident(a.attname), ', ' order by k.ord)
                from pg_index i cross join unnest(i.indkey) with ordinality k(attnum, ord)
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
               where i.indrelid = c.oid and i.indisprimary) as order_by,
             exists (select 1 from pg_trigger g where g.tgrelid = c.oid and not g.tgisinternal) as has_triggers
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in (${schemas}) and c.relkind in ('r', 'p') and not c.relispartition
       order by 2`),
  );
  const edges = await queryRows<{ child: number; parent: number }>(
    tx,
    sql.raw(`select distinct conrelid::int as child, confrelid::int as parent from pg_constraint where contype = 'f' and conrelid <> confrelid`),
  );
  const tables = new Map(found.map((t) => [t.oid, { oid: t.oid, name: t.name, columns: JSON.parse(t.columns) as string[], orderBy: t.order_by, hasTriggers: t.has_triggers }]));
  const parents = new Map<number, number[]>();
  for (const e of edges) if (tables.has(e.child) && tables.has(e.parent)) parents.set(e.child, [...(parents.get(e.child) ?? []), e.parent]);
  const ordered: Table[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (oid: number) => {
    if (state.get(oid) === 'done') return;
    if (state.get(oid) === 'visiting') throw new Error(`foreign keys form a cycle through ${tables.get(oid)?.name}: no table order loads them`);
    state.set(oid, 'visiting');
    for (const parent of parents.get(oid) ?? []) visit(parent);
    state.set(oid, 'done');
    ordered.push(tables.get(oid)!);
  };
  for (const oid of tables.keys()) visit(oid);
  return ordered;
}

async function writeQueues(tx: Executor, write: (text: string) => Promise<void>) {
  const queues = await queryRows<{ name: string; options: string; created_on: string; updated_on: string }>(
    tx,
    sql.raw(`select name, json_build_object('policy', policy, 'retryLimit', retry_limit, 'retryDelay', retry_delay, 'retryBackoff', retry_backoff,
                    'expireInSeconds', expire_seconds, 'retentionMinutes', retention_minutes, 'deadLetter', dead_letter)::text as options,
                    created_on::text as created_on, updated_on::text as updated_on
               from ${QUEUES} order by dead_letter is not null, name`),
  );
  for (const q of queues) {
    await write(`SELECT ${BOSS}.create_queue(${quote(q.name)}, ${quote(q.options)}::json);\n`);
    await write(`UPDATE ${QUEUES} SET created_on = ${quote(q.created_on)}, updated_on = ${quote(q.updated_on)} WHERE name = ${quote(q.name)};\n`);
  }
}

async function writeTable(tx: Executor, table: Table, cursor: string, write: (text: string) => Promise<void>): Promise<number> {
  const select = table.columns.map((c, i) => `${c}::text as c${i}`).join(', ');
  await tx.execute(sql.raw(`declare ${cursor} no scroll cursor for select ${select} from ${table.name}${table.orderBy ? ` order by ${table.orderBy}` : ''}`));
  await write(`COPY ${table.name} (${table.columns.join(', ')}) FROM stdin;\n`);
  let count = 0;
  for (;;) {
    const batch = await queryRows<Record<string, string | null>>(tx, sql.raw(`fetch forward 500 from ${cursor}`));
    for (const row of batch) await write(`${table.columns.map((_, i) => copyField(row[`c${i}`] ?? null)).join('\t')}\n`);
    count += batch.length;
    if (batch.length < 500) break;
  }
  await write('\\.\n\n');
  await tx.execute(sql.raw(`close ${cursor}`));
  return count;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const COPY_UNESCAPES: Record<string, string> = { '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };

/** COPY's text form: tab between fields, `\N` for NULL, backslash escapes. */
function copyField(value: string | null): string {
  return value === null ? '\\N' : value.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!);
}

function parseCopyLine(line: string): (string | null)[] {
  return line.split('\t').map((field) => {
    if (field === '\\N') return null;
    return field.replace(/\\(.)/g, (_, c: string) => {
      const plain = COPY_UNESCAPES[c];
      if (plain === undefined) throw new ExportFileError(`unknown escape \\${c} in a data line`);
      return plain;
    });
  });
}

/** A literal for a statement on one line (the loader reads statements a line at a time). */
function quote(value: string): string {
  if (/[\n\r]/.test(value)) throw new Error(`a value written into a statement holds a line break: ${JSON.stringify(value)}`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** The header and the last line of an export; refuses a file that is not one, or was cut short. */
export async function readExportFile(path: string): Promise<ExportFile> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await file.read(head, 0, head.length, 0);
    const [first, second] = head.toString('utf8').split('\n');
    if (first !== FIRST_LINE || !second?.startsWith(HEADER)) throw new ExportFileError(`${path} is not a Guichet export (made by npm run cli -- export-database)`);
    const tail = Buffer.alloc(Math.min(size, 64 * 1024));
    await file.read(tail, 0, tail.length, size - tail.length);
    const last = tail.toString('utf8').trimEnd().split('\n').at(-1) ?? '';
    if (!last.startsWith(TRAILER)) throw new ExportFileError(`${path} is incomplete (its last line is missing): export again`);
    return { header: JSON.parse(second.slice(HEADER.length)) as ExportHeader, rows: (JSON.parse(last.slice(TRAILER.length)) as { rows: Record<string, number> }).rows };
  } finally {
    await file.close();
  }
}

/**
 * The tables of a PostgreSQL database that hold rows of their own (neither migrations' nor
 * pg-boss's bookkeeping), read without migrating it: an import goes only where this is empty.
 */
export async function rowsAlreadyIn(databaseUrl: string): Promise<{ table: string; rows: number }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and c.relkind in ('r', 'p') and not c.relispartition order by 1`,
    );
    const found: { table: string; rows: number }[] = [];
    for (const { name } of tables.rows) {
      if (WRITTEN_BY_TARGET.has(name) || name === QUEUES) continue;
      const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${name}`);
      const n = Number(rows[0]?.n ?? 0);
      if (n > 0) found.push({ table: name, rows: n });
    }
    return found;
  } finally {
    await client.end();
  }
}

/**
 * Loads an export into a migrated database, in one transaction: it ends with every table holding
 * the number of rows the export wrote, or with nothing loaded.
 */
export async function importDatabase(handle: DatabaseHandle, path: string, file: ExportFile): Promise<{ tables: number; rows: number }> {
  if (file.header.pgboss !== null) {
    // pg-boss makes its own schema, the same way the portal does when it starts with mail.
    const boss = new PgBoss({ db: handle.adapter, schedule: false, supervise: false });
    await boss.start();
    await boss.stop({ graceful: false, wait: true, close: false });
    const [row] = await queryRows<{ version: number }>(handle.db, sql.raw(`select version from ${BOSS}.version`));
    if (Number(row?.version) !== file.header.pgboss) {
      throw new ExportFileError(`the export holds jobs of pg-boss schema ${file.header.pgboss}, this version of Guichet has ${row?.version}: import with the version that exported it`);
    }
  }
  return handle.db.transaction(async (tx) => {
    const adapter = adapterFor(tx);
    for (const setting of SESSION) await tx.execute(sql.raw(`set local ${setting}`));
    const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
    let copying: { table: string; columns: string; staging: string; batch: (string | null)[][]; size: number } | null = null;
    let staged = 0;
    const flush = async () => {
      if (!copying || copying.batch.length === 0) return;
      const width = copying.batch[0]!.length;
      const values = copying.batch.map((_, r) => `(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
      await adapter.executeSql(`insert into ${copying.staging} values ${values}`, copying.batch.flat());
      copying.batch = [];
      copying.size = 0;
    };
    for await (const line of lines) {
      if (copying) {
        if (line === '\\.') {
          await flush();
          // From a staging table in one statement: a table whose rows point at each other (files to
          // their previous file) loads whatever order its rows come in.
          await tx.execute(sql.raw(`insert into ${copying.table} (${copying.columns}) overriding system value select * from ${copying.staging}`));
          await tx.execute(sql.raw(`drop table ${copying.staging}`));
          copying = null;
          continue;
        }
        const fields = parseCopyLine(line);
        copying.batch.push(fields);
        copying.size += line.length;
        if (copying.batch.length * fields.length >= 30_000 || copying.size > 8 << 20) await flush();
        continue;
      }
      const copy = /^COPY (\S+) \((.*)\) FROM stdin;$/.exec(line);
      if (copy) {
        const [, table = '', columns = ''] = copy;
        const staging = `guichet_import_${++staged}`;
        await tx.execute(sql.raw(`create temporary table ${staging} as select ${columns} from ${table} with no data`));
        copying = { table, columns, staging, batch: [], size: 0 };
        continue;
      }
      // Session settings are set above for this transaction only; the transaction is this one.
      if (line === '' || line.startsWith('--') || line.startsWith('SET ') || line === 'BEGIN;' || line === 'COMMIT;') continue;
      await tx.execute(sql.raw(line));
    }
    if (copying) throw new ExportFileError(`${path} ends inside the data of ${copying.table}`);
    let total = 0;
    for (const [table, expected] of Object.entries(file.rows)) {
      const [row] = await queryRows<{ n: string }>(tx, sql.raw(`select count(*) as n from ${table}`));
      if (Number(row?.n) !== expected) throw new ExportFileError(`${table} holds ${row?.n} rows after the import, the export wrote ${expected}: nothing was imported`);
      total += expected;
    }
    return { tables: Object.keys(file.rows).length, rows: total };
  });
}
