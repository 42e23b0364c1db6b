import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { invoices } from '../billing/index.ts';
import { accounts } from '../identity/index.ts';
import type { LocalDate } from '../platform/calendar.ts';
import type { Executor } from '../platform/db.ts';
import { examRegistrations, examResults, examSessions, examSettings } from './schema.ts';
import { validUntil } from './validity.ts';

export type Session = typeof examSessions.$inferSelect;
export type Registration = typeof examRegistrations.$inferSelect;
export type Result = typeof examResults.$inferSelect & { validUntil: LocalDate };

export const DEFAULT_VALIDITY_MONTHS = 24;

/** The months an authority counts a passed result (its setting, 24 when it has none). */
export async function validityMonthsOf(db: Executor, authorityId: string): Promise<number> {
  const [row] = await db.select({ months: examSettings.resultValidityMonths }).from(examSettings).where(eq(examSettings.authorityId, authorityId));
  return row?.months ?? DEFAULT_VALIDITY_MONTHS;
}

/** The seats taken at each of these sessions (registrations not cancelled). */
export async function seatsTaken(db: Executor, sessionIds: string[]): Promise<Map<string, number>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .select({ sessionId: examRegistrations.sessionId, taken: sql<number>`count(*)::int` })
    .from(examRegistrations)
    .where(and(inArray(examRegistrations.sessionId, sessionIds), eq(examRegistrations.status, 'registered')))
    .groupBy(examRegistrations.sessionId);
  return new Map(rows.map((r) => [r.sessionId, r.taken]));
}

/** An authority's sessions, the soonest first, with their seats taken. */
export async function sessionsOf(db: Executor, authorityId: string): Promise<(Session & { taken: number })[]> {
  const sessions = await db.select().from(examSessions).where(eq(examSessions.authorityId, authorityId)).orderBy(asc(examSessions.startsAt));
  const taken = await seatsTaken(db, sessions.map((s) => s.id));
  return sessions.map((s) => ({ ...s, taken: taken.get(s.id) ?? 0 }));
}

/** A person's registrations at an authority, with their sessions, the latest sitting first. */
export function registrationsOf(db: Executor, accountId: string, authorityId: string) {
  return db
    .select({ registration: examRegistrations, session: examSessions })
    .from(examRegistrations)
    .innerJoin(examSessions, eq(examSessions.id, examRegistrations.sessionId))
    .where(and(eq(examRegistrations.accountId, accountId), eq(examRegistrations.authorityId, authorityId)))
    .orderBy(desc(examSessions.startsAt), desc(examRegistrations.registeredAt));
}

/** The fee invoice of a registration (billing's row for subject kind `exam_registration`), read only. */
export async function invoiceOf(db: Executor, registrationId: string) {
  const [row] = await db
    .select({ id: invoices.id, number: invoices.number, status: invoices.status, totalCents: invoices.totalCents, dueOn: invoices.dueOn })
    .from(invoices)
    .where(and(eq(invoices.subjectKind, 'exam_registration'), eq(invoices.subjectId, registrationId)))
    .orderBy(desc(invoices.issuedAt))
    .limit(1);
  return row ?? null;
}

/** A person's results at an authority, the latest sitting first, each with its last valid day. */
export async function resultsOf(db: Executor, accountId: string, authorityId: string): Promise<(Result & { session: Session | null })[]> {
  const [months, rows] = await Promise.all([
    validityMonthsOf(db, authorityId),
    db
      .select({ result: examResults, session: examSessions })
      .from(examResults)
      .leftJoin(examSessions, eq(examSessions.id, examResults.sessionId))
      .where(and(eq(examResults.accountId, accountId), eq(examResults.authorityId, authorityId)))
      .orderBy(desc(examResults.satOn), desc(examResults.createdAt)),
  ]);
  return rows.map((r) => ({ ...r.result, validUntil: validUntil(r.result.satOn as LocalDate, months), session: r.session }));
}

/** A session's candidates (registered, not cancelled) with their result at it, if any, by family name. */
export async function rosterOf(db: Executor, sessionId: string) {
  return db
    .select({
      accountId: accounts.id,
      givenName: accounts.givenName,
      familyName: accounts.familyName,
      email: accounts.email,
      resultId: examResults.id,
      outcome: examResults.outcome,
      score: examResults.score,
      source: examResults.source,
    })
    .from(examRegistrations)
    .innerJoin(accounts, eq(accounts.id, examRegistrations.accountId))
    .leftJoin(examResults, and(eq(examResults.sessionId, examRegistrations.sessionId), eq(examResults.accountId, examRegistrations.accountId)))
    .where(and(eq(examRegistrations.sessionId, sessionId), ne(examRegistrations.status, 'cancelled')))
    .orderBy(asc(accounts.familyName), asc(accounts.givenName));
}
