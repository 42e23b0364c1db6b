// Moving an embedded PGlite folder to PostgreSQL (issue 18, "nothing lost"): a folder filled through
// the app's own factories and services (the demo data, an account, audit events with awkward text, a
// mail queued with its pg-boss job, an invoice, an uploaded document) goes through `export-database` and `import-database` as an operator runs
// them, and every row of every table must arrive as it left. And a restore from a pg_dump, as
// docs/operations.md tells it. Both need a PostgreSQL server: skipped without DATABASE_URL.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { assembledModules, buildApp, moduleSettings } from '../../src/app.ts';
import { auditEvents, recordEvent, verifyAuditChain } from '../../src/audit/index.ts';
import { seedFeeSchedule } from '../../src/billing/index.ts';
import { seedDemoData } from '../../src/demo/seed.ts';
import { identityProviders } from '../../src/federation/schema.ts';
import { accounts } from '../../src/identity/schema.ts';
import { createMailer, MAIL_QUEUE } from '../../src/mail/service.ts';
import { installMailTemplates } from '../../src/mail/templates.ts';
import { loadConfig, Secret } from '../../src/platform/config.ts';
import { type Database, type DatabaseHandle, openDatabase, queryRows } from '../../src/platform/db.ts';
import { exportDatabase, importDatabase, readExportFile, rowsAlreadyIn } from '../../src/platform/export.ts';
import { providerSecretsSealer } from '../../src/federation/index.ts';
import { Client } from '../support/client.ts';
import { buildAccount, buildAuthority, FACTORY_PASSWORD } from '../support/factories.ts';

const run = promisify(execFile);
const serverUrl = process.env.DATABASE_URL;
const SECRET = 'test-secret-test-secret-test-secret-0123';
const BIN = '/usr/lib/postgresql/15/bin';
const PSQL = `${BIN}/psql`;
const dir = mkdtempSync(join(tmpdir(), 'guichet-move-'));
const made: string[] = [];
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!serverUrl) return;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (const name of made) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

/** A new, empty database on the server, dropped when the file's tests end. */
async function createDatabase(): Promise<string> {
  const name = `guichet_move_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  made.push(name);
  return Object.assign(new URL(serverUrl!), { pathname: `/${name}` }).toString();
}

/** The CLI as an operator runs it. */
async function cli(env: Record<string, string>, ...args: string[]) {
  const base = { PATH: process.env.PATH ?? '', SESSION_SECRET: SECRET, DATA_DIR: join(dir, 'cli-unused'), DATABASE_URL: '' };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...base, ...env }, cwd: join(import.meta.dirname, '..', '..') });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A new, empty database with `file` imported into it by the CLI, which must succeed: its URL and the CLI's answer. */
async function importedIntoNew(file: string) {
  const url = await createDatabase();
  const imported = await cli({ DATABASE_URL: url }, 'import-database', file);
  assert.equal(imported.code, 0, imported.stderr);
  return { url, imported };
}

/** Every row of every table (but the migrations' own log), as text, sorted: equal contents, equal maps. */
async function contents(db: Database): Promise<Map<string, string[]>> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    const tables = await queryRows<{ name: string }>(
      tx,
      sql`select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname in ('public', 'pgboss') and c.relkind in ('r', 'p') and not c.relispartition
             and (n.nspname, c.relname) not in (('public', 'schema_migrations'), ('pgboss', 'version')) order by 1`,
    );
    const all = new Map<string, string[]>();
    for (const { name } of tables) all.set(name, (await queryRows<{ r: string }>(tx, sql.raw(`select whole_row::text as r from ${name} whole_row`))).map((x) => x.r).sort());
    return all;
  });
}

const counts = (all: Map<string, string[]>) => Object.fromEntries([...all].map(([table, rows]) => [table, rows.length]));

/** Awkward text for the columns that travel: quotes, a backslash, line breaks, a tab, accents, a character outside the BMP. */
const AWKWARD = `Zoë "Zed" O'Brien’s \\ agent\nsecond line\r\n\ttabbed; 𝄞 €`;

/** What a small authority has after a while, made through the app's own code. */
async function fill(database: DatabaseHandle) {
  const db = database.db;
  await seedDemoData(db, { sealer: providerSecretsSealer({ sessionSecret: new Secret(SECRET), previousSessionSecret: null }) });
  const authority = await buildAuthority(db, { slug: 'demenagement', name: { fr: 'Ordre du déménagement', en: 'Moving college' } });
  const account = await buildAccount(db, authority.id, { email: 'zoe@example.ca', givenName: 'Zoë', familyName: "O'Brien" });
  for (const event of ['sign_in', 'sign_out', 'sign_in'] as const) {
    await db.transaction((tx) => recordEvent(tx, { authorityId: authority.id, event, actorId: account.id, subjectId: account.id, origin: { ip: '203.0.113.9', userAgent: AWKWARD }, at: new Date() }));
  }
  // A mail queued with its job, as the portal queues one when it sends mail: the job must move with it.
  installMailTemplates(assembledModules().mail);
  const boss = new PgBoss({ db: database.adapter, schedule: false, supervise: false });
  await boss.start();
  await boss.createQueue(MAIL_QUEUE);
  await db.transaction((tx) => createMailer(boss).queue(tx, { accountId: account.id, to: account.email, locale: 'fr', template: 'verify', vars: { name: AWKWARD, link: 'https://example.ca/v?a=1&b=2' }, at: new Date() }));
  await boss.stop({ graceful: false, wait: true, close: false });
  // An invoice and an uploaded document, through the services the portal's pages call.
  await seedFeeSchedule(db, authority.id, 'college');
  const app = await appOn(database);
  try {
    const issued = await db.transaction((tx) =>
      app.services.billing.issueInvoice(tx, { authorityId: authority.id, accountId: account.id, feeCodes: ['application_fee'], subject: { kind: 'application', id: randomUUID(), reference: 'DEM-0001' }, locale: 'fr', at: new Date() }),
    );
    assert.equal(issued.kind, 'issued');
    const staged = await app.services.documents.stage({ fileName: 'diplôme « final ».pdf', source: PDF, maxBytes: 1024 * 1024 });
    assert.ok(staged.ok);
    await db.transaction((tx) =>
      app.services.documents.attach(tx, { authorityId: authority.id, ownerAccountId: account.id, subjectKind: 'move-test', subjectId: account.id, typeCode: 'diploma', uploadedBy: account.id, origin: { ip: null, userAgent: AWKWARD }, at: new Date() }, staged.file),
    );
  } finally {
    await app.close();
  }
  return { authority, account };
}

/** The portal started on a database, as `npm start` builds it. */
async function appOn(database: DatabaseHandle) {
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: SECRET, PUBLIC_URL: 'http://localhost:3000', DATA_DIR: join(dir, 'app') }, moduleSettings);
  const app = await buildApp({ config, database, transport: null, signInRateLimit: { max: 1000, timeWindow: 60_000 } });
  await app.ready();
  return app;
}

