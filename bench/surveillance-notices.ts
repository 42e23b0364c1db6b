/**
 * Part of npm run bench (bench/run.ts runs it last; alone: node --import tsx bench/surveillance-notices.ts):
 * BENCH_NOTICES (10,000) arrival notices sent to the surveillance API over HTTP on
 * BENCH_NOTICE_CLIENTS (4) kept-alive connections at once, each notice the whole path — Bearer
 * key, the notice schema, routing to the PTPHA of its province (1 in 20 without one: the
 * cannot-route queue), the case, its assignment, its audit row and a mail to each of the PTPHA's
 * two members, in one transaction — then 2,000 of them sent again (the idempotent replay: 200
 * and the first answer). Notices/s and latency p50/p99, on in-memory PGlite, then on PostgreSQL
 * when BENCH_DATABASE_URL or DATABASE_URL is set. The server runs in its own process, as in run.ts.
 * Four clients, not more: every notice of one authority writes its audit chain, whose lock lasts
 * until commit, so more clients only queue behind it (and share this machine's cores with the server).
 */
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { provinces } from '../src/platform/canada.ts';
import { organizations } from '../src/organizations/index.ts';
import { PTPHA_KIND } from '../src/surveillance/index.ts';
import { surveillanceSettings } from '../src/surveillance/schema.ts';
import { buildAccount, buildOrganization, buildOrganizationKind, buildStaff } from '../test/support/factories.ts';
import { Connection } from './connection.ts';
import { benchApp, benchServerUrl, percentile } from './databases.ts';

const COUNT = Number(process.env.BENCH_NOTICES ?? 10_000);
const CLIENTS = Number(process.env.BENCH_NOTICE_CLIENTS ?? 4);

if (process.argv[2] === 'serve') await serve(process.argv[3] || undefined);
else if (import.meta.url === `file://${process.argv[1]}`) console.log((await benchSurveillanceNotices()).join('\n'));

async function serve(databaseUrl: string | undefined) {
  const t = await benchApp(databaseUrl);
  const db = t.database.db;
  await db.insert(surveillanceSettings).values({ authorityId: t.authorityId });
  const kind = await buildOrganizationKind(db, t.authorityId, { slug: PTPHA_KIND });
  for (const province of provinces) {
    const people = [];
    for (let i = 0; i < 2; i++) people.push({ accountId: (await buildAccount(db, t.authorityId)).id, role: 'member' as const });
    const o = await buildOrganization(db, t.authorityId, { kindId: kind.id, people });
    await db.update(organizations).set({ province }).where(eq(organizations.id, o.id));
  }
  const staff = await buildStaff(db, t.authorityId, { roles: ['administrator'] });
  const { key } = await t.app.services.surveillance.intake.apiClients.issue({ id: staff.id, staffAuthorityId: t.authorityId, authorityRoles: ['staff', 'administrator'] }, 'bench', ['notices:write'], { ip: null, userAgent: 'bench' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: (t.app.server.address() as AddressInfo).port, key });
  process.on('message', async (message) => {
    if (message === 'stop') {
      await t.close();
      process.exit(0);
    }
  });
}

/** One notice of the run: a province in turn, every twentieth without an address. */
function notice(i: number) {
  const province = i % 20 === 19 ? null : provinces[i % provinces.length]!;
  return JSON.stringify({
    noticeNumber: `BENCH-${String(i).padStart(6, '0')}`,
    familyName: `Famille${i}`,
    givenNames: 'Marie-Ève',
    dateOfBirth: '1988-05-17',
    clientId: `UCI${String(100000 + i)}`,
    ...(province ? { addressLine1: `${i} rue Principale`, city: 'Ville', province, postalCode: 'K1A 0B1' } : {}),
    arrivalDate: '2026-11-20',
    code: i % 5 === 0 ? 'urgent' : 'routine',
  });
}

async function send(port: number, key: string, bodies: string[], expected: number) {
  const connections = await Promise.all(Array.from({ length: CLIENTS }, () => Connection.open(port)));
  const latencies: number[] = [];
  let next = 0;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const started = performance.now();
  await Promise.all(
    connections.map(async (c) => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const t0 = performance.now();
        const answer = await c.request('POST', '/api/v1/surveillance/notices', headers, body);
        latencies.push(performance.now() - t0);
        if (answer.status !== expected) throw new Error(`the API answered ${answer.status}: ${answer.body}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const c of connections) c.close();
  latencies.sort((a, b) => a - b);
  return { perSecond: bodies.length / seconds, seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function benchOn(label: string, databaseUrl: string | undefined): Promise<string[]> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const server = fork(new URL(import.meta.url), ['serve', databaseUrl ?? ''], { execArgv: ['--import', 'tsx'], env });
  process.on('exit', () => server.kill());
  const { port, key } = await new Promise<{ port: number; key: string }>((resolve) => server.once('message', (m) => resolve(m as { port: number; key: string })));
  try {
    const bodies = Array.from({ length: COUNT }, (_, i) => notice(i));
    const created = await send(port, key, bodies, 201);
    const replayed = await send(port, key, bodies.slice(0, Math.min(COUNT, 2000)), 200);
    const f = (n: number) => n.toFixed(1);
    return [
      `| ${label} | ${COUNT} new notices | ${f(created.perSecond)} | ${f(created.seconds)} s | ${f(created.p50)} / ${f(created.p99)} |`,
      `| ${label} | ${Math.min(COUNT, 2000)} replayed (same content) | ${f(replayed.perSecond)} | ${f(replayed.seconds)} s | ${f(replayed.p50)} / ${f(replayed.p99)} |`,
    ];
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.send('stop');
    await exited;
  }
}

/** The figures' lines (a table), for run.ts and for this file alone. */
export async function benchSurveillanceNotices(): Promise<string[]> {
  const rows = await benchOn('PGlite (in memory)', undefined);
  if (benchServerUrl) rows.push(...(await benchOn('PostgreSQL', benchServerUrl)));
  return [
    '',
    `Surveillance notices through the API, ${CLIENTS} kept-alive connections (each: key, schema, routing, case, assignment, audit, 2 mails, one transaction):`,
    '',
    '| database | run | notices/s | total | latency p50 / p99 (ms) |',
    '|---|---|---|---|---|',
    ...rows,
  ];
}
