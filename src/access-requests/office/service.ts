import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import { accounts } from '../../identity/index.ts';
import { organizations } from '../../organizations/index.ts';
import type { StaffActor } from '../../platform/actors.ts';
import { type LocalDate, localDateAt } from '../../platform/calendar.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { type Bilingual, type Locale, translator } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import { apiClientKeys } from '../../platform/api-clients.ts';
import { requestClock } from '../clock.ts';
import type { AccessCore, AccessRequest } from '../core.ts';
import { topicLabels } from '../labels.ts';
import { accessApiClients, accessRequests, accessSettings, accessSupportMessages, accessSupportRequests } from '../schema.ts';
import type { SupportTopic } from '../states.ts';
import * as q from './queries.ts';
import type { ApiRequest } from './schemas.ts';

export const apiScopes = ['requests:write', 'requests:read'] as const;
export type ApiScope = (typeof apiScopes)[number];

/** A practitioner on an office page of their institution. */
export interface Practitioner {
  accountId: string;
  organizationId: string;
  authorityId: string;
}

export type SupportStatus = 'open' | 'answered' | 'closed';

/** What the API answers about a request it received: what was fixed when it came in, so a replay gets the same answer. */
export interface ApiAnswer {
  number: string;
  status: 'awaiting_fee' | 'in_progress';
  dueOn: string | null;
  trackingUrl: string;
}

/** The fingerprint of an API body: its parsed value with the keys sorted, hashed. */
export function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

/**
 * The office part's use cases: an institution's statistics and summaries (exports audited), the
 * practitioners' support requests to the ATIP office and the office's answers (each change one
 * transaction with its audit row and its mail), the API clients' keys and the requests they send.
 */
