import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import { at } from '../platform/columns.ts';
import type { Bilingual } from '../platform/i18n/index.ts';

/** What a registration lets a person do (a category of the register: "Permis régulier", "Travailleur social"). */
export const registrationCategories = pgTable(
  'registration_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    code: text('code').notNull(),
    name: jsonb('name').$type<Bilingual>().notNull(),
    /** How long a registration in this category lasts from the day it becomes active. */
    validityMonths: integer('validity_months').notNull().default(12),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('registration_categories_code').on(t.authorityId, t.code)],
);

/** Who may apply for a type: anyone, only people who hold a registration, or only people whose registration ended. */
export type Eligibility = 'anyone' | 'registered' | 'formerly_registered';

/** The sections an application of a type asks for, in the task list's order. */
export type SectionCode = 'personal' | 'education' | 'declarations' | 'documents';
export const SECTION_CODES = ['personal', 'education', 'declarations', 'documents'] as const satisfies readonly SectionCode[];

/**
 * A supporting document a type requires. `providedBy: 'school'` documents (a transcript) are sent
 * by someone else and added by staff: the applicant sees why they cannot upload it.
 */
export interface RequiredDocument {
  code: string;
  name: Bilingual;
  hint: Bilingual;
  providedBy: 'applicant' | 'school';
  /** Upload limit in bytes; the documents module's default when absent. */
  maxBytes?: number;
  optional?: boolean;
}

/** A yes/no question of the declarations; "yes" needs an explanation. */
export interface Declaration {
  code: string;
  question: Bilingual;
}

/** What a person applies for: defined by the authority's administrators. */
export const applicationTypes = pgTable(
  'application_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    /** Language-neutral: answers, queues and the median are keyed by it. */
    code: text('code').notNull(),
    name: jsonb('name').$type<Bilingual>().notNull(),
    description: jsonb('description').$type<Bilingual>().notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => registrationCategories.id),
    sections: text('sections').array().$type<SectionCode[]>().notNull(),
    requiredDocuments: jsonb('required_documents').$type<RequiredDocument[]>().notNull().default([]),
    declarations: jsonb('declarations').$type<Declaration[]>().notNull().default([]),
    /** Fees charged once the application is approved (the billing issue's fee schedule). */
    feeCodes: text('fee_codes').array().$type<string[]>().notNull().default([]),
    eligibility: text('eligibility').$type<Eligibility>().notNull().default('anyone'),
    position: integer('position').notNull().default(0),
    /** An inactive type can no longer be started; open applications of it go on. */
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('application_types_code').on(t.authorityId, t.code)],
);

/** One question of an authority's eligibility questionnaire; the first by position starts it. */
export const eligibilityQuestions = pgTable(
  'eligibility_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    text: jsonb('text').$type<Bilingual>().notNull(),
    hint: jsonb('hint').$type<Bilingual>(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('eligibility_questions_code').on(t.authorityId, t.code)],
);

/**
 * An answer to a question leads to exactly one of: the next question, an application type, or
 * "not eligible" with the reason and what to do instead (the migration checks it).
 */
export const eligibilityAnswers = pgTable(
  'eligibility_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => eligibilityQuestions.id),
    code: text('code').notNull(),
    position: integer('position').notNull(),
    label: jsonb('label').$type<Bilingual>().notNull(),
    nextQuestionId: uuid('next_question_id').references(() => eligibilityQuestions.id),
    typeId: uuid('type_id').references(() => applicationTypes.id),
    notEligibleReason: jsonb('not_eligible_reason').$type<Bilingual>(),
    whatToDo: jsonb('what_to_do').$type<Bilingual>(),
  },
  (t) => [uniqueIndex('eligibility_answers_code').on(t.questionId, t.code)],
);

/** Where an application stands; the review's own steps (queued, picked up) are casework's. */
export type ApplicationStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'refused' | 'withdrawn';
export const OPEN_STATUSES = ['draft', 'submitted', 'returned'] as const satisfies readonly ApplicationStatus[];

export type SectionProgress = 'not_started' | 'in_progress' | 'completed';

/** The personal details section, as typed (values are codes or plain text, never labels). */
export interface PersonalDetails {
  givenName?: string;
  familyName?: string;
  dateOfBirth?: string;
  phone?: string;
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  province?: string;
  postalCode?: string;
}

export interface DeclarationAnswer {
  answer: 'yes' | 'no';
  explanation?: string;
}

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    applicantId: uuid('applicant_id')
      .notNull()
      .references(() => accounts.id),
    typeId: uuid('type_id')
      .notNull()
      .references(() => applicationTypes.id),
    /** The reference a person quotes (DEM-2026-000123), numbered per authority. */
    reference: text('reference').notNull(),
    status: text('status').$type<ApplicationStatus>().notNull().default('draft'),
    progress: jsonb('progress').$type<Partial<Record<SectionCode, SectionProgress>>>().notNull().default({}),
    personal: jsonb('personal').$type<PersonalDetails>().notNull().default({}),
    declarations: jsonb('declarations').$type<Record<string, DeclarationAnswer>>().notNull().default({}),
    /** Staff's reasons when refused, or what they asked for when returned. */
    decisionReason: text('decision_reason'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    submittedAt: at('submitted_at'),
    decidedAt: at('decided_at'),
  },
  (t) => [
    uniqueIndex('applications_reference').on(t.authorityId, t.reference),
    // One open application per person and type.
    uniqueIndex('applications_one_open').on(t.applicantId, t.typeId).where(sql`status in ('draft', 'submitted', 'returned')`),
    index('applications_applicant').on(t.applicantId, t.createdAt),
  ],
);

/** One program of study of an application's education section. */
export const applicationEducation = pgTable(
  'application_education',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    program: text('program').notNull(),
    institution: text('institution').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    credential: text('credential').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    /** Removed by the applicant while a draft: kept, no longer shown (nothing typed is lost). */
    removedAt: at('removed_at'),
  },
  (t) => [index('application_education_application').on(t.applicationId)],
);

/**
 * A registration past its `validUntil` is expired by the calendar at once; the renewals job then
 * writes `expired` on one that was not renewed (issue 15), and a late renewal makes it active again.
 */
export type RegistrationStatus = 'pending_fee' | 'active' | 'expired' | 'revoked';

/** What an approved application gives: a registration in its category, numbered per authority. */
export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => registrationCategories.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id)
      .unique(),
    number: text('number').notNull(),
    status: text('status').$type<RegistrationStatus>().notNull(),
    /** Set when the registration becomes active (its fees paid, or none due). */
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    /** The short code printed on the certificate and in its QR code, for the public verification page. */
    verificationCode: text('verification_code'),
    revokedAt: at('revoked_at'),
    revocationReason: text('revocation_reason'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('registrations_number').on(t.authorityId, t.number),
    uniqueIndex('registrations_verification_code').on(t.verificationCode),
    check('registrations_active_has_certificate', sql`${t.status} = 'pending_fee' or (${t.validFrom} is not null and ${t.validUntil} is not null and ${t.verificationCode} is not null)`),
  ],
);

/** Gap-free numbers per authority and series (application references, registration numbers). */
export const licensingCounters = pgTable(
  'licensing_counters',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    series: text('series').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [uniqueIndex('licensing_counters_key').on(t.authorityId, t.series, t.year)],
);
