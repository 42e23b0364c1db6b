/**
 * npm run bench:queue (and part of npm run bench): the staff queue page, `/en/staff/applications`,
 * at 10,000 open applications of one authority — its first page, a filtered page and the last page,
 * requested over loopback by 8 kept-alive connections for a few seconds each, against the floor (one
 * row by primary key, a small page, no session) in the same run. On in-memory PGlite, then on
 * PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL is set.
 */
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { h } from 'preact';
import { authorities } from '../src/authorities/index.ts';
import { sendHtml } from '../src/platform/http.tsx';
import { benchApp, benchServerUrl, loadOver } from './databases.ts';
import { Client } from '../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../test/support/factors.ts';
import { buildAccount, buildStaff, FACTORY_PASSWORD } from '../test/support/factories.ts';
import { Connection } from './connection.ts';
import { seedOpenReviews } from './reviews.ts';

const OPEN = 10_000;
const CLIENTS = 8;
const DURATION_MS = 4000;


// Warm up once per connection: the first requests compile the page's code and fill PostgreSQL's caches.
const load = (connections: Connection[], path: string, cookie: string) => loadOver(connections, DURATION_MS, 1, (c) => c.request('GET', path, { cookie }));

export async function benchQueue(label: string, databaseUrl: string | undefined): Promise<string[]> {
  const t = await benchApp(databaseUrl, {
    beforeReady(app, { database, authorityId }) {
      app.get('/bench/floor', async (_request, reply) => {
        const [row] = await database.db.select({ name: authorities.name }).from(authorities).where(eq(authorities.id, authorityId));
        return sendHtml(reply, h('html', null, h('body', null, h('main', null, h('h1', null, row?.name.en ?? '')))));
      });
    },
  });
  try {
    const db = t.database.db;
    const applicant = await buildAccount(db, t.authorityId);
    const staff = await buildStaff(db, t.authorityId);
    const others = await Promise.all([0, 1, 2].map(() => buildStaff(db, t.authorityId)));
    const seeding = performance.now();
    await seedOpenReviews(db, t.authorityId, OPEN, { applicantId: applicant.id, assigneeIds: [staff.id, ...others.map((o) => o.id)], now: t.clock.now() });
    const seededMs = performance.now() - seeding;
    // A real staff session: password and authenticator app, through the pages.
    const signIn = new Client(t.app);
    const key = await addAuthenticatorApp(t, staff.id);
    await signInWithApp(signIn, t, staff.email, FACTORY_PASSWORD, key);
    const cookie = [...signIn.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const connections = await Promise.all(Array.from({ length: CLIENTS }, () => Connection.open(port)));
    const floor = await load(connections, '/bench/floor', '');
    const first = await load(connections, '/en/staff/applications', cookie);
    const filtered = await load(connections, '/en/staff/applications?status=queued&assignee=none&age=30', cookie);
    const last = await load(connections, `/en/staff/applications?page=${Math.ceil(OPEN / 25)}`, cookie);
    for (const c of connections) c.close();
    const line = (name: string, r: Awaited<ReturnType<typeof load>>) =>
      `| ${label} | ${name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(floor.perSecond / r.perSecond).toFixed(1)}x |${r.failures ? ` ${r.failures} not 200` : ''}`;
    return [
      `${label}: ${OPEN.toLocaleString('en-CA')} open reviews seeded in ${(seededMs / 1000).toFixed(1)} s`,
      line('floor (no session, one row)', floor),
      line('queue, first page', first),
      line('queue, filtered (queued, nobody, 30+ days)', filtered),
      line('queue, last page', last),
    ];
  } finally {
    await t.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lines = ['| database | page | req/s | p50 ms | p99 ms | floor / page |', '|---|---|---|---|---|---|'];
  const pglite = await benchQueue('PGlite', undefined);
  const postgres = benchServerUrl ? await benchQueue('PostgreSQL', benchServerUrl) : [];
  const notes = [...pglite, ...postgres].filter((l) => !l.startsWith('|'));
  console.log([...notes, '', ...lines, ...[...pglite, ...postgres].filter((l) => l.startsWith('|'))].join('\n'));
}
