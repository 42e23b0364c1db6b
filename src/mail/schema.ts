import { integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at } from '../platform/columns.ts';

/** A small text file sent with a message (an .ics event): its name, its type and its content. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export const mailMessages = pgTable('mail_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  accountId: uuid('account_id'),
  toAddress: text('to_address').notNull(),
  language: text('language').$type<'fr' | 'en'>().notNull(),
  template: text('template').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  htmlBody: text('html_body').notNull(),
  /** The sender's display name: the authority whose portal it came from (migration 20261201T1311_mail). */
  fromName: text('from_name'),
  /** Headers of its own (a list's unsubscribe headers), beside those every message has (migration 20261202T0410_mail). */
  headers: jsonb('headers').$type<Record<string, string>>(),
  /** Files it carries, as text (a renewal reminder's iCalendar deadline; migration 20261202T1310_mail). */
  attachments: jsonb('attachments').$type<MailAttachment[]>(),
  status: text('status').$type<'held' | 'queued' | 'sent'>().notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: at('created_at').notNull(),
  sentAt: at('sent_at'),
});
