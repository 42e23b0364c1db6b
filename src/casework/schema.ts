import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { at } from '../platform/columns.ts';
import type { Bilingual } from '../platform/i18n/index.ts';

/** Where a review stands: the open ones sit in a staff queue; decided and withdrawn are final. */
export type ReviewStatus = 'queued' | 'picked_up' | 'waiting_for_applicant' | 'decided' | 'withdrawn';
/** One line of a review's timeline: what happened, as the applicant and staff read it. */
export type ReviewStep = 'submitted' | 'picked_up' | 'assigned' | 'released' | 'returned' | 'resubmitted' | 'decided' | 'withdrawn';

/**
 * One row per reviewed thing (an application, later practice hours, a compliance report): the
 * domain module owns the subject and its own states; this row is what every queue shares. The
 * type's name and the applicant's name are copied in at submission so that the queue page reads
 * one table, never a join across modules.
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // References authorities and accounts (in the migration): those modules come after this one.
    authorityId: uuid('authority_id').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    typeCode: text('type_code').notNull(),
    typeName: jsonb('type_name').$type<Bilingual>().notNull(),
    applicantAccountId: uuid('applicant_account_id').notNull(),
    applicantName: text('applicant_name').notNull(),
    /** The reference the domain gives its subject (DEM-2026-000123), shown in the queue. */
    subjectReference: text('subject_reference'),
    status: text('status').$type<ReviewStatus>().notNull(),
    assigneeId: uuid('assignee_id'),
    firstSubmittedAt: at('first_submitted_at').notNull(),
    queuedAt: at('queued_at').notNull(),
    pickedUpAt: at('picked_up_at'),
    decidedAt: at('decided_at'),
    outcome: text('outcome'),
  },
  (t) => [
    uniqueIndex('reviews_subject').on(t.subjectKind, t.subjectId),
    index('reviews_open').on(t.authorityId, t.queuedAt, t.id).where(sql`status in ('queued', 'picked_up', 'waiting_for_applicant')`),
    index('reviews_queue').on(t.authorityId, t.status, t.queuedAt, t.id),
    index('reviews_assignee').on(t.assigneeId, t.status),
    index('reviews_decided').on(t.authorityId, t.typeCode, t.decidedAt.desc()).where(sql`status = 'decided'`),
  ],
);

/** The timeline: one row per step, never changed. */
export const reviewSteps = pgTable(
  'review_steps',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => reviews.id),
    at: at('at').notNull(),
    step: text('step').$type<ReviewStep>().notNull(),
    // References accounts (in the migration).
    actorId: uuid('actor_id').notNull(),
    assigneeId: uuid('assignee_id'),
    /** The request for more, the applicant's answer, or the decision's reasons. */
    message: text('message'),
    outcome: text('outcome'),
  },
  (t) => [index('review_steps_review').on(t.reviewId, t.at)],
);
