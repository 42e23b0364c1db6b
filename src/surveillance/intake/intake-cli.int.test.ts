import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { createAuthority } from '../../authorities/index.ts';
import { mailMessages } from '../../mail/index.ts';
import { organizations } from '../../organizations/index.ts';
import { openDatabase } from '../../platform/db.ts';
import { openTestDatabase } from '../../../test/support/app.ts';
import { buildAccount, buildOrganization, buildOrganizationKind } from '../../../test/support/factories.ts';
import { PTPHA_KIND } from '../index.ts';
import { surveillanceCases, surveillanceSettings } from '../schema.ts';

const run = promisify(execFile);

/** The CLI as an operator runs it, against a database of its own (a PGlite folder, or a server database). */
async function cli(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, ...env }, cwd: join(import.meta.dirname, '..', '..', '..') });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const header = 'notice_number,family_name,given_names,date_of_birth,client_id,address_line1,address_line2,city,province,postal_code,phone,email,arrival_date,code';

test('import-surveillance-notices: the dry run names each bad line and writes nothing; the import routes, mails and skips what was received', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-surveillance-cli-'));
  const dataDir = join(dir, 'data');
  const server = process.env.DATABASE_URL ? await openTestDatabase() : null;
  const env: Record<string, string> = server?.url ? { DATABASE_URL: server.url } : { DATA_DIR: dataDir };
  const open = () => server ?? openDatabase({ dataDir });
  try {
    const database = await open();
    const authority = await createAuthority(database.db, { slug: 'cli-department', name: { fr: 'Ministère', en: 'Department' } });
    await database.db.insert(surveillanceSettings).values({ authorityId: authority.id });
    const kind = await buildOrganizationKind(database.db, authority.id, { slug: PTPHA_KIND });
    const member = await buildAccount(database.db, authority.id);
    const ontario = await buildOrganization(database.db, authority.id, { kindId: kind.id, people: [{ accountId: member.id, role: 'member' }] });
    await database.db.update(organizations).set({ province: 'ON' }).where(eq(organizations.id, ontario.id));
    if (!server) await database.close();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, [header, 'N-1,Roy,Léa,1990-01-01,UCI1111,1 King St,,Toronto,ON,M5H 1A1,,,2026-11-20,routine', 'N-2,,Jo,1990-01-01,UCI2222,,,,,,,,2026-11-20,routine', 'N-3,Li,Wei,1990-13-01,UCI3333,,,,,,,,2026-11-20,sometime'].join('\n'));
    const dry = await cli(env, 'import-surveillance-notices', 'cli-department', bad, '--dry-run');
    assert.equal(dry.code, 1, dry.stderr);
    assert.match(dry.stderr, /Line 3 \(familyName\): Enter the family name/);
    assert.match(dry.stderr, /Line 4 \(dateOfBirth\): Enter a valid date of birth/);
    assert.match(dry.stderr, /Line 4 \(code\): Choose the surveillance code/);
    assert.match(dry.stdout, /3 line\(s\) read, 2 with a problem/);
    const refused = await cli(env, 'import-surveillance-notices', 'cli-department', bad);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Nothing was imported/);
    const good = join(dir, 'good.csv');
    writeFileSync(good, [header, 'N-1,Roy,Léa,1990-01-01,UCI1111,1 King St,,Toronto,ON,M5H 1A1,,,2026-11-20,routine', 'N-2,Smith,Jo,1990-01-01,UCI2222,,,,,,,,2026-11-20,urgent'].join('\n'));
    const imported = await cli(env, 'import-surveillance-notices', 'cli-department', good);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /2 notice\(s\) imported into cli-department, 0 already received/);
    const again = await cli(env, 'import-surveillance-notices', 'cli-department', good);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 notice\(s\) imported into cli-department, 2 already received/);
    assert.equal((await cli(env, 'import-surveillance-notices', 'cli-department')).code, 2, 'the file is required');
    assert.equal((await cli(env, 'import-surveillance-notices', 'nowhere', good)).code, 2, 'an unknown authority');
    const check = await open();
    const rows = await check.db.select().from(surveillanceCases).orderBy(surveillanceCases.noticeNumber);
    assert.deepEqual(rows.map((r) => [r.noticeNumber, r.status, r.organizationId, r.source]), [['N-1', 'notified', ontario.id, 'csv'], ['N-2', 'unrouted', null, 'csv']]);
    const mails = await check.db.select().from(mailMessages).where(eq(mailMessages.accountId, member.id));
    assert.equal(mails.length, 1);
    assert.ok(!mails[0]!.textBody.includes('Roy'));
    if (!server) await check.close();
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
