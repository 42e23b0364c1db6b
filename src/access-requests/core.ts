import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { mailEachFromPortal, mailFromPortal, type Recipient } from '../authorities/index.ts';
import { recordEvent } from '../audit/index.ts';
import { staffRecipients } from '../identity/index.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import { memberRecipients, organizationKinds, organizations } from '../organizations/index.ts';
import { type LocalDate, localDateAt } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Executor } from '../platform/db.ts';
import type { Bilingual, Locale } from '../platform/i18n/index.ts';
import type { Origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import { createKeyedDigest, matchesAny, type SessionKeys } from '../platform/secrets.ts';
import { type RequestClock, requestClock } from './clock.ts';
import { accessCounters, accessExtensions, accessRequests, accessSettings, accessStops } from './schema.ts';
import type { Act, Channel, FeeStatus, RequesterCategory } from './states.ts';

/** The kind of organization a government institution is, among the ATIP office's organizations. */
export const INSTITUTION_KIND = 'institution';

/** The documents of a request (identity proof, records gathered, redacted versions, letters) are filed under this subject kind; only the holding institution's practitioners read them through the documents page. */
export const REQUEST_DOCUMENTS = 'access_request';

/** The subject kind of the $5 invoice (billing calls back when it is paid). */
export const REQUEST_INVOICE = 'access_request';

export type AccessRequest = typeof accessRequests.$inferSelect;
export type Settings = typeof accessSettings.$inferSelect;

/** What a request says when it comes in, whatever the channel (the public service, the API, a practitioner). */
export interface NewRequest {
  authorityId: string;
  organizationId: string;
  act: Act;
  channel: Channel;
  requesterAccountId: string | null;
  requesterName: string;
  requesterEmail: string | null;
  requesterPhone?: string | null;
  requesterAddress?: string | null;
  requesterLocale: Locale;
  requesterCategory: RequesterCategory;
  description: string;
  periodFrom?: LocalDate | null;
  periodTo?: LocalDate | null;
  format?: 'electronic' | 'paper';
  /**
   * The fee: `due` (the clock waits for the payment), `paid` (a cheque a practitioner recorded,
   * or a client system that collected it), `waived`; a Privacy Act request is always `none`.
   */
  fee: Exclude<FeeStatus, 'refunded'>;
  feeNote?: string | null;
  /** The practitioner who entered it (paper, mail, email). */
  enteredBy?: string | null;
  apiClientId?: string | null;
  idempotencyKey?: string | null;
  /** The day it was received, when earlier than today (a letter stamped on arrival); defaults to today. */
  receivedOn?: LocalDate;
  origin: Origin;
  at: Date;
}

/** Only the hash of a tracking link's secret is kept: the database alone opens no request. */
export const trackingTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * What every part of access requests shares: whether the module is on, the institutions, the
 * request's legal clock (computed from its stops and extensions, and its due day kept on the row
 * for the lists), receiving a request (one function for every channel), and who is written to.
 */
