import { date, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import { at } from '../platform/columns.ts';
import type { Bilingual } from '../platform/i18n/index.ts';

/**
 * How long a committee outcome stays on the register: always, until a date, or until a registrar
 * approves the registrant's request to remove it.
 */
export type RemovalPolicy = 'permanent' | 'until_date' | 'on_request';
export const REMOVAL_POLICIES = ['permanent', 'until_date', 'on_request'] as const satisfies readonly RemovalPolicy[];

/** A committee's decision, or the terms and conditions set on a registration. */
export type OutcomeKind = 'committee_outcome' | 'terms_and_conditions';
export const OUTCOME_KINDS = ['committee_outcome', 'terms_and_conditions'] as const satisfies readonly OutcomeKind[];

/** A committee outcome staff enter (a discipline decision, conditions): removed ones are kept, not shown. */
export const registerOutcomes = pgTable('register_outcomes', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorityId: uuid('authority_id')
    .notNull()
    .references(() => authorities.id),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  kind: text('kind').$type<OutcomeKind>().notNull(),
  decidedOn: date('decided_on', { mode: 'string' }).notNull(),
  summary: jsonb('summary').$type<Bilingual>().notNull(),
  removalPolicy: text('removal_policy').$type<RemovalPolicy>().notNull(),
  publishedUntil: date('published_until', { mode: 'string' }),
  removedAt: at('removed_at'),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => accounts.id),
  createdAt: at('created_at').notNull().defaultNow(),
});

export type RemovalStatus = 'submitted' | 'approved' | 'refused' | 'withdrawn';

/** A registrant's request to take an outcome off the register, with the case they make (a casework review). */
export const registerRemovalRequests = pgTable('register_removal_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorityId: uuid('authority_id')
    .notNull()
    .references(() => authorities.id),
  outcomeId: uuid('outcome_id')
    .notNull()
    .references(() => registerOutcomes.id),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  reference: text('reference').notNull(),
  statement: text('statement').notNull(),
  status: text('status').$type<RemovalStatus>().notNull(),
  decisionReason: text('decision_reason'),
  createdAt: at('created_at').notNull().defaultNow(),
  decidedAt: at('decided_at'),
});

/** An employer's key for bulk verification: only its hash is kept; the prefix lets staff recognise it. */
export const registerApiClients = pgTable('register_api_clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorityId: uuid('authority_id')
    .notNull()
    .references(() => authorities.id),
  employer: text('employer').notNull(),
  keyPrefix: text('key_prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => accounts.id),
  createdAt: at('created_at').notNull().defaultNow(),
  revokedAt: at('revoked_at'),
});

/** One day's open-data files (CSV and JSON) of what the register published. */
export const registerExports = pgTable('register_exports', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorityId: uuid('authority_id')
    .notNull()
    .references(() => authorities.id),
  generatedOn: date('generated_on', { mode: 'string' }).notNull(),
  entries: integer('entries').notNull(),
  csv: text('csv').notNull(),
  json: text('json').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});