export function createOfficeService(deps: { db: Database; clock: Clock; core: AccessCore; publicUrl: URL }) {
  const { db, clock, core } = deps;
  const today = (): LocalDate => localDateAt(clock.now());

  async function accountRecipient(tx: Executor, accountId: string) {
    return tx.select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, locale: accounts.preferredLanguage }).from(accounts).where(eq(accounts.id, accountId));
  }

  const supportDetail = (locale: Locale, s: { topic: SupportTopic; subject: string }, organization: Bilingual) => translator(locale)('access.office.mail.detail', { topic: translator(locale)(topicLabels[s.topic]), subject: s.subject, institution: organization[locale] });

  async function supportRow(executor: Executor, id: string) {
    const [row] = await executor
      .select({ support: accessSupportRequests, organization: organizations.name, number: accessRequests.number, feeStatus: accessRequests.feeStatus, invoiceId: accessRequests.invoiceId, requestStatus: accessRequests.status, author: { givenName: accounts.givenName, familyName: accounts.familyName, email: accounts.email } })
      .from(accessSupportRequests)
      .innerJoin(organizations, eq(organizations.id, accessSupportRequests.organizationId))
      .innerJoin(accounts, eq(accounts.id, accessSupportRequests.accountId))
      .leftJoin(accessRequests, eq(accessRequests.id, accessSupportRequests.requestId))
      .where(eq(accessSupportRequests.id, id));
    return row ?? null;
  }

  function thread(supportRequestId: string) {
    return db
      .select({ id: accessSupportMessages.id, body: accessSupportMessages.body, fromOffice: accessSupportMessages.fromOffice, createdAt: accessSupportMessages.createdAt, givenName: accounts.givenName, familyName: accounts.familyName })
      .from(accessSupportMessages)
      .innerJoin(accounts, eq(accounts.id, accessSupportMessages.authorId))
      .where(eq(accessSupportMessages.supportRequestId, supportRequestId))
      .orderBy(asc(accessSupportMessages.createdAt), asc(accessSupportMessages.id));
  }

  /** The office's staff are told (a new request, a practitioner's reply), each with a link to the case. */
  async function mailOffice(tx: Executor, s: typeof accessSupportRequests.$inferSelect, organization: Bilingual, template: 'accessSupportRequested' | 'accessSupportReplied', at: Date) {
    await core.mailEach(tx, s.authorityId, await core.officeStaff(tx, s.authorityId), { template, path: (locale) => href('access.office.case', locale, { supportRequestId: s.id }), detail: (locale) => supportDetail(locale, s, organization), at });
  }

  /** The practitioner who asked is told (an answer, the case closed), with a link to the request in their workspace. */
  async function mailPractitioner(tx: Executor, s: typeof accessSupportRequests.$inferSelect, organization: Bilingual, template: 'accessSupportAnswered' | 'accessSupportClosed', at: Date) {
    await core.mailEach(tx, s.authorityId, await accountRecipient(tx, s.accountId), { template, path: (locale) => href('access.office.supportRequest', locale, { organizationId: s.organizationId, supportRequestId: s.id }), detail: (locale) => supportDetail(locale, s, organization), at });
  }

  /** A staff member's answer or a closing: one transaction, the row locked. */
  async function officeChange(staff: StaffActor, id: string, change: { reply: string } | { close: true }, origin: Origin): Promise<'ok' | 'not_found' | 'closed'> {
    const at = clock.now();
    return db.transaction(async (tx) => {
      const [s] = await tx.select().from(accessSupportRequests).where(and(eq(accessSupportRequests.id, id), eq(accessSupportRequests.authorityId, staff.staffAuthorityId))).for('update');
      if (!s) return 'not_found';
      if (s.status === 'closed') return 'closed';
      const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, s.organizationId));
      if ('reply' in change) {
        await tx.insert(accessSupportMessages).values({ supportRequestId: s.id, authorId: staff.id, fromOffice: true, body: change.reply, createdAt: at });
        await tx.update(accessSupportRequests).set({ status: 'answered', updatedAt: at }).where(eq(accessSupportRequests.id, s.id));
        await recordEvent(tx, { authorityId: s.authorityId, event: 'access_support_answered', actorId: staff.id, subjectId: s.id, origin, at, details: { supportRequestId: s.id, fromOffice: true } });
        await mailPractitioner(tx, s, org!.name, 'accessSupportAnswered', at);
      } else {
        await tx.update(accessSupportRequests).set({ status: 'closed', updatedAt: at }).where(eq(accessSupportRequests.id, s.id));
        await recordEvent(tx, { authorityId: s.authorityId, event: 'access_support_closed', actorId: staff.id, subjectId: s.id, origin, at, details: { supportRequestId: s.id } });
        await mailPractitioner(tx, s, org!.name, 'accessSupportClosed', at);
      }
      return 'ok';
    });
  }

  /** The answer fixed at receipt: the status and the first due day follow from the body (the fee, the day received). */
  function answerOf(request: AccessRequest): ApiAnswer {
    const link = core.trackingLink(request, request.requesterLocale);
    const url = new URL(link.path, deps.publicUrl);
    for (const [k, v] of Object.entries(link.query ?? {})) url.searchParams.set(k, v);
    const receivedOn = localDateAt(request.submittedAt);
    const status = request.act === 'privacy' || request.feeNote === API_FEE_NOTE ? 'in_progress' : 'awaiting_fee';
    const dueOn = status === 'in_progress' ? (requestClock({ act: request.act, receivedOn, stops: [], extensions: [], closedOn: null }, receivedOn).due?.due ?? null) : null;
    return { number: request.number, status, dueOn, trackingUrl: url.toString() };
  }

  return {
    today,

    // ------------------------------------------------------------ Statistics and summaries
    statistics: (p: Practitioner, from: LocalDate, to: LocalDate) => q.statistics(db, p.organizationId, from, to, today()),

    async exportStatistics(p: Practitioner, from: LocalDate, to: LocalDate, origin: Origin) {
      const rows = await q.statistics(db, p.organizationId, from, to, today());
      await recordEvent(db, { authorityId: p.authorityId, event: 'access_statistics_exported', actorId: p.accountId, subjectId: null, origin, at: clock.now(), details: { organizationId: p.organizationId, from, to } });
      return rows;
    },

    async summaries(p: Practitioner, fromMonth: string, toMonth: string) {
      const [rows, name] = await Promise.all([q.completedRequests(db, p.organizationId, fromMonth, toMonth, SUMMARIES_PER_MONTH), q.institutionName(db, p.organizationId)]);
      return { rows, name: name ?? { fr: '', en: '' } };
    },

    async exportSummaries(p: Practitioner, fromMonth: string, toMonth: string, origin: Origin) {
      const [rows, name] = await Promise.all([q.completedRequests(db, p.organizationId, fromMonth, toMonth), q.institutionName(db, p.organizationId)]);
      await recordEvent(db, { authorityId: p.authorityId, event: 'access_summaries_exported', actorId: p.accountId, subjectId: null, origin, at: clock.now(), details: { organizationId: p.organizationId, from: fromMonth, to: toMonth } });
      return { rows, name: name ?? { fr: '', en: '' } };
    },

    // ------------------------------------------------------------ Support requests, the practitioners' side
    /** The institution's support requests (whoever of its practitioners asked), open first, newest first. */
    supportList(p: Practitioner) {
      return db
        .select({ id: accessSupportRequests.id, topic: accessSupportRequests.topic, subject: accessSupportRequests.subject, status: accessSupportRequests.status, createdAt: accessSupportRequests.createdAt, updatedAt: accessSupportRequests.updatedAt, number: accessRequests.number })
        .from(accessSupportRequests)
        .leftJoin(accessRequests, eq(accessRequests.id, accessSupportRequests.requestId))
        .where(eq(accessSupportRequests.organizationId, p.organizationId))
        .orderBy(sql`${accessSupportRequests.status} = 'closed'`, desc(accessSupportRequests.createdAt))
        .limit(200);
    },

    /** Sends a support request to the office: the request, its first message, the audit and the mail to the office's staff. */
    async ask(p: Practitioner, input: { topic: SupportTopic; subject: string; message: string; requestNumber: string | null }, origin: Origin): Promise<{ id: string } | 'unknown_request'> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        let requestId: string | null = null;
        if (input.requestNumber) {
          const [found] = await tx.select({ id: accessRequests.id }).from(accessRequests).where(and(eq(accessRequests.authorityId, p.authorityId), eq(accessRequests.organizationId, p.organizationId), eq(accessRequests.number, input.requestNumber)));
          if (!found) return 'unknown_request' as const;
          requestId = found.id;
        }
        const [s] = await tx.insert(accessSupportRequests).values({ authorityId: p.authorityId, organizationId: p.organizationId, accountId: p.accountId, topic: input.topic, requestId, subject: input.subject, status: 'open', createdAt: at, updatedAt: at }).returning();
        await tx.insert(accessSupportMessages).values({ supportRequestId: s!.id, authorId: p.accountId, fromOffice: false, body: input.message, createdAt: at });
        await recordEvent(tx, { authorityId: p.authorityId, event: 'access_support_requested', actorId: p.accountId, subjectId: s!.id, origin, at, details: { supportRequestId: s!.id, topic: input.topic, organizationId: p.organizationId } });
        const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, p.organizationId));
        await mailOffice(tx, s!, org!.name, 'accessSupportRequested', at);
        return { id: s!.id };
      });
    },

    /** One support request of the institution with its thread (another institution's: null). */
    async supportRequest(p: Practitioner, id: string) {
      const row = await supportRow(db, id);
      if (!row || row.support.organizationId !== p.organizationId) return null;
      return { ...row, messages: await thread(id) };
    },

    /** A practitioner's reply: the request is open again for the office, whose staff are told. */
    async reply(p: Practitioner, id: string, body: string, origin: Origin): Promise<'ok' | 'not_found' | 'closed'> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const [s] = await tx.select().from(accessSupportRequests).where(and(eq(accessSupportRequests.id, id), eq(accessSupportRequests.organizationId, p.organizationId))).for('update');
        if (!s) return 'not_found';
        if (s.status === 'closed') return 'closed';
        await tx.insert(accessSupportMessages).values({ supportRequestId: s.id, authorId: p.accountId, fromOffice: false, body, createdAt: at });
        await tx.update(accessSupportRequests).set({ status: 'open', updatedAt: at }).where(eq(accessSupportRequests.id, s.id));
        await recordEvent(tx, { authorityId: s.authorityId, event: 'access_support_answered', actorId: p.accountId, subjectId: s.id, origin, at, details: { supportRequestId: s.id, fromOffice: false } });
        const [org] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, s.organizationId));
        await mailOffice(tx, s, org!.name, 'accessSupportReplied', at);
        return 'ok';
      });
    },

    // ------------------------------------------------------------ Support requests, the office's side
    /** The office's queue: open ones first (waiting on the office), then answered, oldest first; closed ones only when asked for. */
    queue(staff: StaffActor, filter: { topic?: SupportTopic | undefined; status?: SupportStatus | undefined }) {
      const where = [eq(accessSupportRequests.authorityId, staff.staffAuthorityId)];
      if (filter.topic) where.push(eq(accessSupportRequests.topic, filter.topic));
      where.push(filter.status ? eq(accessSupportRequests.status, filter.status) : inArray(accessSupportRequests.status, ['open', 'answered']));
      return db
        .select({ id: accessSupportRequests.id, topic: accessSupportRequests.topic, subject: accessSupportRequests.subject, status: accessSupportRequests.status, createdAt: accessSupportRequests.createdAt, updatedAt: accessSupportRequests.updatedAt, organization: organizations.name, number: accessRequests.number })
        .from(accessSupportRequests)
        .innerJoin(organizations, eq(organizations.id, accessSupportRequests.organizationId))
        .leftJoin(accessRequests, eq(accessRequests.id, accessSupportRequests.requestId))
        .where(and(...where))
        .orderBy(sql`case ${accessSupportRequests.status} when 'open' then 0 when 'answered' then 1 else 2 end`, asc(accessSupportRequests.createdAt))
        .limit(500);
    },

    async openCount(authorityId: string): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(accessSupportRequests).where(and(eq(accessSupportRequests.authorityId, authorityId), eq(accessSupportRequests.status, 'open')));
      return row?.n ?? 0;
    },

    /** One support request of the office's authority with its thread (another authority's: null). */
    async case(staff: StaffActor, id: string) {
      const row = await supportRow(db, id);
      if (!row || row.support.authorityId !== staff.staffAuthorityId) return null;
      return { ...row, messages: await thread(id) };
    },

    answer: (staff: StaffActor, id: string, body: string, origin: Origin) => officeChange(staff, id, { reply: body }, origin),
    close: (staff: StaffActor, id: string, origin: Origin) => officeChange(staff, id, { close: true }, origin),

    // ------------------------------------------------------------ API clients
    apiClients: apiClientKeys<ApiScope>({
      db,
      clock,
      table: accessApiClients,
      kind: 'gar',
      moduleOn: accessSettings.authorityId,
      audit: (tx, change, staff, at, origin, details) => recordEvent(tx, { authorityId: staff.staffAuthorityId, event: change === 'issued' ? 'access_api_client_issued' : 'access_api_client_revoked', actorId: staff.id, subjectId: null, origin, at, details }),
    }),

    // ------------------------------------------------------------ The API's requests
    /**
     * Receives a request from a client system through the core (channel `api`), idempotent by its
     * key: the same key with the same body is the request made the first time (its first answer),
     * with another body it is refused and nothing changes. The requester is mailed the number and
     * the tracking link, the institution's practitioners the number; all in one transaction.
     */
    async receiveFromApi(client: { id: string; authorityId: string }, idempotencyKey: string, body: ApiRequest, origin: Origin): Promise<{ kind: 'created' | 'same'; answer: ApiAnswer } | { kind: 'conflict' } | { kind: 'unknown_institution' }> {
      const print = fingerprint(body);
      const at = clock.now();
      const existing = async (executor: Executor) => {
        const [row] = await executor.select().from(accessRequests).where(and(eq(accessRequests.apiClientId, client.id), eq(accessRequests.idempotencyKey, idempotencyKey)));
        return row ?? null;
      };
      const before = await existing(db);
      if (before) return before.idempotencyFingerprint === print ? { kind: 'same', answer: answerOf(before) } : { kind: 'conflict' };
      if (!(await core.isInstitution(body.institutionId, client.authorityId))) return { kind: 'unknown_institution' };
      try {
        return await db.transaction(async (tx) => {
          const { request } = await core.receive(tx, {
            authorityId: client.authorityId,
            organizationId: body.institutionId,
            act: body.act,
            channel: 'api',
            requesterAccountId: null,
            requesterName: body.requester.name,
            requesterEmail: body.requester.email,
            requesterPhone: body.requester.phone ?? null,
            requesterAddress: body.requester.address ?? null,
            requesterLocale: body.requester.locale,
            requesterCategory: body.requester.category,
            description: body.description,
            periodFrom: (body.period?.from ?? null) as LocalDate | null,
            periodTo: (body.period?.to ?? null) as LocalDate | null,
            format: body.format ?? 'electronic',
            fee: body.feePaid ? 'paid' : 'due',
            feeNote: body.act === 'access' && body.feePaid ? API_FEE_NOTE : null,
            apiClientId: client.id,
            idempotencyKey,
            origin,
            at,
          });
          const [row] = await tx.update(accessRequests).set({ idempotencyFingerprint: print }).where(eq(accessRequests.id, request.id)).returning();
          const number = request.number;
          await core.mailRequester(tx, row!, { template: 'accessApiReceived', detail: translator(row!.requesterLocale)('access.office.mail.apiReceived.detail', { number }), at });
          await core.mailEach(tx, client.authorityId, await core.practitioners(tx, body.institutionId), {
            template: 'accessApiNewRequest',
            path: (locale) => href('access.workspace.request', locale, { organizationId: body.institutionId, requestId: request.id }),
            detail: (locale) => translator(locale)('access.office.mail.apiNew.detail', { number }),
            at,
          });
          return { kind: 'created' as const, answer: answerOf(row!) };
        });
      } catch (error) {
        // The same key sent twice at once: the second insert meets the unique index; the first one's request is the answer.
        const after = await existing(db);
        if (after) return after.idempotencyFingerprint === print ? { kind: 'same', answer: answerOf(after) } : { kind: 'conflict' };
        throw error;
      }
    },

    /** What a client system may read back: the status, due day and disposition of a request sent through the API (nothing personal). */
    async status(authorityId: string, number: string) {
      const [row] = await db
        .select({ number: accessRequests.number, act: accessRequests.act, status: accessRequests.status, dueOn: accessRequests.dueOn, disposition: accessRequests.disposition, closedOn: accessRequests.closedOn })
        .from(accessRequests)
        .where(and(eq(accessRequests.authorityId, authorityId), eq(accessRequests.number, number), eq(accessRequests.channel, 'api')));
      return row ?? null;
    },
  };
}

/** The page shows at most this many requests of each month; the file has them all. */
export const SUMMARIES_PER_MONTH = 100;

/** The fee note of a request whose $5 the client system collected. */
export const API_FEE_NOTE = 'api:fee-collected-by-client';

export type OfficeService = ReturnType<typeof createOfficeService>;
