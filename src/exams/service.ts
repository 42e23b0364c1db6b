import { and, desc, eq } from 'drizzle-orm';
import { mailFromPortal } from '../authorities/index.ts';
import { recordEvent } from '../audit/index.ts';
import type { BillingService } from '../billing/index.ts';
import { accounts } from '../identity/index.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import type { StaffActor } from '../platform/actors.ts';
import { type LocalDate, localDateAt } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Executor } from '../platform/db.ts';
import { formatDateTime, type Locale, translator } from '../platform/i18n/index.ts';
import type { Origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import type { Portal } from '../platform/portal.ts';
import { can } from './policies.ts';
import { invoiceOf, registrationsOf, resultsOf, rosterOf, seatsTaken, type Session, sessionsOf, validityMonthsOf } from './queries.ts';
import { examRegistrations, examResults, examSessions, examSettings, type Outcome } from './schema.ts';
import type { SessionInput } from './schemas.ts';
import { registrationTransitions } from './states.ts';
import { checkImport, importResults, type ImportReport } from './import.ts';
import { validUntil } from './validity.ts';

/** Why a registration is refused, said to the person in their language; nothing is written. */
export type RegisterRefusal = 'not_found' | 'full' | 'deadline_passed' | 'already_registered' | 'fee_unavailable';
export type RegisterResult = { kind: 'registered'; registrationId: string } | { kind: 'refused'; reason: RegisterRefusal };
export type CancelResult = 'ok' | 'not_found' | 'deadline_passed' | 'already_cancelled';
export type EnterResult = 'ok' | 'not_found' | 'forbidden' | 'not_sat_yet' | 'not_registered' | 'already_entered';

/** The person registering or cancelling (their mail address is read in the transaction). */
export type Candidate = { id: string; staffAuthorityId: string; authorityRoles: StaffActor['authorityRoles'] };

/** Thrown inside a transaction to roll it back and answer a refusal. */
class Refused extends Error {
  constructor(readonly reason: RegisterRefusal) {
    super(reason);
  }
}

/** A session is open for registration until the end of its deadline day (Toronto), and not once it started or was cancelled. */
function isOpen(session: Session, now: Date): boolean {
  return session.cancelledAt === null && session.startsAt > now && localDateAt(now) <= session.registrationDeadline;
}

/** The day a session sits (Toronto): the results' `sat_on`. */
const sittingDay = (session: Pick<Session, 'startsAt'>): LocalDate => localDateAt(session.startsAt);

export function createExamsService(deps: { db: Database; clock: Clock; mailer: Mailer; publicUrl: URL; billing: BillingService }) {
  const { db, clock, billing } = deps;

  /** Where the session sits, in words: its place, or "online". */
  const whereOf = (session: Session, t: ReturnType<typeof translator>) => (session.mode === 'online' ? t('exams.mode.online') : (session.place ?? ''));

  async function notify(tx: Executor, accountId: string, session: Session, registrationId: string, template: MailTemplate, portal: Portal | null, at: Date) {
    const [person] = await tx.select({ email: accounts.email, givenName: accounts.givenName, locale: accounts.preferredLanguage }).from(accounts).where(eq(accounts.id, accountId));
    if (!person) return;
    const t = translator(person.locale);
    await mailFromPortal(tx, deps.mailer, deps.publicUrl, { portal, authorityId: session.authorityId }, {
      accountId,
      to: person.email,
      locale: person.locale,
      template,
      name: person.givenName,
      path: href('exams.registration', person.locale, { registrationId }),
      detail: t('exams.mail.detail', { session: session.name[person.locale], when: formatDateTime(person.locale, session.startsAt), where: whereOf(session, t) }),
      at,
    });
  }

  async function ownRegistration(accountId: string, registrationId: string) {
    const [row] = await db
      .select({ registration: examRegistrations, session: examSessions })
      .from(examRegistrations)
      .innerJoin(examSessions, eq(examSessions.id, examRegistrations.sessionId))
      .where(eq(examRegistrations.id, registrationId));
    return row && row.registration.accountId === accountId ? row : null;
  }

  return {
    /** The person's page: the sessions open now, their registrations and whether each can still be cancelled. */
    async sessionsPage(accountId: string, authorityId: string) {
      const now = clock.now();
      const [sessions, mine] = await Promise.all([sessionsOf(db, authorityId), registrationsOf(db, accountId, authorityId)]);
      return { open: sessions.filter((s) => isOpen(s, now)), mine };
    },

    /** A session of this authority, with its seats taken, whether it takes registrations now, and the person's seat there if any; null for another's. */
    async openSession(authorityId: string, sessionId: string, accountId?: string) {
      const [session] = await db.select().from(examSessions).where(and(eq(examSessions.id, sessionId), eq(examSessions.authorityId, authorityId)));
      if (!session) return null;
      const taken = (await seatsTaken(db, [session.id])).get(session.id) ?? 0;
      const [mine] = accountId
        ? await db.select({ id: examRegistrations.id }).from(examRegistrations).where(and(eq(examRegistrations.sessionId, session.id), eq(examRegistrations.accountId, accountId), eq(examRegistrations.status, 'registered')))
        : [];
      return { session, taken, open: isOpen(session, clock.now()), registrationId: mine?.id ?? null };
    },

    /**
     * Registers the person: in one transaction with the session row locked, so two people after the
     * last seat do not both get it; the deadline checked on the same clock; the fee invoice issued
     * through billing; the audit row and the confirmation mail. A refusal writes nothing.
     */
    async register(person: Candidate, authorityId: string, sessionId: string, locale: Locale, portal: Portal | null, origin: Origin): Promise<RegisterResult> {
      const now = clock.now();
      try {
        const registrationId = await db.transaction(async (tx) => {
          const [session] = await tx.select().from(examSessions).where(and(eq(examSessions.id, sessionId), eq(examSessions.authorityId, authorityId))).for('update');
          if (!session || session.cancelledAt !== null) throw new Refused('not_found');
          if (!isOpen(session, now)) throw new Refused('deadline_passed');
          const taken = (await seatsTaken(tx, [session.id])).get(session.id) ?? 0;
          const [already] = await tx.select({ id: examRegistrations.id }).from(examRegistrations).where(and(eq(examRegistrations.sessionId, session.id), eq(examRegistrations.accountId, person.id), eq(examRegistrations.status, 'registered')));
          if (already) throw new Refused('already_registered');
          if (taken >= session.capacity) throw new Refused('full');
          const [row] = await tx.insert(examRegistrations).values({ authorityId, sessionId: session.id, accountId: person.id, status: 'registered', registeredAt: now }).returning();
          if (!row) throw new Error('registration not inserted');
          let invoiceId: string | null = null;
          if (session.feeCode) {
            const issued = await billing.issueInvoice(tx, {
              authorityId,
              accountId: person.id,
              feeCodes: [session.feeCode],
              kinds: ['exam'],
              subject: { kind: 'exam_registration', id: row.id, reference: `EXA-${sittingDay(session)}-${row.id.slice(0, 8).toUpperCase()}` },
              locale,
              at: now,
              actorId: person.id,
              origin,
            });
            if (issued.kind === 'unknown_fees') throw new Refused('fee_unavailable');
            if (issued.kind === 'issued') invoiceId = issued.invoice.id;
          }
          await recordEvent(tx, { authorityId, event: 'exam_registered', actorId: person.id, subjectId: person.id, origin, at: now, details: { registrationId: row.id, sessionId: session.id, invoiceId } });
          await notify(tx, person.id, session, row.id, 'examRegistered', portal, now);
          return row.id;
        });
        return { kind: 'registered', registrationId };
      } catch (error) {
        if (error instanceof Refused) return { kind: 'refused', reason: error.reason };
        throw error;
      }
    },

    /** The confirmation page of the person's own registration: the session, its fee invoice, whether it can be cancelled. */
    async registrationPage(accountId: string, registrationId: string) {
      const row = await ownRegistration(accountId, registrationId);
      if (!row) return null;
      const invoice = await invoiceOf(db, registrationId);
      const cancellable = row.registration.status === 'registered' && isOpen(row.session, clock.now());
      return { ...row, invoice, cancellable };
    },

    /** The person cancels their seat, until the registration deadline; the audit row and the mail. */
    async cancel(person: Candidate, registrationId: string, portal: Portal | null, origin: Origin): Promise<CancelResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [registration] = await tx.select().from(examRegistrations).where(eq(examRegistrations.id, registrationId)).for('update');
        if (!registration || !can(person, 'cancel', registration)) return 'not_found';
        if (registrationTransitions.check(registration.status, 'cancel', ['candidate']) !== registrationTransitions.rules.cancel) return 'already_cancelled';
        const [session] = await tx.select().from(examSessions).where(eq(examSessions.id, registration.sessionId));
        if (!session) return 'not_found';
        if (!isOpen(session, now)) return 'deadline_passed';
        await tx.update(examRegistrations).set({ status: registrationTransitions.rules.cancel.to, cancelledAt: now }).where(eq(examRegistrations.id, registrationId));
        await recordEvent(tx, { authorityId: registration.authorityId, event: 'exam_registration_cancelled', actorId: person.id, subjectId: person.id, origin, at: now, details: { registrationId, sessionId: session.id } });
        await notify(tx, person.id, session, registrationId, 'examCancelled', portal, now);
        return 'ok';
      });
    },

    /** The person's confirmed registrations for sessions still to come (the dashboard's card). */
    async coming(accountId: string, authorityId: string) {
      const now = clock.now();
      return (await registrationsOf(db, accountId, authorityId)).filter((r) => r.registration.status === 'registered' && r.session.cancelledAt === null && r.session.startsAt > now).reverse();
    },

    /** The person's results at an authority, each with its last valid day. */
    results: (accountId: string, authorityId: string) => resultsOf(db, accountId, authorityId),

    /** The staff's list: every session of their authority with its seats taken. */
    staffSessions: (staff: StaffActor) => sessionsOf(db, staff.staffAuthorityId),

    /** An administrator creates a session, with its audit row. */
    async createSession(staff: StaffActor, input: SessionInput & { startsAt: Date }, origin: Origin): Promise<'ok' | 'forbidden'> {
      const authorityId = staff.staffAuthorityId;
      if (!can(staff, 'manage_sessions', { accountId: '', authorityId })) return 'forbidden';
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(examSessions)
          .values({
            authorityId,
            name: { fr: input.nameFr, en: input.nameEn },
            startsAt: input.startsAt,
            mode: input.mode,
            place: input.mode === 'online' ? null : input.place,
            capacity: input.capacity,
            registrationDeadline: input.registrationDeadline,
            feeCode: input.feeCode || null,
            createdAt: now,
          })
          .returning();
        if (!row) throw new Error('session not inserted');
        await recordEvent(tx, { authorityId, event: 'exam_session_created', actorId: staff.id, subjectId: null, origin, at: now, details: { sessionId: row.id, startsAt: row.startsAt.toISOString(), capacity: row.capacity } });
      });
      return 'ok';
    },

    /** The months a passed result counts in the staff's authority. */
    validityMonths: (staff: StaffActor) => validityMonthsOf(db, staff.staffAuthorityId),

    /** An administrator sets how many months a passed result counts, with its audit row. */
    async setValidity(staff: StaffActor, months: number, origin: Origin): Promise<'ok' | 'forbidden'> {
      const authorityId = staff.staffAuthorityId;
      if (!can(staff, 'manage_sessions', { accountId: '', authorityId })) return 'forbidden';
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.insert(examSettings).values({ authorityId, resultValidityMonths: months, updatedAt: now }).onConflictDoUpdate({ target: examSettings.authorityId, set: { resultValidityMonths: months, updatedAt: now } });
        await recordEvent(tx, { authorityId, event: 'exam_settings_changed', actorId: staff.id, subjectId: null, origin, at: now, details: { resultValidityMonths: months } });
      });
      return 'ok';
    },

    /** A session of the staff's authority with its candidates and their results; null for any other. */
    async roster(staff: StaffActor, sessionId: string) {
      const [session] = await db.select().from(examSessions).where(eq(examSessions.id, sessionId));
      if (!session || !can(staff, 'see_results', { accountId: '', authorityId: session.authorityId })) return null;
      return { session, candidates: await rosterOf(db, sessionId) };
    },

    /** Staff enter a candidate's result at a session they registered for: once (a result is never edited in place). */
    async enterResult(staff: StaffActor, sessionId: string, accountId: string, input: { outcome: Outcome; score: number | null }, origin: Origin): Promise<EnterResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [session] = await tx.select().from(examSessions).where(eq(examSessions.id, sessionId)).for('update');
        if (!session || !can(staff, 'see_results', { accountId: '', authorityId: session.authorityId })) return 'not_found';
        if (!can(staff, 'enter_results', { accountId, authorityId: session.authorityId })) return 'forbidden';
        if (session.startsAt > now) return 'not_sat_yet';
        const [registration] = await tx.select({ id: examRegistrations.id }).from(examRegistrations).where(and(eq(examRegistrations.sessionId, sessionId), eq(examRegistrations.accountId, accountId), eq(examRegistrations.status, 'registered')));
        if (!registration) return 'not_registered';
        const [row] = await tx
          .insert(examResults)
          .values({ authorityId: session.authorityId, accountId, sessionId, satOn: sittingDay(session), outcome: input.outcome, score: input.score, enteredBy: staff.id, source: 'staff', createdAt: now })
          .onConflictDoNothing()
          .returning();
        if (!row) return 'already_entered';
        await recordEvent(tx, { authorityId: session.authorityId, event: 'exam_result_entered', actorId: staff.id, subjectId: accountId, origin, at: now, details: { resultId: row.id, sessionId, outcome: row.outcome, source: 'staff' } });
        return 'ok';
      });
    },

    /** A results file checked line by line: every line's problems, nothing written (the dry run). */
    checkImport: (staff: StaffActor, csv: string): Promise<ImportReport> => checkImport(db, staff.staffAuthorityId, csv, clock.now()),

    /** The import of a results file: written only when no line has a problem, in one transaction with its audit row. */
    importResults: (staff: StaffActor, csv: string, fileName: string, origin: Origin) => {
      if (!can(staff, 'enter_results', { accountId: '', authorityId: staff.staffAuthorityId })) return Promise.resolve({ kind: 'forbidden' as const });
      return importResults(db, { authorityId: staff.staffAuthorityId, csv, fileName, actorId: staff.id, origin, at: clock.now() });
    },

    /**
     * The person's newest passed result at an authority and its last valid day (licensing's
     * exam-transfer rule reads it), in the caller's transaction.
     */
    async latestPassed(tx: Executor, accountId: string, authorityId: string): Promise<{ id: string; satOn: LocalDate; validUntil: LocalDate } | null> {
      const [row] = await tx
        .select({ id: examResults.id, satOn: examResults.satOn })
        .from(examResults)
        .where(and(eq(examResults.accountId, accountId), eq(examResults.authorityId, authorityId), eq(examResults.outcome, 'passed')))
        .orderBy(desc(examResults.satOn), desc(examResults.createdAt))
        .limit(1);
      if (!row) return null;
      const satOn = row.satOn as LocalDate;
      return { id: row.id, satOn, validUntil: validUntil(satOn, await validityMonthsOf(tx, authorityId)) };
    },

    /** One result by its id (a transferred result's), with its last valid day. */
    async result(tx: Executor, resultId: string): Promise<{ id: string; satOn: LocalDate; outcome: Outcome; validUntil: LocalDate } | null> {
      const [row] = await tx.select().from(examResults).where(eq(examResults.id, resultId));
      if (!row) return null;
      const satOn = row.satOn as LocalDate;
      return { id: row.id, satOn, outcome: row.outcome, validUntil: validUntil(satOn, await validityMonthsOf(tx, row.authorityId)) };
    },
  };
}

export type ExamsService = ReturnType<typeof createExamsService>;
