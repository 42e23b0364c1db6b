import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import { at } from '../platform/columns.ts';

export type Proficiency = 'basic' | 'intermediate' | 'advanced' | 'native';

/**
 * What the register shows of a registrant beside identity's names: each field applies at once
 * (the register reads this table directly), the opt-in ones only when shown is true. The column
 * names are the contract with `register` (notes/issue14-plan.md).
 */
export const registrantProfiles = pgTable(
  'registrant_profiles',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    practiceName: text('practice_name'),
    publicEmail: text('public_email'),
    publicEmailShown: boolean('public_email_shown').notNull().default(false),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    languagesShown: boolean('languages_shown').notNull().default(false),
    englishProficiency: text('english_proficiency').$type<Proficiency>(),
    frenchProficiency: text('french_proficiency').$type<Proficiency>(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.authorityId] })],
);

/** A legal name the registrant held before an approved change; published unless withholding was approved. */
export const previousNames = pgTable(
  'previous_names',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    usedUntil: date('used_until', { mode: 'string' }),
    /** Set only when the registrar approves a withholding request. */
    withheld: boolean('withheld').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('previous_names_person').on(t.accountId, t.authorityId)],
);

/** A registration the person holds or held with another regulator; ended ones stay, removed ones are not shown. */
export const otherRegistrations = pgTable(
  'other_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    regulator: text('regulator').notNull(),
    jurisdiction: text('jurisdiction').notNull(),
    registrationNumber: text('registration_number'),
    status: text('status').notNull(),
    startedOn: date('started_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    removedAt: at('removed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('other_registrations_person').on(t.accountId, t.authorityId)],
);

/** How an authority takes each kind of change: at once, or after staff review (seed 001: email through staff). */
export type ApplyMode = 'immediate' | 'staff';
export type EmailMode = 'self_service' | 'staff';

export const recordSettings = pgTable('record_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  otherRegistrations: text('other_registrations').$type<ApplyMode>().notNull().default('immediate'),
  signInEmail: text('sign_in_email').$type<EmailMode>().notNull().default('staff'),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export type ChangeKind = 'legal_name' | 'name_withholding' | 'sign_in_email' | 'other_registration';
/**
 * draft: started, not sent; confirming: a self-service email change waiting for both proofs;
 * submitted / returned: with staff, or back with the registrant; applied: done (approved, confirmed
 * or immediate); refused; withdrawn.
 */
export type ChangeStatus = 'draft' | 'confirming' | 'submitted' | 'returned' | 'applied' | 'refused' | 'withdrawn';

/** What each kind of change carries, as typed by the registrant. */
export type ChangeDetails =
  | { kind: 'legal_name'; givenName: string; familyName: string }
  | { kind: 'name_withholding'; previousNameId: string; name: string; reason: string }
  | { kind: 'sign_in_email'; oldEmail: string; newEmail: string }
  | { kind: 'other_registration'; action: 'add'; regulator: string; jurisdiction: string; registrationNumber: string | null; status: string; startedOn: string | null }
  | { kind: 'other_registration'; action: 'end'; otherRegistrationId: string; regulator: string; endedOn: string };

/**
 * Every reportable change, dated: `happened_on` as the registrant typed it, `reported_on` the day
 * they sent it (or it applied at once). The 30-day duty reads these two dates; the review, when
 * staff decide, is casework's row for subject kind `change_request`.
 */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    reference: text('reference').notNull(),
    kind: text('kind').$type<ChangeKind>().notNull(),
    status: text('status').$type<ChangeStatus>().notNull(),
    details: jsonb('details').$type<ChangeDetails>().notNull(),
    happenedOn: date('happened_on', { mode: 'string' }).notNull(),
    reportedOn: date('reported_on', { mode: 'string' }),
    decisionReason: text('decision_reason'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    decidedAt: at('decided_at'),
  },
  (t) => [
    uniqueIndex('change_requests_reference').on(t.authorityId, t.reference),
    index('change_requests_person').on(t.accountId, t.authorityId, t.createdAt),
    index('change_requests_dates').on(t.authorityId, t.happenedOn),
    check('change_requests_reported_after', sql`${t.reportedOn} is null or ${t.reportedOn} >= ${t.happenedOn}`),
  ],
);

/**
 * The two proofs of a self-service email change: a code mailed to the old address and one to the
 * new, kept as digests; the change applies when both are confirmed.
 */
export const emailProofs = pgTable(
  'email_proofs',
  {
    changeRequestId: uuid('change_request_id')
      .notNull()
      .references(() => changeRequests.id),
    side: text('side').$type<'old' | 'new'>().notNull(),
    tokenDigest: text('token_digest').notNull(),
    expiresAt: at('expires_at').notNull(),
    confirmedAt: at('confirmed_at'),
  },
  (t) => [primaryKey({ columns: [t.changeRequestId, t.side] }), uniqueIndex('email_proofs_token').on(t.tokenDigest)],
);

/** The reminders sent for a change still to report: one per change and milestone, so a job run twice sends nothing twice. */
export const recordReminders = pgTable(
  'record_reminders',
  {
    changeRequestId: uuid('change_request_id')
      .notNull()
      .references(() => changeRequests.id),
    /** Days left when it was sent, rounded down to the milestone (14, 7, 1, 0 for overdue). */
    milestone: integer('milestone').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.changeRequestId, t.milestone] })],
);
