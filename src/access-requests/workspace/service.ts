import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { mailFromPortal } from '../../authorities/index.ts';
import { recordEvent } from '../../audit/index.ts';
import type { DocumentService } from '../../documents/index.ts';
import { accounts } from '../../identity/index.ts';
import type { Mailer } from '../../mail/index.ts';
import type { Membership } from '../../organizations/index.ts';
import { organizations } from '../../organizations/index.ts';
import { addCalendarDays, type LocalDate, localDateAt } from '../../platform/calendar.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { type Bilingual, formatLocalDate, translator } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import type { PdfRenderer } from '../../platform/pdf/index.ts';
import { consultationDeadline, extensionRefusal, type RequestClock, requestClock } from '../clock.ts';
import { type AccessCore, type AccessRequest, REQUEST_DOCUMENTS } from '../core.ts';
import { accessConsultations, accessExtensions, accessNotices, accessRequests, accessStops, accessTransfers } from '../schema.ts';
import { type ExtensionReason, extensionReasons, requestTransitions } from '../states.ts';
import { renderCommissionerLetter, renderExtensionLetter } from './letters.ts';
import type { ConsultInput, DashboardQuery, NewRequestInput, Queue } from './schemas.ts';

export const PER_PAGE = 25;
const LETTER_MAX_BYTES = 5 * 1024 * 1024;

/** Who acts: a practitioner of the institution holding the request (the guard found them). */
export type Member = Pick<Membership, 'accountId' | 'organizationId' | 'authorityId'>;

/** A change refused: the request is no longer this institution's (`not_found`), or not in a state that allows it. */
export type ChangeResult = 'ok' | 'not_found' | 'not_allowed';

export type ExtensionRefusal = NonNullable<ReturnType<typeof extensionRefusal>> | 'wrong_reason';

const roles = ['practitioner'] as const;

/**
 * The institution's workspace: its dashboard and queues, a request's record and history, and
 * every change a practitioner makes to a request (assignment, clarification, extension with its
 * notices, transfer, consultation), each in one transaction with its audit row and mail, the
 * request locked and checked to be still this institution's.
 */
