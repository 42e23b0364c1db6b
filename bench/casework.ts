/**
 * npm run bench:casework: casework's reads at 10,000 open reviews in one authority — the staff
 * queue's first page (its rows, total and counts: all the queue page reads), filtered pages, the
 * last page, the counts alone, a position — each called one at a time for a while (p50, p99, calls/s). On in-memory PGlite, then on PostgreSQL when
 * BENCH_DATABASE_URL or DATABASE_URL is set (a database of its own, dropped after).
 */
import { sql } from 'drizzle-orm';
import type { QueueFilters } from '../src/casework/index.ts';
import { benchApp, benchServerUrl, percentile } from './databases.ts';
import { buildAccount, buildStaff } from '../test/support/factories.ts';
import { seedOpenReviews } from './reviews.ts';

const OPEN_REVIEWS = 10_000;
const DURATION_MS = 3000;

async function timed(op: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await op();
  const latencies: number[] = [];
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    const t0 = performance.now();
    await op();
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  const seconds = (performance.now() - start) / 1000;
  return `${(latencies.length / seconds).toFixed(0)} calls/s, p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`;
}

async function run(label: string, databaseUrl: string | undefined) {
  const t = await benchApp(databaseUrl);
  try {
    const db = t.database.db;
    const applicant = await buildAccount(db, t.authorityId);
    const staff = await Promise.all([0, 1, 2, 3].map(() => buildStaff(db, t.authorityId)));
    const seeding = performance.now();
    const ids = await seedOpenReviews(db, t.authorityId, OPEN_REVIEWS, { applicantId: applicant.id, assigneeIds: staff.map((s) => s.id), now: t.clock.now() });
    const seeded = performance.now() - seeding;
    // What autovacuum does soon after a bulk insert on a server (statistics, the visibility map);
    // PGlite has no autovacuum, so it is measured as the app would find it there.
    if (t.database.kind === 'postgres') await db.execute(sql`vacuum analyze reviews`);
    const casework = t.app.services.casework;
    const me = staff[0]!.id;
    const queue = (filters: Partial<QueueFilters>) => () => casework.queue(t.authorityId, { page: 1, perPage: 25, ...filters }, me);
    const firstPage = await casework.queue(t.authorityId, { page: 1, perPage: 25 }, me);
    const lines = [
      `${label}: ${OPEN_REVIEWS.toLocaleString('en-CA')} open reviews seeded in ${seeded.toFixed(0)} ms (one statement, and one for their steps); queue total ${firstPage.total}`,
      `  queue(), first page, no filter:                   ${await timed(queue({}))}`,
      `  queue(), type + queued + older than 30 days:       ${await timed(queue({ typeCode: 'transfer', status: 'queued', olderThanDays: 30 }))}`,
      `  queue(), picked up by me:                          ${await timed(queue({ assignee: 'me' }))}`,
      `  queue(), last page (offset ${OPEN_REVIEWS - 25}):              ${await timed(queue({ page: OPEN_REVIEWS / 25 }))}`,
      `  counts():                                          ${await timed(() => casework.counts(t.authorityId, me))}`,
      `  position() of the newest queued review:            ${await timed(() => casework.position(ids.at(-4)!))}`,
    ];
    return lines;
  } finally {
    await t.close();
  }
}

const lines = [`Node ${process.version}, ${new Date().toISOString()}`, ...(await run('PGlite in memory', undefined))];
if (benchServerUrl) lines.push(...(await run(`PostgreSQL at ${new URL(benchServerUrl).host}`, benchServerUrl)));
console.log(lines.join('\n'));
