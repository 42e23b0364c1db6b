import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authorities } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import { organizations } from '../organizations/index.ts';
import type { LocalDate } from '../platform/calendar.ts';
import { at } from '../platform/columns.ts';

/**
 * `requested`: waiting for the agency's manager; `active`: linked since `started_on`; `refused` by
 * the manager; `withdrawn` by the person before a decision; `ended` by either, on `ended_on`.
 */
export type LinkStatus = 'requested' | 'active' | 'refused' | 'withdrawn' | 'ended';
/** How the link was made: the manager confirmed a request, or the person redeemed the agency's security code. */
export type LinkVia = 'manager' | 'security_code';

/**
 * A representative's link to a collection agency (an organization of the authority). A row is
 * never deleted: ended and refused links stay as the history the exam rule reads ("linked at
 * expiry"). At most one requested-or-active link per person and authority: the partial unique
 * index says so to the database too.
 */
export const agencyLinks = pgTable(
  'agency_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id').notNull().references(() => authorities.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id),
    status: text('status').$type<LinkStatus>().notNull(),
    via: text('via').$type<LinkVia>().notNull(),
    requestedAt: at('requested_at').notNull(),
    decidedAt: at('decided_at'),
    decidedBy: uuid('decided_by').references(() => accounts.id),
    startedOn: date('started_on', { mode: 'string' }).$type<LocalDate>(),
    endedOn: date('ended_on', { mode: 'string' }).$type<LocalDate>(),
    endedBy: uuid('ended_by').references(() => accounts.id),
    endReason: text('end_reason'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agency_links_one_open').on(t.accountId, t.authorityId).where(sql`status in ('requested', 'active')`),
    index('agency_links_organization').on(t.organizationId, t.status),
  ],
);