export function createWorkspaceService(deps: { db: Database; clock: Clock; core: AccessCore; documents: DocumentService; pdf: PdfRenderer; mailer: Mailer; publicUrl: URL }) {
  const { db, clock, core } = deps;
  const todayNow = () => localDateAt(clock.now());

  /** The request locked, while it is still with this institution (a transfer may have moved it since the page). */
  async function locked(tx: Executor, m: Member, requestId: string) {
    const r = await core.lockRequest(tx, requestId);
    return r && r.organizationId === m.organizationId && r.authorityId === m.authorityId ? r : null;
  }

  async function institutionName(executor: Executor, organizationId: string): Promise<Bilingual> {
    const [row] = await executor.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
    return row?.name ?? { fr: '', en: '' };
  }

  const requestPath = (organizationId: string, requestId: string) => (locale: 'fr' | 'en') => href('access.workspace.request', locale, { organizationId, requestId });

  /** Mail to someone without an account here (the Commissioner, a third party): the number and what happened, linking to the public service. */
  async function mailOutside(tx: Executor, authorityId: string, to: string, locale: 'fr' | 'en', template: 'accessWorkspaceCommissioner' | 'accessWorkspaceThirdParty', name: string, detail: string, at: Date) {
    await mailFromPortal(tx, deps.mailer, deps.publicUrl, { authorityId }, { accountId: null, to, locale, template, name, path: href('access.public.start', locale, {}), detail, at });
  }

  /** A letter rendered, staged and filed as a document of the request, in the caller's transaction. */
  async function fileLetter(tx: Executor, r: AccessRequest, m: Member, bytes: Uint8Array, fileName: string, typeCode: string, origin: Origin, at: Date) {
    const staged = await deps.documents.stage({ fileName, source: Buffer.from(bytes), maxBytes: LETTER_MAX_BYTES });
    if (!staged.ok) throw new Error(`access: the letter could not be filed (${staged.refusal.reason})`);
    try {
      return await deps.documents.attach(tx, { authorityId: r.authorityId, ownerAccountId: r.requesterAccountId ?? m.accountId, subjectKind: REQUEST_DOCUMENTS, subjectId: r.id, typeCode, uploadedBy: m.accountId, origin, at }, staged.file);
    } catch (error) {
      await deps.documents.discard(staged.file);
      throw error;
    }
  }

  /** The filters of the dashboard as SQL (besides the institution). */
  function filters(m: Member, q: DashboardQuery, today: LocalDate): SQL[] {
    const w: SQL[] = [];
    // Without a state or a number, the open requests (the closed ones are a state of their own).
    if (q.status) w.push(eq(accessRequests.status, q.status));
    else if (!q.number) w.push(ne(accessRequests.status, 'closed'));
    if (q.act) w.push(eq(accessRequests.act, q.act));
    if (q.assignee === 'me') w.push(eq(accessRequests.assigneeId, m.accountId));
    else if (q.assignee === 'none') w.push(isNull(accessRequests.assigneeId));
    else if (q.assignee) w.push(eq(accessRequests.assigneeId, q.assignee));
    if (q.number) w.push(eq(accessRequests.number, q.number));
    if (q.queue) w.push(queueFilter(q.queue, m, today));
    return w;
  }

  function queueFilter(queue: Queue, m: Member, today: LocalDate): SQL {
    const soon = addCalendarDays(today, 7);
    switch (queue) {
      case 'overdue':
        return sql`${accessRequests.status} = 'in_progress' and ${accessRequests.dueOn} < ${today}::date`;
      case 'due_soon':
        return sql`${accessRequests.status} = 'in_progress' and ${accessRequests.dueOn} between ${today}::date and ${soon}::date`;
      case 'awaiting_clarification':
        return eq(accessRequests.status, 'awaiting_clarification');
      case 'awaiting_fee':
        return eq(accessRequests.status, 'awaiting_fee');
      case 'unassigned':
        return sql`${accessRequests.status} <> 'closed' and ${accessRequests.assigneeId} is null`;
      case 'mine':
        return sql`${accessRequests.status} <> 'closed' and ${accessRequests.assigneeId} = ${m.accountId}`;
    }
  }

  /** The clocks of a page of requests: their stops and extensions in two queries. */
  async function clocksOf(rows: AccessRequest[], today: LocalDate): Promise<Map<string, RequestClock>> {
    const ids = rows.map((r) => r.id);
    if (ids.length === 0) return new Map();
    const [stops, extensions] = await Promise.all([
      db.select({ requestId: accessStops.requestId, startedOn: accessStops.startedOn, endedOn: accessStops.endedOn }).from(accessStops).where(inArray(accessStops.requestId, ids)).orderBy(asc(accessStops.startedOn)),
      db.select({ requestId: accessExtensions.requestId, reason: accessExtensions.reason, days: accessExtensions.days, takenOn: accessExtensions.takenOn }).from(accessExtensions).where(inArray(accessExtensions.requestId, ids)).orderBy(asc(accessExtensions.takenAt)),
    ]);
    return new Map(
      rows.map((r) => [
        r.id,
        requestClock(
          {
            act: r.act,
            receivedOn: r.receivedOn as LocalDate | null,
            stops: stops.filter((s) => s.requestId === r.id).map((s) => ({ startedOn: s.startedOn as LocalDate, endedOn: s.endedOn as LocalDate | null })),
            extensions: extensions.filter((e) => e.requestId === r.id).map((e) => ({ reason: e.reason, days: e.days, takenOn: e.takenOn as LocalDate })),
            closedOn: r.closedOn as LocalDate | null,
          },
          today,
        ),
      ]),
    );
  }

  /**
   * The counts of the institution's requests by state and queue: the open ones in one pass over
   * the partial index of open requests, the closed ones (most of a busy institution's) counted
   * from the workspace index alone, never read row by row.
   */
  async function counts(m: Member, today: LocalDate) {
    const soon = addCalendarDays(today, 7);
    const [[open], [closed]] = await Promise.all([
      db
        .select({
          awaiting_fee: sql<number>`count(*) filter (where ${accessRequests.status} = 'awaiting_fee')::int`,
          in_progress: sql<number>`count(*) filter (where ${accessRequests.status} = 'in_progress')::int`,
          awaiting_clarification: sql<number>`count(*) filter (where ${accessRequests.status} = 'awaiting_clarification')::int`,
          overdue: sql<number>`count(*) filter (where ${accessRequests.status} = 'in_progress' and ${accessRequests.dueOn} < ${today}::date)::int`,
          due_soon: sql<number>`count(*) filter (where ${accessRequests.status} = 'in_progress' and ${accessRequests.dueOn} between ${today}::date and ${soon}::date)::int`,
          unassigned: sql<number>`count(*) filter (where ${accessRequests.assigneeId} is null)::int`,
          mine: sql<number>`count(*) filter (where ${accessRequests.assigneeId} = ${m.accountId})::int`,
        })
        .from(accessRequests)
        .where(and(eq(accessRequests.organizationId, m.organizationId), sql`${accessRequests.status} <> 'closed'`)),
      db
        .select({ closed: sql<number>`count(*)::int` })
        .from(accessRequests)
        .where(and(eq(accessRequests.organizationId, m.organizationId), eq(accessRequests.status, 'closed'))),
    ]);
    return { ...open!, closed: closed?.closed ?? 0 };
  }

  return {
    /** The dashboard: the counts, one page of requests by the filters sorted by due day, each with its clock. */
    async dashboard(m: Member, q: DashboardQuery) {
      const today = todayNow();
      const where = and(eq(accessRequests.organizationId, m.organizationId), ...filters(m, q, today));
      const [countRow, totalRow, rows, people] = await Promise.all([
        counts(m, today),
        db.select({ n: sql<number>`count(*)::int` }).from(accessRequests).where(where),
        db
          .select()
          .from(accessRequests)
          .where(where)
          .orderBy(sql`${accessRequests.dueOn} asc nulls last`, asc(accessRequests.number))
          .limit(PER_PAGE)
          .offset((q.page - 1) * PER_PAGE),
        core.practitioners(db, m.organizationId),
      ]);
      const clocks = await clocksOf(rows, today);
      return { counts: countRow, total: totalRow[0]?.n ?? 0, rows: rows.map((r) => ({ request: r, clock: clocks.get(r.id)! })), practitioners: people, today };
    },

    /** The counts of the dashboard card: overdue and due within 7 days. */
    async cardCounts(organizationId: string) {
      const today = todayNow();
      const soon = addCalendarDays(today, 7);
      const [row] = await db
        .select({
          overdue: sql<number>`count(*) filter (where ${accessRequests.dueOn} < ${today}::date)::int`,
          dueSoon: sql<number>`count(*) filter (where ${accessRequests.dueOn} between ${today}::date and ${soon}::date)::int`,
        })
        .from(accessRequests)
        .where(and(eq(accessRequests.organizationId, organizationId), eq(accessRequests.status, 'in_progress')));
      return row ?? { overdue: 0, dueSoon: 0 };
    },

    /** Everything the request page shows: the clock, the history (stops, extensions, notices, transfers, consultations), the assignee and who may be. */
    async view(r: AccessRequest) {
      const today = todayNow();
      const [clock, stops, extensions, notices, transfers, consultations, people, assignee, letters] = await Promise.all([
        core.clockOf(r, db, today),
        db.select().from(accessStops).where(eq(accessStops.requestId, r.id)).orderBy(asc(accessStops.askedAt)),
        db.select().from(accessExtensions).where(eq(accessExtensions.requestId, r.id)).orderBy(asc(accessExtensions.takenAt)),
        db.select().from(accessNotices).where(eq(accessNotices.requestId, r.id)).orderBy(asc(accessNotices.sentAt)),
        db
          .select({ transfer: accessTransfers, from: sql<Bilingual>`(select name from organizations where id = ${accessTransfers.fromOrganizationId})`, to: sql<Bilingual>`(select name from organizations where id = ${accessTransfers.toOrganizationId})` })
          .from(accessTransfers)
          .where(eq(accessTransfers.requestId, r.id))
          .orderBy(asc(accessTransfers.transferredAt)),
        db.select().from(accessConsultations).where(eq(accessConsultations.requestId, r.id)).orderBy(asc(accessConsultations.createdAt)),
        core.practitioners(db, r.organizationId),
        r.assigneeId ? db.select({ givenName: accounts.givenName, familyName: accounts.familyName, email: accounts.email }).from(accounts).where(eq(accounts.id, r.assigneeId)) : Promise.resolve([]),
        deps.documents.list(REQUEST_DOCUMENTS, r.id),
      ]);
      const letterVersion = new Map(letters.map((d) => [d.id, d.versions.at(-1)?.id ?? null]));
      return {
        clock,
        stops,
        extensions,
        notices: notices.map((n) => ({ ...n, versionId: n.documentId ? (letterVersion.get(n.documentId) ?? null) : null })),
        transfers,
        consultations,
        practitioners: people,
        assignee: assignee[0] ?? null,
        today,
        institutions: (await core.institutions(r.authorityId)).filter((i) => i.id !== r.organizationId),
      };
    },

    /** Assigns the request to one of the institution's practitioners (or to no one); the assignee is mailed. */
    async assign(m: Member, requestId: string, assigneeId: string | null, origin: Origin): Promise<ChangeResult | 'not_practitioner' | 'unchanged'> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const r = await locked(tx, m, requestId);
        if (!r) return 'not_found';
        if (r.status === 'closed') return 'not_allowed';
        if (r.assigneeId === assigneeId) return 'unchanged';
        const people = await core.practitioners(tx, m.organizationId);
        const person = assigneeId ? people.find((p) => p.id === assigneeId) : null;
        if (assigneeId && !person) return 'not_practitioner';
        await tx.update(accessRequests).set({ assigneeId, updatedAt: at }).where(eq(accessRequests.id, r.id));
        await recordEvent(tx, { authorityId: r.authorityId, event: 'access_request_assigned', actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, assigneeId } });
        if (person && person.id !== m.accountId) {
          await core.mailEach(tx, r.authorityId, [person], { template: 'accessWorkspaceAssigned', at, path: requestPath(r.organizationId, r.id), detail: (locale) => translator(locale)('access.workspace.mail.number', { number: r.number }) });
        }
        return 'ok';
      });
    },

    /** Asks the requester to clarify: the clock stops today until they answer; they are mailed the question's existence (the page shows it). */
    async askClarification(m: Member, requestId: string, question: string, origin: Origin): Promise<ChangeResult> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const r = await locked(tx, m, requestId);
        if (!r) return 'not_found';
        const rule = requestTransitions.check(r.status, 'ask_clarification', roles);
        if (typeof rule === 'string') return 'not_allowed';
        const [stop] = await tx.insert(accessStops).values({ requestId: r.id, reason: 'clarification', startedOn: localDateAt(at), question, askedBy: m.accountId, askedAt: at }).returning({ id: accessStops.id });
        await tx.update(accessRequests).set({ status: rule.to, updatedAt: at }).where(eq(accessRequests.id, r.id));
        await recordEvent(tx, { authorityId: r.authorityId, event: rule.event, actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, stopId: stop!.id } });
        await core.mailRequester(tx, r, { template: 'accessWorkspaceClarification', detail: translator(r.requesterLocale)('access.workspace.mail.number', { number: r.number }), at });
        return 'ok';
      });
    },

    /** Records the requester's answer received by phone or mail: the stop ends today, the clock runs again, the due day moves. */
    async recordAnswer(m: Member, requestId: string, answer: string, origin: Origin): Promise<ChangeResult> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const r = await locked(tx, m, requestId);
        if (!r) return 'not_found';
        const rule = requestTransitions.check(r.status, 'clarify', roles);
        const stop = await core.openStop(tx, r.id);
        if (typeof rule === 'string' || !stop) return 'not_allowed';
        await tx.update(accessStops).set({ endedOn: localDateAt(at), answer, answeredBy: m.accountId, answeredAt: at }).where(eq(accessStops.id, stop.id));
        const [row] = await tx.update(accessRequests).set({ status: rule.to, updatedAt: at }).where(eq(accessRequests.id, r.id)).returning();
        await core.refreshDue(tx, row!, at);
        await recordEvent(tx, { authorityId: r.authorityId, event: rule.event, actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, stopId: stop.id, by: 'practitioner' } });
        return 'ok';
      });
    },

    /**
     * What an extension would give, before it is taken: the refusal (not running, past the
     * original limit, the Privacy Act's 30 days, a reason of the other act) or the clock after it.
     */
    async previewExtension(r: AccessRequest, reason: ExtensionReason, days: number): Promise<{ refusal: ExtensionRefusal } | { refusal: null; clock: RequestClock; after: RequestClock }> {
      const today = todayNow();
      const now = await core.clockOf(r, db, today);
      if (!(extensionReasons[r.act] as readonly string[]).includes(reason)) return { refusal: 'wrong_reason' };
      const refusal = extensionRefusal(now, days, today);
      if (refusal) return { refusal };
      return { refusal: null, clock: now, after: afterExtension(now, r, reason, days, today) };
    },

    /**
     * Takes an extension: its row, the due day moved, the bilingual notice to the requester filed
     * and recorded, and over 30 days in all (ATIA) the notice to the Information Commissioner.
     */
    async takeExtension(m: Member, requestId: string, reason: ExtensionReason, days: number, origin: Origin): Promise<{ kind: 'ok'; commissioner: boolean } | { kind: 'not_found' } | { kind: 'refused'; refusal: ExtensionRefusal }> {
      const at = clock.now();
      const today = localDateAt(at);
      return db.transaction(async (tx) => {
        const r = await locked(tx, m, requestId);
        if (!r) return { kind: 'not_found' as const };
        if (!(extensionReasons[r.act] as readonly string[]).includes(reason)) return { kind: 'refused' as const, refusal: 'wrong_reason' as const };
        const before = await core.clockOf(r, tx, today);
        const refusal = extensionRefusal(before, days, today);
        if (refusal) return { kind: 'refused' as const, refusal };
        const [extension] = await tx.insert(accessExtensions).values({ requestId: r.id, reason, days, takenOn: today, takenBy: m.accountId, takenAt: at }).returning({ id: accessExtensions.id });
        const after = await core.refreshDue(tx, r, at);
        const commissioner = after.commissionerNotice && !before.commissionerNotice;
        await recordEvent(tx, { authorityId: r.authorityId, event: 'access_extension_taken', actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, extensionId: extension!.id, reason, days, commissionerNotice: commissioner } });
        const institution = await institutionName(tx, r.organizationId);
        const letter = renderExtensionLetter(deps.pdf, { institution, number: r.number, act: r.act, requesterName: r.requesterName, reason, days, originalDue: before.original!.due, newDue: after.due!.due, sentOn: today });
        const filed = await fileLetter(tx, r, m, letter, `${r.number}-prorogation-extension.pdf`, 'extension_notice', origin, at);
        const sentTo = r.requesterEmail ?? r.requesterAddress ?? r.requesterName;
        const [notice] = await tx.insert(accessNotices).values({ requestId: r.id, kind: 'extension', extensionId: extension!.id, sentTo, documentId: filed.documentId, sentAt: at, sentBy: m.accountId }).returning({ id: accessNotices.id });
        await recordEvent(tx, { authorityId: r.authorityId, event: 'access_notice_sent', actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, noticeId: notice!.id, kind: 'extension' } });
        const t = translator(r.requesterLocale);
        await core.mailRequester(tx, r, { template: 'accessWorkspaceExtension', detail: t('access.workspace.mail.extension', { number: r.number, days, date: formatLocalDate(r.requesterLocale, after.due!.due) }), at });
        if (commissioner) {
          const settings = await core.settings(r.authorityId, tx);
          const to = settings?.commissionerEmail ?? 'notices@oic-ci.gc.ca';
          const bytes = renderCommissionerLetter(deps.pdf, { institution, number: r.number, reason, days, totalDays: after.extensionDays, newDue: after.due!.due, sentOn: today });
          const filedC = await fileLetter(tx, r, m, bytes, `${r.number}-commissaire-commissioner.pdf`, 'commissioner_notice', origin, at);
          const [c] = await tx.insert(accessNotices).values({ requestId: r.id, kind: 'commissioner', extensionId: extension!.id, sentTo: to, documentId: filedC.documentId, sentAt: at, sentBy: m.accountId }).returning({ id: accessNotices.id });
          await recordEvent(tx, { authorityId: r.authorityId, event: 'access_notice_sent', actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, noticeId: c!.id, kind: 'commissioner' } });
          for (const locale of ['fr', 'en'] as const) {
            await mailOutside(tx, r.authorityId, to, locale, 'accessWorkspaceCommissioner', translator(locale)('access.workspace.letter.commissioner.to'), translator(locale)('access.workspace.mail.commissioner', { number: r.number, days: after.extensionDays, institution: institution[locale] }), at);
          }
        }
        return { kind: 'ok' as const, commissioner };
      });
    },

    /** Transfers the request to another institution of the office: the number and clock kept (s. 8(3)), the move recorded; the new institution and the requester are mailed. */
    async transfer(m: Member, requestId: string, toOrganizationId: string, reason: string, origin: Origin): Promise<ChangeResult | 'not_institution'> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const r = await locked(tx, m, requestId);
        if (!r) return 'not_found';
        const rule = requestTransitions.check(r.status, 'transfer', roles);
        if (typeof rule === 'string') return 'not_allowed';
        if (toOrganizationId === r.organizationId || !(await core.isInstitution(toOrganizationId, r.authorityId, tx))) return 'not_institution';
        // A request awaiting clarification keeps its stop and status: the transfer moves it, the clock as it is.
        await tx.update(accessRequests).set({ organizationId: toOrganizationId, assigneeId: null, updatedAt: at }).where(eq(accessRequests.id, r.id));
        await tx.insert(accessTransfers).values({ requestId: r.id, fromOrganizationId: r.organizationId, toOrganizationId, reason, transferredBy: m.accountId, transferredAt: at });
        await recordEvent(tx, { authorityId: r.authorityId, event: rule.event, actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, from: r.organizationId, to: toOrganizationId } });
        const [to, people] = await Promise.all([institutionName(tx, toOrganizationId), core.practitioners(tx, toOrganizationId)]);
        await core.mailEach(tx, r.authorityId, people, { template: 'accessWorkspaceTransferredIn', at, path: requestPath(toOrganizationId, r.id), detail: (locale) => translator(locale)('access.workspace.mail.number', { number: r.number }) });
        await core.mailRequester(tx, { ...r, organizationId: toOrganizationId }, { template: 'accessWorkspaceTransferred', detail: translator(r.requesterLocale)('access.workspace.mail.transferred', { number: r.number, institution: to[r.requesterLocale] }), at });
        return 'ok';
      });
    },

    /** A consultation of another institution on the platform or of a third party, with its own due day; the consulted are mailed (the number and the question only). */
    async consult(m: Member, requestId: string, input: ConsultInput, origin: Origin): Promise<ChangeResult | 'not_institution'> {
      const at = clock.now();
      const sentOn = localDateAt(at);
      return db.transaction(async (tx) => {
        const r = await locked(tx, m, requestId);
        if (!r) return 'not_found';
        if (r.status === 'closed') return 'not_allowed';
        let partyName = input.partyName;
        let consulted: string | null = null;
        if (input.kind === 'institution') {
          if (input.consultedOrganizationId === r.organizationId || !(await core.isInstitution(input.consultedOrganizationId, r.authorityId, tx))) return 'not_institution';
          consulted = input.consultedOrganizationId;
          partyName = (await institutionName(tx, consulted)).fr;
        }
        const due = consultationDeadline(sentOn, input.dueDays).due;
        const [row] = await tx
          .insert(accessConsultations)
          .values({ requestId: r.id, kind: input.kind, consultedOrganizationId: consulted, partyName, partyEmail: input.kind === 'third_party' ? input.partyEmail : null, question: input.question, status: 'sent', sentOn, dueOn: due, createdBy: m.accountId, createdAt: at })
          .returning({ id: accessConsultations.id });
        await recordEvent(tx, { authorityId: r.authorityId, event: 'access_consultation_sent', actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, consultationId: row!.id, kind: input.kind, dueOn: due } });
        const detail = (locale: 'fr' | 'en') => translator(locale)('access.workspace.mail.consultation', { number: r.number, date: formatLocalDate(locale, due), question: input.question });
        if (consulted) {
          const organizationId = consulted;
          await core.mailEach(tx, r.authorityId, await core.practitioners(tx, organizationId), { template: 'accessWorkspaceConsultation', at, path: (locale) => href('access.workspace.consultation', locale, { organizationId, consultationId: row!.id }), detail });
        } else {
          await mailOutside(tx, r.authorityId, input.partyEmail, r.requesterLocale, 'accessWorkspaceThirdParty', partyName, detail(r.requesterLocale), at);
        }
        return 'ok';
      });
    },

    /** The answer of a third party (or of an institution off the platform), recorded by the institution that consulted; or the consultation withdrawn. */
    async closeConsultation(m: Member, requestId: string, consultationId: string, action: 'answer' | 'withdraw', answer: string, origin: Origin): Promise<ChangeResult> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const r = await locked(tx, m, requestId);
        if (!r) return 'not_found';
        const [c] = await tx.select().from(accessConsultations).where(and(eq(accessConsultations.id, consultationId), eq(accessConsultations.requestId, r.id))).for('update');
        if (!c) return 'not_found';
        if (c.status !== 'sent' || (action === 'answer' && (c.consultedOrganizationId !== null || answer === ''))) return 'not_allowed';
        if (action === 'answer') {
          await tx.update(accessConsultations).set({ status: 'answered', answer, answeredOn: localDateAt(at), closedBy: m.accountId }).where(eq(accessConsultations.id, c.id));
          await recordEvent(tx, { authorityId: r.authorityId, event: 'access_consultation_answered', actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, consultationId: c.id } });
        } else {
          await tx.update(accessConsultations).set({ status: 'withdrawn', closedBy: m.accountId }).where(eq(accessConsultations.id, c.id));
          await recordEvent(tx, { authorityId: r.authorityId, event: 'access_consultation_withdrawn', actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, consultationId: c.id } });
        }
        return 'ok';
      });
    },

    /** The consultations other institutions asked of this one, still open first and overdue first. They name the request by number only. */
    async consultationsAsked(organizationId: string) {
      const rows = await db
        .select({ consultation: accessConsultations, number: accessRequests.number, from: organizations.name })
        .from(accessConsultations)
        .innerJoin(accessRequests, eq(accessRequests.id, accessConsultations.requestId))
        .innerJoin(organizations, eq(organizations.id, accessRequests.organizationId))
        .where(eq(accessConsultations.consultedOrganizationId, organizationId))
        .orderBy(sql`(${accessConsultations.status} = 'sent') desc`, asc(accessConsultations.dueOn), desc(accessConsultations.createdAt))
        .limit(200);
      return { rows, today: todayNow() };
    },

    /** One consultation asked of this institution (null: not asked of it). */
    async consultationFor(organizationId: string, consultationId: string) {
      const [row] = await db
        .select({ consultation: accessConsultations, number: accessRequests.number, from: organizations.name, fromId: accessRequests.organizationId })
        .from(accessConsultations)
        .innerJoin(accessRequests, eq(accessRequests.id, accessConsultations.requestId))
        .innerJoin(organizations, eq(organizations.id, accessRequests.organizationId))
        .where(and(eq(accessConsultations.id, consultationId), eq(accessConsultations.consultedOrganizationId, organizationId)));
      return row ? { ...row, today: todayNow() } : null;
    },

    /** The consulted institution answers: the consulting institution's practitioners are mailed. */
    async answerConsultation(m: Member, consultationId: string, answer: string, origin: Origin): Promise<ChangeResult> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const [c] = await tx.select().from(accessConsultations).where(and(eq(accessConsultations.id, consultationId), eq(accessConsultations.consultedOrganizationId, m.organizationId))).for('update');
        if (!c) return 'not_found';
        if (c.status !== 'sent') return 'not_allowed';
        const [r] = await tx.select().from(accessRequests).where(eq(accessRequests.id, c.requestId));
        if (!r) return 'not_found';
        await tx.update(accessConsultations).set({ status: 'answered', answer, answeredOn: localDateAt(at), closedBy: m.accountId }).where(eq(accessConsultations.id, c.id));
        await recordEvent(tx, { authorityId: r.authorityId, event: 'access_consultation_answered', actorId: m.accountId, subjectId: r.id, origin, at, details: { requestId: r.id, number: r.number, consultationId: c.id } });
        await core.mailEach(tx, r.authorityId, await core.practitioners(tx, r.organizationId), { template: 'accessWorkspaceConsultationAnswered', at, path: requestPath(r.organizationId, r.id), detail: (locale) => translator(locale)('access.workspace.mail.number', { number: r.number }) });
        return 'ok';
      });
    },

    /** A request received on paper, by mail or by email, entered by a practitioner: through the core like every channel. */
    async enter(m: Member, input: NewRequestInput, origin: Origin): Promise<{ kind: 'ok'; request: AccessRequest } | { kind: 'future' }> {
      const at = clock.now();
      if (input.receivedOn > localDateAt(at)) return { kind: 'future' };
      return db.transaction(async (tx) => {
        const { request } = await core.receive(tx, {
          authorityId: m.authorityId,
          organizationId: m.organizationId,
          act: input.act,
          channel: input.channel,
          requesterAccountId: null,
          requesterName: input.requesterName,
          requesterEmail: input.requesterEmail,
          requesterPhone: input.requesterPhone,
          requesterAddress: input.requesterAddress,
          requesterLocale: input.requesterLocale,
          requesterCategory: input.requesterCategory,
          description: input.description,
          fee: input.act === 'privacy' ? 'none' : input.fee,
          feeNote: input.feeNote,
          enteredBy: m.accountId,
          receivedOn: input.receivedOn,
          origin,
          at,
        });
        await core.mailRequester(tx, request, { template: 'accessWorkspaceReceived', detail: translator(request.requesterLocale)('access.workspace.mail.number', { number: request.number }), at });
        return { kind: 'ok' as const, request };
      });
    },

    /** Institutions other than this one, for the forms. */
    otherInstitutions: async (m: Member) => (await core.institutions(m.authorityId)).filter((i) => i.id !== m.organizationId),
  };
}

/** The clock as it would be with one more extension (the confirmation page shows its new due day). */
function afterExtension(now: RequestClock, r: AccessRequest, reason: ExtensionReason, days: number, today: LocalDate): RequestClock {
  return requestClock(
    { act: r.act, receivedOn: now.start, stops: now.stops.map((s) => ({ startedOn: s.startedOn, endedOn: s.endedOn })), extensions: [...now.extensions, { reason, days, takenOn: today }], closedOn: null },
    today,
  );
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
