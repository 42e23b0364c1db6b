/**
 * What the in-process benches share: the PostgreSQL server they also run on, a test app on either
 * database, and the percentile of a sorted sample.
 */
import { createTestApp } from '../test/support/app.ts';

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
