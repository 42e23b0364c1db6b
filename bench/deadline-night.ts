/**
 * npm run bench:deadline-night: the renewal deadline's night, on PostgreSQL (BENCH_DATABASE_URL or
 * DATABASE_URL; there is no such night on PGlite, one process).
 *
 * The model: a register of 210,000 people, half of them renewing in the last week, most in its last
 * evenings: about 25 requests/s at the peak. Each visitor's journey is the one of that night, 13
 * requests: the sign-in page, password, the second-step page, the authenticator app's code, the
 * dashboard, the renewal form, sending it, the invoice, Pay, the test gateway's card page, the card,
 * the return, the receipt. Visitors arrive at a fixed rate whatever the portal does (an open loop: a
 * slow portal shows as latency, not as fewer visitors), each request to the next node in turn (the
 * proxy's round robin), on one node and on three (each its own process, bench/deadline-node.ts).
 *
 * The rate steps up (DEADLINE_RATES, requests/s, DEADLINE_STEP_SECONDS each) until the p99 passes 1 s
 * (the break point) or a request fails; then a soak at the modelled peak (DEADLINE_SOAK_MINUTES, 30 in
 * the issue, 1 by default here) samples each node's memory every 10 s, on each topology of
 * DEADLINE_SOAK_NODES (1 and 3 by default; 3 alone runs both ramps before the one long soak).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { seedFeeSchedule } from '../src/billing/index.ts';
import { hashPassword } from '../src/identity/passwords.ts';
import { addCalendarDays, localDateAt } from '../src/platform/calendar.ts';
import { queryRows } from '../src/platform/db.ts';
import { createSealer } from '../src/platform/secrets.ts';
import { renewalSettings } from '../src/renewals/schema.ts';
import { codeAt, newAppKey } from '../src/two-factor/totp.ts';
import { FACTORY_PASSWORD } from '../test/support/factories.ts';
import { benchApp, benchServerUrl, percentile } from './databases.ts';
import { generateSeason } from './renewals-data.ts';

const RATES = (process.env.DEADLINE_RATES ?? '25,50,100,150,200,250,300').split(',').map(Number);
const STEP_SECONDS = Number(process.env.DEADLINE_STEP_SECONDS ?? 20);
const SOAK_MINUTES = Number(process.env.DEADLINE_SOAK_MINUTES ?? 1);
const SOAK_NODES = (process.env.DEADLINE_SOAK_NODES ?? '1,3').split(',').map(Number);
const PEAK = 25;
const REQUESTS_PER_JOURNEY = 13;
const TIMEOUT_MS = 10_000;
const PAGES = ['signInPage', 'password', 'secondStepPage', 'code', 'dashboard', 'form', 'send', 'invoice', 'pay', 'gatewayPage', 'card', 'return', 'receipt'] as const;
type Page = (typeof PAGES)[number];

if (!benchServerUrl) {
  console.log('deadline night: set BENCH_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server; the night is several nodes on one database.');
  process.exit(0);
}

// ------------------------------------------------------------------ the register's renewing people
const owner = await benchApp(benchServerUrl);
const db = owner.database.db;
const journeysNeeded = 2 * (RATES.reduce((a, r) => a + r, 0) * STEP_SECONDS + PEAK * 60 * SOAK_MINUTES * SOAK_NODES.length) / REQUESTS_PER_JOURNEY + 200;
const PEOPLE = Math.ceil(journeysNeeded);
const started = performance.now();
await seedFeeSchedule(db, owner.authorityId, 'college');
await db.insert(renewalSettings).values({ authorityId: owner.authorityId, declarations: [{ code: 'discipline', question: { fr: 'Décision disciplinaire?', en: 'Any disciplinary decision?' } }] });
const today = localDateAt(owner.clock.now());
const { categoryId, typeId } = await generateSeason(db, owner.authorityId, 0, today, 'night');
// One password hash for all (the same password): Argon2 runs at each sign-in, not 4,000 times here.
const passwordHash = await hashPassword(FACTORY_PASSWORD);
const sealer = createSealer(owner.config, 'authenticator-app');
const people: { email: string; key: string }[] = [];
for (let from = 0; from < PEOPLE; from += 500) {
  const batch = Array.from({ length: Math.min(500, PEOPLE - from) }, (_, j) => ({ id: randomUUID(), i: from + j, key: newAppKey() }));
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into accounts (id, authority_id, email, given_name, family_name, preferred_language, password_hash, email_verified_at)
      select id, ${owner.authorityId}, 'night-' || i || '@bench.guichet.ca', 'Renée', 'Lafleur-' || i, 'en', ${passwordHash}, now()
      from unnest(${`{${batch.map((b) => b.id).join(',')}}`}::uuid[], ${`{${batch.map((b) => b.i).join(',')}}`}::int[]) as p(id, i)`);
    await tx.execute(sql`insert into authenticator_apps (account_id, sealed_key, confirmed_at)
      select id, key, now() from unnest(${`{${batch.map((b) => b.id).join(',')}}`}::uuid[], ${`{${batch.map((b) => `"${sealer.seal(b.key)}"`).join(',')}}`}::text[]) as p(id, key)`);
    await tx.execute(sql`with a as (
        insert into applications (authority_id, applicant_id, type_id, reference, status)
        select ${owner.authorityId}, id, ${typeId}, 'DEM-N-' || i, 'approved' from unnest(${`{${batch.map((b) => b.id).join(',')}}`}::uuid[], ${`{${batch.map((b) => b.i).join(',')}}`}::int[]) as p(id, i)
        returning id, applicant_id, reference)
      insert into registrations (authority_id, account_id, category_id, application_id, number, status, valid_from, valid_until, verification_code)
      select ${owner.authorityId}, applicant_id, ${categoryId}, id, 'N-' || substr(reference, 7), 'active', ${addCalendarDays(today, -600)}, ${addCalendarDays(today, 80)}, 'N' || substr(reference, 7) from a`);
  });
  for (const b of batch) people.push({ email: `night-${b.i}@bench.guichet.ca`, key: b.key });
}
await owner.app.services.renewals.run();
const renewalOf = new Map(
  (await queryRows<{ email: string; id: string; invoice_id: string }>(db, sql`select a.email, r.id, r.invoice_id from renewals r join accounts a on a.id = r.account_id where a.email like 'night-%'`)).map((r) => [r.email, r]),
);
console.log(`[deadline] ${PEOPLE} people renewing, in ${((performance.now() - started) / 1000).toFixed(0)} s`);
let nextPerson = 0;

// ------------------------------------------------------------------ the nodes
async function startNodes(n: number) {
  const nodes: { child: ChildProcess; port: number }[] = [];
  for (let i = 0; i < n; i++) {
    const child = fork(new URL('./deadline-node.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DEADLINE_DATABASE_URL: owner.database.url!, DEADLINE_AUTHORITY_ID: owner.authorityId, DEADLINE_AUTHORITY_SLUG: owner.authoritySlug },
    });
    process.on('exit', () => child.kill());
    const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', (m) => resolve(m as { port: number })));
    nodes.push({ child, port });
  }
  const ask = <T>(child: ChildProcess, question: string) =>
    new Promise<T>((resolve) => {
      child.once('message', (m) => resolve(m as T));
      child.send(question);
    });
  return {
    ports: nodes.map((x) => x.port),
    memory: () => Promise.all(nodes.map((x) => ask<{ rss: number; heapUsed: number }>(x.child, 'memory'))),
    stop: () => Promise.all(nodes.map((x) => new Promise((resolve) => (x.child.once('exit', resolve), x.child.send('stop'))))),
  };
}

// ------------------------------------------------------------------ one visitor's night
interface Figures {
  latencies: Record<Page, number[]>;
  errors: string[];
  requests: number;
}

async function journey(ports: number[], counter: { next: number }, figures: Figures) {
  const person = people[nextPerson++];
  if (!person) throw new Error('not enough people: raise the count');
  const renewal = renewalOf.get(person.email)!;
  const cookies = new Map<string, string>();
  let csrf = '';
  const send = async (page: Page, method: 'GET' | 'POST', path: string, form?: Record<string, string>, expect = method === 'GET' ? 200 : 303) => {
    const port = ports[counter.next++ % ports.length];
    const t0 = performance.now();
    figures.requests += 1;
    try {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(form ? { body: new URLSearchParams({ _csrf: csrf, ...form }).toString() } : {}),
      });
      const body = await res.text();
      figures.latencies[page].push(performance.now() - t0);
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const eq = pair.indexOf('=');
        cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
      }
      csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? csrf;
      if (res.status !== expect) throw new Error(`${page}: ${res.status}`);
      return { location: res.headers.get('location') ?? '' };
    } catch (error) {
      figures.latencies[page].push(performance.now() - t0);
      throw error;
    }
  };
  try {
    await send('signInPage', 'GET', '/en/sign-in');
    const second = await send('password', 'POST', '/en/sign-in', { email: person.email, password: FACTORY_PASSWORD });
    await send('secondStepPage', 'GET', second.location);
    await send('code', 'POST', second.location, { method: 'authenticator_app', code: codeAt(person.key, owner.clock.now()) });
    await send('dashboard', 'GET', '/en/dashboard');
    const form = `/en/renewals/${renewal.id}`;
    await send('form', 'GET', form);
    await send('send', 'POST', form, { 'answer.discipline': 'no', changes: '' });
    await send('invoice', 'GET', `/en/fees-and-receipts/${renewal.invoice_id}`);
    const pay = await send('pay', 'POST', `/en/fees-and-receipts/${renewal.invoice_id}/pay`, {});
    const gateway = new URL(pay.location, 'http://x').pathname;
    await send('gatewayPage', 'GET', gateway);
    const paid = await send('card', 'POST', gateway, { cardNumber: '4242 4242 4242 4242', expiry: '12/30', cvc: '123' });
    const back = new URL(paid.location, 'http://x');
    await send('return', 'GET', back.pathname + back.search);
    await send('receipt', 'GET', `/en/fees-and-receipts/${renewal.invoice_id}/receipt`);
  } catch (error) {
    figures.errors.push(error instanceof Error ? error.message : String(error));
  }
}

/** Journeys started at `rate` requests/s for `seconds`, open loop; waits for the last to end. */
async function atRate(ports: number[], rate: number, seconds: number, onTick?: () => Promise<void>) {
  const figures: Figures = { latencies: Object.fromEntries(PAGES.map((p) => [p, []])) as unknown as Record<Page, number[]>, errors: [], requests: 0 };
  const counter = { next: 0 };
  const interval = (1000 * REQUESTS_PER_JOURNEY) / rate;
  const running: Promise<void>[] = [];
  const t0 = performance.now();
  let ticks = 0;
  for (let n = 0; performance.now() - t0 < seconds * 1000; n++) {
    const due = t0 + n * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(journey(ports, counter, figures));
    if (onTick && performance.now() - t0 > (ticks + 1) * 10_000) {
      ticks += 1;
      await onTick();
    }
  }
  await Promise.all(running);
  const elapsed = (performance.now() - t0) / 1000;
  const all = Object.values(figures.latencies).flat().sort((a, b) => a - b);
  const p99 = percentile(all, 99);
  const perPage = PAGES.map((p) => `${p} ${percentile(figures.latencies[p].sort((a, b) => a - b), 99).toFixed(0)}`).join(' · ');
  return { rate, served: figures.requests / elapsed, errors: figures.errors, p50: percentile(all, 50), p99, perPage };
}

