import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { recordEvent } from '../../audit/index.ts';
import type { BillingService, Invoice } from '../../billing/index.ts';
import { invoices } from '../../billing/index.ts';
import type { DocumentService, StagedFile } from '../../documents/index.ts';
import { localDateAt } from '../../platform/calendar.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { type Bilingual, type Locale, translator } from '../../platform/i18n/index.ts';
import type { Origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import type { RequestClock } from '../clock.ts';
import { type AccessCore, type AccessRequest, REQUEST_DOCUMENTS, REQUEST_INVOICE } from '../core.ts';
import { accessDrafts, accessReleases, accessRequests, accessStops } from '../schema.ts';
import { requestTransitions } from '../states.ts';
import { institutionNames, latestVersions, noticesOf, type ReleasedFile, requestsOfRequester } from './queries.ts';
import { type Answers, firstUnanswered, type Step } from './schemas.ts';

/** A draft not touched for this long is forgotten (its answers are not shown again). */
export const DRAFT_DAYS = 7;
/** The document type of the identity proof of a personal information request. */
export const IDENTITY_PROOF = 'identity_proof';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export type Draft = typeof accessDrafts.$inferSelect & { answers: Answers };

export type SubmitResult =
  | { kind: 'sent'; request: AccessRequest; token: string }
  | { kind: 'incomplete'; step: Step }
  /** The identity proof was uploaded by another account than the one signed in now (or nobody is). */
  | { kind: 'sign_in' }
  | { kind: 'gone' };

/** What the tracking page shows of a request (never the records gathered, only what was sent). */
export interface TrackingView {
  institution: Bilingual;
  clock: RequestClock;
  invoice: Pick<Invoice, 'id' | 'status' | 'totalCents' | 'accountId' | 'number' | 'receiptNumber'> | null;
  stop: typeof accessStops.$inferSelect | null;
  notices: { id: string; kind: 'extension' | 'commissioner' | 'response'; sentAt: Date; versionId: string | null }[];
  release: { id: string; deliveredAt: Date; pagesReleased: number; letterVersionId: string | null; files: ReleasedFile[] } | null;
}

/**
 * The public request service (Part A): the draft kept between the form's pages, the request sent
 * (its number, the $5 invoice, the mail), the payment by a guest, the tracking page's view, the
 * requester's clarification, the released files, the tracking link sent again, and a person's
 * own requests.
 */
export function createPublicService(deps: { db: Database; clock: Clock; core: AccessCore; billing: BillingService; documents: DocumentService; publicUrl: URL }) {
  const { db, clock, core } = deps;
  const fresh = () => new Date(clock.now().getTime() - DRAFT_DAYS * 86_400_000);

  async function draftOf(token: string | undefined, authorityId: string, executor: Executor = db, lock = false): Promise<Draft | null> {
    if (!token || token.length < 20 || token.length > 100) return null;
    const query = executor.select().from(accessDrafts).where(and(eq(accessDrafts.tokenHash, hashOf(token)), eq(accessDrafts.authorityId, authorityId)));
    const [row] = lock ? await query.for('update') : await query;
    if (!row || row.updatedAt < fresh()) return null;
    return row as Draft;
  }

  return {
    draftOf: (token: string | undefined, authorityId: string) => draftOf(token, authorityId),

    /**
     * Keeps a step's answers (an answer given as null is removed): in the draft of the cookie's
     * key, or a new draft with a new key (returned, for the cookie). Drafts left too long are
     * deleted on the way.
     */
    async saveAnswers(token: string | undefined, authorityId: string, answers: Partial<Record<keyof Answers, string | null>>, identity?: { file: StagedFile; accountId: string }): Promise<{ token: string; discarded: StagedFile | null }> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        await tx.delete(accessDrafts).where(lt(accessDrafts.updatedAt, fresh()));
        const found = await draftOf(token, authorityId, tx, true);
        const merged: Record<string, string> = { ...(found?.answers as Record<string, string> | undefined) };
        for (const [name, value] of Object.entries(answers)) {
          if (value === null || value === undefined) delete merged[name];
          else merged[name] = value;
        }
        const identityValues = identity ? { identityFile: identity.file, identityAccountId: identity.accountId } : {};
        if (found && token) {
          await tx.update(accessDrafts).set({ answers: merged, updatedAt: now, ...identityValues }).where(eq(accessDrafts.id, found.id));
          return { token, discarded: identity && found.identityFile ? (found.identityFile as StagedFile) : null };
        }
        const key = randomBytes(32).toString('base64url');
        await tx.insert(accessDrafts).values({ authorityId, tokenHash: hashOf(key), answers: merged, createdAt: now, updatedAt: now, ...identityValues });
        return { token: key, discarded: null };
      });
    },

    institutions: (authorityId: string) => core.institutions(authorityId),

    /**
     * Sends the request of a draft, in one transaction: `core.receive` (channel online, the fee due
     * for an access request), the identity proof attached for a personal information request, the
     * $5 invoice (to the account, or to the guest by name and email), the mail to the requester
     * (number and tracking link) and to the institution's practitioners (number only); the draft goes.
     */
    async submit(token: string | undefined, authorityId: string, account: { id: string } | null, locale: Locale, origin: Origin): Promise<SubmitResult> {
      const at = clock.now();
      const result = await db.transaction(async (tx): Promise<SubmitResult> => {
        const draft = await draftOf(token, authorityId, tx, true);
        if (!draft) return { kind: 'gone' };
        const answers = draft.answers;
        const missing = firstUnanswered(answers, draft.identityFile !== null);
        if (missing !== 'check') return { kind: 'incomplete', step: missing };
        if (!(await core.isInstitution(answers.organizationId!, authorityId, tx))) return { kind: 'incomplete', step: 'institution' };
        const privacy = answers.act === 'privacy';
        if (privacy && (!account || account.id !== draft.identityAccountId)) return { kind: 'sign_in' };
        const settings = await core.settings(authorityId, tx);
        if (!settings) return { kind: 'gone' };
        const received = await core.receive(tx, {
          authorityId,
          organizationId: answers.organizationId!,
          act: answers.act!,
          channel: 'online',
          requesterAccountId: account?.id ?? null,
          requesterName: answers.name!,
          requesterEmail: answers.email!,
          requesterPhone: answers.phone ?? null,
          requesterLocale: locale,
          requesterCategory: answers.category!,
          description: answers.description!,
          periodFrom: (answers.periodFrom as `${number}-${number}-${number}` | undefined) ?? null,
          periodTo: (answers.periodTo as `${number}-${number}-${number}` | undefined) ?? null,
          format: answers.format!,
          fee: 'due',
          origin,
          at,
        });
        let request = received.request;
        if (privacy && account) {
          await deps.documents.attach(tx, { authorityId, ownerAccountId: account.id, subjectKind: REQUEST_DOCUMENTS, subjectId: request.id, typeCode: IDENTITY_PROOF, uploadedBy: account.id, origin, at }, draft.identityFile as StagedFile);
        }
        if (request.feeStatus === 'due') {
          const issued = await deps.billing.issueInvoice(tx, {
            authorityId,
            ...(account ? { accountId: account.id } : { payer: { name: answers.name!, email: answers.email! } }),
            feeCodes: [settings.feeCode],
            subject: { kind: REQUEST_INVOICE, id: request.id, reference: request.number },
            locale,
            at,
            actorId: account?.id ?? null,
            origin,
          });
          // The office's fee schedule must hold its fee code (access_settings.fee_code): a request that could never be paid is not taken.
          if (issued.kind !== 'issued') throw new Error(`access: the fee ${settings.feeCode} is not in the authority's fee schedule`);
          const [withInvoice] = await tx.update(accessRequests).set({ invoiceId: issued.invoice.id }).where(eq(accessRequests.id, request.id)).returning();
          request = withInvoice ?? request;
        }
        await core.mailRequester(tx, request, { template: 'accessPublicSubmitted', detail: translator(request.requesterLocale)(request.feeStatus === 'due' ? 'access.public.mail.submittedFee' : 'access.public.mail.submittedDetail', { number: request.number }), at });
        await core.mailEach(tx, authorityId, await core.practitioners(tx, request.organizationId), {
          template: 'accessPublicReceived',
          path: (l) => href('access.workspace.request', l, { organizationId: request.organizationId, requestId: request.id }),
          detail: (l) => translator(l)('access.public.mail.receivedDetail', { number: request.number }),
          at,
        });
        await tx.delete(accessDrafts).where(eq(accessDrafts.id, draft.id));
        return { kind: 'sent', request, token: received.token };
      });
      return result;
    },

    /** What the tracking page shows. */
    async view(request: AccessRequest): Promise<TrackingView> {
      const [names, clock_, invoice, stop, notices, release] = await Promise.all([
        institutionNames(db, [request.organizationId]),
        core.clockOf(request),
        request.invoiceId
          ? db.select({ id: invoices.id, status: invoices.status, totalCents: invoices.totalCents, accountId: invoices.accountId, number: invoices.number, receiptNumber: invoices.receiptNumber }).from(invoices).where(eq(invoices.id, request.invoiceId)).then((r) => r[0] ?? null)
          : Promise.resolve(null),
        core.openStop(db, request.id),
        noticesOf(db, request.id),
        db.select().from(accessReleases).where(eq(accessReleases.requestId, request.id)).then((r) => r[0] ?? null),
      ]);
      let shownRelease: TrackingView['release'] = null;
      if (release) {
        const letter = await latestVersions(db, [release.letterDocumentId]);
        shownRelease = { id: release.id, deliveredAt: release.deliveredAt, pagesReleased: release.pagesReleased, letterVersionId: letter.get(release.letterDocumentId) ?? null, files: (release.contents as ReleasedFile[]) ?? [] };
      }
      return { institution: names.get(request.organizationId) ?? { fr: '', en: '' }, clock: clock_, invoice, stop, notices, release: shownRelease };
    },

    /**
     * "Pay $5" for a guest's invoice (the tracking link checked by the page): the provider's page,
     * coming back to the tracking page. A signed-in requester's invoice is paid on billing's pages.
     */
    async pay(request: AccessRequest, token: string, origin: Origin) {
      if (!request.invoiceId) return { kind: 'not_found' as const };
      const base = deps.publicUrl.origin;
      const q = `?t=${encodeURIComponent(token)}`;
      return deps.billing.payments.payAsSubject(request.invoiceId, origin, {
        successUrl: `${base}${href('access.public.paymentReturn', request.requesterLocale, { requestId: request.id })}${q}`,
        cancelUrl: `${base}${href('access.public.request', request.requesterLocale, { requestId: request.id })}${q}`,
      });
    },

    /** Back from the provider's page: asked of the provider (the address proves nothing). */
    returned: (request: AccessRequest) => (request.invoiceId ? deps.billing.payments.returnedAsSubject(request.invoiceId) : Promise.resolve('not_found' as const)),

    /**
     * The requester's answer to the clarification asked: the stop ends today, the clock runs again
     * (its due day moves by the days stopped), audited, the practitioners mailed. One transaction.
     */
    async clarify(requestId: string, answer: string, by: { accountId: string | null }, origin: Origin): Promise<'ok' | 'not_allowed'> {
      const at = clock.now();
      return db.transaction(async (tx) => {
        const request = await core.lockRequest(tx, requestId);
        if (!request) return 'not_allowed';
        const rule = requestTransitions.check(request.status, 'clarify', ['requester']);
        if (typeof rule === 'string') return 'not_allowed';
        const stop = await core.openStop(tx, request.id);
        if (!stop) return 'not_allowed';
        await tx.update(accessStops).set({ endedOn: localDateAt(at), answer, answeredBy: by.accountId, answeredAt: at }).where(and(eq(accessStops.id, stop.id), isNull(accessStops.endedOn)));
        const [row] = await tx.update(accessRequests).set({ status: rule.to, updatedAt: at }).where(eq(accessRequests.id, request.id)).returning();
        await core.refreshDue(tx, row!, at);
        await recordEvent(tx, { authorityId: request.authorityId, event: rule.event as 'access_clarification_answered', actorId: by.accountId, subjectId: request.id, origin, at, details: { requestId: request.id, number: request.number, stopId: stop.id, by: 'requester' } });
        await core.mailEach(tx, request.authorityId, await core.practitioners(tx, request.organizationId), {
          template: 'accessPublicClarified',
          path: (l) => href('access.workspace.request', l, { organizationId: request.organizationId, requestId: request.id }),
          detail: (l) => translator(l)('access.public.mail.clarifiedDetail', { number: request.number }),
          at,
        });
        return 'ok';
      });
    },

    /**
     * A file the requester may download from the tracking page: a version listed in the release
     * delivered (its contents, or its letter) or a notice's letter; nothing else of the request
     * (a record gathered but withheld is never reachable). A released file is audited, and the
     * release's first download noted once.
     */
    async file(request: AccessRequest, versionId: string, via: 'account' | 'link', accountId: string | null, origin: Origin) {
      const view = await this.view(request);
      const released = view.release && (view.release.files.some((f) => f.versionId === versionId) || view.release.letterVersionId === versionId);
      const noticeLetter = view.notices.some((n) => n.versionId === versionId);
      if (!released && !noticeLetter) return null;
      const version = await deps.documents.subjectVersion(versionId, REQUEST_DOCUMENTS, request.id);
      if (!version) return null;
      if (released && view.release) {
        const at = clock.now();
        const releaseId = view.release.id;
        await db.transaction(async (tx) => {
          await tx.update(accessReleases).set({ firstDownloadedAt: at }).where(and(eq(accessReleases.id, releaseId), isNull(accessReleases.firstDownloadedAt)));
          await recordEvent(tx, { authorityId: request.authorityId, event: 'access_release_downloaded', actorId: accountId, subjectId: request.id, origin, at, details: { requestId: request.id, number: request.number, releaseId, versionId, via } });
        });
      }
      return version;
    },

    /**
     * "Track a request": when the number and the email match a request of the portal's authority,
     * its tracking link is mailed again (audited). The page answers the same either way.
     */
    async sendTrackingLink(authorityId: string, number: string, email: string, origin: Origin): Promise<void> {
      const at = clock.now();
      await db.transaction(async (tx) => {
        const [request] = await tx
          .select()
          .from(accessRequests)
          .where(and(eq(accessRequests.authorityId, authorityId), eq(accessRequests.number, number), sql`lower(${accessRequests.requesterEmail}) = lower(${email})`));
        if (!request) return;
        await core.mailRequester(tx, request, { template: 'accessPublicTrackingLink', detail: translator(request.requesterLocale)('access.public.mail.trackingDetail', { number: request.number }), at });
        await recordEvent(tx, { authorityId, event: 'access_tracking_link_sent', actorId: null, subjectId: request.id, origin, at, details: { requestId: request.id, number: request.number } });
      });
    },

    /** A person's own requests at the authority, newest first, with their clocks and institutions. */
    async mine(accountId: string, authorityId: string) {
      const rows = await requestsOfRequester(db, accountId, authorityId);
      const names = await institutionNames(db, [...new Set(rows.map((r) => r.organizationId))]);
      return Promise.all(rows.map(async (r) => ({ request: r, institution: names.get(r.organizationId) ?? { fr: '', en: '' }, clock: await core.clockOf(r) })));
    },

    /** How many of a person's requests at the authority are still open (the dashboard card). */
    async openCount(accountId: string, authorityId: string): Promise<{ open: number; total: number }> {
      const [row] = await db
        .select({ total: sql<number>`count(*)::int`, open: sql<number>`count(*) filter (where ${accessRequests.status} <> 'closed')::int` })
        .from(accessRequests)
        .where(and(eq(accessRequests.requesterAccountId, accountId), eq(accessRequests.authorityId, authorityId)));
      return { open: Number(row?.open ?? 0), total: Number(row?.total ?? 0) };
    },
  };
}

export type PublicService = ReturnType<typeof createPublicService>;
