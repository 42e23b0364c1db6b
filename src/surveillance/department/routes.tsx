import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentService } from '../../documents/index.ts';
import { refusalStatus, refusalText } from '../../documents/index.ts';
import { AppError } from '../../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../../platform/http.tsx';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import { fieldErrors, parseForm } from '../../platform/text.ts';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import type { SurveillanceCore } from '../core.ts';
import { departmentGuard } from '../guards.ts';
import { caseParams, casesQuery, closeSchema, figuresPeriod, requestParams, transferSchema, uploadFields } from './schemas.ts';
import type { AttachResult, DepartmentService, DepartmentStaff, TransferResult } from './service.ts';
import { ATTACH_PREFIX, answerPrefix, type CaseNotice, CasePage, closeReasonId, CasesPage, caseNotices, FIGURES_COLUMNS, FiguresPage, ReportsPage, RequestsPage, TransferPage } from './views/index.ts';

const problems = {
  request_not_open: 'surveillance.department.problem.requestNotOpen',
  not_allowed_from: 'surveillance.department.problem.notTransferable',
  same_ptpha: 'surveillance.department.problem.samePtpha',
  unknown_ptpha: 'surveillance.department.problem.unknownPtpha',
} as const satisfies Partial<Record<AttachResult | TransferResult, MessageKey>>;

