import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OrganizationService } from '../../organizations/index.ts';
import { AppError } from '../../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../../platform/http.tsx';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import { fieldErrors, parseForm } from '../../platform/text.ts';
import type { PageContext } from '../../platform/views/layout.tsx';
import type { Database } from '../../platform/db.ts';
import type { AccessCore, AccessRequest } from '../core.ts';
import { type PractitionerActor, practitionerGuard } from '../guards.ts';
import { answerSchema, askSchema, assignSchema, consultationActionSchema, consultSchema, dashboardQuery, extensionSchema, newRequestSchema, transferSchema } from './schemas.ts';
import type { Member, WorkspaceService } from './service.ts';
import { ClarificationPage, ConsultationPage, ConsultationsPage, ConsultPage, DashboardPage, ExtensionPage, NewRequestPage, refusalLabels, RequestPage, TransferPage } from './views.tsx';

const notices = {
  assigned: 'access.workspace.notice.assigned',
  unchanged: 'access.workspace.notice.unchanged',
  asked: 'access.workspace.notice.asked',
  answered: 'access.workspace.notice.answered',
  extended: 'access.workspace.notice.extended',
  commissioner: 'access.workspace.notice.commissioner',
  transferred: 'access.workspace.notice.transferred',
  consulted: 'access.workspace.notice.consulted',
  consultationClosed: 'access.workspace.notice.consultationClosed',
  entered: 'access.workspace.notice.entered',
  consultationAnswered: 'access.workspace.notice.consultationAnswered',
} as const satisfies Record<string, MessageKey>;

/** What was typed in a form, to show it again (strings only). */
const typed = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_')));

const requestOf = (actor: PractitionerActor): AccessRequest => {
  if (!actor.request) throw new AppError('not_found');
  return actor.request;
};
const member = (actor: PractitionerActor): Member => ({ accountId: actor.account.id, organizationId: actor.membership.organizationId, authorityId: actor.membership.authorityId });

