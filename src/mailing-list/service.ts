import { createHash, createHmac, randomBytes } from 'node:crypto';
import { and, asc, count, eq, lt, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { portalOf } from '../authorities/index.ts';
import { recordEvent } from '../audit/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { StaffActor } from '../platform/actors.ts';
import type { Clock } from '../platform/clock.ts';
import { adapterFor, type Database, type Executor } from '../platform/db.ts';
import type { Origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import { type Portal, portalUrl } from '../platform/portal.ts';
import { matchesAny, secretsOf, type SessionKeys } from '../platform/secrets.ts';
import { can } from './policies.ts';
import { mailingListDeliveries, mailingListSends, mailingListSubscribers } from './schema.ts';
import { LIST_LANGUAGES, type ListLanguage, subscriberTransitions } from './states.ts';

export const SEND_QUEUE = 'mailing-list-send';
/** One job per subscriber of a send: its payload, parsed by the worker. */
export const sendJob = z.object({ sendId: z.uuid(), subscriberId: z.uuid() });

/** How long a confirmation link works: long enough for a mailbox read the next day. */
const CONFIRM_FOR_MS = 48 * 3600_000;

type Subscriber = typeof mailingListSubscribers.$inferSelect;
export interface Message {
  subjectFr: string | null;
  bodyFr: string | null;
  subjectEn: string | null;
  bodyEn: string | null;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const csvField = (value: string) => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function createMailingListService(deps: { db: Database; clock: Clock; mailer: Mailer; publicUrl: URL; keys: SessionKeys; boss: PgBoss | null }) {
  const { db, clock, mailer } = deps;
  // The current secret's first; the old one's too while SESSION_SECRET is being changed, so links mailed before still open.
  const linkKeys = secretsOf(deps.keys).map((secret) => createHmac('sha256', secret).update('mailing-list links').digest());
  const macOf = (key: Buffer, s: Pick<Subscriber, 'id' | 'linkNonce'>) => createHmac('sha256', key).update(`${s.id}:${s.linkNonce}`).digest('base64url');

  /**
   * The personal link of every message (manage, unsubscribe): the subscriber's id and an HMAC of
   * it with their nonce. Derived, not stored, so each staff message can carry it when it is sent
   * (docs/decisions/0010).
   */
  const linkToken = (s: Pick<Subscriber, 'id' | 'linkNonce'>) => `${s.id}.${macOf(linkKeys[0]!, s)}`;
  async function byLink(tx: Executor, token: string, lock = false): Promise<Subscriber | null> {
    const [id = '', mac = ''] = token.split('.');
    if (!z.uuid().safeParse(id).success) return null;
    const query = tx.select().from(mailingListSubscribers).where(eq(mailingListSubscribers.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) return null;
    return matchesAny(mac, linkKeys.map((key) => macOf(key, row))) ? row : null;
  }

  const portalFor = async (tx: Executor, authorityId: string, portal?: Portal | null) => (portal && portal.id === authorityId ? portal : portalOf(tx, authorityId));
  const urlOf = (portal: Portal | null, page: 'mailingList.confirm' | 'mailingList.manage' | 'mailingList.unsubscribe', locale: ListLanguage, token: string) =>
    portalUrl(deps.publicUrl, portal, href(page, locale), { token });

  /** Queues one of the list's messages: every one names its reader's unsubscribe link (and headers). */
  async function mailTo(tx: Executor, s: Subscriber, portal: Portal | null, m: { template: 'mailingListConfirm' | 'mailingListAlready' | 'mailingListWelcome' | 'mailingListMessage'; locale: ListLanguage; link: string; subject?: string; detail?: string }) {
    await mailer.queue(tx, {
      accountId: null,
      to: s.email,
      locale: m.locale,
      template: m.template,
      vars: {
        name: s.email,
        link: m.link,
        unsubscribe: urlOf(portal, 'mailingList.unsubscribe', m.locale, linkToken(s)),
        ...(m.subject !== undefined ? { subject: m.subject } : {}),
        ...(m.detail !== undefined ? { detail: m.detail } : {}),
      },
      at: clock.now(),
      portal,
    });
  }

  /**
   * A sign-up, run after the page has answered (the same answer whatever the address): a new or
   * pending address gets a fresh confirmation link (the last one only works); a confirmed one is
   * told it already is on the list, with its preferences link, and nothing changes.
   */
  async function signUp(portal: Portal, input: { email: string; languages: ListLanguage[]; locale: ListLanguage }): Promise<void> {
    await db.transaction(async (tx) => {
      const now = clock.now();
      // Unconfirmed addresses are kept no longer than their link works.
      await tx.delete(mailingListSubscribers).where(and(eq(mailingListSubscribers.authorityId, portal.id), eq(mailingListSubscribers.status, 'pending'), lt(mailingListSubscribers.confirmExpiresAt, now)));
      const token = randomBytes(32).toString('base64url');
      const fresh = { confirmTokenId: hashOf(token), confirmExpiresAt: new Date(now.getTime() + CONFIRM_FOR_MS), updatedAt: now };
      await tx
        .insert(mailingListSubscribers)
        .values({ authorityId: portal.id, email: input.email, languages: input.languages, locale: input.locale, status: 'pending', linkNonce: randomBytes(16).toString('base64url'), createdAt: now, ...fresh })
        .onConflictDoNothing();
      const [row] = await tx.select().from(mailingListSubscribers).where(and(eq(mailingListSubscribers.authorityId, portal.id), eq(mailingListSubscribers.email, input.email))).for('update');
      if (!row) return;
      if (row.status === 'confirmed') {
        await mailTo(tx, row, portal, { template: 'mailingListAlready', locale: input.locale, link: urlOf(portal, 'mailingList.manage', input.locale, linkToken(row)) });
        return;
      }
      const [pending] = await tx
        .update(mailingListSubscribers)
        .set({ ...fresh, languages: input.languages, locale: input.locale })
        .where(eq(mailingListSubscribers.id, row.id))
        .returning();
      if (pending) await mailTo(tx, pending, portal, { template: 'mailingListConfirm', locale: input.locale, link: urlOf(portal, 'mailingList.confirm', input.locale, token) });
    });
  }

  type ConfirmState = 'valid' | 'already' | 'expired' | 'unknown';
  const stateOf = (row: Subscriber | undefined): ConfirmState =>
    !row ? 'unknown' : row.status === 'confirmed' ? 'already' : !row.confirmExpiresAt || row.confirmExpiresAt <= clock.now() ? 'expired' : 'valid';

  /** What a confirmation link would do (its page shows it, and a button when it still works). */
  async function confirmState(token: string): Promise<ConfirmState> {
    const [row] = await db.select().from(mailingListSubscribers).where(eq(mailingListSubscribers.confirmTokenId, hashOf(token)));
    return stateOf(row);
  }

  /** The second step of the double opt-in: only now is the address on the list; the welcome says how to leave. */
  async function confirm(token: string, portal: Portal | null, origin: Origin): Promise<Exclude<ConfirmState, 'valid'> | 'confirmed'> {
    return db.transaction(async (tx) => {
      const [row] = await tx.select().from(mailingListSubscribers).where(eq(mailingListSubscribers.confirmTokenId, hashOf(token))).for('update');
      const state = stateOf(row);
      if (state !== 'valid') return state;
      if (!row) return 'unknown';
      const rule = subscriberTransitions.check(row.status, 'confirm', ['subscriber']);
      if (typeof rule === 'string') return 'unknown';
      const now = clock.now();
      const [confirmed] = await tx.update(mailingListSubscribers).set({ status: 'confirmed', confirmedAt: now, confirmExpiresAt: null, updatedAt: now }).where(eq(mailingListSubscribers.id, row.id)).returning();
      if (!confirmed) return 'unknown';
      await recordEvent(tx, { authorityId: row.authorityId, event: rule.event, actorId: null, subjectId: row.id, origin, at: now, details: { subscriberId: row.id, languages: row.languages } });
      const from = await portalFor(tx, row.authorityId, portal);
      await mailTo(tx, confirmed, from, { template: 'mailingListWelcome', locale: row.locale, link: urlOf(from, 'mailingList.manage', row.locale, linkToken(confirmed)) });
      return 'confirmed';
    });
  }

  /** A confirmed subscriber's preferences, by the link of their messages (null: no such link, or not confirmed yet). */
  async function preferences(token: string): Promise<{ languages: ListLanguage[]; authorityId: string } | null> {
    const row = await byLink(db, token);
    return row && row.status === 'confirmed' ? { languages: row.languages, authorityId: row.authorityId } : null;
  }

  async function changeLanguages(token: string, languages: ListLanguage[], origin: Origin): Promise<'saved' | 'unknown'> {
    return db.transaction(async (tx) => {
      const row = await byLink(tx, token, true);
      const rule = row ? subscriberTransitions.check(row.status, 'change_languages', ['subscriber']) : 'forbidden';
      if (!row || typeof rule === 'string') return 'unknown';
      const now = clock.now();
      await tx.update(mailingListSubscribers).set({ languages, updatedAt: now }).where(eq(mailingListSubscribers.id, row.id));
      await recordEvent(tx, { authorityId: row.authorityId, event: rule.event, actorId: null, subjectId: row.id, origin, at: now, details: { subscriberId: row.id, languages } });
      return 'saved';
    });
  }

  /** Whether an unsubscribe link is live (its page then shows the one button). */
  async function canUnsubscribe(token: string): Promise<boolean> {
    return (await byLink(db, token)) !== null;
  }

  /** Off the list: the address is deleted (pending or confirmed), the audit keeps the id only. */
  async function unsubscribe(token: string, via: 'one_click' | 'page', origin: Origin): Promise<'done' | 'unknown'> {
    return db.transaction(async (tx) => {
      const row = await byLink(tx, token, true);
      const rule = row ? subscriberTransitions.check(row.status, 'unsubscribe', ['subscriber']) : 'forbidden';
      if (!row || typeof rule === 'string') return 'unknown';
      await tx.delete(mailingListSubscribers).where(eq(mailingListSubscribers.id, row.id));
      await recordEvent(tx, { authorityId: row.authorityId, event: rule.event, actorId: null, subjectId: row.id, origin, at: clock.now(), details: { subscriberId: row.id, via, wasConfirmed: row.status === 'confirmed' } });
      return 'done';
    });
  }

  // Staff

  async function counts(staff: StaffActor) {
    if (!can(staff, 'view', { authorityId: staff.staffAuthorityId })) return null;
    const rows = await db
      .select({ status: mailingListSubscribers.status, fr: sql<boolean>`'fr' = any(${mailingListSubscribers.languages})`, en: sql<boolean>`'en' = any(${mailingListSubscribers.languages})`, n: count() })
      .from(mailingListSubscribers)
      .where(eq(mailingListSubscribers.authorityId, staff.staffAuthorityId))
      .groupBy(sql`1, 2, 3`);
    const sum = (keep: (r: (typeof rows)[number]) => boolean) => rows.filter(keep).reduce((total, r) => total + Number(r.n), 0);
    return {
      confirmed: sum((r) => r.status === 'confirmed'),
      pending: sum((r) => r.status === 'pending'),
      fr: sum((r) => r.status === 'confirmed' && r.fr),
      en: sum((r) => r.status === 'confirmed' && r.en),
    };
  }

  /** The confirmed list as CSV (email, languages, confirmed at), never the pending addresses; the export is audited. */
  async function exportCsv(staff: StaffActor, origin: Origin): Promise<string | null> {
    if (!can(staff, 'export', { authorityId: staff.staffAuthorityId })) return null;
    return db.transaction(async (tx) => {
      const rows = await tx
        .select({ email: mailingListSubscribers.email, languages: mailingListSubscribers.languages, confirmedAt: mailingListSubscribers.confirmedAt })
        .from(mailingListSubscribers)
        .where(and(eq(mailingListSubscribers.authorityId, staff.staffAuthorityId), eq(mailingListSubscribers.status, 'confirmed')))
        .orderBy(asc(mailingListSubscribers.confirmedAt), asc(mailingListSubscribers.email));
      await recordEvent(tx, { authorityId: staff.staffAuthorityId, event: 'mailing_list_exported', actorId: staff.id, subjectId: staff.staffAuthorityId, origin, at: clock.now(), details: { rows: rows.length } });
      const lines = [['email', 'languages', 'confirmed_at'], ...rows.map((r) => [r.email, LIST_LANGUAGES.filter((l) => r.languages.includes(l)).join(' '), r.confirmedAt?.toISOString() ?? ''])];
      return `${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
    });
  }

  /**
   * A message to the list: recorded and audited, then one job per confirmed subscriber who reads
   * one of its languages, queued in the same transaction (a rollback sends nothing). Without a job
   * queue (development without SMTP_URL), each subscriber's mail is queued here, held in the database.
   */
  async function send(staff: StaffActor, message: Message, origin: Origin): Promise<{ sendId: string; recipients: number } | null> {
    if (!can(staff, 'send', { authorityId: staff.staffAuthorityId })) return null;
    const languages = LIST_LANGUAGES.filter((l) => (l === 'fr' ? message.subjectFr : message.subjectEn));
    return db.transaction(async (tx) => {
      const now = clock.now();
      const readers = await tx
        .select({ id: mailingListSubscribers.id })
        .from(mailingListSubscribers)
        .where(and(eq(mailingListSubscribers.authorityId, staff.staffAuthorityId), eq(mailingListSubscribers.status, 'confirmed'), sql`${mailingListSubscribers.languages} && ${sql.param(languages)}::text[]`));
      const [row] = await tx.insert(mailingListSends).values({ authorityId: staff.staffAuthorityId, ...message, sentBy: staff.id, recipients: readers.length, createdAt: now }).returning({ id: mailingListSends.id });
      if (!row) throw new Error('no send row');
      await recordEvent(tx, { authorityId: staff.staffAuthorityId, event: 'mailing_list_sent', actorId: staff.id, subjectId: row.id, origin, at: now, details: { sendId: row.id, languages, recipients: readers.length } });
      if (deps.boss) {
        // One statement per thousand jobs, not one round trip per subscriber.
        for (let i = 0; i < readers.length; i += 1000) {
          const jobs = readers.slice(i, i + 1000).map((reader) => ({ name: SEND_QUEUE, data: { sendId: row.id, subscriberId: reader.id }, retryLimit: 10, retryDelay: 5, retryBackoff: true }));
          await deps.boss.insert(jobs, { db: adapterFor(tx) });
        }
      } else {
        for (const reader of readers) await deliverIn(tx, row.id, reader.id);
      }
      return { sendId: row.id, recipients: readers.length };
    });
  }

  /**
   * One subscriber's mail of a send, in each of their languages the message has. Idempotent: a
   * delivery row per language is claimed first, so a job run again queues nothing new. Someone who
   * unsubscribed since gets nothing.
   */
  async function deliverIn(tx: Executor, sendId: string, subscriberId: string): Promise<void> {
    const [message] = await tx.select().from(mailingListSends).where(eq(mailingListSends.id, sendId));
    const [reader] = await tx.select().from(mailingListSubscribers).where(eq(mailingListSubscribers.id, subscriberId)).for('update');
    if (!message || !reader || reader.status !== 'confirmed' || reader.authorityId !== message.authorityId) return;
    const portal = await portalOf(tx, message.authorityId);
    for (const locale of LIST_LANGUAGES) {
      const subject = locale === 'fr' ? message.subjectFr : message.subjectEn;
      const body = locale === 'fr' ? message.bodyFr : message.bodyEn;
      if (!subject || !body || !reader.languages.includes(locale)) continue;
      const [claimed] = await tx.insert(mailingListDeliveries).values({ sendId, subscriberId, language: locale, queuedAt: clock.now() }).onConflictDoNothing().returning();
      if (!claimed) continue;
      await mailTo(tx, reader, portal, { template: 'mailingListMessage', locale, subject, detail: body, link: urlOf(portal, 'mailingList.manage', locale, linkToken(reader)) });
    }
  }
  const deliver = (data: unknown) => {
    const job = sendJob.parse(data);
    return db.transaction((tx) => deliverIn(tx, job.sendId, job.subscriberId));
  };

  return { signUp, confirmState, confirm, preferences, changeLanguages, canUnsubscribe, unsubscribe, counts, exportCsv, send, deliver };
}

export type MailingListService = ReturnType<typeof createMailingListService>;
