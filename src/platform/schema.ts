import { boolean, customType, bigint, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import type { AuthorityRole, OrganizationRole, OrganizationStatus, SessionStage } from './actors.ts';
import type { Bilingual } from './i18n/index.ts';

export type TwoFactorRole = 'staff' | 'organization_member' | 'registrant';

const citext = customType<{ data: string }>({ dataType: () => 'citext' });
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const authorities = pgTable('authorities', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: jsonb('name').$type<Bilingual>().notNull(),
  lockoutThreshold: integer('lockout_threshold').notNull().default(5),
  /** Roles that must use a second factor (staff, organization_member, registrant); always staff (migration 0010). */
  twoFactorRoles: text('two_factor_roles').array().$type<TwoFactorRole[]>().notNull().default(['staff', 'organization_member']),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorityId: uuid('authority_id')
    .notNull()
    .references(() => authorities.id),
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
  /** "Not now" to the reminder to set up two-step verification (migration 0010). */
  secondFactorNudgeDismissedAt: at('second_factor_nudge_dismissed_at'),
  phone: text('phone'),
  addressLine1: text('address_line1'),
  addressLine2: text('address_line2'),
  city: text('city'),
  province: text('province'),
  postalCode: text('postal_code'),
  lastSignInAt: at('last_sign_in_at'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const authorityRoles = pgTable(
  'authority_roles',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role').$type<AuthorityRole>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.authorityId, t.accountId, t.role] })],
);

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
  /** What the session acts for (migration 0008): one organization, or an authority as its staff. */
  currentOrganizationId: uuid('current_organization_id'),
  currentAuthorityId: uuid('current_authority_id'),
});

/** Wrong passwords given for emails without an account (migration 0009), by keyed digest of the email. */
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

export const auditEvents = pgTable('audit_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  authorityId: uuid('authority_id').references(() => authorities.id),
  occurredAt: at('occurred_at').notNull(),
  event: text('event').notNull(),
  actorId: uuid('actor_id'),
  subjectId: uuid('subject_id'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  details: jsonb('details').$type<Record<string, unknown>>(),
  // Filled by the database's chain trigger (migration 0007); never written by the app.
  chainPosition: bigint('chain_position', { mode: 'number' }).notNull().default(0),
  previousHash: text('previous_hash'),
  hash: text('hash').notNull().default(''),
});

export const mailMessages = pgTable('mail_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id'),
  toAddress: text('to_address').notNull(),
  language: text('language').$type<'fr' | 'en'>().notNull(),
  template: text('template').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body').notNull(),
  status: text('status').$type<'held' | 'queued' | 'sent'>().notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: at('created_at').notNull(),
  sentAt: at('sent_at'),
});

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

export const securityKeys = pgTable('security_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  credentialId: text('credential_id').notNull().unique(),
  publicKey: text('public_key').notNull(),
  counter: bigint('counter', { mode: 'number' }).notNull().default(0),
  transports: text('transports').array().notNull().default([]),
  name: text('name').notNull(),
  createdAt: at('created_at').notNull(),
  lastUsedAt: at('last_used_at'),
});

export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'register' | 'authenticate'>().notNull(),
    challenge: text('challenge').notNull(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.purpose] })],
);

// External identity providers (OpenID Connect): migration 0005.
export type FederationStage = 'authorizing' | 'exchanging' | 'identified' | 'email_sent' | 'second_factor';

export const identityProviders = pgTable('identity_providers', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorityId: uuid('authority_id')
    .notNull()
    .references(() => authorities.id),
  slug: text('slug').notNull().unique(),
  name: jsonb('name').$type<Bilingual>().notNull(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  sealedClientSecret: text('sealed_client_secret').notNull(),
  scopes: text('scopes').notNull().default('openid email profile'),
  trustedForSecondFactor: boolean('trusted_for_second_factor').notNull().default(false),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** Unique (provider_id, subject) and (account_id, provider_id): see migrations/0005_identity_providers.sql. */
export const linkedIdentities = pgTable('linked_identities', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  providerId: uuid('provider_id')
    .notNull()
    .references(() => identityProviders.id),
  subject: text('subject').notNull(),
  email: text('email'),
  linkedAt: at('linked_at').notNull(),
  lastUsedAt: at('last_used_at'),
});

export const federationFlows = pgTable('federation_flows', {
  id: text('id').primaryKey(),
  providerId: uuid('provider_id')
    .notNull()
    .references(() => identityProviders.id, { onDelete: 'cascade' }),
  purpose: text('purpose').$type<'sign_in' | 'link' | 'confirm'>().notNull(),
  accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
  returnTo: text('return_to'),
  locale: text('locale').$type<'fr' | 'en'>().notNull(),
  stage: text('stage').$type<FederationStage>().notNull(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  subject: text('subject'),
  email: text('email'),
  emailVerified: boolean('email_verified').notNull().default(false),
  givenName: text('given_name'),
  familyName: text('family_name'),
  claimedLocale: text('claimed_locale').$type<'fr' | 'en'>(),
  pendingEmail: text('pending_email'),
  emailTokenId: text('email_token_id'),
  provingAccountId: uuid('proving_account_id').references(() => accounts.id, { onDelete: 'cascade' }),
  createdAt: at('created_at').notNull(),
  expiresAt: at('expires_at').notNull(),
});

export const organizationKinds = pgTable('organization_kinds', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorityId: uuid('authority_id')
    .notNull()
    .references(() => authorities.id),
  slug: text('slug').notNull(),
  name: jsonb('name').$type<Bilingual>().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorityId: uuid('authority_id')
    .notNull()
    .references(() => authorities.id),
  kindId: uuid('kind_id')
    .notNull()
    .references(() => organizationKinds.id),
  name: jsonb('name').$type<Bilingual>().notNull(),
  addressLine1: text('address_line1').notNull(),
  addressLine2: text('address_line2'),
  city: text('city').notNull(),
  province: text('province').notNull(),
  postalCode: text('postal_code').notNull(),
  status: text('status').$type<OrganizationStatus>().notNull().default('requested'),
  statusReason: text('status_reason'),
  requestedBy: uuid('requested_by').references(() => accounts.id),
  decidedBy: uuid('decided_by').references(() => accounts.id),
  decidedAt: at('decided_at'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const organizationMembers = pgTable(
  'organization_members',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role').$type<OrganizationRole>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.accountId] })],
);

export const securityCodes = pgTable('security_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id),
  role: text('role').$type<OrganizationRole>().notNull(),
  codeHash: text('code_hash').notNull(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => accounts.id),
  createdAt: at('created_at').notNull(),
  expiresAt: at('expires_at').notNull(),
  revokedAt: at('revoked_at'),
  revokedBy: uuid('revoked_by').references(() => accounts.id),
  usedAt: at('used_at'),
  usedBy: uuid('used_by').references(() => accounts.id),
});

export const securityCodeFailures = pgTable('security_code_failures', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  ip: text('ip'),
  failedAt: at('failed_at').notNull(),
});