export function registerWorkspaceRoutes(app: FastifyInstance, deps: { core: AccessCore; workspace: WorkspaceService; organizations: OrganizationService; db: Database }) {
  const { core, workspace } = deps;
  const access = practitionerGuard(core, deps.organizations);

  const done = (reply: FastifyReply, ctx: PageContext, actor: PractitionerActor, notice: keyof typeof notices) =>
    reply.redirect(`${href('access.workspace.request', ctx.locale, { organizationId: actor.membership.organizationId, requestId: requestOf(actor).id })}?notice=${notice}`, 303);
  const problemOf = (ctx: PageContext, key: MessageKey) => ctx.t(key);

  // ------------------------------------------------------------ Dashboard
  page(app, 'GET', 'access.workspace.dashboard', async (request, reply, ctx, actor) => {
    const query = dashboardQuery.parse(request.query ?? {});
    const data = await workspace.dashboard(member(actor), query);
    return sendHtml(reply, <DashboardPage ctx={ctx} organizationId={actor.membership.organizationId} organization={actor.membership.name} query={query} data={data} notice={noticeOf(request, notices)} />);
  }, { access });

  // ------------------------------------------------------------ The request
  const requestPage = async (ctx: PageContext, reply: FastifyReply, actor: PractitionerActor, extra: { notice?: MessageKey | undefined; problem?: string; status?: number; errors?: Record<string, MessageKey> } = {}) => {
    const r = requestOf(actor);
    const view = await workspace.view(r);
    return sendHtml(reply, <RequestPage ctx={ctx} organizationId={actor.membership.organizationId} r={r} view={view} notice={extra.notice} problem={extra.problem} errors={extra.errors} />, extra.status ?? 200);
  };
  page(app, 'GET', 'access.workspace.request', (request, reply, ctx, actor) => requestPage(ctx, reply, actor, { notice: noticeOf(request, notices) }), { access });

  page(app, 'POST', 'access.workspace.assign', async (request, reply, ctx, actor) => {
    const parsed = parseForm(assignSchema, request.body);
    if (!parsed.success) return requestPage(ctx, reply, actor, { errors: fieldErrors(parsed.error), status: 400 });
    const result = await workspace.assign(member(actor), requestOf(actor).id, parsed.data.assigneeId, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_practitioner') return requestPage(ctx, reply, actor, { errors: { assigneeId: 'invalid.access.workspace.assignee' }, status: 400 });
    if (result === 'not_allowed') return requestPage(ctx, reply, actor, { problem: problemOf(ctx, 'access.workspace.why.closed'), status: 409 });
    return done(reply, ctx, actor, result === 'unchanged' ? 'unchanged' : 'assigned');
  }, { access });

  // ------------------------------------------------------------ Clarification
  const clarificationPage = async (ctx: PageContext, reply: FastifyReply, actor: PractitionerActor, extra: { values?: Record<string, string>; errors?: Record<string, MessageKey>; problem?: string; status?: number } = {}) => {
    const r = requestOf(actor);
    const stop = r.status === 'awaiting_clarification' ? await core.openStop(deps.db, r.id) : null;
    return sendHtml(reply, <ClarificationPage ctx={ctx} organizationId={actor.membership.organizationId} r={r} question={stop?.question ?? null} values={extra.values} errors={extra.errors} problem={extra.problem} />, extra.status ?? 200);
  };
  page(app, 'GET', 'access.workspace.clarification', (request, reply, ctx, actor) => clarificationPage(ctx, reply, actor, { values: request.typedValues ?? {} }), { access });
  page(app, 'POST', 'access.workspace.clarification', async (request, reply, ctx, actor) => {
    const r = requestOf(actor);
    const values = typed(request.body);
    if (r.status === 'in_progress') {
      const parsed = parseForm(askSchema, request.body);
      if (!parsed.success) return clarificationPage(ctx, reply, actor, { values, errors: fieldErrors(parsed.error), status: 400 });
      const result = await workspace.askClarification(member(actor), r.id, parsed.data.question, origin(request));
      if (result === 'not_found') throw new AppError('not_found');
      if (result === 'not_allowed') return clarificationPage(ctx, reply, actor, { values, problem: problemOf(ctx, 'access.workspace.problem.changed'), status: 409 });
      return done(reply, ctx, actor, 'asked');
    }
    const parsed = parseForm(answerSchema, request.body);
    if (!parsed.success) return clarificationPage(ctx, reply, actor, { values, errors: fieldErrors(parsed.error), status: 400 });
    const result = await workspace.recordAnswer(member(actor), r.id, parsed.data.answer, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_allowed') return clarificationPage(ctx, reply, actor, { values, problem: problemOf(ctx, 'access.workspace.problem.changed'), status: 409 });
    return done(reply, ctx, actor, 'answered');
  }, { access });

  // ------------------------------------------------------------ Extension: form, confirmation with the new due day, taken
  const extensionPage = async (ctx: PageContext, reply: FastifyReply, actor: PractitionerActor, extra: Omit<Parameters<typeof ExtensionPage>[0], 'ctx' | 'organizationId' | 'r' | 'clock'> & { status?: number } = {}) => {
    const r = requestOf(actor);
    const clock = await core.clockOf(r);
    const { status, ...rest } = extra;
    return sendHtml(reply, <ExtensionPage ctx={ctx} organizationId={actor.membership.organizationId} r={r} clock={clock} {...rest} />, status ?? 200);
  };
  page(app, 'GET', 'access.workspace.extension', async (request, reply, ctx, actor) => {
    const r = requestOf(actor);
    const preview = await workspace.previewExtension(r, r.act === 'access' ? 'atia_9_1_a' : 'pa_15_a_i', 1);
    return extensionPage(ctx, reply, actor, { values: request.typedValues ?? {}, ...(preview.refusal ? { problem: ctx.t(refusalLabels[preview.refusal]) } : {}) });
  }, { access });
  page(app, 'POST', 'access.workspace.extension', async (request, reply, ctx, actor) => {
    const r = requestOf(actor);
    const values = typed(request.body);
    const parsed = parseForm(extensionSchema, request.body);
    if (!parsed.success) return extensionPage(ctx, reply, actor, { values, errors: fieldErrors(parsed.error), status: 400 });
    const { reason, days } = parsed.data;
    if (parsed.data.confirmed !== 'yes') {
      const preview = await workspace.previewExtension(r, reason, days);
      if (preview.refusal) return extensionPage(ctx, reply, actor, { values, problem: ctx.t(refusalLabels[preview.refusal]), errors: preview.refusal === 'privacy_limit' ? { days: 'invalid.access.workspace.privacyDays' } : preview.refusal === 'wrong_reason' ? { reason: 'invalid.access.workspace.reason' } : undefined, status: 409 });
      return extensionPage(ctx, reply, actor, { values, confirm: { reason, days, after: preview.after } });
    }
    const result = await workspace.takeExtension(member(actor), r.id, reason, days, origin(request));
    if (result.kind === 'not_found') throw new AppError('not_found');
    if (result.kind === 'refused') return extensionPage(ctx, reply, actor, { values, problem: ctx.t(refusalLabels[result.refusal]), status: 409 });
    return done(reply, ctx, actor, result.commissioner ? 'commissioner' : 'extended');
  }, { access });

  // ------------------------------------------------------------ Transfer
  const transferPage = async (ctx: PageContext, reply: FastifyReply, actor: PractitionerActor, extra: { values?: Record<string, string>; errors?: Record<string, MessageKey>; problem?: string; status?: number } = {}) => {
    const institutions = await workspace.otherInstitutions(member(actor));
    return sendHtml(reply, <TransferPage ctx={ctx} organizationId={actor.membership.organizationId} r={requestOf(actor)} institutions={institutions} values={extra.values} errors={extra.errors} problem={extra.problem} />, extra.status ?? 200);
  };
  page(app, 'GET', 'access.workspace.transfer', (request, reply, ctx, actor) => transferPage(ctx, reply, actor, { values: request.typedValues ?? {} }), { access });
  page(app, 'POST', 'access.workspace.transfer', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const parsed = parseForm(transferSchema, request.body);
    if (!parsed.success) return transferPage(ctx, reply, actor, { values, errors: fieldErrors(parsed.error), status: 400 });
    const result = await workspace.transfer(member(actor), requestOf(actor).id, parsed.data.toOrganizationId, parsed.data.reason, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_institution') return transferPage(ctx, reply, actor, { values, errors: { toOrganizationId: 'invalid.access.workspace.institution' }, status: 400 });
    if (result === 'not_allowed') return transferPage(ctx, reply, actor, { values, problem: problemOf(ctx, 'access.workspace.problem.changed'), status: 409 });
    // The request is the other institution's now: back to this one's dashboard.
    return reply.redirect(`${href('access.workspace.dashboard', ctx.locale, { organizationId: actor.membership.organizationId })}?notice=transferred`, 303);
  }, { access });

  // ------------------------------------------------------------ Consultations of a request
  const consultPage = async (ctx: PageContext, reply: FastifyReply, actor: PractitionerActor, extra: { values?: Record<string, string>; errors?: Record<string, MessageKey>; problem?: string; status?: number } = {}) => {
    const r = requestOf(actor);
    const [view, settings] = await Promise.all([workspace.view(r), core.settings(r.authorityId)]);
    return sendHtml(
      reply,
      <ConsultPage ctx={ctx} organizationId={actor.membership.organizationId} r={r} consultations={view.consultations} today={view.today} institutions={view.institutions} defaultDays={settings?.consultationDays ?? 30} values={extra.values} errors={extra.errors} problem={extra.problem} />,
      extra.status ?? 200,
    );
  };
  page(app, 'GET', 'access.workspace.consult', (request, reply, ctx, actor) => consultPage(ctx, reply, actor, { values: request.typedValues ?? {} }), { access });
  page(app, 'POST', 'access.workspace.consult', async (request, reply, ctx, actor) => {
    const r = requestOf(actor);
    const values = typed(request.body);
    if (values.do === 'answer' || values.do === 'withdraw') {
      const parsed = parseForm(consultationActionSchema, request.body);
      if (!parsed.success || (values.do === 'answer' && parsed.data.answer === '')) return consultPage(ctx, reply, actor, { problem: problemOf(ctx, 'invalid.access.workspace.answer'), status: 400 });
      const result = await workspace.closeConsultation(member(actor), r.id, parsed.data.consultationId, values.do, parsed.data.answer, origin(request));
      if (result === 'not_found') throw new AppError('not_found');
      if (result === 'not_allowed') return consultPage(ctx, reply, actor, { problem: problemOf(ctx, 'access.workspace.problem.changed'), status: 409 });
      return done(reply, ctx, actor, 'consultationClosed');
    }
    const parsed = parseForm(consultSchema, request.body);
    if (!parsed.success) return consultPage(ctx, reply, actor, { values, errors: fieldErrors(parsed.error), status: 400 });
    const result = await workspace.consult(member(actor), r.id, parsed.data, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_institution') return consultPage(ctx, reply, actor, { values, errors: { consultedOrganizationId: 'invalid.access.workspace.institution' }, status: 400 });
    if (result === 'not_allowed') return consultPage(ctx, reply, actor, { values, problem: problemOf(ctx, 'access.workspace.why.closed'), status: 409 });
    return done(reply, ctx, actor, 'consulted');
  }, { access });

  // ------------------------------------------------------------ Consultations asked of this institution
  page(app, 'GET', 'access.workspace.consultations', async (request, reply, ctx, actor) => {
    const data = await workspace.consultationsAsked(actor.membership.organizationId);
    return sendHtml(reply, <ConsultationsPage ctx={ctx} organizationId={actor.membership.organizationId} data={data} notice={noticeOf(request, notices)} />);
  }, { access });

  const consultationPage = async (request: { params: unknown }, ctx: PageContext, reply: FastifyReply, actor: PractitionerActor, extra: { values?: Record<string, string>; errors?: Record<string, MessageKey>; problem?: string; status?: number } = {}) => {
    const id = (request.params as { consultationId?: string }).consultationId ?? '';
    const data = /^[0-9a-f-]{36}$/i.test(id) ? await workspace.consultationFor(actor.membership.organizationId, id) : null;
    if (!data) throw new AppError('not_found');
    return sendHtml(reply, <ConsultationPage ctx={ctx} organizationId={actor.membership.organizationId} data={data} values={extra.values} errors={extra.errors} problem={extra.problem} />, extra.status ?? 200);
  };
  page(app, 'GET', 'access.workspace.consultation', (request, reply, ctx, actor) => consultationPage(request, ctx, reply, actor, { values: request.typedValues ?? {} }), { access });
  page(app, 'POST', 'access.workspace.consultation', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const id = (request.params as { consultationId?: string }).consultationId ?? '';
    const parsed = parseForm(answerSchema, request.body);
    if (!parsed.success) return consultationPage(request, ctx, reply, actor, { values, errors: fieldErrors(parsed.error), status: 400 });
    const result = /^[0-9a-f-]{36}$/i.test(id) ? await workspace.answerConsultation(member(actor), id, parsed.data.answer, origin(request)) : 'not_found';
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_allowed') return consultationPage(request, ctx, reply, actor, { values, problem: problemOf(ctx, 'access.workspace.consultation.closed'), status: 409 });
    return reply.redirect(`${href('access.workspace.consultations', ctx.locale, { organizationId: actor.membership.organizationId })}?notice=consultationAnswered`, 303);
  }, { access });

  // ------------------------------------------------------------ A paper, mail or email request
  page(app, 'GET', 'access.workspace.newRequest', async (request, reply, ctx, actor) => sendHtml(reply, <NewRequestPage ctx={ctx} organizationId={actor.membership.organizationId} values={request.typedValues ?? {}} />), { access });
  page(app, 'POST', 'access.workspace.newRequest', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const parsed = parseForm(newRequestSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <NewRequestPage ctx={ctx} organizationId={actor.membership.organizationId} values={values} errors={fieldErrors(parsed.error)} />, 400);
    const result = await workspace.enter(member(actor), parsed.data, origin(request));
    if (result.kind === 'future') return sendHtml(reply, <NewRequestPage ctx={ctx} organizationId={actor.membership.organizationId} values={values} errors={{ receivedOn: 'invalid.access.workspace.future' }} />, 400);
    return reply.redirect(`${href('access.workspace.request', ctx.locale, { organizationId: actor.membership.organizationId, requestId: result.request.id })}?notice=entered`, 303);
  }, { access });
}
