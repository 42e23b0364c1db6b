import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, citext } from '../platform/columns.ts';
import type { ListLanguage, SubscriberStatus } from './states.ts';

/**
 * One address on an authority's list. Kept only while it is wanted: pending until its owner
 * confirms (double opt-in), deleted when they unsubscribe (the audit row keeps the id, never the
 * address). Only the SHA-256 of the confirmation token is stored, with its expiry.
 */
export const mailingListSubscribers = pgTable(
  'mailing_list_subscribers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorityId: uuid('authority_id').notNull(),
    email: citext('email').notNull(),
    languages: text('languages').array().$type<ListLanguage[]>().notNull(),
    status: text('status').$type<SubscriberStatus>().notNull(),
    /** The language of the page they signed up on: the confirmation's and the welcome's. */
    locale: text('locale').$type<ListLanguage>().notNull(),
    confirmTokenId: text('confirm_token_id'),
    confirmExpiresAt: at('confirm_expires_at'),
    /** Part of the personal link in every message (an HMAC of id and nonce): a new one voids the old links. */
    linkNonce: text('link_nonce').notNull(),
    confirmedAt: at('confirmed_at'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('mailing_list_subscribers_email').on(t.authorityId, t.email),
    uniqueIndex('mailing_list_subscribers_confirm_token').on(t.confirmTokenId).where(sql`confirm_token_id is not null`),
    index('mailing_list_subscribers_status').on(t.authorityId, t.status),
  ],
);

/** A message staff sent to the list, in French, English or both (a language left empty is not sent). */
export const mailingListSends = pgTable('mailing_list_sends', {
  id: uuid('id').primaryKey().defaultRandom(),
  authorityId: uuid('authority_id').notNull(),
  subjectFr: text('subject_fr'),
  bodyFr: text('body_fr'),
  subjectEn: text('subject_en'),
  bodyEn: text('body_en'),
  sentBy: uuid('sent_by').notNull(),
  recipients: integer('recipients').notNull(),
  createdAt: at('created_at').notNull(),
});

/** Which subscriber got which language of a send: the job's idempotency (a retried job mails nobody twice). */
export const mailingListDeliveries = pgTable(
  'mailing_list_deliveries',
  {
    sendId: uuid('send_id').notNull(),
    subscriberId: uuid('subscriber_id').notNull(),
    language: text('language').$type<ListLanguage>().notNull(),
    queuedAt: at('queued_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sendId, t.subscriberId, t.language] })],
);
