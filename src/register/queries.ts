import { type SQL, sql } from 'drizzle-orm';
import type { LocalDate } from '../platform/calendar.ts';
import { type Executor, queryRows } from '../platform/db.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import type { Entry } from './schemas.ts';

/**
 * The register's read-only joins over the tables other modules own (accounts, registrations and
 * their categories, practice sites and profiles, the record's names and other registrations):
 * what the law publishes, minus what a registrar approved withholding. Every public answer (page,
 * API, open data) comes from these functions, so a withholding applies to all of them at once.
 */

/** Results per page, and the most a search ranks: a search is a look-up, never a listing. */
export const PER_PAGE = 20;
export const ROW_LIMIT = 200;
/**
 * pg_trgm's word-similarity threshold for names, raised from the 0.3 that similarity ranking uses:
 * at 0.55 "Amélie Gagnon" matched 746 of 200,000 names (every Amélie and every Gagnon), at 0.7
 * only 37 (bench/register.ts). 0.65 still finds a name with a letter wrong, doubled or missing
 * ("Bélangr", "Khoury-Bergern").
 */
export const NAME_THRESHOLD = '0.65';
/**
 * The most rows each name index (or a place) may hand to ranking: a very common name ("Tremblay", 1,600 at
 * 200,000) scores every match, and the cost is in that scoring, not in the index. Past it the
 * page says to narrow the search (by place, language or category), as it does past ROW_LIMIT.
 */
export const SCAN_LIMIT = 500;

export type PublicStatus = 'active' | 'expired' | 'revoked';

export interface SearchCriteria {
  /** Name (legal, previous, used in practice) or registration number. */
  name?: string | undefined;
  number?: string | undefined;
  city?: string | undefined;
  /** The first three characters of a postal code (forward sortation area). */
  postalArea?: string | undefined;
  language?: string | undefined;
  category?: string | undefined;
  page: number;
}

export interface SearchRow {
  number: string;
  givenName: string;
  familyName: string;
  category: Bilingual;
  status: PublicStatus;
  city: string | null;
}

/** The status the public sees: a registration past its end date is expired by the calendar alone. */
const statusOf = (on: LocalDate) => sql`case when r.status = 'revoked' then 'revoked' when r.valid_until < ${on} then 'expired' else 'active' end`;

/**
 * One page of a search, ranked by how well the name matches (then by name), from at most
 * ROW_LIMIT candidates: null when the criteria name no one in particular (no name, number or
 * place), since an empty search or one by category or language alone would list everyone.
 */
