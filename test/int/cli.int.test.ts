import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { recordEvent } from '../../src/audit/service.ts';
import { createAuthority } from '../../src/authorities/service.ts';
import { Secret } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db.ts';
import { createSealer } from '../../src/platform/secrets.ts';
import { authenticatorApps } from '../../src/two-factor/schema.ts';
import { openTestDatabase } from '../support/app.ts';
import { authorityRoles } from '../../src/authorities/schema.ts';
import { organizationKinds } from '../../src/organizations/schema.ts';
import { buildAccount } from '../support/factories.ts';

const run = promisify(execFile);

/** The CLI as an operator runs it, against a database of its own (a PGlite folder, or a server database). */
async function cli(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, ...env }, cwd: join(import.meta.dirname, '..', '..') });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('verify-audit says the trail is intact, then names the first row edited behind its back', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
  const server = process.env.DATABASE_URL ? await openTestDatabase() : null;
  const env: Record<string, string> = server?.url ? { DATABASE_URL: server.url } : { DATA_DIR: dataDir };
  const database = server ?? (await openDatabase({ dataDir }));
  try {
    const authority = await createAuthority(database.db, { slug: 'cli-audit', name: { fr: 'Audit', en: 'Audit' } });
    for (const event of ['sign_out', 'sign_up', 'sign_out'] as const) {
      await database.db.transaction((tx) =>
        recordEvent(tx, { authorityId: authority.id, event, actorId: null, subjectId: null, origin: { ip: null, userAgent: null }, at: new Date() }),
      );
    }
    const rows = await database.db.execute(sql`select id from audit_events order by chain_position`);
    const second = (rows as unknown as { rows: { id: number }[] }).rows[1]?.id;
    if (!server) await database.close();
    const intact = await cli(env, 'verify-audit');
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /Audit trail intact: 3 events in 1 chain/);

    const tamperer = server ?? (await openDatabase({ dataDir }));
    await tamperer.db.execute(sql`alter table audit_events disable trigger audit_events_no_change`);
    await tamperer.db.execute(sql`update audit_events set event = 'account_unlocked' where id = ${second}`);
    if (!server) await tamperer.close();
    const broken = await cli(env, 'verify-audit', '--authority', 'cli-audit');
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, new RegExp(`Chain of cli-audit broken at position 2, row ${second}: its content does not match its hash`));
  } finally {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('add-organization-kind and grant-role: an operator opens an authority to a kind of organization and names its registrar', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
  const server = process.env.DATABASE_URL ? await openTestDatabase() : null;
  const env: Record<string, string> = server?.url ? { DATABASE_URL: server.url } : { DATA_DIR: dataDir };
  const database = server ?? (await openDatabase({ dataDir }));
  try {
    const authority = await createAuthority(database.db, { slug: 'cli-orgs', name: { fr: 'Office', en: 'Office' } });
    await buildAccount(database.db, authority.id, { email: 'reg@example.ca', givenName: 'R', familyName: 'G', preferredLanguage: 'fr', password: 'lune verte sur le fleuve 42' });
    if (!server) await database.close();
    const kind = await cli(env, 'add-organization-kind', '--slug', 'agency', '--name-fr', 'Agence', '--name-en', 'Agency', '--authority', 'cli-orgs');
    assert.equal(kind.code, 0, kind.stderr);
    const bad = await cli(env, 'grant-role', '--email', 'reg@example.ca', '--role', 'king');
    assert.equal(bad.code, 2);
    const granted = await cli(env, 'grant-role', '--email', 'reg@example.ca', '--role', 'registrar', '--authority', 'cli-orgs');
    assert.equal(granted.code, 0, granted.stderr);
    const check = server ?? (await openDatabase({ dataDir }));
    const kinds = await check.db.select().from(organizationKinds);
    assert.deepEqual(kinds.map((k) => [k.slug, k.name.en, k.authorityId]), [['agency', 'Agency', authority.id]]);
    const roles = await check.db.select().from(authorityRoles);
    assert.deepEqual(roles.map((r) => r.role), ['registrar']);
    if (!server) await check.close();
  } finally {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('create-authority refuses a slug that is not one, or that another page’s address starts with', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
  try {
    for (const slug of ['compte', 'sign-in', 'Not_A_Slug']) {
      const refused = await cli({ DATA_DIR: dataDir, DATABASE_URL: '' }, 'create-authority', '--slug', slug, '--name-fr', 'Ordre', '--name-en', 'College');
      assert.equal(refused.code, 2, `${slug}: ${refused.stdout}`);
      assert.match(refused.stderr, /--slug must be lower-case letters, digits and hyphens/);
    }
    const made = await cli({ DATA_DIR: dataDir, DATABASE_URL: '' }, 'create-authority', '--slug', 'ordre-nouveau', '--name-fr', 'Ordre', '--name-en', 'College');
    assert.equal(made.code, 0, made.stderr);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('reseal: refused without the old secret beside the new one; with it, every authenticator key is sealed again under the new one', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));
  const server = process.env.DATABASE_URL ? await openTestDatabase() : null;
  const where: Record<string, string> = server?.url ? { DATABASE_URL: server.url } : { DATA_DIR: dataDir };
  const database = server ?? (await openDatabase({ dataDir }));
  const OLD = 'the-old-session-secret-of-enough-length-0123';
  const NEW = 'the-new-session-secret-of-enough-length-4567';
  const under = (secret: string, previous?: string) => createSealer({ sessionSecret: new Secret(secret), previousSessionSecret: previous ? new Secret(previous) : null }, 'authenticator-app');
  try {
    const authority = await createAuthority(database.db, { slug: 'cli-reseal', name: { fr: 'Ordre', en: 'College' } });
    const account = await buildAccount(database.db, authority.id, {});
    await database.db.insert(authenticatorApps).values({ accountId: account.id, sealedKey: under(OLD).seal('JBSWY3DPEHPK3PXP'), confirmedAt: new Date() });
    if (!server) await database.close();
    const alone = await cli({ ...where, SESSION_SECRET: NEW }, 'reseal');
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /Set SESSION_SECRET to the new secret and SESSION_SECRET_PREVIOUS to the one it replaces/);
    const done = await cli({ ...where, SESSION_SECRET: NEW, SESSION_SECRET_PREVIOUS: OLD }, 'reseal');
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /authenticator-app: 1 value\(s\) sealed again\.\nidentity-provider: 0 value\(s\) sealed again\./);
    const check = server ?? (await openDatabase({ dataDir }));
    const [app] = await check.db.select().from(authenticatorApps);
    assert.equal(under(NEW).open(app!.sealedKey!), 'JBSWY3DPEHPK3PXP');
    assert.throws(() => under(OLD).open(app!.sealedKey!));
    if (!server) await check.close();
    // Run again after the old secret is gone from the database: nothing opens with the "previous" one given.
    const wrong = await cli({ ...where, SESSION_SECRET: OLD, SESSION_SECRET_PREVIOUS: 'some-other-secret-of-enough-length-0123456' }, 'reseal');
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /Nothing was sealed again: authenticator_apps\.sealed_key of [0-9a-f-]{36} opens with neither SESSION_SECRET nor SESSION_SECRET_PREVIOUS/);
  } finally {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
