import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { refusalStatus, refusalText, type DocumentService, type UploadResult } from '../../documents/index.ts';
import type { OrganizationService } from '../../organizations/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../../platform/http.tsx';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import { fieldErrors, parseForm } from '../../platform/text.ts';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import type { AccessCore, AccessRequest } from '../core.ts';
import { type PractitionerActor, practitionerGuard } from '../guards.ts';
import type { Disposition } from '../states.ts';
import { letterText } from './letter.ts';
import { type AnswerInput, closeDispositions, closeSchema, decisionFields, feeSchema, packageSchema, recordFields } from './schemas.ts';
import type { ReleaseService } from './service.ts';
import { ClosePage, FeePage, PackagePage, RecordPage, RecordsPage } from './views.tsx';

const notices = {
  added: 'access.release.notice.added',
  decided: 'access.release.notice.decided',
  delivered: 'access.release.notice.delivered',
  closed: 'access.release.notice.closed',
  waived: 'access.release.notice.waived',
  recorded: 'access.release.notice.recorded',
  refunded: 'access.release.notice.refunded',
  refundPending: 'access.release.notice.refundPending',
} as const satisfies Record<string, MessageKey>;

const problems = {
  closed: 'access.release.problem.closed',
  not_allowed: 'access.release.problem.notAllowed',
  not_in_progress: 'access.release.blocker.not_in_progress',
  no_records: 'access.release.blocker.no_records',
  pending: 'access.release.problem.pending',
  already_refunded: 'access.release.problem.alreadyRefunded',
  not_paid_online: 'access.release.fee.notOnline',
  non_refundable: 'access.release.problem.nonRefundable',
  failed: 'access.release.problem.refundFailed',
} as const satisfies Record<string, MessageKey>;

const recordParams = z.object({ recordId: z.uuid() });

/** What was typed in a form, to show it again (strings only). */
const typed = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_')));

/** The request of the page (the guard found it with this institution); none is a page not found. */
function requestOf(actor: PractitionerActor): AccessRequest {
  if (!actor.request) throw new AppError('not_found');
  return actor.request;
}

const member = (actor: PractitionerActor) => ({ accountId: actor.account.id, organizationId: actor.membership.organizationId, authorityId: actor.membership.authorityId });

/** The closing dispositions the request's state allows: the close of an open request in progress, or abandoning one that waits on its requester. */
export function closingAllowed(request: Pick<AccessRequest, 'status'>): Disposition[] {
  if (request.status === 'in_progress') return closeDispositions.filter((d) => d !== 'abandoned');
  if (request.status === 'awaiting_clarification' || request.status === 'awaiting_fee') return ['abandoned'];
  return [];
}

type Extra = { errors?: FieldErrors; values?: Record<string, string>; problem?: string; status?: number };