export async function searchEntries(db: Executor, authorityId: string, criteria: SearchCriteria, on: LocalDate): Promise<{ rows: SearchRow[]; more: boolean } | null> {
  const statement = searchStatement(authorityId, criteria, on);
  if (!statement) return null;
  const rows = usesNameIndex(criteria)
    ? await db.transaction(async (tx) => {
        // Local to this transaction: the raised threshold never leaks to another query on the connection.
        await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${NAME_THRESHOLD}, true)`);
        return queryRows<SearchRow>(tx, statement);
      })
    : await queryRows<SearchRow>(db, statement);
  const more = rows.length > PER_PAGE;
  return { rows: more ? rows.slice(0, PER_PAGE) : rows, more };
}

/** A search starts from the names' trigram index (and so needs the raised threshold) when it has a name and no number. */
export const usesNameIndex = (c: SearchCriteria) => Boolean(c.name) && !c.number;

/** A practice site the register shows on a day: current, and neither it nor its address withheld (its place is its address). */
const placeShown = (on: LocalDate) => sql`s.removed_at is null and (s.ended_on is null or s.ended_on >= ${on}) and s.withholding = 'none'`;
const placeMatches = (c: SearchCriteria) =>
  c.postalArea ? sql`upper(left(replace(s.postal_code, ' ', ''), 3)) = ${c.postalArea.toUpperCase()}` : sql`register_fold(s.city) = register_fold(${c.city ?? ''})`;

/** The statement a search runs (the bench times it raw beside the service). */
export function searchStatement(authorityId: string, c: SearchCriteria, on: LocalDate): SQL | null {
  const candidates = candidatesOf(authorityId, c, on);
  if (!candidates) return null;
  const filters: SQL[] = [sql`r.authority_id = ${authorityId}`, sql`r.status <> 'pending'`];
  // Every criterion filters, including the one the candidates came from (cheap on so few rows).
  if (c.number) filters.push(sql`upper(r.number) = upper(${c.number})`);
  if (c.category) filters.push(sql`c.code = ${c.category}`);
  if (c.city || c.postalArea) filters.push(sql`exists (select 1 from practice_sites s where s.account_id = r.account_id and s.authority_id = r.authority_id and ${placeShown(on)} and ${placeMatches(c)})`);
  // A language counts only where the registrant chose to publish their languages.
  if (c.language) filters.push(sql`exists (select 1 from registrant_profiles p where p.account_id = r.account_id and p.authority_id = r.authority_id and p.languages_shown and ${c.language} = any(p.languages))`);
  const page = Math.max(1, Math.min(Math.trunc(c.page), ROW_LIMIT / PER_PAGE));
  return sql`
    with candidates as (${candidates})
    select r.number, a.given_name as "givenName", a.family_name as "familyName", c.name as category, ${statusOf(on)} as status,
      (select s.city from practice_sites s where s.account_id = r.account_id and s.authority_id = r.authority_id and s.is_primary and ${placeShown(on)}) as city
    from candidates m
    join registrations r on r.account_id = m.account_id
    join accounts a on a.id = r.account_id
    join registration_categories c on c.id = r.category_id
    where ${sql.join(filters, sql` and `)}
    order by m.score desc, a.family_name, a.given_name, r.number
    limit ${PER_PAGE + 1} offset ${(page - 1) * PER_PAGE}`;
}

/**
 * The accounts a search starts from, by its most selective criterion, each with a score: the
 * registration number (exact); the name — legal, previous unless withheld, used in practice —
 * by the trigram indexes (threshold raised by the caller); else the place of a shown practice
 * site (postal area or city, equality indexes). At most ROW_LIMIT, best first.
 */
function candidatesOf(authorityId: string, c: SearchCriteria, on: LocalDate): SQL | null {
  if (c.number) {
    return sql`select r.account_id, 1.0::real as score from registrations r where r.authority_id = ${authorityId} and upper(r.number) = upper(${c.number})`;
  }
  if (c.name) {
    const q = sql`register_fold(${c.name})`;
    const legal = sql`register_fold(a.given_name || ' ' || a.family_name)`;
    const previous = sql`register_fold(n.given_name || ' ' || n.family_name)`;
    const practice = sql`register_fold(p.practice_name)`;
    return sql`
      select account_id, max(score) as score from (
        (select a.id as account_id, word_similarity(${q}, ${legal}) as score from accounts a where a.authority_id = ${authorityId} and ${q} <% ${legal} limit ${SCAN_LIMIT})
        union all
        (select n.account_id, word_similarity(${q}, ${previous}) from previous_names n where n.authority_id = ${authorityId} and not n.withheld and ${q} <% ${previous} limit ${SCAN_LIMIT})
        union all
        (select p.account_id, word_similarity(${q}, ${practice}) from registrant_profiles p where p.authority_id = ${authorityId} and ${q} <% ${practice} limit ${SCAN_LIMIT})
      ) n group by account_id order by score desc, account_id limit ${ROW_LIMIT}`;
  }
  if (c.postalArea || c.city) {
    // A city holds thousands of sites: at most SCAN_LIMIT of them are sorted by name (past it the page says to narrow the search).
    return sql`
      select s.account_id, 1.0::real as score
      from (select s.account_id from practice_sites s where s.authority_id = ${authorityId} and ${placeShown(on)} and ${placeMatches(c)} limit ${SCAN_LIMIT}) s
      join accounts a on a.id = s.account_id
      group by s.account_id, a.family_name, a.given_name order by a.family_name, a.given_name, s.account_id limit ${ROW_LIMIT}`;
  }
  return null;
}

/** The outcomes the register shows on a day: not removed, and not past their date. */
const shownOutcome = (on: LocalDate) => sql`o.removed_at is null and (o.removal_policy <> 'until_date' or o.published_until >= ${on})`;

type EntryHead = Pick<Entry, 'number' | 'status' | 'category' | 'validFrom' | 'validUntil' | 'revokedOn' | 'givenName' | 'familyName'> & { accountId: string };

/** One entry by its registration number: null when the register does not publish it. */
export async function entryOf(db: Executor, authorityId: string, number: string, on: LocalDate): Promise<Entry | null> {
  const [head] = await queryRows<EntryHead>(
    db,
    sql`
      select r.number, a.id as "accountId", a.given_name as "givenName", a.family_name as "familyName", c.name as category, ${statusOf(on)} as status,
        r.valid_from::text as "validFrom", r.valid_until::text as "validUntil", to_char(r.revoked_at at time zone 'America/Toronto', 'YYYY-MM-DD') as "revokedOn"
      from registrations r join accounts a on a.id = r.account_id join registration_categories c on c.id = r.category_id
      where r.authority_id = ${authorityId} and upper(r.number) = upper(${number}) and r.status <> 'pending'`,
  );
  if (!head) return null;
  const { accountId, ...entry } = head;
  const outcomes = await queryRows<Entry['outcomes'][number]>(
    db,
    sql`select o.kind, o.decided_on::text as "decidedOn", o.summary, o.removal_policy as "removalPolicy", o.published_until::text as "publishedUntil"
        from register_outcomes o where o.account_id = ${accountId} and o.authority_id = ${authorityId} and ${shownOutcome(on)}
        order by o.decided_on desc, o.id`,
  );
  const [profile] = await queryRows<{ practiceName: string | null; email: string | null; languages: string[] | null; independentPractice: boolean | null; independentSince: string | null }>(
    db,
    sql`select p.practice_name as "practiceName", case when p.public_email_shown then p.public_email end as email, case when p.languages_shown then p.languages end as languages,
          pp.independent_practice as "independentPractice", pp.independent_since::text as "independentSince"
        from (select 1) one
        left join registrant_profiles p on p.account_id = ${accountId} and p.authority_id = ${authorityId}
        left join practice_profiles pp on pp.account_id = ${accountId} and pp.authority_id = ${authorityId}`,
  );
  const sites = await queryRows<{ name: string; withholding: 'none' | 'address'; isPrimary: boolean; line1: string; line2: string | null; city: string; province: string; postalCode: string; phone: string | null; startedOn: string }>(
    db,
    sql`select s.name, s.withholding, s.is_primary as "isPrimary", s.address_line1 as line1, s.address_line2 as line2, s.city, s.province, s.postal_code as "postalCode", s.phone, s.started_on::text as "startedOn"
        from practice_sites s
        where s.account_id = ${accountId} and s.authority_id = ${authorityId} and s.removed_at is null and (s.ended_on is null or s.ended_on >= ${on}) and s.withholding <> 'site'
        order by s.is_primary desc, s.started_on, s.id`,
  );
  // A withheld address leaves the site's name; its phone is part of how to find it, so it goes too.
  const shown = sites.map((s) => ({
    isPrimary: s.isPrimary,
    site: {
      name: s.name,
      address: s.withholding === 'address' ? null : { line1: s.line1, line2: s.line2, city: s.city, province: s.province, postalCode: s.postalCode },
      phone: s.withholding === 'address' ? null : s.phone,
      startedOn: s.startedOn,
    },
  }));
  const previousNames = await queryRows<Entry['previousNames'][number]>(
    db,
    sql`select n.given_name as "givenName", n.family_name as "familyName", n.used_until::text as "usedUntil" from previous_names n
        where n.account_id = ${accountId} and n.authority_id = ${authorityId} and not n.withheld order by n.used_until desc nulls last, n.created_at`,
  );
  const otherRegistrations = await queryRows<Entry['otherRegistrations'][number]>(
    db,
    sql`select o.regulator, o.jurisdiction, o.registration_number as "registrationNumber", o.status, o.started_on::text as "startedOn", o.ended_on::text as "endedOn"
        from other_registrations o where o.account_id = ${accountId} and o.authority_id = ${authorityId} and o.removed_at is null order by o.started_on desc nulls last, o.created_at`,
  );
  return {
    ...entry,
    practiceName: profile?.practiceName ?? null,
    previousNames,
    independentPractice: profile?.independentPractice ?? false,
    independentSince: profile?.independentSince ?? null,
    businessAddress: shown.find((s) => s.isPrimary)?.site ?? null,
    sites: shown.map((s) => s.site),
    email: profile?.email ?? null,
    languages: profile?.languages ?? [],
    otherRegistrations,
    outcomes,
  };
}

/** The authority's categories, for the search form's list. */
export function categoriesOf(db: Executor, authorityId: string) {
  return queryRows<{ code: string; name: Bilingual }>(db, sql`select code, name from registration_categories where authority_id = ${authorityId} order by code`);
}
