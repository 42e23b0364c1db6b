import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { refusalStatus, refusalText, type DocumentService } from '../../documents/index.ts';
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
import type { SurveillanceCase, SurveillanceCore } from '../core.ts';
import { type PtphaActor, ptphaGuard } from '../guards.ts';
import { caseTransitions } from '../states.ts';
import { contactSchema, followUpSchema, listQuery, reportSchema, requestSchema, searchSchema, uploadFields } from './schemas.ts';
import type { ChangeResult, PtphaService } from './service.ts';
import { CasePage, CasesPage, ReportPage } from './views.tsx';

const notices = {
  acknowledged: 'surveillance.ptpha.notice.acknowledged',
  contact: 'surveillance.ptpha.notice.contact',
  followUp: 'surveillance.ptpha.notice.followUp',
  unchanged: 'surveillance.ptpha.notice.unchanged',
  report: 'surveillance.ptpha.notice.report',
  document: 'surveillance.ptpha.notice.document',
  request: 'surveillance.ptpha.notice.request',
} as const satisfies Record<string, MessageKey>;

type Actor = PtphaActor & { case: SurveillanceCase | null };

/** What was typed in a form, to show it again (strings only; never the token). */
const typed = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_')));

/** The case of a case page (the guard found it with this PTPHA); none is a page not found. */
function caseOf(actor: Actor): SurveillanceCase {
  if (!actor.case) throw new AppError('not_found');
  return actor.case;
}

const member = (actor: Actor) => ({ accountId: actor.account.id, organizationId: actor.membership.organizationId, authorityId: actor.membership.authorityId });

/** Only a case in a state a report can follow (acknowledged or reported on) offers "send a report". */
const canReport = (c: SurveillanceCase) => caseTransitions.allowed(c.status, 'report_compliant', ['ptpha']);

