import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import { at } from '../platform/columns.ts';
import type { Bilingual } from '../platform/i18n/index.ts';

export type SessionMode = 'in_person' | 'online';
export type RegistrationStatus = 'registered' | 'cancelled';
export type Outcome = 'passed' | 'failed';
export type ResultSource = 'staff' | 'import';

/** How long an authority counts a passed result (seed 002: 2 years from the sitting). */
export const examSettings = pgTable('exam_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  resultValidityMonths: integer('result_validity_months').notNull().default(24),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** A sitting of the authority's exam: when, where (a place, or online), how many seats, until when one registers, and its fee. */
export const examSessions = pgTable(
  'exam_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    name: jsonb('name').$type<Bilingual>().notNull(),
    startsAt: at('starts_at').notNull(),
    mode: text('mode').$type<SessionMode>().notNull(),
    place: text('place'),
    capacity: integer('capacity').notNull(),
    registrationDeadline: date('registration_deadline', { mode: 'string' }).notNull(),
    /** The billing fee charged at registration (kind `exam`); none: the sitting is free. */
    feeCode: text('fee_code'),
    cancelledAt: at('cancelled_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('exam_sessions_authority').on(t.authorityId, t.startsAt),
    check('exam_sessions_place', sql`${t.mode} = 'online' or ${t.place} is not null`),
    check('exam_sessions_capacity', sql`${t.capacity} > 0`),
  ],
);

/** A person's seat at a sitting; a cancelled one stays, and they may register again. */
export const examRegistrations = pgTable(
  'exam_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => examSessions.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    status: text('status').$type<RegistrationStatus>().notNull(),
    registeredAt: at('registered_at').notNull(),
    cancelledAt: at('cancelled_at'),
  },
  (t) => [
    uniqueIndex('exam_registrations_one_seat').on(t.sessionId, t.accountId).where(sql`status = 'registered'`),
    index('exam_registrations_person').on(t.accountId, t.authorityId),
  ],
);

/** A result, kept as entered (by staff or an import): never edited in place. */
export const examResults = pgTable(
  'exam_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    sessionId: uuid('session_id').references(() => examSessions.id),
    satOn: date('sat_on', { mode: 'string' }).notNull(),
    outcome: text('outcome').$type<Outcome>().notNull(),
    score: integer('score'),
    enteredBy: uuid('entered_by').references(() => accounts.id),
    source: text('source').$type<ResultSource>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exam_results_one_per_session').on(t.sessionId, t.accountId), index('exam_results_person').on(t.accountId, t.authorityId, t.satOn)],
);
