import { bigint, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at } from '../platform/columns.ts';

export const auditEvents = pgTable('audit_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  // References authorities (in the migration): that module comes after this one.
  authorityId: uuid('authority_id'),
  occurredAt: at('occurred_at').notNull(),
  event: text('event').notNull(),
  actorId: uuid('actor_id'),
  subjectId: uuid('subject_id'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  details: jsonb('details').$type<Record<string, unknown>>(),
  // Filled by the database's chain trigger (migration 20261122T0007_audit); never written by the app.
  chainPosition: bigint('chain_position', { mode: 'number' }).notNull().default(0),
  previousHash: text('previous_hash'),
  hash: text('hash').notNull().default(''),
});
