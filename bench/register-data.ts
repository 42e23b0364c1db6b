/**
 * The register bench's data: 200,000 registrants of one authority with realistic French and
 * English names (accents, hyphenated family names), an account, an approved application and a
 * registration each, cities and postal codes across Canada, some previous names, practice sites
 * and languages. Deterministic: every choice is arithmetic on the row number (no random()), so
 * two runs search the same register. Written by multi-row INSERT … SELECT from generate_series,
 * in a few statements (a minute or two, not ten).
 */
import { sql } from 'drizzle-orm';
import { type Database, type Executor, queryRows } from '../src/platform/db.ts';

export const GIVEN = [
  'Amélie', 'Hélène', 'Zoé', 'Éloïse', 'Chloé', 'Léa', 'Mélanie', 'Geneviève', 'Josée', 'Noémie', 'Béatrice', 'Maëlle', 'Anaïs', 'Frédérique', 'Marie-Ève',
  'Jérôme', 'François', 'Benoît', 'Gaétan', 'Raphaël', 'Étienne', 'Loïc', 'André', 'Joël', 'Jean-François', 'Marc-André', 'Sébastien', 'Mathieu', 'Félix', 'Théo',
  'Emily', 'Sarah', 'Jessica', 'Olivia', 'Emma', 'Hannah', 'Megan', 'Rachel', 'Laura', 'Grace',
  'James', 'Michael', 'David', 'Daniel', 'Matthew', 'Ryan', 'Andrew', 'Christopher', 'Owen', 'Liam',
  'Élise', 'Rosalie', 'Justine', 'Audrey', 'Maude', 'Sophie', 'Valérie', 'Isabelle', 'Nathalie', 'Ginette', 'Jacinthe', 'Héloïse', 'Léonie', 'Clémence', 'Inès',
  'Hugo', 'Olivier', 'Guillaume', 'Maxime', 'Nicolas', 'Simon', 'Alexandre', 'Yannick', 'Réjean', 'Ghislain', 'Pierre-Luc', 'Jean-Sébastien', 'Cédric', 'Jérémie', 'Éric',
  'Priya', 'Mei', 'Fatima', 'Aisha', 'Yasmine', 'Omar', 'Karim', 'Wei', 'Arjun', 'Mohammed',
];
export const FAMILY = [
  'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier', 'Bélanger', 'Lévesque', 'Bergeron',
  'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Beaulieu', 'Cloutier', 'Dubé', 'Poirier', 'Fournier', 'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin',
  'Thibault', 'St-Pierre', 'Nadeau', 'Martin', 'Landry', 'Michaud', 'Hébert', 'Ménard', 'Thériault', 'Séguin', 'Desjardins', 'Drolet', 'Béliveau', 'Proulx', 'Vézina',
  'Smith', 'Brown', 'Wilson', 'Taylor', 'Campbell', 'Anderson', 'MacDonald', 'Thompson', 'Johnson', "O'Brien", 'Stewart', 'Robertson', 'Murphy', 'Walker', 'Young',
  'Nguyen', 'Singh', 'Chen', 'Patel', 'Wong', 'Li', 'Kim', 'Ali', 'Haddad', 'Khoury',
  'Bédard', 'Boivin', 'Charbonneau', 'Daigle', 'Deschênes', 'Duchesne', 'Émond', 'Fréchette', 'Gingras', 'Goulet', 'Grégoire', 'Jean', 'Labbé', 'Lachance', 'Lacroix',
  'Laflamme', 'Lajoie', 'Lalonde', 'Langlois', 'Larivière', 'Lemieux', 'Lépine', 'Mercier', 'Mongeau', 'Noël', 'Paré', 'Perreault', 'Picard', 'Rhéaume', 'Rousseau',
  'Savard', 'Sauvé', 'Tanguay', 'Trépanier', 'Turcotte', 'Vachon', 'Vaillancourt', 'Veilleux', 'Villeneuve', 'Cormier', 'Arsenault', 'Gallant', 'Doucet', 'Richard', 'Babineau',
  'Clarke', 'Hughes', 'Mitchell', 'Fraser', 'Reid', 'Graham', 'Hamilton', 'Kennedy', 'Morrison', 'Ferguson', 'Sinclair', 'McKenzie', 'Gallagher', 'Sullivan', 'Fitzgerald',
];
/** City, province and the first letter of its postal codes. */
export const CITIES: [string, string, string][] = [
  ['Montréal', 'QC', 'H'], ['Québec', 'QC', 'G'], ['Laval', 'QC', 'H'], ['Gatineau', 'QC', 'J'], ['Sherbrooke', 'QC', 'J'], ['Trois-Rivières', 'QC', 'G'], ['Lévis', 'QC', 'G'],
  ['Saguenay', 'QC', 'G'], ['Rimouski', 'QC', 'G'], ['Saint-Jérôme', 'QC', 'J'], ['Toronto', 'ON', 'M'], ['Ottawa', 'ON', 'K'], ['Mississauga', 'ON', 'L'], ['Hamilton', 'ON', 'L'],
  ['Sudbury', 'ON', 'P'], ['Moncton', 'NB', 'E'], ['Halifax', 'NS', 'B'], ['Winnipeg', 'MB', 'R'], ['Vancouver', 'BC', 'V'], ['Calgary', 'AB', 'T'],
];
const LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';
const LANGUAGES = ['{fr}', '{en}', '{fr,en}', '{fr,en,es}', '{en,zh}', '{fr,ar}', '{en,pa}', '{fr,ht}'];

