/**
 * One node of the deadline-night bench (bench/deadline-night.ts), in its own process: the portal on
 * the bench's PostgreSQL database (DEADLINE_DATABASE_URL), for its authority, listening on a port it
 * tells the parent. Answers "memory" (RSS and heap now) and "stop".
 */
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../test/support/app.ts';

const url = process.env.DEADLINE_DATABASE_URL!;
const join = { database: { url }, authorityId: process.env.DEADLINE_AUTHORITY_ID!, authoritySlug: process.env.DEADLINE_AUTHORITY_SLUG! } as unknown as TestApp;
// Every bench visitor comes from 127.0.0.1: the per-address sign-in limit is raised so the bench
// measures the work, as thousands of people from their own addresses would meet it.
const t = await createTestApp({ join, signInRateLimit: { max: 100_000_000, timeWindow: 60_000 } });
await t.app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (t.app.server.address() as AddressInfo).port });

process.on('message', async (message) => {
  if (message === 'memory') {
    const { rss, heapUsed } = process.memoryUsage();
    process.send?.({ rss, heapUsed });
  } else if (message === 'stop') {
    await t.close();
    process.exit(0);
  }
});
