/**
 * The portal under load, in its own process (bench/run.ts drives it over loopback), on in-memory
 * PGlite or, with DATABASE_URL, a new database on that server. It answers the parent's questions:
 * "cpu" (its main thread's CPU time, apart from Argon2's pool threads) and "memory" (peak RSS and
 * where the memory is now).
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { h } from 'preact';
import { authorities } from '../src/authorities/index.ts';
import { sendHtml } from '../src/platform/http.tsx';
import { createTestApp } from '../test/support/app.ts';
import { addAuthenticatorApp } from '../test/support/factors.ts';
import { buildAccount } from '../test/support/factories.ts';

const clients = Number(process.argv[2] ?? 32);
// "pglite": PGlite's own query path, the "before" of the prepared statements.
const pgliteQueries = process.argv[3] === 'pglite' ? 'pglite' : 'prepared';
const TOTP_ACCOUNTS = 256;
// Every bench client comes from 127.0.0.1: the per-IP limit is raised so it measures the work, not the limit.
const t = await createTestApp({
  signInRateLimit: { max: 1_000_000, timeWindow: 60_000 },
  pgliteQueries,
  // The floor a signed-in page is measured against: one row by primary key, a small page, no session.
  beforeReady(app, { database, authorityId }) {
    app.get('/bench/floor', async (_request, reply) => {
      const [row] = await database.db.select({ name: authorities.name }).from(authorities).where(eq(authorities.id, authorityId));
      return sendHtml(reply, h('html', null, h('body', null, h('main', null, h('h1', null, row?.name.en ?? '')))));
    });
  },
});
// "bench": signed in over and over by the sign-in run; "page": signed in once, as a person
// reading their account page is (a few sessions, not hundreds).
for (let i = 0; i < 2 * clients; i++) {
  await buildAccount(t.database.db, t.authorityId, { email: i < clients ? `bench${i}@example.ca` : `page${i - clients}@example.ca`,
    givenName: 'Bench',
    familyName: String(i),
    preferredLanguage: 'en',
    password: 'lune verte sur le fleuve 42',
  });
}
// "totp": password and authenticator app. The test clock stands still, so each account has three
// usable codes (one step of drift each way) and a code works once: hence many accounts.
const totpKeys: string[] = [];
for (let i = 0; i < TOTP_ACCOUNTS; i++) {
  const account = await buildAccount(t.database.db, t.authorityId, { email: `totp${i}@example.ca`,
    givenName: 'Bench',
    familyName: `TOTP ${i}`,
    preferredLanguage: 'en',
    password: 'lune verte sur le fleuve 42',
  });
  totpKeys.push(await addAuthenticatorApp(t, account.id));
}
await t.app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (t.app.server.address() as AddressInfo).port, totpKeys, serverTime: t.clock.now().toISOString(), authoritySlug: t.authoritySlug });

/** User and system time of the main thread (Linux: the task whose id is the process id). */
function mainThreadCpuMs() {
  const fields = readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

process.on('message', async (message) => {
  if (message === 'cpu') {
    const all = process.cpuUsage();
    process.send?.({ mainMs: mainThreadCpuMs(), allMs: (all.user + all.system) / 1000 });
  } else if (message === 'memory') {
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    process.send?.({ peakRssKiB: process.resourceUsage().maxRSS, rss, heapUsed, external, arrayBuffers });
  } else if (message === 'stop') {
    await t.close();
    process.exit(0);
  }
});