export function registerPtphaRoutes(app: FastifyInstance, deps: { core: SurveillanceCore; ptpha: PtphaService; organizations: OrganizationService; documents: DocumentService; db: Database; clock: Clock }) {
  const { core, ptpha } = deps;
  const access = ptphaGuard(core, deps.organizations);

  // ------------------------------------------------------------ The list, its queues and the search
  const listPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: Actor, search?: Parameters<typeof CasesPage>[0]['search'], status = 200) => {
    const query = listQuery.parse(request.query ?? {});
    const found = await ptpha.list(member(actor), query);
    return sendHtml(reply, <CasesPage ctx={ctx} organizationId={actor.membership.organizationId} organization={actor.membership.name} query={query} rows={found.rows} total={found.total} counts={found.counts} search={search} />, status);
  };

  page(app, 'GET', 'surveillance.ptpha.cases', (request, reply, ctx, actor) => listPage(request, reply, ctx, actor), { access });

  // A POST so that a name, a client ID or a date of birth never goes into an address (or a log of one).
  page(app, 'POST', 'surveillance.ptpha.cases', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const parsed = parseForm(searchSchema, request.body);
    if (!parsed.success) return listPage(request, reply, ctx, actor, { values, results: null, errors: fieldErrors(parsed.error) }, 400);
    const results = await ptpha.search(member(actor), parsed.data);
    return listPage(request, reply, ctx, actor, { values, results });
  }, { access });

  // ------------------------------------------------------------ The case
  /** The case page, as it shows after a change or with a form's errors: every showing is a view, audited. */
  const casePage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: Actor, extra: { errors?: FieldErrors; values?: Record<string, string>; problem?: string; status?: number } = {}) => {
    const c = caseOf(actor);
    await core.recordView(c, actor.account.id, 'ptpha', actor.membership.organizationId, origin(request));
    const view = await ptpha.view(c);
    return sendHtml(
      reply,
      <CasePage ctx={ctx} organizationId={actor.membership.organizationId} c={c} view={view} canReport={canReport(c)} notice={noticeOf(request, notices)} errors={extra.errors} values={extra.values} problem={extra.problem} />,
      extra.status ?? 200,
    );
  };
  const done = (reply: FastifyReply, ctx: PageContext, actor: Actor, notice: keyof typeof notices) =>
    reply.redirect(`${href('surveillance.ptpha.case', ctx.locale, { organizationId: actor.membership.organizationId, caseId: caseOf(actor).id })}?notice=${notice}`, 303);
  /** A change refused: gone from this PTPHA (transferred meanwhile) is not found; otherwise the page says why. */
  const refused = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: Actor, result: Exclude<ChangeResult, 'ok'>, problem: MessageKey, values?: Record<string, string>) => {
    if (result === 'not_found') throw new AppError('not_found');
    return casePage(request, reply, ctx, actor, { problem: ctx.t(problem), status: 409, ...(values ? { values } : {}) });
  };

  page(app, 'GET', 'surveillance.ptpha.case', (request, reply, ctx, actor) => casePage(request, reply, ctx, actor), { access });

  page(app, 'POST', 'surveillance.ptpha.acknowledge', async (request, reply, ctx, actor) => {
    const result = await ptpha.acknowledge(member(actor), caseOf(actor).id, origin(request));
    if (result !== 'ok') return refused(request, reply, ctx, actor, result, 'surveillance.ptpha.problem.acknowledged');
    return done(reply, ctx, actor, 'acknowledged');
  }, { access });

  page(app, 'POST', 'surveillance.ptpha.contact', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const parsed = parseForm(contactSchema, request.body);
    if (!parsed.success) return casePage(request, reply, ctx, actor, { errors: fieldErrors(parsed.error), values, status: 400 });
    const result = await ptpha.recordContact(member(actor), caseOf(actor).id, parsed.data, origin(request));
    if (result === 'not_allowed') return casePage(request, reply, ctx, actor, { errors: { attemptedOn: 'invalid.surveillance.ptpha.future' }, values, status: 400 });
    if (result !== 'ok') return refused(request, reply, ctx, actor, result, 'surveillance.ptpha.problem.gone');
    return done(reply, ctx, actor, 'contact');
  }, { access });

  page(app, 'POST', 'surveillance.ptpha.followUp', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const parsed = parseForm(followUpSchema, request.body);
    if (!parsed.success) return casePage(request, reply, ctx, actor, { errors: fieldErrors(parsed.error), values, status: 400 });
    const { _csrf: _, ...input } = parsed.data;
    const result = await ptpha.saveFollowUp(member(actor), caseOf(actor).id, input, origin(request));
    if (result === 'unchanged') return done(reply, ctx, actor, 'unchanged');
    if (result !== 'ok') return refused(request, reply, ctx, actor, result, 'surveillance.ptpha.problem.gone');
    return done(reply, ctx, actor, 'followUp');
  }, { access });

  // ------------------------------------------------------------ Compliance report: form, confirmation, sent
  const reportPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: Actor, extra: Omit<Parameters<typeof ReportPage>[0], 'ctx' | 'organizationId' | 'c' | 'values'> & { values?: Record<string, string>; status?: number } = {}) => {
    const c = caseOf(actor);
    // The page names the case (its notice number): a view of it.
    await core.recordView(c, actor.account.id, 'ptpha', actor.membership.organizationId, origin(request));
    const { status, values, ...rest } = extra;
    return sendHtml(reply, <ReportPage ctx={ctx} organizationId={actor.membership.organizationId} c={c} values={values ?? request.typedValues ?? {}} {...rest} />, status ?? 200);
  };

  page(app, 'GET', 'surveillance.ptpha.report', async (request, reply, ctx, actor) => {
    if (!canReport(caseOf(actor))) return reply.redirect(href('surveillance.ptpha.case', ctx.locale, { organizationId: actor.membership.organizationId, caseId: caseOf(actor).id }), 303);
    return reportPage(request, reply, ctx, actor);
  }, { access });

  page(app, 'POST', 'surveillance.ptpha.report', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const parsed = parseForm(reportSchema, request.body);
    if (!parsed.success) return reportPage(request, reply, ctx, actor, { errors: fieldErrors(parsed.error), values, status: 400 });
    // First the confirmation, which says a sent report is final; only its button sends.
    if (parsed.data.confirmed !== 'yes') return reportPage(request, reply, ctx, actor, { confirm: parsed.data, values });
    const result = await ptpha.sendReport(member(actor), caseOf(actor).id, parsed.data, origin(request));
    if (result === 'future') return reportPage(request, reply, ctx, actor, { errors: { statusOn: 'invalid.surveillance.ptpha.future' }, values, status: 400 });
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_allowed') return reportPage(request, reply, ctx, actor, { problem: 'surveillance.ptpha.problem.notReportable', values, status: 409 });
    return done(reply, ctx, actor, 'report');
  }, { access });

  // ------------------------------------------------------------ Documents and requests
  page(app, 'POST', 'surveillance.ptpha.upload', async (request, reply, ctx, actor) => {
    caseOf(actor);
    const received = await deps.documents.receiveUpload(request);
    const fields = uploadFields.safeParse(received.fields);
    if (!received.ok) {
      if (received.refusal.reason !== 'empty') await deps.documents.recordRefusal(deps.db, { authorityId: actor.membership.authorityId, actorId: actor.account.id, origin: origin(request), at: deps.clock.now() }, received.refusal);
      const errors: FieldErrors = { file: received.refusal.reason === 'empty' ? 'invalid.surveillance.ptpha.file' : 'invalid.surveillance.ptpha.fileRefused' };
      return casePage(request, reply, ctx, actor, { errors, values: received.fields, status: refusalStatus[received.refusal.reason], ...(received.refusal.reason === 'empty' ? {} : { problem: refusalText(ctx.t, ctx.locale, received.refusal) }) });
    }
    if (!fields.success) {
      await deps.documents.discard(received.file);
      return casePage(request, reply, ctx, actor, { errors: fieldErrors(fields.error), values: received.fields, status: 400 });
    }
    const result = await ptpha.addDocument(member(actor), caseOf(actor).id, fields.data.typeCode, received.file, origin(request));
    if (result !== 'ok') throw new AppError('not_found');
    return done(reply, ctx, actor, 'document');
  }, { access, config: { multipart: true } });

  page(app, 'POST', 'surveillance.ptpha.requestDocument', async (request, reply, ctx, actor) => {
    const values = typed(request.body);
    const parsed = parseForm(requestSchema, request.body);
    if (!parsed.success) return casePage(request, reply, ctx, actor, { errors: fieldErrors(parsed.error), values, status: 400 });
    const result = await ptpha.requestDocument(member(actor), caseOf(actor).id, parsed.data, origin(request));
    if (result === 'not_allowed') return casePage(request, reply, ctx, actor, { errors: { requestDueOn: 'invalid.surveillance.ptpha.past' }, values, status: 400 });
    if (result !== 'ok') return refused(request, reply, ctx, actor, result, 'surveillance.ptpha.problem.gone');
    return done(reply, ctx, actor, 'request');
  }, { access });

}
