import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { accounts } from '../identity/index.ts';
import { addCalendarDays, type LocalDate } from '../platform/calendar.ts';
import { type Executor, queryRows } from '../platform/db.ts';
import { REPORT_WITHIN_DAYS } from './kinds.ts';
import { changeRequests, type ChangeKind, otherRegistrations, previousNames, recordSettings, registrantProfiles } from './schema.ts';
import { PENDING_WITH_REGISTRANT } from './states.ts';

export type ChangeRequest = typeof changeRequests.$inferSelect;

/** The authority's application types open to registered people (licensing's category transfers), read by their SQL name. */
export function transferTypes(db: Executor, authorityId: string) {
  return queryRows<{ id: string; code: string; name: { fr: string; en: string } }>(
    db,
    sql`select id, code, name from application_types where authority_id = ${authorityId} and eligibility = 'registered' and active order by position, code`,
  );
}

/** The authority's settings, or the defaults (other regulators at once, email through staff: seed 001). */
export async function settingsOf(db: Executor, authorityId: string) {
  const [row] = await db.select().from(recordSettings).where(eq(recordSettings.authorityId, authorityId));
  return { otherRegistrations: row?.otherRegistrations ?? 'immediate', signInEmail: row?.signInEmail ?? 'staff' } as const;
}

export async function profileOf(db: Executor, accountId: string, authorityId: string) {
  const [row] = await db.select().from(registrantProfiles).where(and(eq(registrantProfiles.accountId, accountId), eq(registrantProfiles.authorityId, authorityId)));
  return row ?? null;
}

export function previousNamesOf(db: Executor, accountId: string, authorityId: string) {
  return db.select().from(previousNames).where(and(eq(previousNames.accountId, accountId), eq(previousNames.authorityId, authorityId))).orderBy(desc(previousNames.createdAt));
}

export function otherRegistrationsOf(db: Executor, accountId: string, authorityId: string) {
  return db
    .select()
    .from(otherRegistrations)
    .where(and(eq(otherRegistrations.accountId, accountId), eq(otherRegistrations.authorityId, authorityId), isNull(otherRegistrations.removedAt)))
    .orderBy(asc(otherRegistrations.createdAt));
}

export function requestsOf(db: Executor, accountId: string, authorityId: string) {
  return db.select().from(changeRequests).where(and(eq(changeRequests.accountId, accountId), eq(changeRequests.authorityId, authorityId))).orderBy(desc(changeRequests.createdAt));
}

/** The day a change must be reported by. */
export const dueOn = (happenedOn: string) => addCalendarDays(happenedOn as LocalDate, REPORT_WITHIN_DAYS);
/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export interface ToDo {
  request: ChangeRequest;
  dueOn: LocalDate;
  /** Negative once overdue. */
  daysLeft: number;
}

/** What the registrant still has to report or finish, soonest due first: drafts, returned requests, email proofs awaited. */
export async function toDoOf(db: Executor, accountId: string, authorityId: string, today: LocalDate): Promise<ToDo[]> {
  const rows = await db
    .select()
    .from(changeRequests)
    .where(and(eq(changeRequests.accountId, accountId), eq(changeRequests.authorityId, authorityId), inArray(changeRequests.status, [...PENDING_WITH_REGISTRANT])))
    .orderBy(asc(changeRequests.happenedOn), asc(changeRequests.createdAt));
  return rows.map((request) => ({ request, dueOn: dueOn(request.happenedOn), daysLeft: daysBetween(today, dueOn(request.happenedOn)) }));
}

/** Every registrant's pending changes due within `withinDays` (or overdue), for the reminder job. */
export function pendingDue(db: Executor, today: LocalDate, withinDays: number) {
  const horizon = addCalendarDays(today, withinDays - REPORT_WITHIN_DAYS);
  return db
    .select()
    .from(changeRequests)
    .where(and(inArray(changeRequests.status, [...PENDING_WITH_REGISTRANT]), sql`${changeRequests.happenedOn} <= ${horizon}`))
    .orderBy(asc(changeRequests.accountId), asc(changeRequests.authorityId), asc(changeRequests.happenedOn));
}

export interface LateFilters {
  /** `late`: reported more than 30 days after the change; `open`: not reported and past 30 days; both when absent. */
  state?: 'late' | 'open' | undefined;
  kind?: ChangeKind | undefined;
}

/** The authority's changes reported late or still open past 30 days, oldest change first, with the person's name. */
export function lateReports(db: Executor, authorityId: string, today: LocalDate, filters: LateFilters) {
  const limit = addCalendarDays(today, -REPORT_WITHIN_DAYS);
  const late = sql`${changeRequests.reportedOn} is not null and ${changeRequests.reportedOn} > ${changeRequests.happenedOn} + ${REPORT_WITHIN_DAYS}::int`;
  const open = sql`${changeRequests.reportedOn} is null and ${inArray(changeRequests.status, [...PENDING_WITH_REGISTRANT])} and ${changeRequests.happenedOn} < ${limit}`;
  const which = filters.state === 'late' ? late : filters.state === 'open' ? open : sql`((${late}) or (${open}))`;
  return db
    .select({ request: changeRequests, givenName: accounts.givenName, familyName: accounts.familyName })
    .from(changeRequests)
    .innerJoin(accounts, eq(accounts.id, changeRequests.accountId))
    .where(and(eq(changeRequests.authorityId, authorityId), filters.kind ? eq(changeRequests.kind, filters.kind) : undefined, which))
    .orderBy(asc(changeRequests.happenedOn), asc(changeRequests.id))
    .limit(500);
}