const textArray = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(',')}]::text[]`);

/** Row i's choice from an array, by a hash of i and what is chosen (each column independent of the others). */
const pick = (array: string, salt: string) => `${array}[1 + abs(hashtext('${salt}' || i)) % array_length(${array}, 1)]`;
const FAMILY_NAME = `case when i % 9 = 0 then ${pick('f', 'family')} || '-' || ${pick('f', 'second family')} else ${pick('f', 'family')} end`;

export interface BenchRegister {
  authorityId: string;
  count: number;
  /** Row numbers' names, numbers and postal areas the bench searches for. */
  sample: { name: string; typo: string; number: string; postalArea: string };
}

/** Writes the registrants, with their previous names, practice sites and profiles. */
export async function generateRegister(db: Database, authorityId: string, count: number, progress: (line: string) => void): Promise<BenchRegister> {
  const started = performance.now();
  const step = (what: string) => progress(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const [category] = await queryRows<{ id: string }>(db, sql`insert into registration_categories (authority_id, code, name) values (${authorityId}, 'bench', ${JSON.stringify({ fr: 'Psychothérapeute', en: 'Psychotherapist' })}::jsonb) returning id`);
  const [type] = await queryRows<{ id: string }>(
    db,
    sql`insert into application_types (authority_id, code, name, description, category_id, sections)
        values (${authorityId}, 'bench', ${JSON.stringify({ fr: 'Demande', en: 'Application' })}::jsonb, ${JSON.stringify({ fr: '', en: '' })}::jsonb, ${category!.id}, '{}') returning id`,
  );
  const categoryId = category!.id;
  const typeId = type!.id;
  const given = textArray(GIVEN);
  const family = textArray(FAMILY);
  const cities = textArray(CITIES.map((c) => c[0]));
  const provinces = textArray(CITIES.map((c) => c[1]));
  const firsts = textArray(CITIES.map((c) => c[2]));
  const id = (kind: string) => sql.raw(`md5('${kind}-' || i)::uuid`);
  // One transaction whose foreign-key triggers are off (the rows are made consistent by
  // construction): the checks were most of the load time, on PGlite above all.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into accounts (id, authority_id, email, given_name, family_name, preferred_language, city, province, postal_code)
      select ${id('account')}, ${authorityId}, 'registrant-' || i || '@bench.guichet.ca', ${sql.raw(pick('g', 'given'))}, ${sql.raw(FAMILY_NAME)},
        case when i % 3 = 0 then 'en' else 'fr' end,
        c[1 + i % array_length(c, 1)], p[1 + i % array_length(c, 1)],
        l[1 + i % array_length(c, 1)] || (i / 20 % 10)::text || substr(${LETTERS}, 1 + (i / 200) % 20, 1) || ' ' || (i % 10)::text || substr(${LETTERS}, 1 + i % 20, 1) || ((i / 7) % 10)::text
      from generate_series(1, ${count}) i, (select ${given} as g, ${family} as f, ${cities} as c, ${provinces} as p, ${firsts} as l) arrays`);
    step('accounts');
    await tx.execute(sql`
      insert into applications (id, authority_id, applicant_id, type_id, reference, status)
      select ${id('application')}, ${authorityId}, ${id('account')}, ${typeId}, 'DEM-B-' || i, 'approved' from generate_series(1, ${count}) i`);
    step('applications');
    // Numbers as licensing gives them (year-sequence); 2 % revoked, 5 % expired, 1 % awaiting their fee.
    await tx.execute(sql`
      insert into registrations (authority_id, account_id, category_id, application_id, number, status, valid_from, valid_until, verification_code, revoked_at)
      select ${authorityId}, ${id('account')}, ${categoryId}, ${id('application')}, (2014 + i % 12)::text || '-' || lpad((i / 12 + 1)::text, 5, '0'),
        case when i % 100 = 0 then 'pending' when i % 50 = 1 then 'revoked' else 'active' end,
        case when i % 100 = 0 then null else date '2026-01-01' end,
        case when i % 100 = 0 then null when i % 20 = 3 then date '2025-12-31' else date '2026-12-31' end,
        case when i % 100 = 0 then null else 'B' || i end,
        case when i % 50 = 1 then timestamptz '2026-06-01 12:00Z' end
      from generate_series(1, ${count}) i`);
    step('registrations');
    await generatePractice(tx, authorityId, count, step);
  });
  // VACUUM moves the GIN indexes' pending lists (fast update) into the trees, as autovacuum would
  // soon after a bulk load; ANALYZE gives the planner the new sizes.
  await db.execute(sql`vacuum analyze`);
  step('vacuum analyze');
  // A hyphenated name (i % 9 = 0, mid-register) and the same with one letter dropped; a number; the postal area of its practice site.
  const [row] = await queryRows<{ givenName: string; familyName: string; number: string; area: string }>(
    db,
    sql`select a.given_name as "givenName", a.family_name as "familyName", r.number, left(s.postal_code, 3) as area from accounts a join registrations r on r.account_id = a.id join practice_sites s on s.account_id = a.id and s.is_primary where a.email = ${`registrant-${9 * Math.floor(count / 18)}@bench.guichet.ca`}`,
  );
  const name = `${row!.givenName} ${row!.familyName}`;
  return { authorityId, count, sample: { name, typo: name.replace(/(.)(.)(.)$/, '$1$3'), number: row!.number, postalArea: row!.area } };
}

