import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import { at } from '../platform/columns.ts';

/** What the registrar approved withholding from the register: nothing, the whole site, or its address only. */
export type Withholding = 'none' | 'site' | 'address';
/** `withdrawn`: the site was removed before the registrar decided. */
export type WithholdingRequestStatus = 'pending' | 'approved' | 'refused' | 'withdrawn';
export type HoursKind = 'direct_contact' | 'supervision';
/** An entry is the registrant's to change while `draft` or `returned`; `sent` is locked in a review; `accepted` is final. */
export type EntryStatus = 'draft' | 'sent' | 'accepted' | 'returned';
export type HoursRequestStatus = 'sent' | 'withdrawn' | 'decided';
export type EntryDecision = 'accepted' | 'returned';

/**
 * Where a registrant practises. A site is current when not removed and not ended before today;
 * exactly one current site per account and authority is the primary one (the register's business
 * address): the partial unique index says so to the database too. The register reads this table.
 */
export const practiceSites = pgTable(
  'practice_sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id').notNull().references(() => authorities.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    name: text('name').notNull(),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    city: text('city').notNull(),
    province: text('province').notNull(),
    postalCode: text('postal_code').notNull(),
    phone: text('phone'),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    isPrimary: boolean('is_primary').notNull().default(false),
    withholding: text('withholding').$type<Withholding>().notNull().default('none'),
    removedAt: at('removed_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('practice_sites_account').on(t.accountId, t.authorityId),
    uniqueIndex('practice_sites_one_primary').on(t.accountId, t.authorityId).where(sql`is_primary`),
  ],
);

/** One per registrant and authority: not practising, and the independent practice status accepted hours gave. */
export const practiceProfiles = pgTable(
  'practice_profiles',
  {
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    authorityId: uuid('authority_id').notNull().references(() => authorities.id),
    notPractising: boolean('not_practising').notNull().default(false),
    independentPractice: boolean('independent_practice').notNull().default(false),
    independentSince: date('independent_since', { mode: 'string' }),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.authorityId] })],
);

/** A registrant's request to withhold a site (or its address) from the register; its review is casework's ('practice_withholding'). */
export const practiceWithholdingRequests = pgTable(
  'practice_withholding_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id').notNull().references(() => authorities.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    siteId: uuid('site_id').notNull().references(() => practiceSites.id),
    scope: text('scope').$type<Exclude<Withholding, 'none'>>().notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<WithholdingRequestStatus>().notNull().default('pending'),
    decisionReason: text('decision_reason'),
    createdAt: at('created_at').notNull(),
    decidedAt: at('decided_at'),
  },
  (t) => [uniqueIndex('practice_withholding_one_pending').on(t.siteId).where(sql`status = 'pending'`)],
);

/** The hours an authority requires of each kind before independent practice (hundredths of an hour). */
export const practiceThresholds = pgTable(
  'practice_thresholds',
  {
    authorityId: uuid('authority_id').notNull().references(() => authorities.id),
    kind: text('kind').$type<HoursKind>().notNull(),
    hundredths: integer('hundredths').notNull(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.authorityId, t.kind] })],
);

/** A batch of entries sent for review; its review is casework's ('practice_hours'). */
export const practiceHoursRequests = pgTable(
  'practice_hours_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id').notNull().references(() => authorities.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    reference: text('reference').notNull(),
    status: text('status').$type<HoursRequestStatus>().notNull().default('sent'),
    createdAt: at('created_at').notNull(),
    decidedAt: at('decided_at'),
  },
  (t) => [index('practice_hours_requests_account').on(t.accountId, t.authorityId)],
);

/** Direct client contact or clinical supervision hours, in hundredths of an hour (two decimals, no rounding). */
export const practiceHours = pgTable(
  'practice_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id').notNull().references(() => authorities.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    kind: text('kind').$type<HoursKind>().notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }).notNull(),
    siteId: uuid('site_id').references(() => practiceSites.id),
    supervisorName: text('supervisor_name'),
    hundredths: integer('hundredths').notNull(),
    status: text('status').$type<EntryStatus>().notNull().default('draft'),
    /** The request it is (or was last) sent in. */
    requestId: uuid('request_id').references(() => practiceHoursRequests.id),
    returnReason: text('return_reason'),
    removedAt: at('removed_at'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('practice_hours_account').on(t.accountId, t.authorityId)],
);

/** What one request sent, entry by entry, as it was sent, and staff's decision on each. */
export const practiceHoursRequestEntries = pgTable(
  'practice_hours_request_entries',
  {
    requestId: uuid('request_id').notNull().references(() => practiceHoursRequests.id),
    entryId: uuid('entry_id').notNull().references(() => practiceHours.id),
    kind: text('kind').$type<HoursKind>().notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }).notNull(),
    siteName: text('site_name'),
    supervisorName: text('supervisor_name'),
    hundredths: integer('hundredths').notNull(),
    decision: text('decision').$type<EntryDecision>(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.entryId] })],
);
