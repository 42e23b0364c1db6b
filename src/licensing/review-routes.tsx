import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CaseworkService, queueQuerySchema } from '../casework/index.ts';
import { type DocumentService, refusalStatus, refusalText } from '../documents/index.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { AppError } from '../platform/errors.ts';
import { page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import { fieldErrors, parseForm } from '../platform/text.ts';
import type { FieldErrors, PageContext } from '../platform/views/layout.tsx';
import type { ApplicationFile } from './queries.ts';
import { applicationParams, assignmentSchema, decisionSchema, documentReviewSchema, returnSchema, reviewDocumentParams, staffUploadFields, stringsOf } from './schemas.ts';
import type { LicensingService } from './service.ts';
import type { ReviewResult } from './use-cases/review.ts';
import { type Blocker, QueuePageView, ReviewPage } from './views/review.tsx';

const reviewNotices = {
  pickedUp: 'licensing.review.notice.pickedUp',
  assigned: 'licensing.review.notice.assigned',
  released: 'licensing.review.notice.released',
  documentMarked: 'licensing.review.notice.documentMarked',
  documentAdded: 'licensing.review.notice.documentAdded',
  returned: 'licensing.review.notice.returned',
  decided: 'licensing.review.notice.decided',
} as const satisfies Record<string, MessageKey>;
type ReviewNotice = keyof typeof reviewNotices;

const refusalKeys = {
  not_found: 'licensing.review.problem.notFound',
  not_yours: 'licensing.review.problem.notYours',
  not_allowed: 'licensing.review.problem.notAllowed',
} as const satisfies Record<Exclude<ReviewResult, 'ok'>, MessageKey>;

/** The application in the address; a malformed one does not exist. */
function applicationIdOf(request: FastifyRequest): string {
  const params = applicationParams.safeParse(request.params);
  if (!params.success) throw new AppError('not_found');
  return params.data.applicationId;
}

/** Why this staff member cannot act on the application now, or null when they can. */
function blockerOf(file: ApplicationFile, staffId: string): Blocker | null {
  const review = file.review;
  if (file.application.status === 'approved' || file.application.status === 'refused' || file.application.status === 'withdrawn') return 'decided';
  if (!review || file.application.status !== 'submitted') return 'not_submitted';
  if (review.status !== 'picked_up') return 'not_picked_up';
  return review.assigneeId === staffId ? null : 'someone_else';
}

export function registerReviewRoutes(app: FastifyInstance, deps: { licensing: LicensingService; documents: DocumentService; casework: CaseworkService; maxBytes: number }) {
  const { licensing, casework, documents } = deps;
  const review = licensing.review;

  page(app, 'GET', 'licensing.queue', async (request, reply, ctx, staff) => {
    const parsed = queueQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) throw new AppError('bad_request');
    const filters = parsed.data;
    const [queue, types, people] = await Promise.all([
      casework.queue(staff.staffAuthorityId, { ...filters, subjectKind: 'application' }, staff.id),
      licensing.typesOf(staff.staffAuthorityId),
      casework.assignable(staff.staffAuthorityId),
    ]);
    return sendHtml(reply, <QueuePageView ctx={ctx} rows={queue.rows} total={queue.total} counts={queue.counts} types={types} filters={filters} staff={people} />);
  }, { access: 'staff' });

  const reviewPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, extra: { errors?: FieldErrors; values?: Record<string, string>; problem?: string; status?: number } = {}) => {
    const applicationId = applicationIdOf(request);
    const file = await review.file(staff, applicationId);
    if (!file) throw new AppError('not_found');
    const [steps, people] = await Promise.all([file.review ? casework.timeline(file.review.id, { forApplicant: false }) : Promise.resolve([]), casework.assignable(staff.staffAuthorityId)]);
    const assigneeName = people.find((p) => p.id === file.review?.assigneeId)?.name ?? null;
    const raw = (request.query as Record<string, unknown>).notice;
    const notice = typeof raw === 'string' && Object.hasOwn(reviewNotices, raw) ? reviewNotices[raw as ReviewNotice] : undefined;
    return sendHtml(
      reply,
      <ReviewPage ctx={ctx} file={file} steps={steps} blocker={blockerOf(file, staff.id)} assigneeName={assigneeName} staff={staff} staffMembers={people} errors={extra.errors} values={extra.values} problem={extra.problem} notice={notice} />,
      extra.status ?? 200,
    );
  };

  const back = (reply: FastifyReply, ctx: PageContext, applicationId: string, notice: ReviewNotice) =>
    reply.redirect(`${href('licensing.review', ctx.locale, { applicationId })}?notice=${notice}`, 303);

  /** A refusal of the service, said on the review page (409: the application moved on meanwhile). */
  const refused = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, result: Exclude<ReviewResult, 'ok'>) => {
    if (result === 'not_found') throw new AppError('not_found');
    return reviewPage(request, reply, ctx, staff, { problem: ctx.t(refusalKeys[result]), status: 409 });
  };

  page(app, 'GET', 'licensing.review', async (request, reply, ctx, staff) => reviewPage(request, reply, ctx, staff), { access: 'staff' });

  page(app, 'POST', 'licensing.reviewAssignment', async (request, reply, ctx, staff) => {
    const applicationId = applicationIdOf(request);
    if (!(await review.file(staff, applicationId))) throw new AppError('not_found');
    // The pick-up and release buttons name their action in the address; the assign form in its fields.
    const parsed = parseForm(assignmentSchema, { ...(request.body as object), ...(request.query as object) });
    if (!parsed.success) throw new AppError('bad_request');
    const { action, assigneeId } = parsed.data;
    if (action === 'assign' && !assigneeId) return reviewPage(request, reply, ctx, staff, { errors: { assigneeId: 'invalid.licensing.assignee' }, status: 400 });
    const result = await review.assignment(staff, applicationId, action, assigneeId || null, origin(request));
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return back(reply, ctx, applicationId, action === 'pick_up' ? 'pickedUp' : action === 'assign' ? 'assigned' : 'released');
  }, { access: 'staff' });

  page(app, 'POST', 'licensing.reviewDocument', async (request, reply, ctx, staff) => {
    const params = reviewDocumentParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const parsed = parseForm(documentReviewSchema, request.body);
    const values = { ...stringsOf(request.body), documentId: params.data.documentId };
    if (!parsed.success) return reviewPage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), values, status: 400 });
    const result = await review.markDocument(staff, params.data.applicationId, params.data.documentId, parsed.data.status, parsed.data.reason, origin(request));
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return back(reply, ctx, params.data.applicationId, 'documentMarked');
  }, { access: 'staff' });

  page(app, 'POST', 'licensing.reviewUpload', async (request, reply, ctx, staff) => {
    const applicationId = applicationIdOf(request);
    const file = await review.file(staff, applicationId);
    if (!file) throw new AppError('not_found');
    const received = await documents.receiveUpload(request, { maxBytes: deps.maxBytes });
    const fields = staffUploadFields.safeParse(received.fields);
    if (!received.ok) {
      await licensing.uploadRefused(staff.id, file.application.authorityId, received.refusal, origin(request));
      const errors: FieldErrors = { ...(fields.success ? {} : fieldErrors(fields.error)), file: received.refusal.reason === 'empty' ? 'invalid.licensing.file' : 'licensing.upload.problem' };
      return reviewPage(request, reply, ctx, staff, { errors, values: received.fields, ...(received.refusal.reason === 'empty' ? {} : { problem: refusalText(ctx.t, ctx.locale, received.refusal) }), status: refusalStatus[received.refusal.reason] });
    }
    if (!fields.success) {
      await documents.discard(received.file);
      return reviewPage(request, reply, ctx, staff, { errors: fieldErrors(fields.error), values: received.fields, status: 400 });
    }
    const result = await review.addDocument(staff, applicationId, fields.data.typeCode, fields.data.source, received.file, origin(request));
    if (result === 'unknown_type') return reviewPage(request, reply, ctx, staff, { errors: { typeCode: 'invalid.licensing.documentType' }, values: received.fields, status: 400 });
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return back(reply, ctx, applicationId, 'documentAdded');
  }, { access: 'staff', config: { multipart: true } });

  page(app, 'POST', 'licensing.reviewReturn', async (request, reply, ctx, staff) => {
    const applicationId = applicationIdOf(request);
    const parsed = parseForm(returnSchema, request.body);
    if (!parsed.success) return reviewPage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), values: stringsOf(request.body), status: 400 });
    const result = await review.returnToApplicant(staff, applicationId, parsed.data.request, origin(request));
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return back(reply, ctx, applicationId, 'returned');
  }, { access: 'staff' });

  page(app, 'POST', 'licensing.reviewDecision', async (request, reply, ctx, staff) => {
    const applicationId = applicationIdOf(request);
    const parsed = parseForm(decisionSchema, request.body);
    if (!parsed.success) return reviewPage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), values: stringsOf(request.body), status: 400 });
    const result = await review.decide(staff, applicationId, parsed.data.outcome, parsed.data.reasons, origin(request));
    if (typeof result === 'object') return reviewPage(request, reply, ctx, staff, { problem: ctx.t('licensing.review.problem.documentsPending'), values: stringsOf(request.body), status: 409 });
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return back(reply, ctx, applicationId, 'decided');
  }, { access: 'staff' });
}
