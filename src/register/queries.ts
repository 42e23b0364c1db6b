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
 * pg_trgm's word-similarity threshold for names. The default (0.6 for `<%`, but ranking every row
 * above 0.3 with `<<->`) made the index return thousands of candidates; 0.55 still finds a name
 * with one letter wrong, doubled or missing ("Tremblai", "Gagnnon").
 */
export const NAME_THRESHOLD = '0.55';

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

/** The statement a search runs (the bench times it raw beside the service). */
export function searchStatement(authorityId: string, c: SearchCriteria, on: LocalDate): SQL | null {
  const candidates = candidatesOf(authorityId, c);
  if (!candidates) return null;
  const filters: SQL[] = [sql`r.authority_id = ${authorityId}`, sql`r.status <> 'pending_fee'`];
  // Every criterion filters, including the one the candidates came from (cheap on so few rows).
  if (c.number) filters.push(sql`upper(r.number) = upper(${c.number})`);
  if (c.category) filters.push(sql`c.code = ${c.category}`);
  if (c.city) filters.push(sql`register_fold(a.city) = register_fold(${c.city})`);
  if (c.postalArea) filters.push(sql`upper(left(replace(a.postal_code, ' ', ''), 3)) = ${c.postalArea.toUpperCase()}`);
  const page = Math.max(1, Math.min(Math.trunc(c.page), ROW_LIMIT / PER_PAGE));
  return sql`
    with candidates as (${candidates})
    select r.number, a.given_name as "givenName", a.family_name as "familyName", c.name as category, ${statusOf(on)} as status, a.city
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
 * registration number (exact), the name (trigram index, threshold raised by the caller), else
 * the place (postal area or city, equality indexes). At most ROW_LIMIT, best first.
 */
function candidatesOf(authorityId: string, c: SearchCriteria): SQL | null {
  if (c.number) {
    return sql`select r.account_id, 1.0::real as score from registrations r where r.authority_id = ${authorityId} and upper(r.number) = upper(${c.number})`;
  }
  if (c.name) {
    const q = sql`register_fold(${c.name})`;
    return sql`
      select account_id, max(score) as score from (
        select a.id as account_id, word_similarity(${q}, register_fold(a.given_name || ' ' || a.family_name)) as score
        from accounts a where a.authority_id = ${authorityId} and ${q} <% register_fold(a.given_name || ' ' || a.family_name)
      ) n group by account_id order by score desc, account_id limit ${ROW_LIMIT}`;
  }
  if (c.postalArea) {
    return sql`
      select a.id as account_id, 1.0::real as score from accounts a
      where a.authority_id = ${authorityId} and upper(left(replace(a.postal_code, ' ', ''), 3)) = ${c.postalArea.toUpperCase()}
      order by a.family_name, a.given_name, a.id limit ${ROW_LIMIT}`;
  }
  if (c.city) {
    return sql`
      select a.id as account_id, 1.0::real as score from accounts a
      where a.authority_id = ${authorityId} and register_fold(a.city) = register_fold(${c.city})
      order by a.family_name, a.given_name, a.id limit ${ROW_LIMIT}`;
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
      where r.authority_id = ${authorityId} and upper(r.number) = upper(${number}) and r.status <> 'pending_fee'`,
  );
  if (!head) return null;
  const { accountId, ...entry } = head;
  const outcomes = await queryRows<Entry['outcomes'][number]>(
    db,
    sql`select o.kind, o.decided_on::text as "decidedOn", o.summary, o.removal_policy as "removalPolicy", o.published_until::text as "publishedUntil"
        from register_outcomes o where o.account_id = ${accountId} and o.authority_id = ${authorityId} and ${shownOutcome(on)}
        order by o.decided_on desc, o.id`,
  );
  return {
    ...entry,
    practiceName: null,
    previousNames: [],
    independentPractice: false,
    independentSince: null,
    businessAddress: null,
    sites: [],
    email: null,
    languages: [],
    otherRegistrations: [],
    outcomes,
  };
}

/** The authority's categories, for the search form's list. */
export function categoriesOf(db: Executor, authorityId: string) {
  return queryRows<{ code: string; name: Bilingual }>(db, sql`select code, name from registration_categories where authority_id = ${authorityId} order by code`);
}
