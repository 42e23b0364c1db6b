import { eq } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type PgBoss from 'pg-boss';
import { type Database, type Executor, adapterFor } from '../platform/db.ts';
import type { Locale } from '../platform/i18n/index.ts';
import type { Portal } from '../platform/portal.ts';
import { type MailTemplate, type MailVars, renderMail } from './templates.ts';
import { type MailAttachment, mailMessages } from './schema.ts';

export const MAIL_QUEUE = 'mail';

export interface Mailer {
  /** Queues a message inside the caller's transaction: it is sent only if the change commits. */
  queue(
    tx: Executor,
    message: {
      accountId: string | null;
      to: string;
      locale: Locale;
      template: MailTemplate;
      vars: MailVars;
      at: Date;
      /** The portal it is sent from: named as sender and in the signature (none: Guichet's). */
      portal?: Portal | null;
      /** Files sent with it (a deadline as an iCalendar event). */
      attachments?: readonly MailAttachment[];
    },
  ): Promise<void>;
}

/**
 * Without a transport (development without SMTP_URL) mail is kept in the database, status `held`,
 * and listed on the development mail page.
 */
export function createMailer(boss: PgBoss | null): Mailer {
  return {
    async queue(tx, message) {
      const rendered = renderMail(message.template, message.locale, message.vars, message.portal);
      const [row] = await tx
        .insert(mailMessages)
        .values({
          accountId: message.accountId,
          toAddress: message.to,
          language: message.locale,
          template: message.template,
          subject: rendered.subject,
          textBody: rendered.text,
          htmlBody: rendered.html,
          fromName: rendered.fromName,
          // RFC 8058: a mail client offers "Unsubscribe" and posts `List-Unsubscribe=One-Click` to it.
          headers: message.vars.unsubscribe ? { 'List-Unsubscribe': `<${message.vars.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : null,
          attachments: message.attachments?.length ? [...message.attachments] : null,
          status: boss ? 'queued' : 'held',
          createdAt: message.at,
        })
        .returning({ id: mailMessages.id });
      if (boss && row) {
        await boss.send(MAIL_QUEUE, { mailId: row.id }, { db: adapterFor(tx), retryLimit: 10, retryDelay: 5, retryBackoff: true });
      }
    },
  };
}

/**
 * Sends one queued message. A message already marked sent is skipped, so a retried job never
 * sends twice; the Message-ID is stable so a receiver can drop a duplicate after a crash.
 */
export async function deliver(db: Database, transport: Transporter, fromAddress: string, mailId: string): Promise<void> {
  const [mail] = await db.select().from(mailMessages).where(eq(mailMessages.id, mailId));
  if (!mail || mail.status === 'sent') return;
  try {
    await transport.sendMail({
      from: { name: mail.fromName ?? 'Guichet', address: fromAddress },
      to: mail.toAddress,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
      messageId: `<${mail.id}@guichet>`,
      ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) } : {}),
      headers: { 'Content-Language': mail.language === 'fr' ? 'fr-CA' : 'en-CA', ...mail.headers },
    });
  } catch (error) {
    await db
      .update(mailMessages)
      .set({ attempts: mail.attempts + 1, lastError: String((error as Error).message).slice(0, 500) })
      .where(eq(mailMessages.id, mailId));
    throw error;
  }
  await db
    .update(mailMessages)
    .set({ status: 'sent', sentAt: new Date(), attempts: mail.attempts + 1, lastError: null })
    .where(eq(mailMessages.id, mailId));
}
