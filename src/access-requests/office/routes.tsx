import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OrganizationService } from '../../organizations/index.ts';
import type { Guard } from '../../platform/access.ts';
import type { SessionAccount, StaffActor } from '../../platform/actors.ts';
import { toCsv } from '../../platform/csv.ts';
import { AppError } from '../../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../../platform/http.tsx';
import { type MessageKey, translator } from '../../platform/i18n/index.ts';
import { origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import { fieldErrors, parseForm, typedText } from '../../platform/text.ts';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import type { Origin } from '../../platform/origin.ts';
import type { AccessCore } from '../core.ts';
import type { RefundResult } from '../release/service.ts';
import { officeGuard, type PractitionerActor, practitionerGuard } from '../guards.ts';
import { dispositionLabels } from '../labels.ts';
import { apiClientForm, clientParams, queueQuery, refundForm, replyForm, statisticsPeriod, summaryMonths, supportForm, supportParams } from './schemas.ts';
import type { OfficeService, Practitioner } from './service.ts';
import { ApiClientsPage, CasePage, QueuePage, StatisticsPage, statisticsLines, SummariesPage, SupportPage, SupportRequestPage, summaryLines } from './views.tsx';

const notices = {
  sent: 'access.office.notice.sent',
  replied: 'access.office.notice.replied',
  answered: 'access.office.notice.answered',
  closed: 'access.office.notice.closed',
  refunded: 'access.office.notice.refunded',
  refundPending: 'access.office.notice.refundPending',
  alreadyRefunded: 'access.office.notice.alreadyRefunded',
  notRefundable: 'access.office.notice.notRefundable',
  revoked: 'access.office.notice.revoked',
} as const satisfies Record<string, MessageKey>;

type OfficeStaff = StaffActor & { account: SessionAccount };

/** The office's administrators: they issue and revoke the client systems' keys. */
function administratorGuard(core: AccessCore): Guard<OfficeStaff> {
  const office = officeGuard(core);
  return {
    scope: office.scope,
    async resolve(request, account) {
      const staff = await office.resolve(request, account);
      return staff && staff.authorityRoles.includes('administrator') ? staff : null;
    },
  };
}

function paramsOf<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, request: FastifyRequest): T {
  const parsed = schema.safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found');
  return parsed.data;
}

const practitioner = (actor: PractitionerActor): Practitioner => ({ accountId: actor.account.id, organizationId: actor.membership.organizationId, authorityId: actor.membership.authorityId });

const csv = (reply: FastifyReply, fileName: string, body: string) =>
  reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'no-store').send(body);

