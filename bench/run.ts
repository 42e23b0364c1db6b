/**
 * npm run bench: figures for docs/benchmarks.md, compared within one run (machines here are noisy).
 * The server runs in a child process on in-memory PGlite (PGlite's own query path, then the
 * prepared one) and, when BENCH_DATABASE_URL or DATABASE_URL is set, on PostgreSQL; the load comes
 * from this one over loopback, one kept-alive connection per client, all opened before the clock starts.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dummyHash, verifyPassword } from '../src/identity/passwords.ts';
import { codeAt } from '../src/two-factor/totp.ts';
import { Connection } from './connection.ts';
import { benchServerUrl } from './databases.ts';
import { benchSurveillanceNotices } from './surveillance-notices.ts';

const CLIENTS = 32;
const CORES = availableParallelism();
const password = 'lune verte sur le fleuve 42';

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed(durationMs: number, concurrency: number, op: (worker: number) => Promise<void>) {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await op(worker);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), n: latencies.length };
}

const fmt = (n: number) => n.toFixed(1);
/** What the bench is doing, on stderr (a run takes minutes; the figures come at the end, on stdout). */
const progress = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// 1. Argon2id verify: one at a time (latency), then all cores (ceiling). The ceiling is measured
// before and after each sign-in run and the two averaged: this machine's speed drifts within a run.
const single = await timed(3000, 1, async () => {
  await verifyPassword(dummyHash, password);
});
const measureCeiling = () =>
  timed(5000, Math.max(4, CORES * 2), async () => {
    await verifyPassword(dummyHash, password);
  });

interface Client {
  connection: Connection;
  csrfCookie: string;
  signInBody: string;
  pageSignInBody: string;
  sessionCookie: string;
}
type Cpu = { mainMs: number; allMs: number };

/**
 * The app in its own process, on in-memory PGlite (`pgliteQueries`: whose query path) or on `databaseUrl`;
 * from `baseline`, a checkout of an earlier commit, when given (its own bench/server.ts).
 */
async function startServer(pgliteQueries: 'prepared' | 'pglite', databaseUrl?: string, baseline?: string) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const script = baseline ? `${baseline}/bench/server.ts` : new URL('./server.ts', import.meta.url);
  // In its own folder: an earlier commit may read files relative to the working directory.
  const server = fork(script, [String(CLIENTS), pgliteQueries], { execArgv: ['--import', 'tsx'], env, ...(baseline ? { cwd: baseline } : {}) });
  const ask = <T>(question?: string) => {
    if (question) server.send(question);
    return new Promise<T>((resolve) => server.once('message', (m) => resolve(m as T)));
  };
  // A crash here must not leave the server running (and holding the terminal).
  process.on('exit', () => server.kill());
  const name = `${baseline ?? 'this checkout'}, ${databaseUrl ? 'PostgreSQL' : `PGlite (${pgliteQueries})`}`;
  progress(`starting a server: ${name}`);
  // authoritySlug: a checkout with portals, whose /en sends the visitor on to the only authority's home.
  const { port, totpKeys, serverTime, authoritySlug } = await ask<{ port: number; totpKeys: string[]; serverTime: string; authoritySlug?: string }>();
  progress(`ready: ${name}`);
  const clients: Client[] = [];
  const csrfTokens = new Map<Connection, string>();
  for (let i = 0; i < CLIENTS; i++) {
    const connection = await Connection.open(port);
    const page = await connection.request('GET', '/en/sign-in');
    const csrfCookie = (page.setCookies[0] ?? '').split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    csrfTokens.set(connection, csrf);
    const signInBody = new URLSearchParams({ _csrf: csrf, email: `bench${i}@example.ca`, password }).toString();
    const pageSignInBody = new URLSearchParams({ _csrf: csrf, email: `page${i}@example.ca`, password }).toString();
    clients.push({ connection, csrfCookie, signInBody, pageSignInBody, sessionCookie: '' });
  }
  const stop = async () => {
    const memory = await ask<{ peakRssKiB: number; rss: number; heapUsed: number; arrayBuffers: number }>('memory');
    // Waited for: the bench must not end (and kill it) while it drops its database.
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.send('stop');
    for (const client of clients) client.connection.close();
    await exited;
    return memory;
  };
  const home = authoritySlug ? `/en/${authoritySlug}` : '/en';
  return { ask, clients, csrfOf: (client: Client) => csrfTokens.get(client.connection) ?? '', totpKeys, serverTime, stop, baseline: Boolean(baseline), home };
}
type Server = Awaited<ReturnType<typeof startServer>>;