async function signsIn(database: DatabaseHandle, email: string, givenName: string) {
  const app = await appOn(database);
  try {
    const c = new Client(app);
    await c.get('/en/sign-in');
    const signedIn = await c.post('/en/sign-in', { email, password: FACTORY_PASSWORD });
    assert.equal(signedIn.statusCode, 303, 'the password hash moved: the same password signs in');
    const page = await c.get('/en/account');
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(givenName), 'the account page is the account’s own');
  } finally {
    await app.close();
  }
}

describe('moving a PGlite folder to PostgreSQL', { skip: serverUrl ? false : 'the target is a PostgreSQL server: set DATABASE_URL' }, () => {
  test('export-database then import-database: every row of every table, the audit chain, the queued mail’s job and the password arrive', async () => {
    const dataDir = join(dir, 'pglite');
    const source = await openDatabase({ dataDir });
    const { account } = await fill(source);
    const before = await contents(source.db);
    const [accountBefore] = await source.db.select().from(accounts).where(eq(accounts.id, account.id));
    const eventsBefore = await source.db.select().from(auditEvents).orderBy(auditEvents.id);
    const providersBefore = await source.db.select().from(identityProviders).orderBy(identityProviders.id);
    const chainBefore = await verifyAuditChain(source.db);
    await source.close();

    const file = join(dir, 'guichet.sql');
    const exported = await cli({ DATA_DIR: dataDir }, 'export-database', file);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /Exported \d+ row\(s\) of \d+ tables from the embedded database/);
    assert.equal((await cli({ DATA_DIR: dataDir }, 'export-database', file)).code, 2, 'an export never writes over a file');
    const nowhere = await cli({ DATA_DIR: dataDir }, 'export-database', join(dir, 'no-such-folder', 'guichet.sql'));
    assert.equal(nowhere.code, 2);
    assert.match(nowhere.stderr, /^Nothing was exported: ENOENT/);

    const { url, imported } = await importedIntoNew(file);
    assert.match(imported.stdout, /Imported \d+ row\(s\) into \d+ tables/);

    const target = await openDatabase({ databaseUrl: url });
    try {
      const moved = await contents(target.db);
      assert.deepEqual(counts(moved), counts(before), 'the same number of rows in every table');
      assert.ok(Object.keys(counts(before)).length > 100 && Object.values(counts(before)).filter((n) => n > 0).length > 30, 'the data fills many tables');
      for (const table of ['public.invoices', 'public.invoice_lines', 'public.documents', 'public.document_versions', 'public.mail_messages', 'pgboss.job']) {
        assert.ok((before.get(table)?.length ?? 0) > 0, `${table} has rows to move`);
      }
      assert.deepEqual(moved, before, 'every row, column by column');
      const [accountAfter] = await target.db.select().from(accounts).where(eq(accounts.id, account.id));
      assert.deepEqual(accountAfter, accountBefore);
      assert.deepEqual(await target.db.select().from(auditEvents).orderBy(auditEvents.id), eventsBefore);
      assert.ok(eventsBefore.some((e) => e.userAgent === AWKWARD));
      assert.deepEqual(await target.db.select().from(identityProviders).orderBy(identityProviders.id), providersBefore);
      assert.ok(providersBefore.length > 0, 'a sealed client secret travels');

      const chain = await verifyAuditChain(target.db);
      assert.deepEqual(chain.breaks, []);
      assert.equal(chain.rows, chainBefore.rows);
      const jobs = await queryRows<{ state: string; mail: string }>(target.db, sql`select j.state::text as state, m.status as mail from pgboss.job j join mail_messages m on m.id = (j.data ->> 'mailId')::uuid`);
      assert.deepEqual(jobs, [{ state: 'created', mail: 'queued' }], 'the queued mail still has its job');
      // Identity columns go on from where the source was, not from 1.
      await target.db.transaction((tx) => recordEvent(tx, { authorityId: account.authorityId, event: 'sign_out', actorId: account.id, subjectId: account.id, origin: { ip: null, userAgent: null }, at: new Date() }));
      const [last] = await target.db.select().from(auditEvents).orderBy(sql`${auditEvents.id} desc`).limit(1);
      assert.ok(last && last.id > Math.max(...eventsBefore.map((e) => e.id)));
      assert.deepEqual((await verifyAuditChain(target.db)).breaks, [], 'a new event chains after the moved ones');
      await signsIn(target, 'zoe@example.ca', 'Zoë');

      // Again onto the same database: refused, and not a row more, not a migration more.
      const snapshot = await contents(target.db);
      const migrations = await queryRows(target.db, sql`select name, applied_at from schema_migrations order by name`);
      const again = await cli({ DATABASE_URL: url }, 'import-database', file);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /already holds data \(.*row\(s\).*\)\. import-database loads only into an empty database.*Nothing was written\./s);
      assert.deepEqual(await contents(target.db), snapshot);
      assert.deepEqual(await queryRows(target.db, sql`select name, applied_at from schema_migrations order by name`), migrations);
    } finally {
      await target.close();
    }
  });

  test('a chain edited behind its back stays broken at the same row: the move copies, it does not re-chain', async () => {
    const source = await openDatabase({});
    const file = join(dir, 'tampered.sql');
    let broken: Awaited<ReturnType<typeof verifyAuditChain>>;
    try {
      const authority = await buildAuthority(source.db);
      for (const event of ['sign_in', 'sign_out', 'sign_in'] as const) {
        await source.db.transaction((tx) => recordEvent(tx, { authorityId: authority.id, event, actorId: null, subjectId: null, origin: { ip: null, userAgent: null }, at: new Date() }));
      }
      await source.db.execute(sql`alter table audit_events disable trigger audit_events_no_change`);
      await source.db.execute(sql`update audit_events set event = 'account_unlocked' where chain_position = 2 and authority_id = ${authority.id}`);
      await source.db.execute(sql`alter table audit_events enable trigger audit_events_no_change`);
      broken = await verifyAuditChain(source.db);
      assert.equal(broken.breaks.length, 1);
      await exportDatabase(source.db, file);
    } finally {
      await source.close();
    }
    const { url } = await importedIntoNew(file);
    const target = await openDatabase({ databaseUrl: url });
    try {
      assert.deepEqual(await verifyAuditChain(target.db), broken);
      const triggers = await queryRows<{ tgname: string; tgenabled: string }>(target.db, sql`select tgname, tgenabled from pg_trigger where tgrelid = 'audit_events'::regclass and not tgisinternal order by tgname`);
      assert.ok(triggers.length >= 3 && triggers.every((t) => t.tgenabled === 'O'), 'the audit triggers are on again after the load');
    } finally {
      await target.close();
    }
  });

  test('import-database refuses a file cut short, one that is no export and one of another version, with nothing written; a load that fails keeps no row', async () => {
    const source = await openDatabase({});
    const file = join(dir, 'whole.sql');
    try {
      await buildAccount(source.db, (await buildAuthority(source.db)).id);
      await exportDatabase(source.db, file);
    } finally {
      await source.close();
    }
    const whole = readFileSync(file, 'utf8');
    const cut = join(dir, 'cut.sql');
    writeFileSync(cut, whole.slice(0, Math.floor(whole.length * 0.6)));
    const other = join(dir, 'other.sql');
    writeFileSync(other, 'select 1;\n');
    const newer = join(dir, 'newer.sql');
    writeFileSync(newer, whole.replace('"migrations":[', '"migrations":["29990101T0000_future.sql",'));
    const url = await createDatabase();
    for (const [name, message] of [
      [cut, /is incomplete \(its last line is missing\): export again/],
      [other, /is not a Guichet export/],
      [newer, /was exported by another version of Guichet \(unknown here: 29990101T0000_future\.sql\): import it with the version that exported it\. Nothing was written\./],
    ] as const) {
      const refused = await cli({ DATABASE_URL: url }, 'import-database', name);
      assert.equal(refused.code, 2, refused.stdout);
      assert.match(refused.stderr, message);
    }
    const unset = await cli({}, 'import-database', file);
    assert.equal(unset.code, 2);
    assert.match(unset.stderr, /import-database loads into PostgreSQL: set DATABASE_URL/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`);
    await client.end();
    assert.deepEqual(rows, [{ n: 0 }], 'not even the migrations ran');

    // A load that fails at its last statement, every row already in: none stays, and the next import goes through.
    const failing = join(dir, 'failing.sql');
    writeFileSync(failing, whole.replace('\nCOMMIT;\n', '\nSELECT 1 / 0;\nCOMMIT;\n'));
    const failed = await cli({ DATABASE_URL: url }, 'import-database', failing);
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /Nothing was imported: division by zero\. The database is migrated and holds no data: import-database can run on it again\./);
    assert.deepEqual(await rowsAlreadyIn(url), []);
    const retried = await cli({ DATABASE_URL: url }, 'import-database', file);
    assert.equal(retried.code, 0, retried.stderr);
    assert.ok((await rowsAlreadyIn(url)).some((t) => t.table === 'public.accounts' && t.rows === 1));
  });

  test('bytea, jsonb, timestamps, arrays, numbers, intervals and NULLs come back exactly, and psql loads the same file', async () => {
    const table = sql`create table move_types (id int primary key, b bytea, j jsonb, ts timestamptz, d date, a text[], n numeric, f float8, i interval, u uuid, t text, flag boolean)`;
    const source = await openDatabase({});
    const file = join(dir, 'types.sql');
    let before: unknown[];
    let texts: string[];
    try {
      await source.db.execute(table);
      await source.db.execute(sql`insert into move_types values
        (1, '\\x00ff5c0a0d09deadbeef'::bytea, ${JSON.stringify({ quote: '"', nl: '\n', tab: '\t', back: '\\', deep: [1, 2.5, null, { é: '𝄞' }] })}::jsonb,
         '2026-12-04 18:30:00.123456-05', '2026-02-28', array['a,b', 'c"d', E'e\\nf', null, ''], 12345678901234567890.0123456789, 0.30000000000000004, '1 day 02:03:04.5', gen_random_uuid(), ${AWKWARD}, true),
        (2, ''::bytea, '[]'::jsonb, '1970-01-01 00:00:00+00', '0001-01-01', '{}', -0.5, 1e300, '-3 months', null, '', false),
        (3, null, 'null'::jsonb, null, null, null, null, null, null, null, null, null)`);
      before = await source.db.execute(sql`select * from move_types order by id`).then((r) => (r as unknown as { rows: unknown[] }).rows);
      texts = (await contents(source.db)).get('public.move_types')!;
      await exportDatabase(source.db, file);
    } finally {
      await source.close();
    }

    const url = await createDatabase();
    const target = await openDatabase({ databaseUrl: url });
    try {
      await target.db.execute(table);
      assert.deepEqual(await rowsAlreadyIn(url), []);
      await importDatabase(target, file, await readExportFile(file));
      assert.deepEqual((await contents(target.db)).get('public.move_types'), texts);
      const after = (await target.db.execute(sql`select * from move_types order by id`)) as unknown as { rows: Record<string, unknown>[] };
      const first = before[0] as Record<string, unknown>;
      assert.ok(Buffer.from(first.b as Uint8Array).equals(after.rows[0]!.b as Buffer), 'the bytes of a bytea');
      assert.deepEqual(after.rows[0]!.j, first.j);
      assert.deepEqual(after.rows[0]!.ts, first.ts);
      assert.equal(after.rows[0]!.t, AWKWARD);
      assert.deepEqual(after.rows[2], { id: 3, b: null, j: null, ts: null, d: null, a: null, n: null, f: null, i: null, u: null, t: null, flag: null }, 'a jsonb null is SQL NULL on both sides');
    } finally {
      await target.close();
    }

    if (!existsSync(PSQL)) return;
    const viaPsql = await createDatabase();
    const migrated = await openDatabase({ databaseUrl: viaPsql });
    try {
      await migrated.db.execute(table);
      await run(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', viaPsql, '-f', file]);
      assert.deepEqual((await contents(migrated.db)).get('public.move_types'), texts, 'psql loads the export as it is');
    } finally {
      await migrated.close();
    }
  });

  test('export-database reads a PostgreSQL database the same way', async () => {
    const sourceUrl = await createDatabase();
    const source = await openDatabase({ databaseUrl: sourceUrl });
    await fill(source);
    const before = await contents(source.db);
    await source.close();
    const file = join(dir, 'from-postgres.sql');
    const exported = await cli({ DATABASE_URL: sourceUrl }, 'export-database', file);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /from the PostgreSQL database/);
    const { url } = await importedIntoNew(file);
    const target = await openDatabase({ databaseUrl: url });
    try {
      assert.deepEqual(await contents(target.db), before);
      assert.deepEqual((await verifyAuditChain(target.db)).breaks, []);
    } finally {
      await target.close();
    }
  });
});

describe('restoring PostgreSQL from a pg_dump', { skip: !serverUrl ? 'needs a PostgreSQL server: set DATABASE_URL' : !existsSync(`${BIN}/pg_dump`) ? `needs ${BIN}/pg_dump and pg_restore` : false }, () => {
  test('pg_dump --format=custom, pg_restore --no-owner into an empty database: the portal starts on it with nothing to migrate, every row, the chain and sign-in are there, and the next event chains on', async () => {
    const url = await createDatabase();
    const source = await openDatabase({ databaseUrl: url });
    const { account } = await fill(source);
    const before = await contents(source.db);
    const chainBefore = await verifyAuditChain(source.db);
    // Taken while the database is open, as the backup runs beside the portal.
    const dump = join(dir, 'guichet.dump');
    await run(`${BIN}/pg_dump`, ['--format=custom', `--file=${dump}`, url]);
    await source.close();

    const restored = await createDatabase();
    await run(`${BIN}/pg_restore`, ['--no-owner', '--exit-on-error', `--dbname=${restored}`, dump]);
    const progress: string[] = [];
    const database = await openDatabase({ databaseUrl: restored, onProgress: (line) => progress.push(line) });
    try {
      assert.ok(progress.some((l) => /^migrations: (\d+)\/\1, none to apply$/.test(l)), progress.join('\n'));
      const after = await contents(database.db);
      assert.deepEqual(counts(after), counts(before), 'the same number of rows in every table');
      assert.deepEqual(after, before, 'every row, column by column');
      const chain = await verifyAuditChain(database.db);
      assert.deepEqual(chain, chainBefore);

      const lastBefore = await database.db.select().from(auditEvents).where(eq(auditEvents.authorityId, account.authorityId)).orderBy(sql`${auditEvents.chainPosition} desc`).limit(1);
      await signsIn(database, 'zoe@example.ca', 'Zoë');
      const added = await database.db.select().from(auditEvents).where(sql`${auditEvents.authorityId} = ${account.authorityId} and ${auditEvents.chainPosition} > ${lastBefore[0]!.chainPosition}`).orderBy(auditEvents.chainPosition);
      assert.ok(added.length >= 1, 'signing in is recorded');
      assert.equal(added[0]!.chainPosition, lastBefore[0]!.chainPosition + 1);
      assert.equal(added[0]!.previousHash, lastBefore[0]!.hash, 'the first new event links to the last restored one');
      const grown = await verifyAuditChain(database.db);
      assert.deepEqual(grown.breaks, []);
      assert.equal(grown.rows, chainBefore.rows + added.length);
    } finally {
      await database.close();
    }
  });
});
