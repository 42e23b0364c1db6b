import { boolean, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at } from '../platform/columns.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';

// External identity providers (OpenID Connect): migration 20261122T0005_federation.
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

/** Unique (provider_id, subject) and (account_id, provider_id): see migrations/20261122T0005_federation.sql. */
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
