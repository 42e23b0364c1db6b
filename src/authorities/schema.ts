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
  // The portal (migration 20261201T1310_authorities): null takes Guichet's default.
  welcome: jsonb('welcome').$type<Bilingual>(),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  contactHours: jsonb('contact_hours').$type<Bilingual>(),
  privacyUrl: jsonb('privacy_url').$type<Bilingual>(),
  accessibilityUrl: jsonb('accessibility_url').$type<Bilingual>(),
  termsUrl: jsonb('terms_url').$type<Bilingual>(),
});

/** How a person's relation to an authority began: signing up in its portal, or a first act there. */
export type FirstAct = 'sign_up' | 'sign_in' | 'help_request' | 'member' | 'staff';

/** The authorities a person deals with (migration 20261201T1310_authorities): one account serves several. */
export const authorityPeople = pgTable(
  'authority_people',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authorities.id),
    // References accounts (in the migration): identity comes after this module.
    accountId: uuid('account_id').notNull(),
    since: at('since').notNull(),
    firstAct: text('first_act').$type<FirstAct>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.authorityId, t.accountId] })],
);

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
