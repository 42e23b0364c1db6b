import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import { portalOf } from '../../authorities/index.ts';
import type { BillingService } from '../../billing/index.ts';
import type { DocumentService, StagedFile } from '../../documents/index.ts';
import { organizations } from '../../organizations/index.ts';
import { localDateAt } from '../../platform/calendar.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { type Bilingual, formatLocalDate, formatMoney, translator } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import type { PdfRenderer } from '../../platform/pdf/index.ts';
import { type AccessCore, type AccessRequest, REQUEST_DOCUMENTS, REQUEST_INVOICE } from '../core.ts';
import { dispositionLabels } from '../labels.ts';
import { accessNotices, accessRecords, accessReleases, accessRequests, accessStops } from '../schema.ts';
import { type Disposition, type RequestStatus, requestTransitions } from '../states.ts';
import { type LetterData, type LetterRecord, renderLetter, sectionsOf } from './letter.ts';
import type { AnswerInput, DecisionInput, RecordInput } from './schemas.ts';

/** The documents of a request this part files: a record gathered, its redacted version, the response letter. */
export const RECORD_TYPE = 'access_record';
export const REDACTED_TYPE = 'access_redacted_record';
export const LETTER_TYPE = 'access_response_letter';

/** A practitioner of the institution holding the request (the guard found them). */
export interface Member {
  accountId: string;
  organizationId: string;
  authorityId: string;
}

export type AccessRecord = typeof accessRecords.$inferSelect;
/** One file of the release as delivered, frozen in `access_releases.contents`. */
export interface ReleasedFile {
  recordId: string;
  versionId: string;
  title: string;
  decision: 'released_in_full' | 'released_in_part';
  exemptions: string[];
  pages: number;
}

/** Why the package cannot be delivered now. */
export type Blocker = 'not_in_progress' | 'no_records' | 'pending';

export type RecordResult = 'ok' | 'not_found' | 'closed';
export type DecideResult = RecordResult | 'redacted_required' | 'too_many_pages';
export type AnswerResult = 'ok' | 'not_found' | 'not_allowed' | Blocker;
export type FeeResult = 'ok' | 'not_found' | 'not_allowed';
export type RefundResult = 'refunded' | 'pending' | 'already_refunded' | 'not_found' | 'not_paid_online' | 'non_refundable' | 'failed';

const NO_FILES: readonly StagedFile[] = [];

/** The disposition the decisions call for: all released in full, all withheld, or in part. */
export function suggestedDisposition(records: readonly Pick<AccessRecord, 'decision'>[]): Disposition | null {
  if (records.length === 0 || records.some((r) => r.decision === 'pending')) return null;
  if (records.every((r) => r.decision === 'released_in_full')) return 'all_disclosed';
  if (records.every((r) => r.decision === 'withheld')) return 'all_exempted';
  return 'disclosed_in_part';
}

