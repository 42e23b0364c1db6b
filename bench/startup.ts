/**
 * npm run bench:startup: how long `src/main.ts` through tsx and `dist/main.js` take to say "ready",
 * on a fresh DATA_DIR without the migrated template (initdb), a fresh one from the template, and a
 * restart; and the RSS a second later. Builds first; empties the template cache as it goes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const templates = join(root, 'node_modules', '.cache', 'guichet');

function start(entry: 'tsx' | 'compiled', dataDir: string): Promise<string> {
  const args = entry === 'tsx' ? ['--import', 'tsx', 'src/main.ts'] : ['dist/main.js'];
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: port }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`${entry} exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (!/Guichet is ready/.test(chunk.toString())) return;
      const seconds = (performance.now() - started) / 1000;
      setTimeout(() => {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
        child.removeAllListeners('exit');
        child.on('exit', () => resolve(`ready in ${seconds.toFixed(2)} s, RSS ${rss.toFixed(0)} MiB`));
        child.kill('SIGTERM');
      }, 1000);
    });
  });
}

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
for (const entry of ['tsx', 'compiled'] as const) {
  rmSync(templates, { recursive: true, force: true });
  const first = mkdtempSync(join(tmpdir(), 'guichet-startup-'));
  const second = mkdtempSync(join(tmpdir(), 'guichet-startup-'));
  console.log(`${entry.padEnd(8)} fresh, initdb:        ${await start(entry, first)}`);
  console.log(`${entry.padEnd(8)} fresh, from template: ${await start(entry, second)}`);
  console.log(`${entry.padEnd(8)} restart:              ${await start(entry, second)}`);
  rmSync(first, { recursive: true, force: true });
  rmSync(second, { recursive: true, force: true });
}
