/**
 * A migrated, empty PGlite database kept as a tarball, so a new one (a fresh DATA_DIR, every
 * in-memory test database) is loaded in well under a second instead of running initdb (3-7 s
 * here) and every migration. A cache, nothing more: keyed by PGlite's version, the extensions and
 * the migrations' text, made again by the first start that finds none, never required.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// Beside the packages it depends on; resolves the same from src/ and dist/.
const cacheDir = new URL('../../node_modules/.cache/guichet/', import.meta.url);

function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export function templateKey(migrations: { name: string; text: string }[], extensions: string[]): string {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\n${extensions.join(',')}\n`);
  for (const m of migrations) hash.update(`${m.name}\n${m.text}\n`);
  return hash.digest('hex').slice(0, 16);
}

const fileFor = (key: string) => new URL(`pglite-${key}.tar.gz`, cacheDir);

export function readTemplate(key: string): Blob | undefined {
  try {
    return new Blob([readFileSync(fileFor(key))]);
  } catch {
    return undefined;
  }
}

/** Written under another name then renamed: two processes starting together never read half a file. */
export async function saveTemplate(key: string, dump: Blob): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const temporary = new URL(`pglite-${key}.${process.pid}.tmp`, cacheDir);
  writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
  renameSync(temporary, fileFor(key));
  // The templates of earlier migrations are of no further use.
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith('pglite-') && name !== `pglite-${key}.tar.gz` && !name.endsWith('.tmp')) rmSync(new URL(name, cacheDir), { force: true });
  }
}
