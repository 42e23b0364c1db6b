/**
 * npm run bench:rate-limit (and part of npm run bench): what counting a request in `rate_limits`
 * costs, now that the counters live in the database so several nodes count together. The same
 * small answer on two routes, one counted (the store's one upsert per request) and one not,
 * requested over loopback by 8 kept-alive connections: with every request counted in one row
 * (everyone behind one address, the worst case: each upsert waits for the one before) and with one
 * row per connection. On in-memory PGlite, then on PostgreSQL when BENCH_DATABASE_URL or
 * DATABASE_URL is set.
 */
import type { AddressInfo } from 'node:net';
import { benchApp, benchServerUrl, loadOver } from './databases.ts';
import { Connection } from './connection.ts';

const CLIENTS = 8;
const DURATION_MS = 4000;
const LIMIT = { max: 1_000_000_000, timeWindow: 60_000 };

const load = (connections: Connection[], path: string) => loadOver(connections, DURATION_MS, 20, (c, i) => c.request('GET', path, { 'x-bench-key': String(i) }));

export async function benchRateLimit(label: string, databaseUrl: string | undefined): Promise<string[]> {
  const t = await benchApp(databaseUrl, {
    beforeReady(app) {
      const answer = async () => ({ ok: true });
      app.get('/bench/uncounted', answer);
      app.get('/bench/counted-one-row', { config: { rateLimit: { ...LIMIT, keyGenerator: () => 'everyone' } } }, answer);
      app.get('/bench/counted-own-row', { config: { rateLimit: { ...LIMIT, keyGenerator: (request) => String(request.headers['x-bench-key']) } } }, answer);
    },
  });
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const connections = await Promise.all(Array.from({ length: CLIENTS }, () => Connection.open(port)));
    const uncounted = await load(connections, '/bench/uncounted');
    const oneRow = await load(connections, '/bench/counted-one-row');
    const ownRow = await load(connections, '/bench/counted-own-row');
    for (const c of connections) c.close();
    // Time per request beyond the uncounted route's, from the throughput (both on the same two cores).
    const extra = (r: Awaited<ReturnType<typeof load>>) => (1000 / r.perSecond - 1000 / uncounted.perSecond).toFixed(3);
    const line = (name: string, r: Awaited<ReturnType<typeof load>>, cost: string) =>
      `| ${label} | ${name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${cost} |${r.failures ? ` ${r.failures} not 200` : ''}`;
    return [line('not counted', uncounted, '—'), line('counted, one row for all', oneRow, extra(oneRow)), line('counted, a row per connection', ownRow, extra(ownRow))];
  } finally {
    await t.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lines = ['| database | route | req/s | p50 ms | p99 ms | ms per request for the count |', '|---|---|---|---|---|---|'];
  lines.push(...(await benchRateLimit('PGlite', undefined)));
  if (benchServerUrl) lines.push(...(await benchRateLimit('PostgreSQL', benchServerUrl)));
  console.log(lines.join('\n'));
}