const lines: string[] = [];
const soakLines: string[] = [];
for (const count of [1, 3]) {
  const nodes = await startNodes(count);
  // Warm-up (JIT, statement plans, the pool), not counted.
  await atRate(nodes.ports, 10, 5);
  let broke: number | null = null;
  for (const rate of RATES) {
    console.log(`[deadline] ${count} node(s), ${rate} requests/s for ${STEP_SECONDS} s`);
    const r = await atRate(nodes.ports, rate, STEP_SECONDS);
    lines.push(`| ${count} | ${rate} | ${r.served.toFixed(1)} | ${r.errors.length}${r.errors.length ? ` (${[...new Set(r.errors)].slice(0, 3).join('; ')})` : ''} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.perPage} |`);
    if (r.p99 > 1000 || r.errors.length > 0) {
      broke = rate;
      break;
    }
  }
  lines.push(`| ${count} | ${broke === null ? `held every rate up to ${RATES.at(-1)}` : `p99 over 1 s or errors at ${broke}`} | | | | | |`);
  if (SOAK_MINUTES > 0 && SOAK_NODES.includes(count)) {
    const samples: { rss: number; heapUsed: number }[][] = [];
    console.log(`[deadline] soak: ${count} node(s), ${PEAK} requests/s for ${SOAK_MINUTES} min`);
    const r = await atRate(nodes.ports, PEAK, SOAK_MINUTES * 60, async () => {
      samples.push(await nodes.memory());
    });
    const mib = (b: number) => (b / 1024 / 1024).toFixed(0);
    const third = Math.max(1, Math.floor(samples.length / 3));
    const mean = (list: { rss: number }[][], f: (s: { rss: number; heapUsed: number }) => number) => list.flat().reduce((a, s) => a + f(s as { rss: number; heapUsed: number }), 0) / Math.max(1, list.flat().length);
    const first = samples.slice(0, third);
    const last = samples.slice(-third);
    soakLines.push(
      `| ${count} | ${SOAK_MINUTES} min | ${r.served.toFixed(1)} | ${r.errors.length} | ${r.p99.toFixed(0)} | ${mib(mean(first, (s) => s.rss))} → ${mib(mean(last, (s) => s.rss))} | ${mib(mean(first, (s) => s.heapUsed))} → ${mib(mean(last, (s) => s.heapUsed))} | ${samples.length} |`,
    );
  }
  await nodes.stop();
}
const [paid] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from invoices where subject_kind = 'renewal' and status = 'paid'`);
await owner.close();

console.log(`\nDeadline night on PostgreSQL: journeys of ${REQUESTS_PER_JOURNEY} requests arriving at a fixed rate, ${STEP_SECONDS} s a step; ${paid!.n} renewals paid in all\n`);
console.log(['| nodes | offered req/s | served req/s | errors | p50 ms | p99 ms | p99 per page (ms) |', '|---|---|---|---|---|---|---|', ...lines].join('\n'));
if (soakLines.length) {
  console.log(`\nSoak at the modelled peak (${PEAK} requests/s), memory per node sampled every 10 s: mean of the first third → mean of the last third\n`);
  console.log(['| nodes | length | served req/s | errors | p99 ms | RSS MiB | JS heap MiB | samples |', '|---|---|---|---|---|---|---|---|', ...soakLines].join('\n'));
}
process.exit(0);