/** The one refund a request's fee may have: its id is derived from the request, so a second click (or the office's) is the same refund. */
const refundIdOf = (requestId: string) => {
  const h = createHash('sha256').update(`access-fee-refund:${requestId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * Records, release and fees: the records gathered for a request and what is released of each,
 * the release package delivered to the requester's tracking page with the bilingual response
 * letter, closing without a release, and the fee (waived, recorded as paid, refunded). Every
 * change runs in one transaction on the locked request, with its audit rows and its mail; a file
 * staged for a change that did not happen is discarded.
 */
export function createReleaseService(deps: { db: Database; clock: Clock; core: AccessCore; documents: DocumentService; billing: BillingService; pdf: PdfRenderer }) {
  const { db, clock, core, documents } = deps;

  /** The request locked, while this institution still holds it. */
  async function locked(tx: Executor, m: Member, requestId: string) {
    const r = await core.lockRequest(tx, requestId);
    return r && r.organizationId === m.organizationId && r.authorityId === m.authorityId ? r : null;
  }

  const recordsOf = (executor: Executor, requestId: string) => executor.select().from(accessRecords).where(eq(accessRecords.requestId, requestId)).orderBy(asc(accessRecords.addedAt), asc(accessRecords.id));

  async function institutionName(executor: Executor, organizationId: string): Promise<Bilingual> {
    const [row] = await executor.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId));
    return row?.name ?? { fr: '', en: '' };
  }

  /** Runs a change with files staged for it; the files go if it did not attach them (refused, or the transaction failed). */
  async function withFiles<R>(files: readonly StagedFile[], change: () => Promise<R>, kept: (result: R) => boolean): Promise<R> {
    let result: R;
    try {
      result = await change();
    } catch (error) {
      await Promise.all(files.map((f) => documents.discard(f)));
      throw error;
    }
    if (!kept(result)) await Promise.all(files.map((f) => documents.discard(f)));
    return result;
  }

  /** The letter rendered and filed as a document of the request (in the caller's transaction): the letter's document id. */
  async function fileLetter(tx: Executor, request: AccessRequest, m: Member, data: LetterData, origin: Origin, at: Date, staged: StagedFile[]) {
    const bytes = renderLetter(deps.pdf, data, request.requesterLocale);
    const result = await documents.stage({ fileName: `${request.number}-reponse-response.pdf`, source: Buffer.from(bytes), maxBytes: Math.max(documents.defaultMaxBytes, bytes.length + 1) });
    if (!result.ok) throw new Error(`access: the response letter was refused (${result.refusal.reason})`);
    staged.push(result.file);
    const { documentId } = await documents.attach(tx, { authorityId: request.authorityId, ownerAccountId: request.requesterAccountId ?? m.accountId, subjectKind: REQUEST_DOCUMENTS, subjectId: request.id, typeCode: LETTER_TYPE, uploadedBy: m.accountId, origin, at }, result.file);
    return documentId;
  }

  async function officeOf(executor: Executor, authorityId: string): Promise<LetterData['office']> {
    const portal = await portalOf(executor, authorityId);
    return portal ? { name: portal.name, contact: [portal.contact.email, portal.contact.phone].filter((v): v is string => Boolean(v)) } : null;
  }

  const letterData = async (executor: Executor, request: AccessRequest, disposition: Disposition, records: LetterRecord[], at: Date): Promise<LetterData> => ({
    institution: await institutionName(executor, request.organizationId),
    office: await officeOf(executor, request.authorityId),
    number: request.number,
    act: request.act,
    requesterName: request.requesterName,
    receivedOn: request.receivedOn,
    sentOn: localDateAt(at),
    disposition,
    records,
  });

  const letterRecords = (records: readonly AccessRecord[]): LetterRecord[] =>
    records
      .filter((r): r is AccessRecord & { decision: LetterRecord['decision'] } => r.decision !== 'pending')
      .map((r) => ({ title: r.title, decision: r.decision, pages: r.pages, pagesReleased: r.decision === 'released_in_full' ? r.pages : r.decision === 'withheld' ? 0 : (r.pagesReleased ?? 0), exemptions: r.exemptions }));

  /** Why a package cannot go now (none: it can). */
  function blockersOf(request: Pick<AccessRequest, 'status'>, records: readonly Pick<AccessRecord, 'decision'>[]): Blocker[] {
    const blockers: Blocker[] = [];
    if (request.status !== 'in_progress') blockers.push('not_in_progress');
    if (records.length === 0) blockers.push('no_records');
    else if (records.some((r) => r.decision === 'pending')) blockers.push('pending');
    return blockers;
  }

  /** Closes a locked request (in the caller's transaction): the row, the response notice and its audit, the closing's audit. */
  async function closeRow(tx: Executor, request: AccessRequest, m: Member, input: AnswerInput, pages: number, letterId: string, origin: Origin, at: Date, to: RequestStatus) {
    await tx
      .update(accessRequests)
      // A request abandoned while awaiting its fee never started its clock; the table wants a day
      // received on every request but one awaiting the fee: the day it was submitted (on hold since).
      .set({ status: to, disposition: input.disposition, closedOn: localDateAt(at), closedAt: at, pagesReleased: pages, summaryFr: input.summaryFr, summaryEn: input.summaryEn, updatedAt: at, ...(request.receivedOn ? {} : { receivedOn: localDateAt(request.submittedAt) }) })
      .where(eq(accessRequests.id, request.id));
    const [notice] = await tx
      .insert(accessNotices)
      .values({ requestId: request.id, kind: 'response', sentTo: request.requesterEmail ?? request.requesterAddress ?? request.requesterName, documentId: letterId, sentAt: at, sentBy: m.accountId })
      .returning({ id: accessNotices.id });
    const base = { authorityId: request.authorityId, actorId: m.accountId, subjectId: request.id, origin, at };
    await recordEvent(tx, { ...base, event: 'access_notice_sent', details: { requestId: request.id, number: request.number, noticeId: notice!.id, kind: 'response' } });
    await recordEvent(tx, { ...base, event: 'access_request_closed', details: { requestId: request.id, number: request.number, disposition: input.disposition } });
  }

  const detail = (request: AccessRequest, key: Parameters<ReturnType<typeof translator>>[0], params: Record<string, string | number> = {}) => translator(request.requesterLocale)(key, { number: request.number, ...params });

  /** The paid invoice of a request's fee, if it was paid online. */
  async function feeInvoice(request: AccessRequest) {
    const found = await deps.billing.invoicesForSubject(REQUEST_INVOICE, request.id);
    return found.find((i) => i.id === request.invoiceId) ?? found.find((i) => i.status === 'paid' || i.status === 'partly_refunded' || i.status === 'refunded') ?? null;
  }

  return {
    /** The records of a request with their documents (each version's id for the links), the package's state and what it would contain. */
    async view(request: AccessRequest) {
      const [records, files] = await Promise.all([recordsOf(db, request.id), documents.list(REQUEST_DOCUMENTS, request.id)]);
      const byId = new Map(files.map((d) => [d.id, d]));
      const [release] = await db.select().from(accessReleases).where(eq(accessReleases.requestId, request.id));
      const [response] = await db.select({ documentId: accessNotices.documentId }).from(accessNotices).where(and(eq(accessNotices.requestId, request.id), eq(accessNotices.kind, 'response')));
      const totals = {
        records: records.length,
        pages: records.reduce((s, r) => s + r.pages, 0),
        pagesReleased: letterRecords(records).reduce((s, r) => s + r.pagesReleased, 0),
        pending: records.filter((r) => r.decision === 'pending').length,
      };
      return {
        records: records.map((r) => ({ ...r, file: byId.get(r.documentId)?.versions[0] ?? null, redacted: r.releasedDocumentId ? (byId.get(r.releasedDocumentId)?.versions[0] ?? null) : null })),
        totals,
        blockers: blockersOf(request, records),
        suggested: suggestedDisposition(records),
        sections: sectionsOf(records),
        release: release ?? null,
        /** The response letter sent (released or closed without a release): its latest version. */
        letterVersion: response?.documentId ? (byId.get(response.documentId)?.versions[0] ?? null) : null,
        letter: (disposition: Disposition, at = clock.now()) => letterData(db, request, disposition, letterRecords(records), at),
      };
    },

    /** One record of the request (none: not found). */
    async record(requestId: string, recordId: string) {
      const [row] = await db.select().from(accessRecords).where(and(eq(accessRecords.id, recordId), eq(accessRecords.requestId, requestId)));
      if (!row) return null;
      const files = await documents.list(REQUEST_DOCUMENTS, requestId);
      const byId = new Map(files.map((d) => [d.id, d]));
      return { ...row, file: byId.get(row.documentId)?.versions[0] ?? null, redacted: row.releasedDocumentId ? (byId.get(row.releasedDocumentId)?.versions[0] ?? null) : null };
    },

    /** A record gathered, filed as a document of the request (owner: the practitioner); only while the request is open. */
    async addRecord(m: Member, requestId: string, input: RecordInput, file: StagedFile, origin: Origin): Promise<RecordResult> {
      const at = clock.now();
      return withFiles([file], () =>
        db.transaction(async (tx) => {
          const request = await locked(tx, m, requestId);
          if (!request) return 'not_found' as const;
          if (request.status === 'closed') return 'closed' as const;
          const { documentId } = await documents.attach(tx, { authorityId: request.authorityId, ownerAccountId: m.accountId, subjectKind: REQUEST_DOCUMENTS, subjectId: request.id, typeCode: RECORD_TYPE, uploadedBy: m.accountId, origin, at }, file);
          const [row] = await tx.insert(accessRecords).values({ requestId: request.id, documentId, title: input.title, pages: input.pages, addedBy: m.accountId, addedAt: at }).returning({ id: accessRecords.id });
          await recordEvent(tx, { authorityId: request.authorityId, event: 'access_record_added', actorId: m.accountId, subjectId: request.id, origin, at, details: { requestId: request.id, number: request.number, recordId: row!.id, documentId } });
          return 'ok' as const;
        }),
      (r) => r === 'ok');
    },

    /**
     * What is released of a record; released in part needs the redacted PDF (uploaded now, or the
     * one uploaded with an earlier decision in part), filed as a new document of the request.
     */
    async decide(m: Member, requestId: string, recordId: string, input: DecisionInput, file: StagedFile | null, origin: Origin): Promise<DecideResult> {
      const at = clock.now();
      const files = file ? [file] : NO_FILES;
      let attached = false;
      return withFiles(files, () =>
        db.transaction(async (tx) => {
          const request = await locked(tx, m, requestId);
          if (!request) return 'not_found' as const;
          const [record] = await tx.select().from(accessRecords).where(and(eq(accessRecords.id, recordId), eq(accessRecords.requestId, request.id))).for('update');
          if (!record) return 'not_found' as const;
          if (request.status === 'closed') return 'closed' as const;
          if (input.pagesReleased !== null && input.pagesReleased > record.pages) return 'too_many_pages' as const;
          let releasedDocumentId: string | null = null;
          if (input.decision === 'released_in_part') {
            if (file) {
              releasedDocumentId = (await documents.attach(tx, { authorityId: request.authorityId, ownerAccountId: m.accountId, subjectKind: REQUEST_DOCUMENTS, subjectId: request.id, typeCode: REDACTED_TYPE, uploadedBy: m.accountId, origin, at }, file)).documentId;
              attached = true;
            } else if (record.releasedDocumentId) releasedDocumentId = record.releasedDocumentId;
            else return 'redacted_required' as const;
          }
          const pagesReleased = input.decision === 'released_in_full' ? record.pages : input.decision === 'withheld' ? 0 : input.pagesReleased;
          await tx.update(accessRecords).set({ decision: input.decision, exemptions: input.exemptions, releasedDocumentId, pagesReleased, decidedBy: m.accountId, decidedAt: at }).where(eq(accessRecords.id, record.id));
          await recordEvent(tx, { authorityId: request.authorityId, event: 'access_record_decided', actorId: m.accountId, subjectId: request.id, origin, at, details: { requestId: request.id, number: request.number, recordId: record.id, decision: input.decision, exemptions: input.exemptions } });
          return 'ok' as const;
        }),
      () => attached);
    },

    /**
     * Delivers the release package: the bilingual response letter filed, the released files frozen
     * in the release (for a record released in part, its redacted version; nothing of a record
     * withheld), the response notice, and the request closed with its disposition, pages and
     * summaries; the requester is mailed. Refused while a record is pending or the request is not in progress.
     */
    async deliver(m: Member, requestId: string, input: AnswerInput, origin: Origin): Promise<AnswerResult> {
      const at = clock.now();
      const staged: StagedFile[] = [];
      return withFiles(staged, () =>
        db.transaction(async (tx) => {
          const request = await locked(tx, m, requestId);
          if (!request) return 'not_found' as const;
          const records = await recordsOf(tx, request.id);
          const blocker = blockersOf(request, records)[0];
          if (blocker) return blocker;
          const rule = requestTransitions.check(request.status, 'close', ['practitioner']);
          if (typeof rule === 'string') return 'not_allowed' as const;
          const versions = await documents.list(REQUEST_DOCUMENTS, request.id, tx);
          const latest = new Map(versions.map((d) => [d.id, d.versions[0]?.id]));
          const contents: ReleasedFile[] = records
            .filter((r) => r.decision === 'released_in_full' || r.decision === 'released_in_part')
            .map((r) => {
              const versionId = latest.get(r.decision === 'released_in_part' ? r.releasedDocumentId! : r.documentId);
              if (!versionId) throw new Error('access: a released record has no file');
              return { recordId: r.id, versionId, title: r.title, decision: r.decision as ReleasedFile['decision'], exemptions: r.exemptions, pages: r.decision === 'released_in_full' ? r.pages : (r.pagesReleased ?? 0) };
            });
          const decided = letterRecords(records);
          const pages = decided.reduce((s, r) => s + r.pagesReleased, 0);
          const letterId = await fileLetter(tx, request, m, await letterData(tx, request, input.disposition, decided, at), origin, at, staged);
          const [release] = await tx
            .insert(accessReleases)
            .values({ requestId: request.id, letterDocumentId: letterId, contents, pagesReleased: pages, exemptions: sectionsOf(records), deliveredAt: at, deliveredBy: m.accountId })
            .returning({ id: accessReleases.id });
          await recordEvent(tx, { authorityId: request.authorityId, event: 'access_release_delivered', actorId: m.accountId, subjectId: request.id, origin, at, details: { requestId: request.id, number: request.number, releaseId: release!.id, pages } });
          await closeRow(tx, request, m, input, pages, letterId, origin, at, rule.to);
          await core.mailRequester(tx, request, { template: 'accessReleaseDelivered', detail: detail(request, 'access.release.mail.deliveredDetail', { pages }), at });
          return 'ok' as const;
        }),
      (r) => r === 'ok');
    },

    /**
     * Closes without a release: no records exist, excluded, neither confirmed nor denied (the
     * request in progress), or abandoned (awaiting the requester's clarification or fee); the
     * response letter is filed and noticed, the requester mailed.
     */
    async close(m: Member, requestId: string, input: AnswerInput, origin: Origin): Promise<AnswerResult> {
      const at = clock.now();
      const staged: StagedFile[] = [];
      return withFiles(staged, () =>
        db.transaction(async (tx) => {
          const request = await locked(tx, m, requestId);
          if (!request) return 'not_found' as const;
          const rule = requestTransitions.check(request.status, input.disposition === 'abandoned' ? 'abandon' : 'close', ['practitioner']);
          if (typeof rule === 'string') return 'not_allowed' as const;
          // Abandoned while the requester was asked to clarify: that question is closed unanswered (the tracking page offers no answer to a closed request).
          if (request.status === 'awaiting_clarification') await tx.update(accessStops).set({ endedOn: localDateAt(at) }).where(and(eq(accessStops.requestId, request.id), isNull(accessStops.endedOn)));
          const letterId = await fileLetter(tx, request, m, await letterData(tx, request, input.disposition, [], at), origin, at, staged);
          await closeRow(tx, request, m, input, 0, letterId, origin, at, rule.to);
          await core.mailRequester(tx, request, { template: 'accessRequestClosed', detail: detail(request, 'access.release.mail.closedDetail', { disposition: translator(request.requesterLocale)(dispositionLabels[input.disposition]) }), at });
          return 'ok' as const;
        }),
      (r) => r === 'ok');
    },

    /** The fee waived (with its reason) or recorded as paid by cheque (with a note): the clock starts today; the requester is told the due date. */
    async settleFee(m: Member, requestId: string, input: { action: 'waive'; reason: string } | { action: 'record'; note: string }, origin: Origin): Promise<FeeResult> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const request = await locked(tx, m, requestId);
        if (!request) return 'not_found';
        const rule = requestTransitions.check(request.status, input.action === 'waive' ? 'waive' : 'record_fee', ['practitioner']);
        if (typeof rule === 'string') return 'not_allowed';
        const started = await core.startClock(tx, request, input.action === 'waive' ? 'waived' : 'paid', at, input.action === 'waive' ? input.reason : input.note);
        const base = { authorityId: request.authorityId, actorId: m.accountId, subjectId: request.id, origin, at };
        if (input.action === 'waive') await recordEvent(tx, { ...base, event: 'access_fee_waived', details: { requestId: request.id, number: request.number, reason: input.reason } });
        else await recordEvent(tx, { ...base, event: 'access_fee_recorded', details: { requestId: request.id, number: request.number, note: input.note } });
        const clockNow = await core.clockOf(started, tx, localDateAt(at));
        const due = clockNow.due?.due;
        await core.mailRequester(tx, started, {
          template: 'accessFeeSettled',
          detail: detail(started, input.action === 'waive' ? 'access.release.mail.waivedDetail' : 'access.release.mail.recordedDetail', { due: due ? formatLocalDate(started.requesterLocale, due) : '' }),
          at,
        });
        return 'ok';
      });
    },

    /**
     * Refunds a fee paid online, once, through billing (its refund is keyed by the request, so a
     * second click, or the office's support queue at the same time, is the same refund): the
     * request's fee becomes `refunded`, audited, the requester mailed. For the caller who checked
     * the person: the institution's practitioner (organizationId given) or the office's staff.
     */
    async refund(input: { requestId: string; accountId: string; reason: string; origin: Origin; organizationId?: string; authorityId?: string }): Promise<RefundResult> {
      const [request] = await db
        .select()
        .from(accessRequests)
        .where(input.authorityId ? and(eq(accessRequests.id, input.requestId), eq(accessRequests.authorityId, input.authorityId)) : eq(accessRequests.id, input.requestId));
      if (!request || (input.organizationId && request.organizationId !== input.organizationId)) return 'not_found';
      if (request.feeStatus === 'refunded') return 'already_refunded';
      const invoice = request.feeStatus === 'paid' ? await feeInvoice(request) : null;
      if (!invoice) return 'not_paid_online';
      const refundId = refundIdOf(request.id);
      const outcome = await deps.billing.staff.refundFor(input.accountId, invoice.id, { refundId, amountCents: invoice.totalCents - invoice.refundedCents, reason: input.reason, subject: { kind: REQUEST_INVOICE, id: request.id } }, input.origin);
      if (outcome === 'non_refundable') return 'non_refundable';
      if (outcome === 'provider_failed') return 'failed';
      if (outcome === 'not_found') return 'not_found';
      if (outcome !== 'refunded' && outcome !== 'pending' && outcome !== 'already_requested') return 'not_paid_online';
      // Asked before (a second click while the first is on its way): marked only once billing says the invoice is refunded.
      if (outcome === 'already_requested' && (await feeInvoice(request))?.status !== 'refunded') return 'already_refunded';
      const at = clock.now();
      return db.transaction(async (tx) => {
        const row = await core.lockRequest(tx, request.id);
        if (!row) return 'not_found' as const;
        if (row.feeStatus === 'refunded') return 'already_refunded' as const;
        await tx.update(accessRequests).set({ feeStatus: 'refunded', feeNote: input.reason, updatedAt: at }).where(eq(accessRequests.id, row.id));
        await recordEvent(tx, { authorityId: row.authorityId, event: 'access_fee_refunded', actorId: input.accountId, subjectId: row.id, origin: input.origin, at, details: { requestId: row.id, number: row.number, invoiceId: invoice.id, reason: input.reason } });
        await core.mailRequester(tx, row, { template: 'accessFeeRefunded', detail: detail(row, 'access.release.mail.refundedDetail', { amount: formatMoney(row.requesterLocale, invoice.totalCents - invoice.refundedCents), reason: input.reason }), at });
        return outcome === 'pending' ? ('pending' as const) : ('refunded' as const);
      });
    },

    /** The invoice of a request's fee paid online (the fee page shows its number and whether a refund is possible). */
    feeInvoice,

    /** Requests of these ids that have a release (the workspace's lists may show it). */
    async releasedAmong(requestIds: string[]) {
      if (requestIds.length === 0) return new Set<string>();
      const rows = await db.select({ id: accessReleases.requestId }).from(accessReleases).where(inArray(accessReleases.requestId, requestIds));
      return new Set(rows.map((r) => r.id));
    },
  };
}

export type ReleaseService = ReturnType<typeof createReleaseService>;