export function registerReleaseRoutes(app: FastifyInstance, deps: { core: AccessCore; release: ReleaseService; organizations: OrganizationService; documents: DocumentService; db: Database; clock: Clock }) {
  const { core, release } = deps;
  const access = practitionerGuard(core, deps.organizations);

  const common = async (request: FastifyRequest, ctx: PageContext, actor: PractitionerActor, extra: Extra) => {
    const r = requestOf(actor);
    return { ctx, organizationId: actor.membership.organizationId, request: r, clock: await core.clockOf(r), notice: noticeOf(request, notices), errors: extra.errors, values: extra.values ?? request.typedValues, problem: extra.problem };
  };
  const done = (reply: FastifyReply, ctx: PageContext, actor: PractitionerActor, name: 'access.release.records' | 'access.release.package' | 'access.release.close' | 'access.release.fee', notice: keyof typeof notices) =>
    reply.redirect(`${href(name, ctx.locale, { organizationId: actor.membership.organizationId, requestId: requestOf(actor).id })}?notice=${notice}`, 303);

  /** An upload's refusal: the audit row (but for an empty field), the field's error and the refusal in words. */
  async function refusal(request: FastifyRequest, ctx: PageContext, actor: PractitionerActor, received: Extract<UploadResult, { ok: false }>): Promise<Extra> {
    if (received.refusal.reason !== 'empty') await deps.documents.recordRefusal(deps.db, { authorityId: actor.membership.authorityId, actorId: actor.account.id, origin: origin(request), at: deps.clock.now() }, received.refusal);
    return {
      errors: { file: received.refusal.reason === 'empty' ? 'invalid.access.release.file' : 'invalid.access.release.fileRefused' },
      values: received.fields,
      status: refusalStatus[received.refusal.reason],
      ...(received.refusal.reason === 'empty' ? {} : { problem: refusalText(ctx.t, ctx.locale, received.refusal) }),
    };
  }

  // ------------------------------------------------------------ The records gathered
  const recordsPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: PractitionerActor, extra: Extra = {}) => {
    const props = await common(request, ctx, actor, extra);
    return sendHtml(reply, <RecordsPage {...props} view={await release.view(props.request)} />, extra.status ?? 200);
  };

  page(app, 'GET', 'access.release.records', (request, reply, ctx, actor) => recordsPage(request, reply, ctx, actor), { access });

  page(app, 'POST', 'access.release.records', async (request, reply, ctx, actor) => {
    const r = requestOf(actor);
    const received = await deps.documents.receiveUpload(request);
    const fields = recordFields.safeParse(received.fields);
    if (!received.ok) {
      const extra = await refusal(request, ctx, actor, received);
      return recordsPage(request, reply, ctx, actor, { ...extra, errors: { ...(fields.success ? {} : fieldErrors(fields.error)), ...extra.errors } });
    }
    if (!fields.success) {
      await deps.documents.discard(received.file);
      return recordsPage(request, reply, ctx, actor, { errors: fieldErrors(fields.error), values: received.fields, status: 400 });
    }
    const result = await release.addRecord(member(actor), r.id, fields.data, received.file, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'closed') return recordsPage(request, reply, ctx, actor, { problem: ctx.t(problems.closed), values: received.fields, status: 409 });
    return done(reply, ctx, actor, 'access.release.records', 'added');
  }, { access, multipart: true });

  // ------------------------------------------------------------ One record and its decision
  const recordPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: PractitionerActor, extra: Extra = {}) => {
    const params = recordParams.safeParse(request.params);
    const record = params.success ? await release.record(requestOf(actor).id, params.data.recordId) : null;
    if (!record) throw new AppError('not_found');
    const props = await common(request, ctx, actor, extra);
    return sendHtml(reply, <RecordPage {...props} record={record} />, extra.status ?? 200);
  };

  page(app, 'GET', 'access.release.record', (request, reply, ctx, actor) => recordPage(request, reply, ctx, actor), { access });

  page(app, 'POST', 'access.release.record', async (request, reply, ctx, actor) => {
    const r = requestOf(actor);
    const params = recordParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const received = await deps.documents.receiveUpload(request);
    const fields = decisionFields.safeParse(received.fields);
    // No file is fine unless the decision needs one (released in part, without an earlier redacted version).
    if (!received.ok && received.refusal.reason !== 'empty') {
      const extra = await refusal(request, ctx, actor, received);
      return recordPage(request, reply, ctx, actor, { ...extra, errors: { ...(fields.success ? {} : fieldErrors(fields.error)), ...extra.errors } });
    }
    const file = received.ok ? received.file : null;
    if (!fields.success) {
      if (file) await deps.documents.discard(file);
      return recordPage(request, reply, ctx, actor, { errors: fieldErrors(fields.error), values: received.fields, status: 400 });
    }
    // A file sent with another decision than "in part" is not kept. The redacted version is a PDF:
    // a word-processing file keeps what was struck out in its history.
    const redacted = fields.data.decision === 'released_in_part' ? file : null;
    if (file && !redacted) await deps.documents.discard(file);
    if (redacted && redacted.contentType !== 'application/pdf') {
      await deps.documents.discard(redacted);
      return recordPage(request, reply, ctx, actor, { errors: { file: 'invalid.access.release.redactedPdf' }, values: received.fields, status: 400 });
    }
    const result = await release.decide(member(actor), r.id, params.data.recordId, fields.data, redacted, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'redacted_required') return recordPage(request, reply, ctx, actor, { errors: { file: 'invalid.access.release.redactedRequired' }, values: received.fields, status: 400 });
    if (result === 'too_many_pages') return recordPage(request, reply, ctx, actor, { errors: { pagesReleased: 'invalid.access.release.tooManyPages' }, values: received.fields, status: 400 });
    if (result === 'closed') return recordPage(request, reply, ctx, actor, { problem: ctx.t(problems.closed), values: received.fields, status: 409 });
    return done(reply, ctx, actor, 'access.release.records', 'decided');
  }, { access, multipart: true });

  // ------------------------------------------------------------ The release package
  const packagePage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: PractitionerActor, extra: Extra & { confirm?: AnswerInput } = {}) => {
    const props = await common(request, ctx, actor, extra);
    const view = await release.view(props.request);
    const chosen = (extra.confirm?.disposition ?? extra.values?.disposition ?? view.suggested) as Disposition | null;
    const letter = chosen && view.blockers.length === 0 ? letterText(await view.letter(chosen), ctx.locale) : null;
    return sendHtml(reply, <PackagePage {...props} view={view} letter={letter} confirm={extra.confirm} />, extra.status ?? 200);
  };

  page(app, 'GET', 'access.release.package', (request, reply, ctx, actor) => packagePage(request, reply, ctx, actor), { access });

  page(app, 'POST', 'access.release.package', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const parsed = parseForm(packageSchema, request.body);
    if (!parsed.success) return packagePage(request, reply, ctx, actor, { errors: fieldErrors(parsed.error), values, status: 400 });
    const { confirmed, _csrf: _, ...input } = parsed.data;
    if (confirmed !== 'yes') return packagePage(request, reply, ctx, actor, { confirm: input, values });
    const result = await release.deliver(member(actor), requestOf(actor).id, input, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result !== 'ok') return packagePage(request, reply, ctx, actor, { problem: ctx.t(problems[result], { pending: 1 }), values, status: 409 });
    return done(reply, ctx, actor, 'access.release.package', 'delivered');
  }, { access });

  // ------------------------------------------------------------ Closing without a release
  const closePage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: PractitionerActor, extra: Extra & { confirm?: AnswerInput } = {}) => {
    const props = await common(request, ctx, actor, extra);
    const allowed = closingAllowed(props.request);
    const view = await release.view(props.request);
    // Closing without a release: the letter lists no records (the service's letter neither).
    const letter = extra.confirm ? letterText({ ...(await view.letter(extra.confirm.disposition)), records: [] }, ctx.locale) : null;
    return sendHtml(reply, <ClosePage {...props} allowed={allowed} letter={letter} letterVersion={view.letterVersion} confirm={extra.confirm} />, extra.status ?? 200);
  };

  page(app, 'GET', 'access.release.close', (request, reply, ctx, actor) => closePage(request, reply, ctx, actor), { access });

  page(app, 'POST', 'access.release.close', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const parsed = parseForm(closeSchema, request.body);
    if (!parsed.success) return closePage(request, reply, ctx, actor, { errors: fieldErrors(parsed.error), values, status: 400 });
    const { confirmed, _csrf: _, ...input } = parsed.data;
    if (!closingAllowed(requestOf(actor)).includes(input.disposition)) return closePage(request, reply, ctx, actor, { problem: ctx.t(problems.not_allowed), values, status: 409 });
    if (confirmed !== 'yes') return closePage(request, reply, ctx, actor, { confirm: input, values });
    const result = await release.close(member(actor), requestOf(actor).id, input, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result !== 'ok') return closePage(request, reply, ctx, actor, { problem: ctx.t(problems.not_allowed), values, status: 409 });
    return done(reply, ctx, actor, 'access.release.close', 'closed');
  }, { access });

  // ------------------------------------------------------------ The fee
  const feePage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: PractitionerActor, extra: Extra = {}) => {
    const props = await common(request, ctx, actor, extra);
    const invoice = await release.feeInvoice(props.request);
    return sendHtml(reply, <FeePage {...props} invoice={invoice ? { number: invoice.number, totalCents: invoice.totalCents, status: invoice.status } : null} />, extra.status ?? 200);
  };

  page(app, 'GET', 'access.release.fee', (request, reply, ctx, actor) => feePage(request, reply, ctx, actor), { access });

  page(app, 'POST', 'access.release.fee', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const parsed = parseForm(feeSchema, request.body);
    if (!parsed.success) return feePage(request, reply, ctx, actor, { errors: fieldErrors(parsed.error), values, status: 400 });
    const input = parsed.data;
    const r = requestOf(actor);
    if (input.action === 'refund') {
      const result = await release.refund({ requestId: r.id, accountId: actor.account.id, reason: input.reason, origin: origin(request), organizationId: actor.membership.organizationId, authorityId: actor.membership.authorityId });
      if (result === 'not_found') throw new AppError('not_found');
      if (result === 'refunded' || result === 'pending') return done(reply, ctx, actor, 'access.release.fee', result === 'refunded' ? 'refunded' : 'refundPending');
      return feePage(request, reply, ctx, actor, { problem: ctx.t(problems[result]), values, status: 409 });
    }
    const result = await release.settleFee(member(actor), r.id, input, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_allowed') return feePage(request, reply, ctx, actor, { problem: ctx.t('access.release.problem.feeNotAwaited'), values, status: 409 });
    return done(reply, ctx, actor, 'access.release.fee', input.action === 'waive' ? 'waived' : 'recorded');
  }, { access });
}
