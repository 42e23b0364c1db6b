import { bigint, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at } from '../platform/columns.ts';
import type { OrganizationRole, OrganizationStatus } from '../platform/actors.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';

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
