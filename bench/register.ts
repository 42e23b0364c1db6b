/**
 * npm run bench (and npm run bench:register): the public register's search at 200,000
 * registrants (bench/register-data.ts), p50/p99 server-side for a name, a name with a typo, a
 * registration number and a postal area — through the service (what the page and the API call)
 * and the page itself (app.inject), each beside the raw SQL of the same statements in the same
 * run (on a connection of its own, no driver layer above it). On in-memory PGlite, then on
 * PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL is set. Target: p99 under 25 ms and at most
 * twice the raw SQL. BENCH_REGISTRANTS changes the count.
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import { NAME_THRESHOLD, searchStatement, usesNameIndex } from '../src/register/queries.ts';
import { criteriaOf } from '../src/register/service.ts';
import { searchQuerySchema, type SearchQuery } from '../src/register/schemas.ts';
import { today } from '../src/platform/calendar.ts';
import { benchApp, benchServerUrl, latencies, rawSql, WARM_RUNS } from './databases.ts';
import { generateRegister } from './register-data.ts';

const COUNT = Number(process.env.BENCH_REGISTRANTS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const dialect = new PgDialect();


async function benchRegister(label: string, databaseUrl: string | undefined): Promise<string[]> {
  const t = await benchApp(databaseUrl, { env: { REGISTER_RATE_LIMIT_PER_MINUTE: '10000' } });
  let raw: Awaited<ReturnType<typeof rawSql>> | null = null;
  try {
    const db = t.database.db;
    const started = performance.now();
    console.log(`${label}: generating ${COUNT} registrants`);
    const data = await generateRegister(db, t.authorityId, COUNT, console.log);
    const generation = (performance.now() - started) / 1000;
    // The raw side: the same statements on a connection of their own (PGlite has one connection).
    raw = await rawSql(t.database);
    const { exec } = raw;
    const on = today(t.clock);
    const searches: [string, SearchQuery][] = [
      [`name "${data.sample.name}"`, searchQuerySchema.parse({ q: data.sample.name })],
      [`name with a typo "${data.sample.typo}"`, searchQuerySchema.parse({ q: data.sample.typo })],
      [`registration number ${data.sample.number}`, searchQuerySchema.parse({ q: data.sample.number })],
      [`postal area ${data.sample.postalArea}`, searchQuerySchema.parse({ place: data.sample.postalArea })],
    ];
    const rows: string[] = [];
    for (const [what, query] of searches) {
      const criteria = criteriaOf(query);
      const statement = dialect.sqlToQuery(searchStatement(data.authorityId, criteria, on)!);
      const rawSearch = usesNameIndex(criteria)
        ? async () => {
            await exec('begin');
            await exec('select set_config($1, $2, true)', ['pg_trgm.word_similarity_threshold', NAME_THRESHOLD]);
            const result = await exec(statement.sql, statement.params);
            await exec('commit');
            return result;
          }
        : () => exec(statement.sql, statement.params);
      const found = await t.app.services.register.search(data.authorityId, query);
      const rawRows = (await rawSearch()).rows.length;
      const results = found?.rows.length ?? 0;
      const url = `/en/register?${new URLSearchParams(Object.entries({ q: query.q ?? '', place: query.place ?? '' }).filter(([, v]) => v)).toString()}`;
      const rawTime = await latencies(RUNS, rawSearch);
      const service = await latencies(RUNS, () => t.app.services.register.search(data.authorityId, query));
      const pageTime = await latencies(RUNS, () => t.app.inject({ method: 'GET', url }));
      const ratio = service.p99 / rawTime.p99;
      const ok = service.p99 < 25 && ratio <= 2 ? 'yes' : 'NO';
      rows.push(`| ${label} | ${what} | ${results}${rawRows !== Math.min(results + 1, 21) && rawRows !== results ? ` (raw ${rawRows})` : ''} | ${rawTime.p50.toFixed(2)} / ${rawTime.p99.toFixed(2)} | ${service.p50.toFixed(2)} / ${service.p99.toFixed(2)} | ${ratio.toFixed(2)} | ${pageTime.p50.toFixed(2)} / ${pageTime.p99.toFixed(2)} | ${ok} |`);
    }
    rows.push(`| ${label} | generation of ${COUNT} registrants (with sites, profiles, previous names) | | ${generation.toFixed(0)} s | | | | |`);
    return rows;
  } finally {
    await raw?.end();
    await t.close();
  }
}

const header = [
  '| database | search | results | raw SQL p50 / p99 (ms) | service p50 / p99 (ms) | service ÷ raw (p99) | page p50 / p99 (ms) | p99 < 25 ms and ≤ 2× |',
  '|---|---|---|---|---|---|---|---|',
];
const rows = [...(await benchRegister('PGlite (in memory)', undefined))];
if (benchServerUrl) rows.push(...(await benchRegister('PostgreSQL', benchServerUrl)));
console.log(`\nRegister search, ${COUNT} registrants, ${RUNS} runs each after ${WARM_RUNS} to warm up:\n`);
console.log([...header, ...rows].join('\n'));