/** A visitor signing in (no session yet); returns the new session cookie. */
async function signIn(client: Client, body = client.signInBody) {
  const answer = await client.connection.request(
    'POST',
    '/en/sign-in',
    { 'content-type': 'application/x-www-form-urlencoded', cookie: client.csrfCookie },
    body,
  );
  if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}`);
  return (answer.setCookies.find((c) => c.startsWith('guichet_session=')) ?? '').split(';')[0] ?? '';
}

/** A timed run with the server's main-thread CPU per request (the figure the page goals compare). */
async function withCpu(server: Server, durationMs: number, concurrency: number, op: (worker: number) => Promise<void>) {
  const before = await server.ask<Cpu>('cpu');
  const run = await timed(durationMs, concurrency, op);
  const after = await server.ask<Cpu>('cpu');
  return { ...run, mainMs: (after.mainMs - before.mainMs) / run.n, allMs: (after.allMs - before.allMs) / run.n };
}

/**
 * The GET pages: the bare floor, the home page without and with a session, the account page. With
 * several servers, each page is measured on each in turn, so a drift of the machine's speed falls on
 * all of them alike.
 */
async function pages(servers: Server[]) {
  const get = (server: Server, path: string, signedIn: boolean) => async (w: number) => {
    const client = server.clients[w]!;
    const answer = await client.connection.request('GET', path, signedIn ? { cookie: `${client.csrfCookie}; ${client.sessionCookie}` } : {});
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
  };
  for (const server of servers) for (const client of server.clients) client.sessionCookie = await signIn(client, client.pageSignInBody);
  const measured = servers.map(() => [] as (Awaited<ReturnType<typeof withCpu>> | null)[]);
  const list = [
    ['Bare route (one row by primary key, small page, no session)', '/bench/floor', false, 'new'],
    ['Home page, no session', 'home', false, ''],
    ['Signed-in home (the portal home with a session)', 'home', true, ''],
    ['Account page (signed in)', '/en/account', true, ''],
    ['Dashboard, where sign-in lands (signed in)', '/en/dashboard', true, 'new'],
  ] as const;
  for (const [label, path, signedIn, isNew] of list) {
    progress(label);
    for (const [i, server] of servers.entries()) {
      // An earlier commit has neither the floor route nor the dashboard: its pages are compared with this run's.
      const skip = server.baseline && isNew === 'new';
      measured[i]!.push(skip ? null : await withCpu(server, 4000, CLIENTS, get(server, path === 'home' ? server.home : path, signedIn)));
    }
  }
  return measured.map((results) => {
    const floor = results[0];
    return {
      account: results[3]!,
      lines: results.flatMap((r, i) =>
        r
          ? [
              `  ${list[i]![0]}, ${CLIENTS} clients: ${fmt(r.perSecond)} req/s, p99 ${fmt(r.p99)} ms; main-thread CPU ${r.mainMs.toFixed(2)} ms/request` +
                (floor ? ` = ${fmt(r.mainMs / floor.mainMs)}x the floor${i === 2 ? ' (target <= 2x)' : ''}` : ''),
            ]
          : [],
      ),
    };
  });
}

type PageFigures = Awaited<ReturnType<typeof pages>>[number];

/** Sign-in: password alone, at 32 clients then as many as cores; password and app code; forgot password. */
async function signIns(server: Server) {
  const { clients, csrfOf, totpKeys, serverTime } = server;
  progress('sign-in');
  const ceilingBefore = await measureCeiling();
  const passwordOnly = await withCpu(server, 10_000, CLIENTS, async (w) => {
    await signIn(clients[w]!);
  });
  const ceilingAfter = await measureCeiling();
  const ceiling = (ceilingBefore.perSecond + ceilingAfter.perSecond) / 2;
  // The p99 target compared where it can be met: no more clients than cores.
  const atCores = await timed(5000, CORES, async (w) => {
    await signIn(clients[w]!);
  });
  // Password then authenticator app code, each (account, step) once: the server refuses a code twice.
  // Step by step across all accounts, so an account's next code comes long after its last one is used
  // (a code older than the last one accepted is refused too).
  const codes = [-1, 0, 1].flatMap((steps) => totpKeys.map((key, i) => ({ i, code: codeAt(key, new Date(Date.parse(serverTime) + steps * 30_000)) })));
  let nextCode = 0;
  const withApp = await timed(5000, CLIENTS, async (w) => {
    const client = clients[w]!;
    const pick = codes[nextCode++ % codes.length]!;
    const body = new URLSearchParams({ _csrf: csrfOf(client), email: `totp${pick.i}@example.ca`, password }).toString();
    const first = await client.connection.request('POST', '/en/sign-in', { 'content-type': 'application/x-www-form-urlencoded', cookie: client.csrfCookie }, body);
    if (first.status !== 303) throw new Error(`sign-in answered ${first.status}`);
    const pending = (first.setCookies.find((c) => c.startsWith('guichet_session=')) ?? '').split(';')[0] ?? '';
    // The form token belongs to the session (issue 9): the browser loads the second-step page first.
    const form = await client.connection.request('GET', '/en/sign-in/verification', { cookie: `${client.csrfCookie}; ${pending}` });
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const second = await client.connection.request(
      'POST',
      '/en/sign-in/verification',
      { 'content-type': 'application/x-www-form-urlencoded', cookie: `${client.csrfCookie}; ${pending}` },
      new URLSearchParams({ _csrf: token, method: 'authenticator_app', code: pick.code }).toString(),
    );
    // A new session token when the second step is passed.
    if (second.status !== 303 || !second.setCookies.some((c) => c.startsWith('guichet_session='))) throw new Error(`second step answered ${second.status}`);
  });
  // "Forgot password" must take the same time for a known and an unknown email: one client each at a time.
  const forgot = async (email: (n: number) => string) => {
    let n = 0;
    return timed(3000, 1, async (w) => {
      const client = clients[w]!;
      const answer = await client.connection.request(
        'POST',
        '/en/forgot-password',
        { 'content-type': 'application/x-www-form-urlencoded', cookie: client.csrfCookie },
        new URLSearchParams({ _csrf: csrfOf(client), email: email(n++) }).toString(),
      );
      if (answer.status !== 303) throw new Error(`forgot password answered ${answer.status}`);
    });
  };
  const forgotKnown = await forgot(() => 'bench0@example.ca');
  const forgotUnknown = await forgot((n) => `nobody${n}@example.ca`);
  return [
    `  Argon2id verify ceiling, all cores: ${fmt(ceiling)}/s (${fmt(ceilingBefore.perSecond)} before the sign-in run, ${fmt(ceilingAfter.perSecond)} after)`,
    `  Sign-in over HTTP, ${CLIENTS} clients: ${fmt(passwordOnly.perSecond)}/s = ${fmt((100 * passwordOnly.perSecond) / ceiling)} % of ceiling (target >= 80 %); p50 ${fmt(passwordOnly.p50)} ms, p99 ${fmt(passwordOnly.p99)} ms = ${fmt(passwordOnly.p99 / single.p50)}x one verification`,
    `    server CPU per sign-in: ${fmt(passwordOnly.allMs)} ms, of which main thread ${fmt(passwordOnly.mainMs)} ms (the rest is Argon2 on the pool threads)`,
    `  Sign-in over HTTP, ${CORES} clients (= cores): ${fmt(atCores.perSecond)}/s; p99 ${fmt(atCores.p99)} ms = ${fmt(atCores.p99 / single.p50)}x one verification (target <= 4x)`,
    `  Forgot password, one client: known email p50 ${fmt(forgotKnown.p50)} ms, unknown p50 ${fmt(forgotUnknown.p50)} ms (ratio ${fmt(forgotKnown.p50 / forgotUnknown.p50)}); ${fmt(forgotKnown.perSecond)} and ${fmt(forgotUnknown.perSecond)} answers/s`,
    `  Sign-in with password and authenticator app code (three requests: password, second-step page, code), ${CLIENTS} clients: ${fmt(withApp.perSecond)}/s, p99 ${fmt(withApp.p99)} ms (password only, same run: ${fmt(passwordOnly.perSecond)}/s, p99 ${fmt(passwordOnly.p99)} ms)`,
  ];
}

const MiB = (bytes: number) => fmt(bytes / 1024 / 1024);
const memoryLine = (memory: { peakRssKiB: number; rss: number; heapUsed: number; arrayBuffers: number }) =>
  `  Server peak RSS: ${MiB(memory.peakRssKiB * 1024)} MiB; at the end RSS ${MiB(memory.rss)} MiB, JS heap ${MiB(memory.heapUsed)} MiB, array buffers (PGlite's WebAssembly memory among them) ${MiB(memory.arrayBuffers)} MiB`;

// 2. PGlite's own query path (the "before") and the prepared statements, page by page in turn;
// then sign-in on the prepared one.
const lines = [
  `Node ${process.version}, ${CORES} cores, ${new Date().toISOString()}`,
  `Argon2id verify, one at a time: ${fmt(single.perSecond)}/s (p50 ${fmt(single.p50)} ms)`,
];
// BENCH_BASELINE: a checkout of an earlier commit (with its node_modules), whose pages are measured
// in the same run, in turn with this one's, so "N times faster than before" is not across runs.
const baselineDir = process.env.BENCH_BASELINE;
const baselineLine = (name: string, baseline: PageFigures, now: PageFigures, target: number) =>
  `  Account page: ${fmt(now.account.perSecond / baseline.account.perSecond)}x the requests/s of ${name} in this run (target >= ${target}x); main-thread CPU ${fmt(baseline.account.mainMs / now.account.mainMs)}x less`;
const before = await startServer('pglite');
const prepared = await startServer('prepared');
const baseline = baselineDir ? await startServer('prepared', undefined, baselineDir) : null;
const [beforePages, preparedPages, baselinePages] = (await pages(baseline ? [before, prepared, baseline] : [before, prepared])) as [PageFigures, PageFigures, PageFigures?];
await before.stop();
if (baseline && baselinePages) lines.push(`PGlite in memory, the baseline (${baselineDir}):`, ...baselinePages.lines, memoryLine(await baseline.stop()));
lines.push("PGlite in memory, PGlite's own query path (before):", ...beforePages.lines);
lines.push('PGlite in memory, prepared statements (pglite-driver.ts):', ...preparedPages.lines);
lines.push(baselineLine("PGlite's own path", beforePages, preparedPages, 5));
if (baselinePages) lines.push(baselineLine('the baseline', baselinePages, preparedPages, 5));
lines.push(...(await signIns(prepared)), memoryLine(await prepared.stop()));

// 3. PostgreSQL, when there is one: each server run gets a database of its own.
const databaseUrl = benchServerUrl;
if (databaseUrl) {
  const postgres = await startServer('prepared', databaseUrl);
  const postgresBaseline = baselineDir ? await startServer('prepared', databaseUrl, baselineDir) : null;
  const [postgresPages, postgresBaselinePages] = (await pages(postgresBaseline ? [postgres, postgresBaseline] : [postgres])) as [PageFigures, PageFigures?];
  if (postgresBaseline && postgresBaselinePages) lines.push(`PostgreSQL, the baseline (${baselineDir}):`, ...postgresBaselinePages.lines, memoryLine(await postgresBaseline.stop()));
  lines.push(`PostgreSQL at ${new URL(databaseUrl).host}:`, ...postgresPages.lines);
  if (postgresBaselinePages) lines.push(baselineLine('the baseline', postgresBaselinePages, postgresPages, 3));
  lines.push(...(await signIns(postgres)), memoryLine(await postgres.stop()));
}
// 4. Surveillance: 10,000 arrival notices through the API (its own servers, after these have stopped).
progress('surveillance notices through the API');
lines.push(...(await benchSurveillanceNotices()));
console.log(lines.join('\n'));
