import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { createAuthority } from '../authorities/index.ts';
import { openDatabase } from '../platform/db.ts';
import { openTestDatabase } from '../../test/support/app.ts';
import { buildAccount } from '../../test/support/factories.ts';
import { examResults } from './schema.ts';

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

test('import-exam-results: the dry run names each bad line and writes nothing; the import writes with its progress bar', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-exams-cli-'));
  const dataDir = join(dir, 'data');
  const server = process.env.DATABASE_URL ? await openTestDatabase() : null;
  const env: Record<string, string> = server?.url ? { DATABASE_URL: server.url } : { DATA_DIR: dataDir };
  const open = () => server ?? openDatabase({ dataDir });
  try {
    const database = await open();
    const authority = await createAuthority(database.db, { slug: 'cli-exams', name: { fr: 'Office', en: 'Office' } });
    const person = await buildAccount(database.db, authority.id, { email: 'candidate@example.ca' });
    if (!server) await database.close();
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, ['email,sat_on,outcome,score', 'candidate@example.ca,2026-06-01,passed,80', 'ghost@example.ca,2026-06-01,passed,80', 'candidate@example.ca,2026-13-01,failed,', 'candidate@example.ca,2026-06-02,absent,'].join('\n'));
    const dry = await cli(env, 'import-exam-results', '--authority', 'cli-exams', '--dry-run', bad);
    assert.equal(dry.code, 1, dry.stderr);
    assert.match(dry.stderr, /Line 3: Unknown person/);
    assert.match(dry.stderr, /Line 4: Invalid date/);
    assert.match(dry.stderr, /Line 5: Invalid result/);
    assert.match(dry.stdout, /4 line\(s\) read, 3 with a problem/);
    const refused = await cli(env, 'import-exam-results', '--authority', 'cli-exams', bad);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /Nothing was imported/);
    const good = join(dir, 'good.csv');
    writeFileSync(good, ['email,sat_on,outcome,score', 'candidate@example.ca,2026-06-01,passed,80', `${person.email},2025-06-01,failed,40`].join('\n'));
    const imported = await cli(env, 'import-exam-results', '--authority', 'cli-exams', good);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /2 result\(s\) imported into cli-exams/);
    assert.equal((await cli(env, 'import-exam-results', good)).code, 2, '--authority is required');
    const check = await open();
    const rows = await check.db.select().from(examResults);
    assert.deepEqual(rows.map((r) => [r.satOn, r.outcome, r.score, r.source]).sort(), [['2025-06-01', 'failed', 40, 'import'], ['2026-06-01', 'passed', 80, 'import']]);
    if (!server) await check.close();
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
