import { integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at } from '../platform/columns.ts';
import type { AuthorityRole } from '../platform/actors.ts';
import type { Bilingual } from '../platform/i18n/index.ts';

/** Who an authority requires to use two-step verification. */
export type TwoFactorRole = 'staff' | 'organization_member' | 'registrant';

export const authorities = pgTable('authorities', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: jsonb('name').$type<Bilingual>().notNull(),
  lockoutThreshold: integer('lockout_threshold').notNull().default(5),
  /** Roles that must use a second factor (staff, organization_member, registrant); always staff (migration 20261201T1000_two-factor). */
  twoFactorRoles: text('two_factor_roles').array().$type<TwoFactorRole[]>().notNull().default(['staff', 'organization_member']),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const authorityRoles = pgTable(
  'authority_roles',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    // References accounts (in the migration): identity comes after this module.
    accountId: uuid('account_id').notNull(),
    role: text('role').$type<AuthorityRole>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.authorityId, t.accountId, t.role] })],
);