export function createAccessCore(deps: { db: Database; clock: Clock; mailer: Mailer; publicUrl: URL; keys: SessionKeys }) {
  const { db } = deps;
  // The tracking link's secret is derived from the request's id with the portal's secret, so that
  // every mail can carry the link again; only its hash is stored.
  const tokenOf = createKeyedDigest(deps.keys, 'access-tracking');

  /**
   * The requester's way back to their request: the tracking page, with the link's secret for a
   * requester without an account (one with an account signs in). For mail and the confirmation page.
   */
  function trackingLink(request: Pick<AccessRequest, 'id' | 'requesterAccountId'>, locale: Locale): { path: string; query?: Record<string, string> } {
    const path = href('access.public.request', locale, { requestId: request.id });
    return request.requesterAccountId ? { path } : { path, query: { t: tokenOf(request.id) } };
  }

  async function settings(authorityId: string, executor: Executor = db): Promise<Settings | null> {
    const [row] = await executor.select().from(accessSettings).where(eq(accessSettings.authorityId, authorityId));
    return row ?? null;
  }

  /** Is this organization an approved institution of the authority, with access requests on there? One query for the guard of every workspace page. */
  async function isInstitution(organizationId: string, authorityId: string, executor: Executor = db): Promise<boolean> {
    const [row] = await executor
      .select({ id: organizations.id })
      .from(organizations)
      .innerJoin(organizationKinds, eq(organizationKinds.id, organizations.kindId))
      .innerJoin(accessSettings, eq(accessSettings.authorityId, organizations.authorityId))
      .where(and(eq(organizations.id, organizationId), eq(organizations.authorityId, authorityId), eq(organizationKinds.slug, INSTITUTION_KIND), eq(organizations.status, 'approved')));
    return row !== undefined;
  }

  /** The approved institutions of the authority, by name (the public form's choice, transfers, consultations). */
  function institutions(authorityId: string, executor: Executor = db): Promise<{ id: string; name: Bilingual }[]> {
    return executor
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .innerJoin(organizationKinds, eq(organizationKinds.id, organizations.kindId))
      .where(and(eq(organizations.authorityId, authorityId), eq(organizationKinds.slug, INSTITUTION_KIND), eq(organizations.status, 'approved')))
      .orderBy(sql`${organizations.name}->>'fr'`);
  }

  /**
   * Mails the requester about their request, in their language, in the caller's transaction,
   * linking to the tracking page (trackingLink). A request with no email (a paper request by
   * post) gets no mail: the letter goes by post. Returns whether a mail was queued.
   */
  async function mailRequester(tx: Executor, request: AccessRequest, message: { template: MailTemplate; detail: string; at: Date }): Promise<boolean> {
    if (!request.requesterEmail) return false;
    const link = trackingLink(request, request.requesterLocale);
    await mailFromPortal(tx, deps.mailer, deps.publicUrl, { authorityId: request.authorityId }, {
      accountId: request.requesterAccountId,
      to: request.requesterEmail,
      locale: request.requesterLocale,
      template: message.template,
      name: request.requesterName,
      path: link.path,
      ...(link.query ? { query: link.query } : {}),
      detail: message.detail,
      at: message.at,
    });
    return true;
  }

  /** The next number of the authority's year: A-2026-000001 (access) or P-2026-000002 (privacy), one series for both. */
  async function nextNumber(tx: Executor, authorityId: string, act: Act, year: number): Promise<string> {
    const [row] = await tx
      .insert(accessCounters)
      .values({ authorityId, year, last: 1 })
      .onConflictDoUpdate({ target: [accessCounters.authorityId, accessCounters.year], set: { last: sql`${accessCounters.last} + 1` } })
      .returning({ last: accessCounters.last });
    if (!row) throw new Error('access: no number given');
    return `${act === 'access' ? 'A' : 'P'}-${year}-${String(row.last).padStart(6, '0')}`;
  }

  /** The clock of a request as it stands (its stops and extensions read in the executor: a transaction sees its own writes). */
  async function clockOf(request: AccessRequest, executor: Executor = db, on: LocalDate = localDateAt(deps.clock.now())): Promise<RequestClock> {
    const [stops, extensions] = await Promise.all([
      executor.select({ startedOn: accessStops.startedOn, endedOn: accessStops.endedOn }).from(accessStops).where(eq(accessStops.requestId, request.id)).orderBy(asc(accessStops.startedOn)),
      executor.select({ reason: accessExtensions.reason, days: accessExtensions.days, takenOn: accessExtensions.takenOn }).from(accessExtensions).where(eq(accessExtensions.requestId, request.id)).orderBy(asc(accessExtensions.takenAt)),
    ]);
    return requestClock(
      {
        act: request.act,
        receivedOn: request.receivedOn as LocalDate | null,
        stops: stops.map((s) => ({ startedOn: s.startedOn as LocalDate, endedOn: s.endedOn as LocalDate | null })),
        extensions: extensions.map((e) => ({ reason: e.reason, days: e.days, takenOn: e.takenOn as LocalDate })),
        closedOn: request.closedOn as LocalDate | null,
      },
      on,
    );
  }

  /**
   * Writes the due day the clock now gives, after any change to its start, stops or extensions
   * (in that change's transaction). While stopped the row keeps the due day it had: the lists
   * show the request apart, as not late.
   */
  async function refreshDue(tx: Executor, request: AccessRequest, at: Date): Promise<RequestClock> {
    const clock = await clockOf(request, tx, localDateAt(at));
    if (clock.state !== 'stopped') await tx.update(accessRequests).set({ dueOn: clock.due?.due ?? null, updatedAt: at }).where(eq(accessRequests.id, request.id));
    return clock;
  }

  /**
   * Receives one request, in the caller's transaction (the invoice, the identity proof and the
   * mail go with it): its number, its tracking token (returned once), its fee and its clock, and
   * its audit row. An access request whose fee is due waits (`awaiting_fee`); any other starts
   * its clock on the day received.
   */
  async function receive(tx: Executor, input: NewRequest): Promise<{ request: AccessRequest; token: string }> {
    const id = randomUUID();
    const token = tokenOf(id);
    const fee: FeeStatus = input.act === 'privacy' ? 'none' : input.fee;
    const day = input.receivedOn ?? localDateAt(input.at);
    const waiting = fee === 'due';
    const number = await nextNumber(tx, input.authorityId, input.act, Number(localDateAt(input.at).slice(0, 4)));
    const [request] = await tx
      .insert(accessRequests)
      .values({
        id,
        authorityId: input.authorityId,
        organizationId: input.organizationId,
        number,
        act: input.act,
        status: waiting ? 'awaiting_fee' : 'in_progress',
        channel: input.channel,
        requesterAccountId: input.requesterAccountId,
        requesterName: input.requesterName,
        requesterEmail: input.requesterEmail,
        requesterPhone: input.requesterPhone ?? null,
        requesterAddress: input.requesterAddress ?? null,
        requesterLocale: input.requesterLocale,
        requesterCategory: input.requesterCategory,
        description: input.description,
        periodFrom: input.periodFrom ?? null,
        periodTo: input.periodTo ?? null,
        format: input.format ?? 'electronic',
        trackingTokenHash: trackingTokenHash(token),
        submittedAt: input.at,
        receivedOn: waiting ? null : day,
        feeStatus: fee,
        feeNote: input.feeNote ?? null,
        enteredBy: input.enteredBy ?? null,
        apiClientId: input.apiClientId ?? null,
        idempotencyKey: input.idempotencyKey ?? null,
        createdAt: input.at,
        updatedAt: input.at,
      })
      .returning();
    if (!request) throw new Error('access: request not created');
    const clock = await refreshDue(tx, request, input.at);
    await recordEvent(tx, {
      authorityId: input.authorityId,
      event: 'access_request_submitted',
      actorId: input.requesterAccountId ?? input.enteredBy ?? null,
      subjectId: request.id,
      origin: input.origin,
      at: input.at,
      details: { requestId: request.id, number, act: input.act, channel: input.channel, organizationId: input.organizationId },
    });
    return { request: { ...request, dueOn: clock.due?.due ?? null }, token };
  }

  /**
   * Starts the clock of a request that awaited its fee (paid online, waived, or recorded as paid),
   * in the caller's transaction, on a row it has locked: the day is the day the fee was settled.
   */
  async function startClock(tx: Executor, request: AccessRequest, fee: 'paid' | 'waived', at: Date, feeNote: string | null = null): Promise<AccessRequest> {
    const [row] = await tx
      .update(accessRequests)
      .set({ status: 'in_progress', feeStatus: fee, receivedOn: localDateAt(at), feeNote: feeNote ?? request.feeNote, updatedAt: at })
      .where(eq(accessRequests.id, request.id))
      .returning();
    if (!row) throw new Error('access: request vanished');
    await refreshDue(tx, row, at);
    return row;
  }

  return {
    settings,
    /** The module is on for this authority (the ATIP office): its pages answer 404 elsewhere. */
    isOn: async (authorityId: string) => (await settings(authorityId)) !== null,
    isInstitution,
    institutions,
    practitioners: memberRecipients,
    officeStaff: staffRecipients,
    mailEach: (tx: Executor, authorityId: string, recipients: Recipient[], message: Parameters<typeof mailEachFromPortal>[5]) => mailEachFromPortal(tx, deps.mailer, deps.publicUrl, authorityId, recipients, message),
    mailRequester,
    receive,
    startClock,
    trackingLink,
    clockOf,
    refreshDue,

    /** A request of the authority, for a page that has checked who may see it. */
    async requestOf(authorityId: string, requestId: string, executor: Executor = db): Promise<AccessRequest | null> {
      const [row] = await executor.select().from(accessRequests).where(and(eq(accessRequests.id, requestId), eq(accessRequests.authorityId, authorityId)));
      return row ?? null;
    },

    /** Locks a request for a state change (`select … for update`). */
    async lockRequest(tx: Executor, requestId: string): Promise<AccessRequest | null> {
      const [row] = await tx.select().from(accessRequests).where(eq(accessRequests.id, requestId)).for('update');
      return row ?? null;
    },

    /**
     * The request a tracking link opens: its id and the token it carries (no such request: null).
     * The token is the request's keyed digest: a link mailed under an earlier SESSION_SECRET matches
     * the hash kept when the request was received, one mailed since the secret changed the digest
     * under the current secret.
     */
    async requestByToken(requestId: string, token: string): Promise<AccessRequest | null> {
      const [row] = await db.select().from(accessRequests).where(eq(accessRequests.id, requestId));
      if (!row) return null;
      return matchesAny(trackingTokenHash(token), [row.trackingTokenHash, ...tokenOf.candidates(requestId).map(trackingTokenHash)]) ? row : null;
    },

    /** A request its maker opens signed in (someone else's: null). */
    async requestOfRequester(requestId: string, accountId: string): Promise<AccessRequest | null> {
      const [row] = await db.select().from(accessRequests).where(and(eq(accessRequests.id, requestId), eq(accessRequests.requesterAccountId, accountId)));
      return row ?? null;
    },

    /** The clarification a stopped request waits on (null: none open). */
    async openStop(executor: Executor, requestId: string) {
      const [row] = await executor.select().from(accessStops).where(and(eq(accessStops.requestId, requestId), isNull(accessStops.endedOn)));
      return row ?? null;
    },
  };
}

export type AccessCore = ReturnType<typeof createAccessCore>;