/** A CSV field: quoted when it must be; a leading = + - @ is prefixed so a spreadsheet never runs it (as register's export does). */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A form's field errors under the ids of that form's fields on the case page. */
const prefixed = (prefix: string, errors: FieldErrors): FieldErrors => Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}-${k}`, v]));

function paramsOf<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, request: FastifyRequest): T {
  const parsed = schema.safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found');
  return parsed.data;
}

export function registerDepartmentRoutes(app: FastifyInstance, deps: { core: SurveillanceCore; department: DepartmentService; documents: DocumentService }) {
  const { department, documents } = deps;
  const access = departmentGuard(deps.core);

  page(app, 'GET', 'surveillance.department.cases', async (request, reply, ctx, staff) => {
    const query = casesQuery.parse(request.query ?? {});
    const filters = { status: query.status, province: query.province, organizationId: query.organizationId, overdue: query.overdue === 'yes' };
    const pageNumber = query.page ?? 1;
    const [list, counts, ptphas] = await Promise.all([department.listCases(staff, filters, pageNumber), department.counts(staff), department.ptphas(staff)]);
    return sendHtml(reply, <CasesPage ctx={ctx} filters={filters} rows={list.rows} more={list.more} page={pageNumber} counts={counts} ptphas={ptphas} today={department.today()} />);
  }, { access });

  /** The case page, every showing of it audited; with a problem or field errors after a refused form. */
  const casePage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: DepartmentStaff, shown: { problem?: MessageKey; problemText?: string; errors?: FieldErrors; values?: Record<string, string>; status?: number } = {}) => {
    const { caseId } = paramsOf(caseParams, request);
    const view = await department.casePage(staff, caseId, origin(request));
    if (!view) throw new AppError('not_found');
    return sendHtml(
      reply,
      <CasePage ctx={ctx} view={view} notice={noticeOf(request, caseNotices)} problem={shown.problemText ?? (shown.problem ? ctx.t(shown.problem) : undefined)} errors={shown.errors} values={shown.values} />,
      shown.status ?? (shown.problem ? 409 : shown.errors ? 400 : 200),
    );
  };
  const backTo = (reply: FastifyReply, ctx: PageContext, caseId: string, notice: CaseNotice) => reply.redirect(`${href('surveillance.department.case', ctx.locale, { caseId })}?notice=${notice}`, 303);

  page(app, 'GET', 'surveillance.department.case', (request, reply, ctx, staff) => casePage(request, reply, ctx, staff), { access });

  /** A document from the department: to the case, or in answer to one of its open requests. */
  const upload = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: DepartmentStaff, caseId: string, requestId: string | null) => {
    // Another authority's case is not found before the file is read.
    if (!(await deps.core.caseOf(staff.staffAuthorityId, caseId))) throw new AppError('not_found');
    const prefix = requestId ? answerPrefix(requestId) : ATTACH_PREFIX;
    const received = await documents.receiveUpload(request);
    const fields = uploadFields.safeParse(received.fields);
    if (!received.ok) {
      const errors: FieldErrors = { ...(fields.success ? {} : prefixed(prefix, fieldErrors(fields.error))), [`${prefix}-file`]: 'invalid.surveillance.department.file' };
      return casePage(request, reply, ctx, staff, { errors, status: refusalStatus[received.refusal.reason], ...(received.refusal.reason === 'empty' ? {} : { problemText: refusalText(ctx.t, ctx.locale, received.refusal) }) });
    }
    if (!fields.success) {
      await documents.discard(received.file);
      return casePage(request, reply, ctx, staff, { errors: prefixed(prefix, fieldErrors(fields.error)) });
    }
    const result = await department.attach(staff, caseId, fields.data.typeCode, received.file, origin(request), requestId);
    if (result === 'not_found') throw new AppError('not_found');
    if (result !== 'ok') return casePage(request, reply, ctx, staff, { problem: problems[result] });
    return backTo(reply, ctx, caseId, requestId ? 'answered' : 'attached');
  };

  page(app, 'POST', 'surveillance.department.attach', (request, reply, ctx, staff) => upload(request, reply, ctx, staff, paramsOf(caseParams, request).caseId, null), { access, multipart: true });

  page(app, 'POST', 'surveillance.department.answer', (request, reply, ctx, staff) => {
    const { caseId, requestId } = paramsOf(requestParams, request);
    return upload(request, reply, ctx, staff, caseId, requestId);
  }, { access, multipart: true });

  page(app, 'POST', 'surveillance.department.closeRequest', async (request, reply, ctx, staff) => {
    const { caseId, requestId } = paramsOf(requestParams, request);
    const parsed = parseForm(closeSchema, request.body);
    const typed = (request.body as Record<string, unknown> | undefined)?.reason;
    const values = { [closeReasonId(requestId)]: typeof typed === 'string' ? typed : '' };
    if (!parsed.success) return casePage(request, reply, ctx, staff, { errors: { [closeReasonId(requestId)]: fieldErrors(parsed.error).reason ?? 'invalid.surveillance.department.closeReason' }, values });
    const result = await department.closeRequest(staff, caseId, requestId, parsed.data.reason, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result !== 'ok') return casePage(request, reply, ctx, staff, { problem: problems[result] });
    return backTo(reply, ctx, caseId, 'closed');
  }, { access });

  const transferPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: DepartmentStaff, shown: { errors?: FieldErrors; problem?: MessageKey; status?: number } = {}) => {
    const { caseId } = paramsOf(caseParams, request);
    const data = await department.transferPage(staff, caseId, origin(request));
    if (!data) throw new AppError('not_found');
    const problem = shown.problem ?? (data.allowed ? undefined : 'surveillance.department.problem.notTransferable');
    return sendHtml(reply, <TransferPage ctx={ctx} case={data.case} targets={data.targets} movedTo={data.movedTo} suggested={data.suggested} errors={shown.errors} problem={problem ? ctx.t(problem) : undefined} />, shown.status ?? 200);
  };
  page(app, 'GET', 'surveillance.department.transfer', (request, reply, ctx, staff) => transferPage(request, reply, ctx, staff), { access });
  page(app, 'POST', 'surveillance.department.transfer', async (request, reply, ctx, staff) => {
    const { caseId } = paramsOf(caseParams, request);
    const parsed = parseForm(transferSchema, request.body);
    if (!parsed.success) return transferPage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), status: 400 });
    const result = await department.transfer(staff, caseId, parsed.data.organizationId, origin(request));
    if (result === 'not_found' || result === 'forbidden') throw new AppError('not_found');
    if (result === 'unknown_ptpha') return transferPage(request, reply, ctx, staff, { errors: { organizationId: 'invalid.surveillance.department.transferTo' }, status: 400 });
    if (result !== 'ok') return transferPage(request, reply, ctx, staff, { problem: problems[result], status: 409 });
    return backTo(reply, ctx, caseId, 'transferred');
  }, { access });

  page(app, 'GET', 'surveillance.department.requests', async (_request, reply, ctx, staff) => {
    return sendHtml(reply, <RequestsPage ctx={ctx} rows={await department.openRequests(staff)} today={department.today()} />);
  }, { access });

  page(app, 'GET', 'surveillance.department.reports', async (_request, reply, ctx, staff) => {
    return sendHtml(reply, <ReportsPage ctx={ctx} rows={await department.latestReports(staff)} />);
  }, { access });

  page(app, 'GET', 'surveillance.department.figures', async (request, reply, ctx, staff) => {
    const period = figuresPeriod(request.query, department.today());
    const errors = period.errors.from || period.errors.to ? period.errors : undefined;
    const rows = await department.figures(staff, period.from, period.to);
    return sendHtml(reply, <FiguresPage ctx={ctx} from={period.from} to={period.to} rows={rows} errors={errors} />, errors ? 400 : 200);
  }, { access });

  page(app, 'GET', 'surveillance.department.figuresCsv', async (request, reply, _ctx, staff) => {
    const period = figuresPeriod(request.query, department.today());
    // The page checks the period first; a hand-made address with a wrong one gets no file.
    if (period.errors.from || period.errors.to) throw new AppError('bad_request');
    const rows = await department.exportFigures(staff, period.from, period.to, origin(request));
    const lines = [
      [...FIGURES_COLUMNS],
      ...rows.map((r) => [
        r.overall ? 'ALL' : (r.province ?? ''),
        r.cases, r.routineInTime, r.routineCounted, r.urgentInTime, r.urgentCounted,
        r.contacted, r.medianDaysToContact ?? '', r.assessed90, r.counted90, r.assessed365, r.counted365,
      ].map(String)),
    ];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="surveillance-${period.from}-${period.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(`${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`);
  }, { access });
}
