// The layers of docs/architecture.md, read off the source: every forbidden import arrow and every
// write to another module's table fails this test, naming it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { test } from 'node:test';
import { assembledModules } from '../src/app.ts';
import { modules } from '../src/modules.ts';

const src = join(import.meta.dirname, '..', 'src');
const COMPOSITION = new Set(['main.ts', 'app.ts', 'modules.ts', 'cli.ts', 'demo']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** `platform`, a module's folder name, or a composition file or folder. */
const folderOf = (path: string) => relative(src, path).split('/')[0] ?? '';

const order: string[] = modules.map((m) => m.name);
const sources = files(src).map((path) => ({ path, folder: folderOf(path), text: readFileSync(path, 'utf8') }));
const importsOf = (text: string) =>
  [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g), ...text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1] ?? '');

test('the module list names every module folder once, and every folder is in it', () => {
  const folders = readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory() && !COMPOSITION.has(name) && name !== 'platform');
  assert.deepEqual([...folders].sort(), [...order].sort());
  assert.equal(new Set(order).size, order.length);
});

test('imports follow the layers: platform imports no module; a module imports only earlier modules, and only their index.ts', () => {
  const forbidden: string[] = [];
  for (const file of sources) {
    if (COMPOSITION.has(file.folder)) continue;
    for (const spec of importsOf(file.text)) {
      const target = normalize(join(dirname(file.path), spec));
      if (!target.startsWith(src)) continue;
      const to = folderOf(target);
      const arrow = `${relative(src, file.path)} -> ${relative(src, target)}`;
      if (to === file.folder) continue;
      if (file.folder === 'platform') {
        forbidden.push(`${arrow}: platform imports no module`);
        continue;
      }
      if (to === 'platform') continue;
      if (COMPOSITION.has(to)) {
        forbidden.push(`${arrow}: a module never imports the composition`);
        continue;
      }
      if (relative(join(src, to), target) !== 'index.ts') forbidden.push(`${arrow}: only through ${to}/index.ts`);
      if (order.indexOf(to) > order.indexOf(file.folder)) forbidden.push(`${arrow}: ${to} comes after ${file.folder} in src/modules.ts (use a port)`);
    }
  }
  assert.deepEqual(forbidden, []);
});

test('one owner per table: only the module that declares a table writes it', () => {
  const { tableOwners } = assembledModules();
  const names = Object.keys(tableOwners);
  // Drizzle: .insert(x) / .update(x) / .delete(x), where x is a table object by its camelCase name;
  // SQL: insert into x / update x / delete from x.
  const camel = (sqlName: string) => sqlName.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  const byIdentifier = new Map(names.map((n) => [camel(n), n]));
  const writes: string[] = [];
  for (const file of sources) {
    if (COMPOSITION.has(file.folder) || file.folder === 'platform') continue;
    const found = new Set<string>();
    for (const m of file.text.matchAll(/\.(?:insert|update|delete)\((?:schema\.)?(\w+)\)/g)) {
      const table = byIdentifier.get(m[1] ?? '');
      if (table) found.add(table);
    }
    for (const m of file.text.matchAll(/\b(?:insert\s+into|update|delete\s+from)\s+([a-z_]+)\b/gi)) {
      const table = (m[1] ?? '').toLowerCase();
      if (names.includes(table)) found.add(table);
    }
    for (const table of found) {
      if (tableOwners[table] !== file.folder) writes.push(`${relative(src, file.path)} writes ${table}, which ${tableOwners[table]} owns`);
    }
  }
  assert.deepEqual(writes, []);
});

test('the test can fail: a forbidden arrow and a foreign write are seen', () => {
  const arrow = importsOf("import { x } from '../identity/service.ts';\nexport { y } from './z.ts';");
  assert.deepEqual(arrow, ['../identity/service.ts', './z.ts']);
  assert.ok(/\.(?:insert|update|delete)\((?:schema\.)?(\w+)\)/.test('await tx.update(sessions).set({})'));
});
