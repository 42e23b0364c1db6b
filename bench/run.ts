/**
 * npm run bench: figures for docs/benchmarks.md, compared within one run (machines here are noisy).
 * The server runs in a child process on in-memory PGlite; the load comes from this one over loopback.
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { dummyHash, verifyPassword } from '../src/identity/passwords.ts';

const CLIENTS = 32;
const password = 'lune verte sur le fleuve 42';

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed(durationMs: number, concurrency: number, op: (worker: number) => Promise<void>) {
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  const start = performance.now();
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

// 1. Argon2id verify: one at a time (latency), then all cores (ceiling).
const single = await timed(3000, 1, async () => {
  await verifyPassword(dummyHash, password);
});
const ceiling = await timed(5000, Math.max(4, availableParallelism() * 2), async () => {
  await verifyPassword(dummyHash, password);
});

// 2. The app in its own process.
const server = fork(new URL('./server.ts', import.meta.url), [String(CLIENTS)], { execArgv: ['--import', 'tsx'] });
const reply = <T>() => new Promise<T>((resolve) => server.once('message', (m) => resolve(m as T)));
const { port } = await reply<{ port: number }>();
const base = `http://127.0.0.1:${port}`;

interface Session {
  email: string;
  cookie: string;
  csrf: string;
}
const sessions: Session[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const res = await fetch(`${base}/en/sign-in`);
  const cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
  sessions.push({ email: `bench${i}@example.ca`, cookie, csrf });
}

const signIn = await timed(8000, CLIENTS, async (w) => {
  const s = sessions[w]!;
  const res = await fetch(`${base}/en/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: s.cookie },
    body: new URLSearchParams({ _csrf: s.csrf, email: s.email, password }).toString(),
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('guichet_session='));
  if (session) s.cookie = `${s.cookie.split('; ')[0]}; ${session.split(';')[0]}`;
});

const home = await timed(5000, CLIENTS, async () => {
  const res = await fetch(`${base}/en`);
  await res.arrayBuffer();
});

const account = await timed(5000, CLIENTS, async (w) => {
  const res = await fetch(`${base}/en/account`, { headers: { cookie: sessions[w]!.cookie }, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`account answered ${res.status}`);
});

server.send('rss');
const rssMiB = (await reply<{ rssKiB: number }>()).rssKiB / 1024;

const lines = [
  `Node ${process.version}, ${availableParallelism()} cores, ${new Date().toISOString()}`,
  `Argon2id verify, one at a time: ${fmt(single.perSecond)}/s (p50 ${fmt(single.p50)} ms)`,
  `Argon2id verify ceiling, all cores: ${fmt(ceiling.perSecond)}/s`,
  `Sign-in over HTTP, ${CLIENTS} clients: ${fmt(signIn.perSecond)}/s = ${fmt((100 * signIn.perSecond) / ceiling.perSecond)} % of ceiling (target >= 80 %); p99 ${fmt(signIn.p99)} ms = ${fmt(signIn.p99 / single.p50)}x one verification (target <= 4x)`,
  `Home page, ${CLIENTS} clients: ${fmt(home.perSecond)} req/s, p99 ${fmt(home.p99)} ms`,
  `Account page (signed in), ${CLIENTS} clients: ${fmt(account.perSecond)} req/s, p99 ${fmt(account.p99)} ms`,
  `Server peak RSS: ${fmt(rssMiB)} MiB`,
];
console.log(lines.join('\n'));