/**
 * The record's and practice's rows: every 7th registrant has a previous name (one in five of
 * those withheld), most have a practice site (every 13th withheld, every 17th its address only),
 * and a profile with a practice name (every 11th) and languages of care, shown for most.
 */
async function generatePractice(db: Executor, authorityId: string, count: number, step: (what: string) => void) {
  const family = textArray(FAMILY);
  const given = textArray(GIVEN);
  const cities = textArray(CITIES.map((c) => c[0]));
  const provinces = textArray(CITIES.map((c) => c[1]));
  const firsts = textArray(CITIES.map((c) => c[2]));
  const account = sql.raw(`md5('account-' || i)::uuid`);
  await db.execute(sql`
    insert into previous_names (authority_id, account_id, given_name, family_name, used_until, withheld)
    select ${authorityId}, ${account}, ${sql.raw(pick('g', 'given'))}, ${sql.raw(pick('f', 'previous family'))}, date '2020-06-30', i % 35 = 0
    from generate_series(7, ${count}, 7) i, (select ${given} as g, ${family} as f) arrays`);
  step('previous names');
  await db.execute(sql`
    insert into practice_sites (authority_id, account_id, name, address_line1, city, province, postal_code, phone, started_on, is_primary, withholding)
    select ${authorityId}, ${account}, 'Clinique ' || f[1 + i % array_length(f, 1)], (10 + i % 990)::text || ', rue Principale', c[1 + (i / 3) % array_length(c, 1)], p[1 + (i / 3) % array_length(c, 1)],
      l[1 + (i / 3) % array_length(c, 1)] || (i % 10)::text || substr(${LETTERS}, 1 + (i / 10) % 20, 1) || ' 1B' || (i % 10)::text, '514 555-' || lpad((i % 10000)::text, 4, '0'), date '2021-01-01', true,
      case when i % 13 = 0 then 'site' when i % 17 = 0 then 'address' else 'none' end
    from generate_series(1, ${count}) i, (select ${family} as f, ${cities} as c, ${provinces} as p, ${firsts} as l) arrays where i % 10 <> 0`);
  step('practice sites');
  await db.execute(sql`
    insert into practice_profiles (account_id, authority_id, independent_practice, independent_since)
    select ${account}, ${authorityId}, i % 4 = 0, case when i % 4 = 0 then date '2024-05-01' end from generate_series(1, ${count}) i`);
  await db.execute(sql`
    insert into registrant_profiles (account_id, authority_id, practice_name, public_email, public_email_shown, languages, languages_shown)
    select ${account}, ${authorityId}, case when i % 11 = 0 then ${sql.raw(pick('g', 'practice given'))} || ' ' || ${sql.raw(pick('f', 'practice family'))} end,
      'registrant-' || i || '@bench.guichet.ca', i % 5 = 0, (${textArray(LANGUAGES)})[1 + i % ${LANGUAGES.length}]::text[], i % 6 <> 0
    from generate_series(1, ${count}) i, (select ${given} as g, ${family} as f) arrays`);
  step('profiles');
}
