import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { recordEvent } from '../audit/index.ts';
import type { StaffActor } from '../platform/actors.ts';
import { businessDaysBetween, type Jurisdiction, localDateAt } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import { type Database, type Executor, queryRows } from '../platform/db.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import type { Origin } from '../platform/origin.ts';
import { type ReviewStep, reviewSteps, reviews } from './schema.ts';
import { type StaffAction, staffRefusal } from './policies.ts';
import { type OpenStatus, openStatuses, type ReviewAction, type ReviewRole, type ReviewState, reviewTransitions } from './states.ts';
import type { Transition } from '../platform/states.ts';

/**
 * What a writer answers: done; no such review for this caller (another authority's, another
 * person's: they learn nothing of it); not from the review's current status (out of order); or
 * not for this caller's roles.
 */
export type CaseworkResult = 'ok' | 'not_found' | 'not_allowed' | 'forbidden';
/** Assigning to someone who holds no role in the review's authority. */
export type AssignResult = CaseworkResult | 'assignee_not_staff';
/** Returning to the applicant says what is missing: an empty request is refused. */
export type ReturnResult = CaseworkResult | 'message_required';

export type Review = typeof reviews.$inferSelect;
type ReviewRule = Transition<ReviewState, ReviewStep, ReviewRole>;

export interface QueueFilters {
  /** One domain's reviews (licensing's applications); every kind when absent. */
  subjectKind?: string | undefined;
  typeCode?: string | undefined;
  /** One open status; all of them when absent. */
  status?: OpenStatus | undefined;
  /** Picked up by the staff member asking, by nobody, or by this account. */
  assignee?: 'me' | 'none' | (string & {}) | undefined;
  /** In the queue for at least this many days (since submission or the last resubmission). */
  olderThanDays?: number | undefined;
  page: number;
  perPage: number;
}

export interface QueueRow {
  reviewId: string;
  subjectKind: string;
  subjectId: string;
  typeCode: string;
  typeName: Bilingual;
  applicantName: string;
  subjectReference: string | null;
  status: OpenStatus;
  assigneeId: string | null;
  assigneeName: string | null;
  queuedAt: Date;
  /** How long since it entered the queue, at the time of the read. */
  ageMs: number;
}

export interface QueueCounts {
  queued: number;
  pickedUpByMe: number;
  waitingForApplicant: number;
}

export interface MedianDecisionTime {
  /** Median time from first submission to decision, over `sample` decisions. */
  medianMs: number;
  /** The same median counted in working days on the jurisdiction's calendar (half a day when the two middle ones differ). */
  medianWorkingDays: number;
  sample: number;
}

/** One line of the timeline. For the applicant, staff have no name (`actorName` and `assigneeName` null). */
export interface TimelineEntry {
  at: Date;
  step: ReviewStep;
  actor: 'applicant' | 'staff';
  actorName: string | null;
  assigneeName: string | null;
  message: string | null;
  outcome: string | null;
}

/** Someone who holds a role in the authority: whom a review can be assigned to. */
export interface AssignableStaff {
  id: string;
  name: string;
}

/** The decisions the median is taken over: recent enough to say how long it takes now. */
export const MEDIAN_SAMPLE = 20;
export const MAX_PER_PAGE = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: string) => UUID.test(value);

// People's names (identity's `accounts`) and staff roles (authorities' `authority_roles`) belong to
// modules listed after casework, which a foundation module may not import: casework reads them,
// never writes them, by their tables' SQL names — in `accountName`, `holdsRole` and `assignable` only.
const accountName = (id: AnyPgColumn) =>
  sql<string | null>`(select a.given_name || ' ' || a.family_name from accounts a where a.id = ${id})`;

/** The authority's open reviews: what every queue reads (the `reviews_open` index). */
const openOf = (authorityId: string) => and(eq(reviews.authorityId, authorityId), inArray(reviews.status, [...openStatuses]));

/** The counts of a queue, as aggregates over its open reviews. */
const tallies = (staffId: string) => ({
  queued: sql<number>`count(*) filter (where ${reviews.status} = 'queued')`.mapWith(Number),
  pickedUpByMe: sql<number>`count(*) filter (where ${reviews.status} = 'picked_up' and ${reviews.assigneeId} = ${isUuid(staffId) ? staffId : null})`.mapWith(Number),
  waitingForApplicant: sql<number>`count(*) filter (where ${reviews.status} = 'waiting_for_applicant')`.mapWith(Number),
});
const countsOf = (tally: QueueCounts | undefined): QueueCounts => ({
  queued: tally?.queued ?? 0,
  pickedUpByMe: tally?.pickedUpByMe ?? 0,
  waitingForApplicant: tally?.waitingForApplicant ?? 0,
});

