/**
 * What the in-process benches share: the PostgreSQL server they also run on, a test app on either
 * database, the percentile of a sorted sample, latencies of a call, and a raw SQL connection.
 */
import pg from 'pg';
import { createTestApp } from '../test/support/app.ts';
import type { Answer, Connection } from './connection.ts';

/** The server a bench runs on besides in-memory PGlite: BENCH_DATABASE_URL, else DATABASE_URL, else none. */
export const benchServerUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

/**
 * A test app on in-memory PGlite (no URL) or on a fresh database of its own on that server. The
 * test helper reads DATABASE_URL, so it is set for the call and put back after.
 */
export async function benchApp(databaseUrl: string | undefined, options: Parameters<typeof createTestApp>[0] = {}) {
  const saved = process.env.DATABASE_URL;
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  try {
    return await createTestApp(options);
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

/** The p-th percentile (0–100) of an ascending sample. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Calls not counted before a bench measures (caches, plans, the JIT). */
export const WARM_RUNS = 20;

/** The p50 and p99 in ms of `runs` calls of `work`, one after the other, after `warm` calls not counted. */
export async function latencies(runs: number, work: () => Promise<unknown>, warm = WARM_RUNS): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < warm; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/**
 * Where a bench runs the raw SQL it compares the app with: a connection of its own on PostgreSQL,
 * PGlite's one connection otherwise. `end` closes what it opened.
 */
export async function rawSql(database: { adapter: { executeSql(text: string, params: unknown[]): Promise<unknown> } }) {
  const url = (database as { url?: string }).url;
  const client = url ? new pg.Client({ connectionString: url }) : null;
  await client?.connect();
  return {
    exec: (text: string, params: unknown[] = []) => (client ? client.query(text, params) : database.adapter.executeSql(text, params)) as Promise<{ rows: unknown[] }>,
    end: async () => client?.end(),
  };
}

/**
 * Every connection sends, one request after another, for `durationMs`, after `warm` untimed requests
 * each (the page's code compiled, the caches filled): requests/s, p50, p99 and the answers not 200.
 */
export async function loadOver(connections: Connection[], durationMs: number, warm: number, send: (c: Connection, i: number) => Promise<Answer>) {
  for (const [i, c] of connections.entries()) for (let w = 0; w < warm; w++) await send(c, i);
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  await Promise.all(
    connections.map(async (c, i) => {
      while (performance.now() - start < durationMs) {
        const t0 = performance.now();
        if ((await send(c, i)).status !== 200) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}