export function registerOfficeRoutes(app: FastifyInstance, deps: { core: AccessCore; office: OfficeService; organizations: OrganizationService; refund: (input: { requestId: string; accountId: string; reason: string; origin: Origin; authorityId: string }) => Promise<RefundResult> }) {
  const { core, office } = deps;
  const access = practitionerGuard(core, deps.organizations);
  const staffAccess = officeGuard(core);
  const administrator = administratorGuard(core);

  // ------------------------------------------------------------ Statistics
  page(app, 'GET', 'access.office.statistics', async (request, reply, ctx, actor) => {
    const period = statisticsPeriod(request.query, office.today());
    const errors = period.errors.from || period.errors.to ? period.errors : undefined;
    const stats = await office.statistics(practitioner(actor), period.from, period.to);
    return sendHtml(reply, <StatisticsPage ctx={ctx} organizationId={actor.membership.organizationId} organization={actor.membership.name} preset={period.preset} from={period.from} to={period.to} typed={period.typed} stats={stats} errors={errors} />, errors ? 400 : 200);
  }, { access });

  page(app, 'GET', 'access.office.statisticsCsv', async (request, reply, _ctx, actor) => {
    const period = statisticsPeriod(request.query, office.today());
    // The page checks the period first; a hand-made address with a wrong one gets no file.
    if (period.errors.from || period.errors.to) throw new AppError('bad_request');
    const stats = await office.exportStatistics(practitioner(actor), period.from, period.to, origin(request));
    return csv(reply, `statistics-${period.from}-${period.to}.csv`, toCsv(statisticsLines(stats, period.from, period.to)));
  }, { access });

  // ------------------------------------------------------------ Summaries
  page(app, 'GET', 'access.office.summaries', async (request, reply, ctx, actor) => {
    const months = summaryMonths(request.query, office.today());
    const errors = months.errors.from || months.errors.to ? months.errors : undefined;
    const { rows, name } = await office.summaries(practitioner(actor), months.from, months.to);
    return sendHtml(reply, <SummariesPage ctx={ctx} organizationId={actor.membership.organizationId} organization={name} from={months.from} to={months.to} months={months.months} typed={errors ? months.typed : { from: '', to: '' }} rows={rows} errors={errors} />, errors ? 400 : 200);
  }, { access });

  page(app, 'GET', 'access.office.summariesCsv', async (request, reply, _ctx, actor) => {
    const months = summaryMonths(request.query, office.today());
    if (months.errors.from || months.errors.to) throw new AppError('bad_request');
    const { rows, name } = await office.exportSummaries(practitioner(actor), months.from, months.to, origin(request));
    const [en, fr] = [translator('en'), translator('fr')];
    const lines = summaryLines(rows, months.months, actor.membership.organizationId, name, {
      dispositionEn: (d) => en(dispositionLabels[d]),
      dispositionFr: (d) => fr(dispositionLabels[d]),
      nothingEn: en('access.office.summaries.nothing'),
      nothingFr: fr('access.office.summaries.nothing'),
    });
    // Both languages in one file; the byte order mark makes a spreadsheet read it as UTF-8.
    return csv(reply, `summaries-${months.from}-${months.to}.csv`, toCsv(lines, { bom: true }));
  }, { access });

  // ------------------------------------------------------------ Support, the practitioners' side
  const supportPage = async (reply: FastifyReply, ctx: PageContext, actor: PractitionerActor, shown: { errors?: FieldErrors; values?: Record<string, string>; notice?: MessageKey | undefined; status?: number } = {}) =>
    sendHtml(reply, <SupportPage ctx={ctx} organizationId={actor.membership.organizationId} rows={await office.supportList(practitioner(actor))} errors={shown.errors} values={shown.values} notice={shown.notice} />, shown.status ?? 200);

  page(app, 'GET', 'access.office.support', (request, reply, ctx, actor) => supportPage(reply, ctx, actor, { notice: noticeOf(request, notices) }), { access });

  page(app, 'POST', 'access.office.support', async (request, reply, ctx, actor) => {
    const values = Object.fromEntries(['topic', 'subject', 'message', 'requestNumber'].map((k) => [k, typedText(request.body, k)]));
    const parsed = parseForm(supportForm, request.body);
    if (!parsed.success) return supportPage(reply, ctx, actor, { errors: fieldErrors(parsed.error), values, status: 400 });
    const result = await office.ask(practitioner(actor), parsed.data, origin(request));
    if (result === 'unknown_request') return supportPage(reply, ctx, actor, { errors: { requestNumber: 'invalid.access.office.unknownRequest' }, values, status: 400 });
    return reply.redirect(`${href('access.office.supportRequest', ctx.locale, { organizationId: actor.membership.organizationId, supportRequestId: result.id })}?notice=sent`, 303);
  }, { access });

  const supportRequestPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: PractitionerActor, shown: { errors?: FieldErrors; values?: Record<string, string>; problem?: string; status?: number } = {}) => {
    const { supportRequestId } = paramsOf(supportParams, request);
    const view = await office.supportRequest(practitioner(actor), supportRequestId);
    if (!view) throw new AppError('not_found');
    return sendHtml(reply, <SupportRequestPage ctx={ctx} organizationId={actor.membership.organizationId} view={view} errors={shown.errors} values={shown.values} problem={shown.problem} notice={noticeOf(request, notices)} />, shown.status ?? 200);
  };

  page(app, 'GET', 'access.office.supportRequest', (request, reply, ctx, actor) => supportRequestPage(request, reply, ctx, actor), { access });

  page(app, 'POST', 'access.office.supportRequest', async (request, reply, ctx, actor) => {
    const { supportRequestId } = paramsOf(supportParams, request);
    const parsed = parseForm(replyForm, request.body);
    if (!parsed.success) return supportRequestPage(request, reply, ctx, actor, { errors: fieldErrors(parsed.error), values: { message: typedText(request.body, 'message') }, status: 400 });
    const result = await office.reply(practitioner(actor), supportRequestId, parsed.data.message, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'closed') return supportRequestPage(request, reply, ctx, actor, { problem: ctx.t('access.office.support.closedWhy'), status: 409 });
    return reply.redirect(`${href('access.office.supportRequest', ctx.locale, { organizationId: actor.membership.organizationId, supportRequestId })}?notice=replied`, 303);
  }, { access });

  // ------------------------------------------------------------ The office's queue and cases
  page(app, 'GET', 'access.office.queue', async (request, reply, ctx, staff) => {
    const filter = queueQuery.parse(request.query ?? {});
    return sendHtml(reply, <QueuePage ctx={ctx} rows={await office.queue(staff, filter)} filter={filter} />);
  }, { access: staffAccess });

  const casePage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: OfficeStaff, shown: { errors?: FieldErrors; values?: Record<string, string>; status?: number } = {}) => {
    const { supportRequestId } = paramsOf(supportParams, request);
    const view = await office.case(staff, supportRequestId);
    if (!view) throw new AppError('not_found');
    return sendHtml(reply, <CasePage ctx={ctx} view={view} errors={shown.errors} values={shown.values} notice={noticeOf(request, notices)} />, shown.status ?? 200);
  };

  page(app, 'GET', 'access.office.case', (request, reply, ctx, staff) => casePage(request, reply, ctx, staff), { access: staffAccess });

  page(app, 'POST', 'access.office.case', async (request, reply, ctx, staff) => {
    const { supportRequestId } = paramsOf(supportParams, request);
    const parsed = parseForm(replyForm, request.body);
    if (!parsed.success) return casePage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), values: { message: typedText(request.body, 'message') }, status: 400 });
    const result = await office.answer(staff, supportRequestId, parsed.data.message, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    return reply.redirect(`${href('access.office.case', ctx.locale, { supportRequestId })}?notice=${result === 'closed' ? 'closed' : 'answered'}`, 303);
  }, { access: staffAccess });

  // A refund asked for by a practitioner: the office refunds the request's fee through billing (once), with the reason the requester is mailed.
  page(app, 'POST', 'access.office.caseRefund', async (request, reply, ctx, staff) => {
    const { supportRequestId } = paramsOf(supportParams, request);
    const view = await office.case(staff, supportRequestId);
    if (!view?.support.requestId) throw new AppError('not_found');
    const parsed = parseForm(refundForm, request.body);
    if (!parsed.success) return casePage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), values: { reason: typedText(request.body, 'reason') }, status: 400 });
    const result = await deps.refund({ requestId: view.support.requestId, accountId: staff.id, reason: parsed.data.reason, origin: origin(request), authorityId: staff.staffAuthorityId });
    if (result === 'not_found') throw new AppError('not_found');
    const notice = result === 'refunded' ? 'refunded' : result === 'pending' ? 'refundPending' : result === 'already_refunded' ? 'alreadyRefunded' : 'notRefundable';
    return reply.redirect(`${href('access.office.case', ctx.locale, { supportRequestId })}?notice=${notice}`, 303);
  }, { access: staffAccess });

  page(app, 'POST', 'access.office.caseClose', async (request, reply, ctx, staff) => {
    const { supportRequestId } = paramsOf(supportParams, request);
    const result = await office.close(staff, supportRequestId, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    return reply.redirect(`${href('access.office.case', ctx.locale, { supportRequestId })}?notice=closed`, 303);
  }, { access: staffAccess });

  // ------------------------------------------------------------ The client systems' keys
  page(app, 'GET', 'access.office.apiClients', async (request, reply, ctx, staff) => {
    return sendHtml(reply, <ApiClientsPage ctx={ctx} clients={await office.apiClients.list(staff.staffAuthorityId)} notice={noticeOf(request, notices)} />);
  }, { access: administrator });

  page(app, 'POST', 'access.office.apiClients', async (request, reply, ctx, staff) => {
    const parsed = parseForm(apiClientForm, request.body);
    if (!parsed.success) {
      const body = request.body as Record<string, unknown>;
      const values = { name: typedText(body, 'name'), scopes: ([] as unknown[]).concat(body.scopes ?? []).filter((s): s is string => typeof s === 'string') };
      return sendHtml(reply, <ApiClientsPage ctx={ctx} clients={await office.apiClients.list(staff.staffAuthorityId)} errors={fieldErrors(parsed.error)} values={values} />, 400);
    }
    const issued = await office.apiClients.issue(staff, parsed.data.name, parsed.data.scopes, origin(request));
    // Shown once, on this answer (never in an address): the page says it will not be shown again.
    reply.header('cache-control', 'no-store');
    return sendHtml(reply, <ApiClientsPage ctx={ctx} clients={await office.apiClients.list(staff.staffAuthorityId)} issuedKey={issued.key} />);
  }, { access: administrator });

  page(app, 'POST', 'access.office.apiClientRevoke', async (request, reply, ctx, staff) => {
    const { clientId } = paramsOf(clientParams, request);
    if ((await office.apiClients.revoke(staff, clientId, origin(request))) !== 'revoked') throw new AppError('not_found');
    return reply.redirect(`${href('access.office.apiClients', ctx.locale)}?notice=revoked`, 303);
  }, { access: administrator });
}
