import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import type { Declaration, RequiredDocument } from '../licensing/index.ts';
import { at } from '../platform/columns.ts';

/**
 * How an authority renews its registrations. Renewals are on for an authority once it has this
 * row (an administrator saves the settings page, or the demo seeds it): the daily job walks only
 * these authorities. Offsets are days before the deadline; a negative one is after it.
 */
export const renewalSettings = pgTable('renewal_settings', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authorities.id),
  opensDaysBefore: integer('opens_days_before').notNull().default(90),
  deadlineDaysBefore: integer('deadline_days_before').notNull().default(30),
  /** Charged once the deadline has passed (none: no late fee). */
  lateFeeCode: text('late_fee_code'),
  feeCodes: text('fee_codes').array().$type<string[]>().notNull().default(sql`'{registration_fee}'::text[]`),
  reminderOffsets: integer('reminder_offsets').array().$type<number[]>().notNull().default(sql`'{60,30,7,-1}'::int[]`),
  declarations: jsonb('declarations').$type<Declaration[]>().notNull().default([]),
  /** The attestations a renewal asks for (insurance, continuing education), uploaded through documents. */
  requiredDocuments: jsonb('required_documents').$type<RequiredDocument[]>().notNull().default([]),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** `open` (window open), `submitted` (form sent, waiting for payment), `renewed`, `lapsed` (expired unrenewed). */
export type RenewalStatus = 'open' | 'submitted' | 'renewed' | 'lapsed';
export const RENEWAL_STATUSES = ['open', 'submitted', 'renewed', 'lapsed'] as const satisfies readonly RenewalStatus[];

export interface RenewalAnswer {
  answer: 'yes' | 'no';
  explanation?: string;
}

/**
 * One renewal of one validity period: unique per registration and the end date it renews, so a
 * window is opened once however often (or however many processes) the job runs. Its dates are
 * fixed when it opens; later changes to the settings apply to the next season.
 */
export const renewals = pgTable(
  'renewals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    /** Licensing's registration (read through licensing's functions; written only by them). */
    registrationId: uuid('registration_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    number: text('number').notNull(),
    /** The last valid day being renewed. */
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    validityMonths: integer('validity_months').notNull(),
    status: text('status').$type<RenewalStatus>().notNull().default('open'),
    answers: jsonb('answers').$type<Record<string, RenewalAnswer>>().notNull().default({}),
    changes: text('changes').notNull().default(''),
    /** The attestations uploaded, by required document code: the documents module's record ids. */
    attestations: jsonb('attestations').$type<Record<string, string>>().notNull().default({}),
    invoiceId: uuid('invoice_id'),
    lateFeeInvoiceId: uuid('late_fee_invoice_id'),
    /** Set when the late fee was charged (or found nothing to charge): charged once. */
    lateFeeAt: at('late_fee_at'),
    newValidUntil: date('new_valid_until', { mode: 'string' }),
    openedAt: at('opened_at').notNull(),
    submittedAt: at('submitted_at'),
    renewedAt: at('renewed_at'),
    lapsedAt: at('lapsed_at'),
  },
  (t) => [uniqueIndex('renewals_period').on(t.registrationId, t.expiresOn), index('renewals_authority_status').on(t.authorityId, t.status, t.deadline), index('renewals_account').on(t.accountId)],
);

/** A reminder sent for a renewal at one offset: its primary key makes each one sent once. */
export const renewalReminders = pgTable(
  'renewal_reminders',
  {
    renewalId: uuid('renewal_id')
      .notNull()
      .references(() => renewals.id),
    offsetDays: integer('offset_days').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.renewalId, t.offsetDays] })],
);
