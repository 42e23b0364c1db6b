import { bigint, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at } from '../platform/columns.ts';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';

export const authenticatorApps = pgTable('authenticator_apps', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  sealedKey: text('sealed_key'),
  confirmedAt: at('confirmed_at'),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  pendingSealedKey: text('pending_sealed_key'),
  pendingSince: at('pending_since'),
});

export const recoveryCodes = pgTable('recovery_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  codeHash: text('code_hash').notNull(),
  createdAt: at('created_at').notNull(),
  usedAt: at('used_at'),
});

export const factorRecoveryRequests = pgTable('factor_recovery_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorityId: uuid('authority_id')
    .notNull()
    .references(() => authorities.id),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  requestedAt: at('requested_at').notNull(),
  message: text('message'),
  status: text('status').$type<'pending' | 'completed' | 'declined'>().notNull().default('pending'),
  handledBy: uuid('handled_by').references(() => accounts.id),
  handledAt: at('handled_at'),
  verificationMethod: text('verification_method'),
  verificationNote: text('verification_note'),
});

/** "Not now" to the reminder to set up two-step verification (migration 20261201T1000_two-factor): it stays away a while. */
export const secondFactorReminders = pgTable('second_factor_reminders', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  dismissedAt: at('dismissed_at').notNull(),
});
