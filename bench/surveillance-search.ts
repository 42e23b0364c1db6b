/**
 * npm run bench (and npm run bench:surveillance-search): a PTPHA's case search at 50,000 cases in
 * that one PTPHA (written with one generate_series), p50/p99 for a name typed without its accents,
 * a name with a letter wrong, a client ID and a date of birth — through the app's function (what
 * the posted search page calls) beside the raw SQL of the same statement in the same run (on a
 * connection of its own, no driver layer above it). On in-memory PGlite, then on PostgreSQL when
 * BENCH_DATABASE_URL or DATABASE_URL is set. Target: p99 under 25 ms and at most twice the raw SQL.
 * BENCH_SURVEILLANCE_CASES changes the count.
 */
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { PTPHA_KIND } from '../src/surveillance/index.ts';
import { searchStatement } from '../src/surveillance/ptpha/queries.ts';
import type { Search } from '../src/surveillance/ptpha/schemas.ts';
import { buildOrganization, buildOrganizationKind } from '../test/support/factories.ts';
import { benchApp, benchServerUrl, latencies, rawSql, WARM_RUNS } from './databases.ts';

const COUNT = Number(process.env.BENCH_SURVEILLANCE_CASES ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const dialect = new PgDialect();

// Names with and without accents, so that a folded search has real work: 40 × 60 = 2,400 pairs,
// about 21 cases each at 50,000.
const GIVEN = ['Hélène', 'Amélie', 'François', 'Chloé', 'Léa', 'Zoé', 'Émile', 'Noémie', 'Jérôme', 'André', 'Anh', 'Chidi', 'Fatima', 'Mohamed', 'Priya', 'Wei', 'Olga', 'Ana', 'José', 'Inés', 'Sofía', 'Björn', 'Søren', 'Maëlle', 'Gaël', 'Raphaël', 'Anaïs', 'Joël', 'Ngozi', 'Kwame', 'Aarav', 'Mei', 'Yuki', 'Hiroshi', 'Lucía', 'Mateo', 'Élodie', 'Benoît', 'Cécile', 'Thérèse'];
const FAMILY = ['Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier', 'Bélanger', 'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Beaulieu', 'Cloutier', 'Dubé', 'Poirier', 'Fournier', 'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin', 'Thibault', 'St-Pierre', 'Nadeau', 'Martin', 'Landry', 'Martel', 'Bédard', 'Grenier', 'Lessard', 'Bernier', 'Nguyen', 'Okafor', 'Haddad', 'Khan', 'Patel', 'Wang', 'Ivanova', 'Silva', 'García', 'Pérez', 'Müller', 'Søndergaard', 'Kowalski', 'Mensah', 'Sharma', 'Chen', 'Tanaka', 'Rossi', 'Fernández', 'Dupont'];


async function benchSearch(label: string, databaseUrl: string | undefined): Promise<string[]> {
  const t = await benchApp(databaseUrl);
  let raw: Awaited<ReturnType<typeof rawSql>> | null = null;
  try {
    const db = t.database.db;
    await db.execute(sql`insert into surveillance_settings (authority_id) values (${t.authorityId})`);
    const kind = await buildOrganizationKind(db, t.authorityId, { slug: PTPHA_KIND });
    const organization = await buildOrganization(db, t.authorityId, { kindId: kind.id });
    // A second PTPHA with a tenth as many cases: the search must leave them out, and the name index holds both.
    const other = await buildOrganization(db, t.authorityId, { kindId: kind.id });
    await db.execute(sql`update organizations set province = 'QC' where id = ${other.id}`);
    const started = performance.now();
    console.log(`${label}: writing ${COUNT} cases`);
    const write = (organizationId: string, prefix: string, count: number) =>
      db.execute(sql`
        insert into surveillance_cases (authority_id, notice_number, organization_id, status, code, family_name, given_names, date_of_birth, client_id,
          address_line1, city, province, postal_code, arrival_date, due_on, source, received_at)
        select ${t.authorityId}, ${prefix} || lpad(i::text, 7, '0'), ${organizationId},
          (array['notified','acknowledged','under_follow_up','compliant','non_compliant','unable_to_locate','compliant','compliant'])[1 + i % 8],
          case when i % 10 = 0 then 'urgent' else 'routine' end,
          (${sql.param(FAMILY)}::text[])[1 + i % ${FAMILY.length}],
          (${sql.param(GIVEN)}::text[])[1 + (i / ${FAMILY.length}) % ${GIVEN.length}],
          date '1950-01-01' + (i * 37) % 20000, ${prefix} || 'UCI' || lpad(i::text, 8, '0'),
          i || ' rue Principale', 'Ottawa', 'ON', 'K1A 0B1',
          date '2026-01-01' + i % 330, date '2026-01-01' + i % 330 + case when i % 10 = 0 then 7 else 30 end, 'api', now()
        from generate_series(1, ${count}) i`);
    await write(organization.id, 'B', COUNT);
    await write(other.id, 'Q', Math.ceil(COUNT / 10));
    await db.execute(sql`analyze surveillance_cases`);
    const generation = (performance.now() - started) / 1000;
    // The raw side: the same statements on a connection of their own (PGlite has one connection).
    raw = await rawSql(t.database);
    const { exec } = raw;
    const member = { accountId: organization.id, organizationId: organization.id, authorityId: t.authorityId };
    const sampleBirth = (await db.execute(sql`select date_of_birth::text as d from surveillance_cases where organization_id = ${organization.id} order by notice_number limit 1 offset 1234`)) as unknown as { rows: { d: string }[] };
    const searches: [string, Search][] = [
      ['name without accents "Helene Cote"', { name: 'Helene Cote', clientId: null, dateOfBirth: null }],
      ['name with a letter wrong "Francois Bouchar"', { name: 'Francois Bouchar', clientId: null, dateOfBirth: null }],
      ['client ID "buci00012345"', { name: null, clientId: 'buci00012345', dateOfBirth: null }],
      [`date of birth ${sampleBirth.rows[0]!.d}`, { name: null, clientId: null, dateOfBirth: sampleBirth.rows[0]!.d as Search['dateOfBirth'] }],
    ];
    const rows: string[] = [];
    for (const [what, search] of searches) {
      const statement = dialect.sqlToQuery(searchStatement(organization.id, search));
      const rawSearch = () => exec(statement.sql, statement.params);
      const found = await t.app.services.surveillance.ptpha.search(member, search);
      const rawRows = (await rawSearch()).rows.length;
      if (found.rows.some((r) => r.noticeNumber.startsWith('Q'))) throw new Error('the search returned another PTPHA’s case');
      const rawTime = await latencies(RUNS, rawSearch);
      const service = await latencies(RUNS, () => t.app.services.surveillance.ptpha.search(member, search));
      const ratio = service.p99 / rawTime.p99;
      const ok = service.p99 < 25 && ratio <= 2 ? 'yes' : 'NO';
      rows.push(`| ${label} | ${what} | ${found.rows.length}${found.more ? '+' : ''} (raw ${rawRows}) | ${rawTime.p50.toFixed(2)} / ${rawTime.p99.toFixed(2)} | ${service.p50.toFixed(2)} / ${service.p99.toFixed(2)} | ${ratio.toFixed(2)} | ${ok} |`);
    }
    rows.push(`| ${label} | writing ${COUNT} + ${Math.ceil(COUNT / 10)} cases (generate_series) and analyze | | ${generation.toFixed(1)} s | | | |`);
    return rows;
  } finally {
    await raw?.end();
    await t.close();
  }
}

const header = ['| database | search | results | raw SQL p50 / p99 (ms) | service p50 / p99 (ms) | service ÷ raw (p99) | p99 < 25 ms and ≤ 2× |', '|---|---|---|---|---|---|---|'];
const rows = [...(await benchSearch('PGlite (in memory)', undefined))];
if (benchServerUrl) rows.push(...(await benchSearch('PostgreSQL', benchServerUrl)));
console.log(`\nPTPHA case search, ${COUNT} cases in one PTPHA, ${RUNS} runs each after ${WARM_RUNS} to warm up:\n`);
console.log([...header, ...rows].join('\n'));
