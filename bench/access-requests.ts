/**
 * npm run bench (and npm run bench:access-requests): one institution with BENCH_ACCESS_REQUESTS
 * (200,000, IRCC's yearly volume) requests written with generate_series — received over the year
 * before the bench clock's day, a twentieth awaiting the fee, a tenth awaiting clarification (an
 * open stop), a quarter in progress, the rest closed (dispositions in turn, some late), a tenth
 * extended, one in 25 with a consultation — plus a second institution with a tenth as many. Then:
 * (a) the yearly statistics query (the fiscal year, the office service's one query): seconds;
 * (b) over HTTP, BENCH_ACCESS_CLIENTS (4) kept-alive connections of one signed-in practitioner:
 * the statistics and summaries pages (req/s, p50/p99) and, once part B's pages are on this branch,
 * the workspace dashboard and a request's page (benchWorkspacePages). On PostgreSQL when
 * BENCH_DATABASE_URL or DATABASE_URL is set (a database of its own, dropped after), otherwise, or
 * with BENCH_ACCESS_PGLITE=1 as well, on in-memory PGlite. The server listens in this process.
 */
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { INSTITUTION_KIND } from '../src/access-requests/index.ts';
import { href } from '../src/platform/paths.ts';
import { Client } from '../test/support/client.ts';
import { addAuthenticatorApp, signInWithApp } from '../test/support/factors.ts';
import { buildAccount, buildOrganization, buildOrganizationKind, FACTORY_PASSWORD } from '../test/support/factories.ts';
import { Connection } from './connection.ts';
import { benchApp, benchServerUrl, latencies, percentile } from './databases.ts';

const COUNT = Number(process.env.BENCH_ACCESS_REQUESTS ?? 200_000);
const CLIENTS = Number(process.env.BENCH_ACCESS_CLIENTS ?? 4);
const DURATION_MS = Number(process.env.BENCH_ACCESS_MS ?? 4000);
const STAT_RUNS = Number(process.env.BENCH_ACCESS_STAT_RUNS ?? 5);

/** Writes `count` requests of one institution in a handful of statements (the statuses, stops, extensions, consultations of the header). */
async function writeRequests(db: Awaited<ReturnType<typeof benchApp>>['database']['db'], authorityId: string, organizationId: string, accountId: string, prefix: string, count: number) {
  await db.execute(sql`
    insert into access_requests (authority_id, organization_id, number, act, status, channel, requester_name, requester_email, requester_locale, requester_category,
      description, tracking_token_hash, submitted_at, received_on, due_on, fee_status, disposition, closed_on, closed_at, pages_released, summary_fr, summary_en, created_at, updated_at)
    select ${authorityId}, ${organizationId}, ${prefix} || '-' || lpad(i::text, 7, '0'), g.act, g.status,
      (array['online','online','online','api','paper','mail','email'])[1 + i % 7],
      'Demandeur ' || i, 'demandeur' || i || '@example.ca', case when i % 3 = 0 then 'en' else 'fr' end,
      (array['media','academia','business','organization','public','declined'])[1 + i % 6],
      'Les documents numéro ' || i, md5(${prefix} || i::text),
      (g.received - 1)::timestamp + interval '15 hours',
      case when g.status = 'awaiting_fee' then null else g.received end,
      case when g.status = 'awaiting_fee' then null else g.received + 30 + case when i % 10 = 5 then 20 else 0 end end,
      case when g.act = 'privacy' then 'none' when g.status = 'awaiting_fee' then 'due' when i % 50 = 8 then 'waived' when i % 97 = 9 then 'refunded' else 'paid' end,
      case when g.status = 'closed' then (array['all_disclosed','disclosed_in_part','disclosed_in_part','all_exempted','all_excluded','no_records_exist','neither_confirmed_nor_denied','abandoned'])[1 + i % 8] end,
      case when g.status = 'closed' then g.closed end,
      case when g.status = 'closed' then g.closed::timestamp + interval '16 hours' end,
      case when g.status = 'closed' then i % 300 end,
      case when g.status = 'closed' then 'Sommaire de la demande ' || i end,
      case when g.status = 'closed' then 'Summary of request ' || i end,
      now(), now()
    from generate_series(1, ${count}) i
    cross join lateral (select
      case when i % 20 = 0 or i % 7 <> 0 then 'access' else 'privacy' end as act,
      case when i % 20 = 0 then 'awaiting_fee' when i % 20 in (1, 2) then 'awaiting_clarification' when i % 20 between 3 and 7 then 'in_progress' else 'closed' end as status,
      date '2026-11-22' - (i % 365) as received,
      least(date '2026-11-22', date '2026-11-22' - (i % 365) + 5 + (i * 7) % 45) as closed) g`);
  const ids = sql`select id, received_on, status, act, row_number() over (order by number) as i from access_requests where organization_id = ${organizationId}`;
  await db.execute(sql`
    insert into access_stops (request_id, reason, started_on, ended_on, question, asked_by, asked_at, answer, answered_at)
    select r.id, 'clarification', r.received_on + 3, case when r.status = 'awaiting_clarification' then null else r.received_on + 8 end, 'Quelle période ?', ${accountId},
      (r.received_on + 3)::timestamp + interval '15 hours', case when r.status = 'awaiting_clarification' then null else 'L’année 2025.' end,
      case when r.status = 'awaiting_clarification' then null else (r.received_on + 8)::timestamp + interval '15 hours' end
    from (${ids}) r where r.status = 'awaiting_clarification' or (r.status = 'closed' and r.i % 20 = 11)`);
  await db.execute(sql`
    insert into access_extensions (request_id, reason, days, taken_on, taken_by, taken_at)
    select r.id, case when r.act = 'access' then (array['atia_9_1_a','atia_9_1_b','atia_9_1_c'])[1 + r.i % 3] else 'pa_15_a_i' end, 20, r.received_on + 10, ${accountId}, (r.received_on + 10)::timestamp + interval '15 hours'
    from (${ids}) r where r.i % 10 = 5 and r.received_on is not null`);
  await db.execute(sql`
    insert into access_consultations (request_id, kind, party_name, party_email, question, status, sent_on, due_on, answered_on, answer, created_by, created_at)
    select r.id, 'third_party', 'Entreprise ' || r.i, 'tiers@example.ca', 'Voyez-vous une objection ?', case when r.i % 2 = 0 then 'answered' else 'sent' end,
      r.received_on + 5, r.received_on + 35, case when r.i % 2 = 0 then r.received_on + 20 end, case when r.i % 2 = 0 then 'Non.' end, ${accountId}, now()
    from (${ids}) r where r.i % 25 = 3 and r.received_on is not null`);
}

