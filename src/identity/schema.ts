import { boolean, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, citext } from '../platform/columns.ts';
import type { SessionStage } from '../platform/actors.ts';

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  // References authorities (in the migration): that module comes after this one.
  authorityId: uuid('authority_id').notNull(),
  email: citext('email').notNull().unique(),
  givenName: text('given_name').notNull(),
  familyName: text('family_name').notNull(),
  preferredLanguage: text('preferred_language').$type<'fr' | 'en'>().notNull(),
  /** Null for an account made through an identity provider, until a password is chosen. */
  passwordHash: text('password_hash'),
  emailVerifiedAt: at('email_verified_at'),
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedAt: at('locked_at'),
  failedSecondFactors: integer('failed_second_factors').notNull().default(0),
  secondFactorLockedAt: at('second_factor_locked_at'),
  mustEnrolSecondFactor: boolean('must_enrol_second_factor').notNull().default(false),
  /** The password was chosen by someone else (demo data, create-staff): replaced at first sign-in. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  phone: text('phone'),
  addressLine1: text('address_line1'),
  addressLine2: text('address_line2'),
  city: text('city'),
  province: text('province'),
  postalCode: text('postal_code'),
  lastSignInAt: at('last_sign_in_at'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  createdAt: at('created_at').notNull(),
  lastSeenAt: at('last_seen_at').notNull(),
  expiresAt: at('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  stage: text('stage').$type<SessionStage>().notNull().default('complete'),
  authenticatedAt: at('authenticated_at'),
  secondFactorAt: at('second_factor_at'),
  /** What the session acts for (migration 20261122T0008_organizations): one organization, or an authority as its staff. */
  currentOrganizationId: uuid('current_organization_id'),
  currentAuthorityId: uuid('current_authority_id'),
});

/** Wrong passwords given for emails without an account (migration 20261201T0900_identity), by keyed digest of the email. */
export const unknownSignInFailures = pgTable('unknown_sign_in_failures', {
  emailDigest: text('email_digest').primaryKey(),
  failures: integer('failures').notNull(),
  lastFailedAt: at('last_failed_at').notNull(),
});

export const accountTokens = pgTable('account_tokens', {
  id: text('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  purpose: text('purpose').$type<'verify_email' | 'reset_password'>().notNull(),
  createdAt: at('created_at').notNull(),
  expiresAt: at('expires_at').notNull(),
  usedAt: at('used_at'),
});

/**
 * What a page shows once (a new security code, recovery codes), between the POST that made it and
 * the GET it redirects to (migration 20261201T1330_identity): bound to the session, taken by that
 * first GET, so a refresh shows it no more and never makes another.
 */
export const shownOnce = pgTable(
  'shown_once',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.kind] })],
);