export function createCaseworkService(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;

  async function lock(tx: Executor, reviewId: string): Promise<Review | null> {
    if (!isUuid(reviewId)) return null;
    const [row] = await tx.select().from(reviews).where(eq(reviews.id, reviewId)).for('update');
    return row ?? null;
  }

  /**
   * A staff step on the locked row: a review of another authority does not exist for them, then
   * the policy (policies.ts) says whether their roles and the review's status allow it.
   */
  async function staffStep(tx: Executor, reviewId: string, staff: StaffActor, action: StaffAction) {
    const row = await lock(tx, reviewId);
    if (!row || row.authorityId !== staff.staffAuthorityId) return 'not_found' as const;
    const refusal = staffRefusal(row, staff, action);
    if (refusal) return refusal;
    return { row, rule: reviewTransitions.rules[action] };
  }

  /** The applicant's steps: another person's review does not exist for them. */
  async function applicantStep(tx: Executor, reviewId: string, applicantId: string, action: ReviewAction) {
    const row = await lock(tx, reviewId);
    if (!row || row.applicantAccountId !== applicantId) return 'not_found' as const;
    const rule = reviewTransitions.check(row.status, action, ['applicant']);
    if (rule === 'forbidden') return 'forbidden' as const;
    if (rule === 'not_allowed_from') return 'not_allowed' as const;
    return { row, rule };
  }

  /** The transition's new status (with what else changes) and its step on the timeline. */
  async function write(
    tx: Executor,
    row: Review,
    rule: ReviewRule,
    set: Omit<Partial<Review>, 'status'>,
    step: Omit<typeof reviewSteps.$inferInsert, 'reviewId' | 'step'>,
  ) {
    if (rule.to === 'none') throw new Error('a review never goes back to before its submission');
    await tx.update(reviews).set({ ...set, status: rule.to }).where(eq(reviews.id, row.id));
    await tx.insert(reviewSteps).values({ ...step, reviewId: row.id, step: rule.event });
  }

  const subjectOf = (row: Review) => ({ reviewId: row.id, subjectKind: row.subjectKind, subjectId: row.subjectId });

  /** Whether the account holds a role in the authority (authorities' table, read by its SQL name: see `accountName`). */
  async function holdsRole(tx: Executor, authorityId: string, accountId: string): Promise<boolean> {
    if (!isUuid(accountId)) return false;
    const rows = await queryRows(tx, sql`select 1 from authority_roles where authority_id = ${authorityId} and account_id = ${accountId} limit 1`);
    return rows.length > 0;
  }

  return {
    /**
     * Puts a subject in its authority's queue (step `submitted`), in the domain's transaction. A
     * subject has one review: opening it again answers `not_allowed` (resubmission is `resubmit`).
     */
    async open(
      tx: Executor,
      input: { authorityId: string; subjectKind: string; subjectId: string; subjectReference?: string; typeCode: string; typeName: Bilingual; applicantId: string; applicantName: string; at: Date },
    ): Promise<{ reviewId: string } | 'not_allowed'> {
      const rule = reviewTransitions.check('none', 'submit', ['applicant']);
      if (typeof rule === 'string' || rule.to === 'none') return 'not_allowed';
      const [row] = await tx
        .insert(reviews)
        .values({
          authorityId: input.authorityId,
          subjectKind: input.subjectKind,
          subjectId: input.subjectId,
          typeCode: input.typeCode,
          typeName: input.typeName,
          applicantAccountId: input.applicantId,
          applicantName: input.applicantName,
          subjectReference: input.subjectReference ?? null,
          status: rule.to,
          firstSubmittedAt: input.at,
          queuedAt: input.at,
        })
        .onConflictDoNothing()
        .returning({ id: reviews.id });
      if (!row) return 'not_allowed';
      await tx.insert(reviewSteps).values({ reviewId: row.id, at: input.at, step: rule.event, actorId: input.applicantId });
      return { reviewId: row.id };
    },

    /** A staff member takes a queued review for themselves; records `review_picked_up`. */
    async pickUp(tx: Executor, input: { reviewId: string; staff: StaffActor; at: Date; origin: Origin }): Promise<CaseworkResult> {
      const checked = await staffStep(tx, input.reviewId, input.staff, 'pick_up');
      if (typeof checked === 'string') return checked;
      const { row, rule } = checked;
      await write(tx, row, rule, { assigneeId: input.staff.id, pickedUpAt: input.at }, { at: input.at, actorId: input.staff.id, assigneeId: input.staff.id });
      await recordEvent(tx, { authorityId: row.authorityId, event: 'review_picked_up', actorId: input.staff.id, subjectId: row.applicantAccountId, origin: input.origin, at: input.at, details: subjectOf(row) });
      return 'ok';
    },

    /**
     * A registrar or administrator gives a queued or picked-up review to a named staff member of
     * the same authority (themselves included); records `review_assigned`.
     */
    async assign(tx: Executor, input: { reviewId: string; staff: StaffActor; assigneeId: string; at: Date; origin: Origin }): Promise<AssignResult> {
      const checked = await staffStep(tx, input.reviewId, input.staff, 'assign');
      if (typeof checked === 'string') return checked;
      const { row, rule } = checked;
      if (!(await holdsRole(tx, row.authorityId, input.assigneeId))) return 'assignee_not_staff';
      if (input.assigneeId === row.applicantAccountId) return 'forbidden';
      if (input.assigneeId === row.assigneeId) return 'not_allowed';
      await write(tx, row, rule, { assigneeId: input.assigneeId, pickedUpAt: input.at }, { at: input.at, actorId: input.staff.id, assigneeId: input.assigneeId });
      await recordEvent(tx, {
        authorityId: row.authorityId,
        event: 'review_assigned',
        actorId: input.staff.id,
        subjectId: row.applicantAccountId,
        origin: input.origin,
        at: input.at,
        details: { ...subjectOf(row), assigneeId: input.assigneeId, previousAssigneeId: row.assigneeId },
      });
      return 'ok';
    },

    /** Puts a picked-up review back in the queue, in its place (its `queued_at` stays); records `review_released`. */
    async release(tx: Executor, input: { reviewId: string; staff: StaffActor; at: Date; origin: Origin }): Promise<CaseworkResult> {
      const checked = await staffStep(tx, input.reviewId, input.staff, 'release');
      if (typeof checked === 'string') return checked;
      const { row, rule } = checked;
      const previous = row.assigneeId ?? input.staff.id;
      await write(tx, row, rule, { assigneeId: null, pickedUpAt: null }, { at: input.at, actorId: input.staff.id, assigneeId: previous });
      await recordEvent(tx, { authorityId: row.authorityId, event: 'review_released', actorId: input.staff.id, subjectId: row.applicantAccountId, origin: input.origin, at: input.at, details: { ...subjectOf(row), previousAssigneeId: previous } });
      return 'ok';
    },

    /**
     * Sends a picked-up review back to the applicant with what is missing (required). The reviewer
     * stays named on it while it waits. No audit row here: the domain module records its own event
     * (the application returned) in the same transaction, with its mail.
     */
    async returnToApplicant(tx: Executor, input: { reviewId: string; staff: StaffActor; message: string; at: Date }): Promise<ReturnResult> {
      const message = input.message.trim();
      if (message === '') return 'message_required';
      const checked = await staffStep(tx, input.reviewId, input.staff, 'return');
      if (typeof checked === 'string') return checked;
      const { row, rule } = checked;
      await write(tx, row, rule, {}, { at: input.at, actorId: input.staff.id, message });
      return 'ok';
    },

    /**
     * The applicant answers a request for more and the review goes back to the queue, at its end
     * (`queued_at` is now), for anyone to pick up. No audit row here: the domain records its own.
     */
    async resubmit(tx: Executor, input: { reviewId: string; applicantId: string; message?: string | undefined; at: Date }): Promise<CaseworkResult> {
      const checked = await applicantStep(tx, input.reviewId, input.applicantId, 'resubmit');
      if (typeof checked === 'string') return checked;
      const { row, rule } = checked;
      const message = input.message?.trim() || null;
      await write(tx, row, rule, { queuedAt: input.at, assigneeId: null, pickedUpAt: null }, { at: input.at, actorId: input.applicantId, message });
      return 'ok';
    },

    /**
     * Decides a picked-up review: `outcome` is the domain's word ('approved', 'refused'), `message`
     * its reasons. No audit row here: the domain records the decision with what it creates (a
     * registration) in the same transaction.
     */
    async decide(tx: Executor, input: { reviewId: string; staff: StaffActor; outcome: string; message?: string | undefined; at: Date }): Promise<CaseworkResult> {
      if (input.outcome.trim() === '') return 'not_allowed';
      const checked = await staffStep(tx, input.reviewId, input.staff, 'decide');
      if (typeof checked === 'string') return checked;
      const { row, rule } = checked;
      const message = input.message?.trim() || null;
      await write(tx, row, rule, { decidedAt: input.at, outcome: input.outcome }, { at: input.at, actorId: input.staff.id, message, outcome: input.outcome });
      return 'ok';
    },

    /** The applicant withdraws an open review. No audit row here: the domain records its own. */
    async withdraw(tx: Executor, input: { reviewId: string; applicantId: string; at: Date }): Promise<CaseworkResult> {
      const checked = await applicantStep(tx, input.reviewId, input.applicantId, 'withdraw');
      if (typeof checked === 'string') return checked;
      const { row, rule } = checked;
      await write(tx, row, rule, {}, { at: input.at, actorId: input.applicantId });
      return 'ok';
    },

    /**
     * A page of the authority's open reviews, oldest in the queue first (ties by id, so pages never
     * overlap), with how many match in all and the queue's counts for this staff member. Offset
     * pages: staff jump to a page number, and the open-reviews index keeps the first pages at 25
     * index entries. The total and the counts come from one pass over the open reviews, which is
     * what the page costs at 10,000 (bench/casework.ts).
     */
    async queue(authorityId: string, filters: QueueFilters, staffId: string): Promise<{ rows: QueueRow[]; total: number; counts: QueueCounts }> {
      const now = clock.now();
      const perPage = Math.min(Math.max(1, Math.trunc(filters.perPage)), MAX_PER_PAGE);
      const page = Math.max(1, Math.trunc(filters.page));
      const assignee = filters.assignee;
      const matches =
        and(
          filters.subjectKind ? eq(reviews.subjectKind, filters.subjectKind) : undefined,
          filters.status ? eq(reviews.status, filters.status) : undefined,
          filters.typeCode ? eq(reviews.typeCode, filters.typeCode) : undefined,
          assignee === 'me' ? eq(reviews.assigneeId, staffId) : assignee === 'none' ? isNull(reviews.assigneeId) : assignee ? (isUuid(assignee) ? eq(reviews.assigneeId, assignee) : sql`false`) : undefined,
          filters.olderThanDays ? lte(reviews.queuedAt, new Date(now.getTime() - filters.olderThanDays * DAY_MS)) : undefined,
        ) ?? sql`true`;
      const [rows, [tally]] = await Promise.all([
        db
          .select({
            reviewId: reviews.id,
            subjectKind: reviews.subjectKind,
            subjectId: reviews.subjectId,
            typeCode: reviews.typeCode,
            typeName: reviews.typeName,
            applicantName: reviews.applicantName,
            subjectReference: reviews.subjectReference,
            status: reviews.status,
            assigneeId: reviews.assigneeId,
            assigneeName: accountName(reviews.assigneeId),
            queuedAt: reviews.queuedAt,
          })
          .from(reviews)
          .where(and(openOf(authorityId), matches))
          .orderBy(asc(reviews.queuedAt), asc(reviews.id))
          .limit(perPage)
          .offset((page - 1) * perPage),
        db
          .select({ total: sql<number>`count(*) filter (where ${matches})`.mapWith(Number), ...tallies(staffId) })
          .from(reviews)
          .where(openOf(authorityId)),
      ]);
      return {
        rows: rows.map((r) => ({ ...r, status: r.status as OpenStatus, ageMs: now.getTime() - r.queuedAt.getTime() })),
        total: tally?.total ?? 0,
        counts: countsOf(tally),
      };
    },

    /** The numbers the staff menu and home show: waiting in the queue, picked up by this staff member, waiting for applicants. */
    async counts(authorityId: string, staffId: string): Promise<QueueCounts> {
      const [tally] = await db.select(tallies(staffId)).from(reviews).where(openOf(authorityId));
      return countsOf(tally);
    },

    /** The review of a domain's subject, or null before it is submitted; in the caller's transaction when given. */
    async bySubject(subjectKind: string, subjectId: string, executor: Executor = db): Promise<Review | null> {
      if (!isUuid(subjectId)) return null;
      const [row] = await executor.select().from(reviews).where(and(eq(reviews.subjectKind, subjectKind), eq(reviews.subjectId, subjectId)));
      return row ?? null;
    },

    /** 1 for the next to be picked up, among the authority's queued reviews by `queued_at`; null unless queued. */
    async position(reviewId: string): Promise<number | null> {
      if (!isUuid(reviewId)) return null;
      const [row] = await queryRows<{ position: number | string }>(
        db,
        sql`select 1 + (select count(*) from reviews o
                         where o.authority_id = r.authority_id and o.status = 'queued'
                           and (o.queued_at, o.id) < (r.queued_at, r.id)) as position
              from reviews r where r.id = ${reviewId} and r.status = 'queued'`,
      );
      return row ? Number(row.position) : null;
    },

    /**
     * How long staff took on the last MEDIAN_SAMPLE decisions of this type (first submission to
     * decision, time spent waiting for the applicant included: it is what the applicant lived);
     * null before the first decision. Working days are counted on `jurisdiction`'s calendar.
     */
    async medianDecisionTime(authorityId: string, typeCode: string, jurisdiction: Jurisdiction = 'federal'): Promise<MedianDecisionTime | null> {
      const rows = await db
        .select({ first: reviews.firstSubmittedAt, decided: reviews.decidedAt })
        .from(reviews)
        .where(and(eq(reviews.authorityId, authorityId), eq(reviews.typeCode, typeCode), eq(reviews.status, 'decided')))
        .orderBy(desc(reviews.decidedAt))
        .limit(MEDIAN_SAMPLE);
      const decided = rows.flatMap((r) => (r.decided ? [{ first: r.first, decided: r.decided }] : []));
      if (decided.length === 0) return null;
      return {
        medianMs: median(decided.map((r) => r.decided.getTime() - r.first.getTime())),
        medianWorkingDays: median(decided.map((r) => businessDaysBetween(jurisdiction, localDateAt(r.first), localDateAt(r.decided)))),
        sample: decided.length,
      };
    },

    /**
     * The review's steps, oldest first. For the applicant (`forApplicant`), staff are never named —
     * neither who acted nor to whom it was assigned: a reviewer's name is theirs to give, and the
     * applicant needs to know what happened, not who. Staff see every name.
     */
    async timeline(reviewId: string, options: { forApplicant: boolean }): Promise<TimelineEntry[]> {
      if (!isUuid(reviewId)) return [];
      const rows = await db
        .select({
          at: reviewSteps.at,
          step: reviewSteps.step,
          actorId: reviewSteps.actorId,
          applicantId: reviews.applicantAccountId,
          applicantName: reviews.applicantName,
          actorName: accountName(reviewSteps.actorId),
          assigneeName: accountName(reviewSteps.assigneeId),
          message: reviewSteps.message,
          outcome: reviewSteps.outcome,
        })
        .from(reviewSteps)
        .innerJoin(reviews, eq(reviews.id, reviewSteps.reviewId))
        .where(eq(reviewSteps.reviewId, reviewId))
        .orderBy(asc(reviewSteps.at), asc(reviewSteps.id));
      return rows.map((r) => {
        // Nobody reviews their own subject (policies.ts): the applicant's account acting is the applicant.
        const actor = r.actorId === r.applicantId ? 'applicant' : 'staff';
        const named = !options.forApplicant;
        return {
          at: r.at,
          step: r.step,
          actor,
          actorName: named ? (actor === 'applicant' ? r.applicantName : r.actorName) : null,
          assigneeName: named ? r.assigneeName : null,
          message: r.message,
          outcome: r.outcome,
        };
      });
    },

    /** The authority's staff, by family name: whom a review can be assigned to. */
    assignable(authorityId: string): Promise<AssignableStaff[]> {
      return queryRows<AssignableStaff>(
        db,
        sql`select a.id, a.given_name || ' ' || a.family_name as name
              from accounts a
             where exists (select 1 from authority_roles r where r.authority_id = ${authorityId} and r.account_id = a.id)
             order by a.family_name, a.given_name, a.id`,
      );
    },
  };
}

export type CaseworkService = ReturnType<typeof createCaseworkService>;

/** The middle value; the mean of the two middle ones for an even count. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