/** GETs of `paths` in turn on kept-alive connections for DURATION_MS: req/s and p50/p99. */
async function load(port: number, cookie: string, paths: string[]) {
  const connections = await Promise.all(Array.from({ length: CLIENTS }, () => Connection.open(port)));
  const samples: number[] = [];
  let next = 0;
  const start = performance.now();
  const end = start + DURATION_MS;
  await Promise.all(
    connections.map(async (c) => {
      while (performance.now() < end) {
        const path = paths[next++ % paths.length]!;
        const t0 = performance.now();
        const answer = await c.request('GET', path, { cookie });
        samples.push(performance.now() - t0);
        if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  for (const c of connections) c.close();
  samples.sort((a, b) => a - b);
  return { perSecond: samples.length / seconds, p50: percentile(samples, 50), p99: percentile(samples, 99), n: samples.length };
}

/**
 * Part B's two pages at this volume (the workspace dashboard, first page and the overdue queue;
 * a request's page, a different request each time). Null while those pages are not on this
 * branch (they answer 404): the lead wires them in after the merge, nothing else to change.
 */
export async function benchWorkspacePages(port: number, cookie: string, organizationId: string, requestIds: string[]) {
  const probe = await (await Connection.open(port)).request('GET', href('access.workspace.dashboard', 'en', { organizationId }), { cookie });
  if (probe.status !== 200) return null;
  const dashboard = await load(port, cookie, [href('access.workspace.dashboard', 'en', { organizationId }), `${href('access.workspace.dashboard', 'en', { organizationId })}?queue=overdue`]);
  const request = await load(port, cookie, requestIds.map((requestId) => href('access.workspace.request', 'en', { organizationId, requestId })));
  return { dashboard, request };
}

async function benchOn(label: string, databaseUrl: string | undefined): Promise<string[]> {
  const t = await benchApp(databaseUrl);
  try {
    const db = t.database.db;
    await db.execute(sql`insert into access_settings (authority_id) values (${t.authorityId})`);
    const kind = await buildOrganizationKind(db, t.authorityId, { slug: INSTITUTION_KIND });
    const practitioner = await buildAccount(db, t.authorityId);
    const organization = await buildOrganization(db, t.authorityId, { kindId: kind.id, people: [{ accountId: practitioner.id, role: 'member' }] });
    const other = await buildOrganization(db, t.authorityId, { kindId: kind.id });
    console.log(`${label}: writing ${COUNT} + ${Math.ceil(COUNT / 10)} requests`);
    const started = performance.now();
    await writeRequests(db, t.authorityId, organization.id, practitioner.id, 'A-2026', COUNT);
    await writeRequests(db, t.authorityId, other.id, practitioner.id, 'B-2026', Math.ceil(COUNT / 10));
    await db.execute(sql`analyze`);
    const generation = (performance.now() - started) / 1000;

    // (a) The yearly statistics, through the office service (the page's and the CSV's one query).
    const office = t.app.services.accessRequests.office;
    const p = { accountId: practitioner.id, organizationId: organization.id, authorityId: t.authorityId };
    const stats = await office.statistics(p, '2026-04-01', '2027-03-31');
    const stat = await latencies(STAT_RUNS, () => office.statistics(p, '2026-04-01', '2027-03-31'), 1);
    const twelve = await latencies(STAT_RUNS, () => office.statistics(p, '2025-11-23', '2026-11-22'), 1);
    const received = stats.reduce((n, s) => n + s.received, 0);

    // (b) Over HTTP: one practitioner signed in (two-step verification), its session cookie on every connection.
    const key = await addAuthenticatorApp(t, practitioner.id);
    const client = new Client(t.app);
    const signedIn = await signInWithApp(client, t, practitioner.email, FACTORY_PASSWORD, key);
    if (signedIn.statusCode !== 303) throw new Error(`sign-in answered ${signedIn.statusCode}`);
    await client.get(href('access.office.statistics', 'en', { organizationId: organization.id }));
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const statisticsPage = await load(port, cookie, [href('access.office.statistics', 'en', { organizationId: organization.id })]);
    const summariesPage = await load(port, cookie, [`${href('access.office.summaries', 'en', { organizationId: organization.id })}?from=2026-10&to=2026-11`]);
    const ids = (await db.execute(sql`select id from access_requests where organization_id = ${organization.id} order by number limit 200`)) as unknown as { rows: { id: string }[] };
    const workspace = await benchWorkspacePages(port, cookie, organization.id, ids.rows.map((r) => r.id));

    const f = (n: number, d = 1) => n.toFixed(d);
    const rows = [
      `| ${label} | writing ${COUNT} + ${Math.ceil(COUNT / 10)} requests, stops, extensions, consultations (generate_series) and analyze | ${f(generation)} s | |`,
      `| ${label} | statistics, fiscal year 2026-27 (${received} received), ${STAT_RUNS} runs | ${f(stat.p50 / 1000, 3)} s (p50), ${f(stat.p99 / 1000, 3)} s (max) | |`,
      `| ${label} | statistics, the last 12 months, ${STAT_RUNS} runs | ${f(twelve.p50 / 1000, 3)} s (p50), ${f(twelve.p99 / 1000, 3)} s (max) | |`,
      `| ${label} | GET statistics page (fiscal year), ${CLIENTS} connections | ${f(statisticsPage.perSecond)} req/s | ${f(statisticsPage.p50)} / ${f(statisticsPage.p99)} |`,
      `| ${label} | GET summaries page (2 months, 100 a month shown), ${CLIENTS} connections | ${f(summariesPage.perSecond)} req/s | ${f(summariesPage.p50)} / ${f(summariesPage.p99)} |`,
    ];
    if (workspace) {
      rows.push(`| ${label} | GET workspace dashboard, ${CLIENTS} connections | ${f(workspace.dashboard.perSecond)} req/s | ${f(workspace.dashboard.p50)} / ${f(workspace.dashboard.p99)} |`);
      rows.push(`| ${label} | GET a request's page (200 in turn), ${CLIENTS} connections | ${f(workspace.request.perSecond)} req/s | ${f(workspace.request.p50)} / ${f(workspace.request.p99)} |`);
    } else rows.push(`| ${label} | workspace dashboard and request page | not on this branch (part B) | |`);
    return rows;
  } finally {
    await t.close();
  }
}

const rows: string[] = [];
if (!benchServerUrl || process.env.BENCH_ACCESS_PGLITE === '1') rows.push(...(await benchOn('PGlite (in memory)', undefined)));
if (benchServerUrl) rows.push(...(await benchOn('PostgreSQL', benchServerUrl)));
console.log(`\nAccess requests, ${COUNT} requests in one institution (a tenth as many in another):\n`);
console.log(['| database | what | time or rate | latency p50 / p99 (ms) |', '|---|---|---|---|', ...rows].join('\n'));
