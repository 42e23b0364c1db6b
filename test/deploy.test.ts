// The container image and the compose example, read as text (no container engine runs here):
// what the issue asks of them holds, and the code the image runs needs only production dependencies.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules } from 'node:module';
import { test } from 'node:test';

const root = new URL('..', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The Containerfile's stages, each with its instructions (comments and continuations folded). */
function stages(text: string) {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const out: { from: string; name: string | null; instructions: string[] }[] = [];
  for (const line of lines) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) out.push({ from: from[1]!, name: from[2] ?? null, instructions: [] });
    else out.at(-1)!.instructions.push(line);
  }
  return out;
}

test('the image is built in stages and runs compiled JavaScript, without dev dependencies, as a user without privileges', () => {
  const all = stages(read('Containerfile'));
  assert.ok(all.length >= 2, 'multi-stage');
  const final = all.at(-1)!;
  assert.match(final.from, /node:20/, 'Node 20, the version the project is tested on');
  const users = final.instructions.filter((i) => /^USER\s/i.test(i));
  assert.ok(users.length > 0 && !/^USER\s+(root|0)\b/i.test(users.at(-1)!), 'the last USER is not root');
  assert.ok(final.instructions.some((i) => /^CMD\s+\["node",\s*"dist\/main\.js"\]/.test(i)), 'runs dist/main.js with node');
  assert.ok(!final.instructions.some((i) => /^COPY\s+(\S+\s+)?(src|test|bench)\b/.test(i)), 'no sources, tests or benchmarks in the image');
  assert.ok(!final.instructions.some((i) => /npm (ci|install)(?!.*--omit=dev)/.test(i)), 'no dev dependencies installed in the image');
  const copied = final.instructions.find((i) => /^COPY --from=(\S+) \/app\/node_modules/.test(i));
  const from = /--from=(\S+)/.exec(copied ?? '')?.[1];
  const dependencies = all.find((s) => s.name === from);
  assert.ok(dependencies?.instructions.some((i) => /npm ci --omit=dev/.test(i)), 'node_modules comes from a stage that installs production dependencies only');
  assert.ok(final.instructions.some((i) => /^HEALTHCHECK .*\/readyz/.test(i)), 'the health check asks /readyz');
  assert.ok(final.instructions.some((i) => /^ENV .*NODE_ENV=production/.test(i)));
});

test('the compose example has PostgreSQL, an S3-compatible store, two nodes and a TLS proxy in front of them', () => {
  const compose = read('deploy/compose.yaml');
  for (const service of ['postgres', 'minio', 'guichet-1', 'guichet-2', 'proxy']) assert.match(compose, new RegExp(`^  ${service}:`, 'm'), service);
  assert.match(compose, /DOCUMENT_STORAGE: s3/);
  assert.match(compose, /TRUST_PROXY: "1"/);
  assert.match(compose, /^\s+ports: \["443:443"/m, 'only the proxy publishes a port');
  assert.equal((compose.match(/^\s+ports:/gm) ?? []).length, 1);
  const caddy = read('deploy/Caddyfile');
  assert.match(caddy, /reverse_proxy guichet-1:3000 guichet-2:3000/);
  assert.match(caddy, /health_uri \/readyz/);
});

/** The packages a file imports by name (not `node:` built-ins, not relative paths). */
function packagesOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const names = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^'.][^']*)'|import\('([^'.][^']*)'\)/g)].map((m) => m[1] ?? m[2]!);
  return names.filter((n) => !n.startsWith('node:') && !builtinModules.includes(n)).map((n) => (n.startsWith('@') ? n.split('/').slice(0, 2).join('/') : n.split('/')[0]!));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$|\.contract\.ts$/.test(e.name) ? [path] : [];
  });
}

test('what src/ imports at run time is in dependencies, so `npm ci --omit=dev` is enough to run it', () => {
  const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
  const missing = new Set<string>();
  const seen = new Set<string>();
  for (const file of sources(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const name of packagesOf(file)) {
      seen.add(name);
      // `import type` is erased by the build: it needs no package at run time.
      if (new RegExp(`import type [^;]*'${name}`).test(text) && !new RegExp(`import (?!type)[^;]*'${name}`).test(text)) continue;
      if (!(name in pkg.dependencies)) missing.add(`${name} (${file.slice(root.length)})`);
    }
  }
  assert.ok(seen.has('fastify') && seen.has('drizzle-orm') && seen.size >= 15, `${seen.size} packages read: ${[...seen].join(', ')}`);
  assert.deepEqual([...missing], []);
});
