import { and, asc, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import { addCalendarDays, type LocalDate } from '../../platform/calendar.ts';
import { type Executor, queryRows } from '../../platform/db.ts';
import { surveillanceCases } from '../schema.ts';
import { type CaseStatus, openStatuses, type SurveillanceCode } from '../states.ts';
import type { ListQuery, Search } from './schemas.ts';

/** Cases per page of the list; the most a search returns (past it the page says to narrow it). */
export const PER_PAGE = 25;
export const SEARCH_LIMIT = 50;
/** "Due soon": due within this many days (today counts). */
export const DUE_SOON_DAYS = 7;
/**
 * The word similarity a name must reach, above pg_trgm's 0.6 default: "Helene" finds "Hélène
 * Tremblay" (1.0 once folded), "Tremblai" still finds "Tremblay", and a common given name alone
 * does not bring in every name sharing a few trigrams. The index answers at the default (its
 * `<%` reads the session's threshold, left alone), the statement keeps those at this one or more:
 * one round trip, where setting the threshold takes a transaction and three more.
 */
export const NAME_THRESHOLD = 0.7;

export interface CaseRow {
  id: string;
  noticeNumber: string;
  familyName: string;
  givenNames: string;
  dateOfBirth: string;
  arrivalDate: string;
  dueOn: string;
  status: CaseStatus;
  code: SurveillanceCode;
}

const rowColumns = {
  id: surveillanceCases.id,
  noticeNumber: surveillanceCases.noticeNumber,
  familyName: surveillanceCases.familyName,
  givenNames: surveillanceCases.givenNames,
  dateOfBirth: surveillanceCases.dateOfBirth,
  arrivalDate: surveillanceCases.arrivalDate,
  dueOn: surveillanceCases.dueOn,
  status: surveillanceCases.status,
  code: surveillanceCases.code,
};

const open = inArray(surveillanceCases.status, [...openStatuses]);

/** What each queue holds on a day: open cases due within the week, open cases past their day, open urgent cases. */
function queueCondition(queue: NonNullable<ListQuery['queue']>, today: LocalDate): SQL {
  if (queue === 'due_soon') return and(open, gte(surveillanceCases.dueOn, today), lte(surveillanceCases.dueOn, addCalendarDays(today, DUE_SOON_DAYS)))!;
  if (queue === 'overdue') return and(open, lt(surveillanceCases.dueOn, today))!;
  return and(open, eq(surveillanceCases.code, 'urgent'))!;
}

/** One page of a PTPHA's cases (its own only), by the filters, soonest due first; and how many match. */
export async function listCases(db: Executor, organizationId: string, q: ListQuery, today: LocalDate): Promise<{ rows: CaseRow[]; total: number }> {
  const where = and(
    eq(surveillanceCases.organizationId, organizationId),
    q.status ? eq(surveillanceCases.status, q.status as CaseStatus) : undefined,
    q.queue ? queueCondition(q.queue, today) : undefined,
    q.from ? gte(surveillanceCases.arrivalDate, q.from) : undefined,
    q.to ? lte(surveillanceCases.arrivalDate, q.to) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select(rowColumns)
      .from(surveillanceCases)
      .where(where)
      .orderBy(asc(surveillanceCases.dueOn), asc(surveillanceCases.noticeNumber))
      .limit(PER_PAGE)
      .offset((q.page - 1) * PER_PAGE),
    db.select({ n: sql<number>`count(*)::int` }).from(surveillanceCases).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The counts of the queues' tabs, and of new notices. */
export async function queueCounts(db: Executor, organizationId: string, today: LocalDate) {
  const [row] = await db
    .select({
      dueSoon: sql<number>`count(*) filter (where ${queueCondition('due_soon', today)})::int`,
      overdue: sql<number>`count(*) filter (where ${queueCondition('overdue', today)})::int`,
      urgent: sql<number>`count(*) filter (where ${queueCondition('urgent', today)})::int`,
      notified: sql<number>`count(*) filter (where ${surveillanceCases.status} = 'notified')::int`,
    })
    .from(surveillanceCases)
    .where(eq(surveillanceCases.organizationId, organizationId));
  return row ?? { dueSoon: 0, overdue: 0, urgent: 0, notified: 0 };
}

/**
 * The statement of a search within one PTPHA's cases (the bench times it raw beside the service):
 * every term given must match. The name, folded (lower case, no accents) on both sides, by the
 * trigram index on `surveillance_fold(given_names || ' ' || family_name)`, best match first; the
 * client ID in upper case and the date of birth by their indexes beside the organization.
 */
export function searchStatement(organizationId: string, s: Search): SQL {
  const folded = sql`surveillance_fold(c.given_names || ' ' || c.family_name)`;
  const q = sql`surveillance_fold(${s.name ?? ''})`;
  const filters: SQL[] = [sql`c.organization_id = ${organizationId}`];
  if (s.name) filters.push(sql`${q} <% ${folded}`, sql`word_similarity(${q}, ${folded}) >= ${NAME_THRESHOLD}`);
  if (s.clientId) filters.push(sql`upper(c.client_id) = upper(${s.clientId})`);
  if (s.dateOfBirth) filters.push(sql`c.date_of_birth = ${s.dateOfBirth}::date`);
  return sql`
    select c.id, c.notice_number as "noticeNumber", c.family_name as "familyName", c.given_names as "givenNames",
      c.date_of_birth::text as "dateOfBirth", c.arrival_date::text as "arrivalDate", c.due_on::text as "dueOn", c.status, c.code
    from surveillance_cases c
    where ${sql.join(filters, sql` and `)}
    order by ${s.name ? sql`word_similarity(${q}, ${folded}) desc, ` : sql``}c.family_name, c.given_names, c.id
    limit ${SEARCH_LIMIT + 1}`;
}

/** Runs a search: one statement. */
export async function searchCases(db: Executor, organizationId: string, s: Search): Promise<{ rows: CaseRow[]; more: boolean }> {
  const rows = await queryRows<CaseRow>(db, searchStatement(organizationId, s));
  return { rows: rows.slice(0, SEARCH_LIMIT), more: rows.length > SEARCH_LIMIT };
}

