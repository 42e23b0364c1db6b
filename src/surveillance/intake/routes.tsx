import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readCsvForm } from '../../platform/csv-form.ts';
import { type DocumentService, refusalStatus, refusalText } from '../../documents/index.ts';
import type { Guard } from '../../platform/access.ts';
import type { SessionAccount, StaffActor } from '../../platform/actors.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../../platform/http.tsx';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import { fieldErrors, parseForm } from '../../platform/text.ts';
import type { FieldErrors } from '../../platform/views/layout.tsx';
import type { SurveillanceCore } from '../core.ts';
import { departmentGuard } from '../guards.ts';
import { noticeSchema } from '../notice.ts';
import { MAX_CSV_BYTES } from './csv.ts';
import { apiClientForm, caseParams, clientParams, documentTypeField, routeForm } from './schemas.ts';
import type { IntakeService } from './service.ts';
import { ApiClientsPage, ImportPage, NewNoticePage, ReceivedPage, UnroutedPage } from './views.tsx';

const notices = {
  routed: 'surveillance.intake.notice.routed',
  revoked: 'surveillance.intake.notice.revoked',
} as const satisfies Record<string, MessageKey>;

/** The largest exam document the form takes. */
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

type DepartmentStaff = StaffActor & { account: SessionAccount };

/** The department's administrators: they issue and revoke the client systems' keys. */
function administratorGuard(core: SurveillanceCore): Guard<DepartmentStaff> {
  const department = departmentGuard(core);
  return {
    scope: department.scope,
    async resolve(request, account) {
      const staff = await department.resolve(request, account);
      return staff && staff.authorityRoles.includes('administrator') ? staff : null;
    },
  };
}

function paramsOf<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, request: FastifyRequest): T {
  const parsed = schema.safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found');
  return parsed.data;
}


export function registerIntakeRoutes(app: FastifyInstance, deps: { intake: IntakeService; core: SurveillanceCore; documents: DocumentService; db: Database; clock: Clock }) {
  const { intake, core, documents } = deps;
  const department = departmentGuard(core);
  const administrator = administratorGuard(core);

  // ------------------------------------------------------------ The notice form
  page(app, 'GET', 'surveillance.intake.newNotice', async (_request, reply, ctx) => sendHtml(reply, <NewNoticePage ctx={ctx} />), { access: department });

  page(app, 'POST', 'surveillance.intake.newNotice', async (request, reply, ctx, staff) => {
    const received = await documents.receiveUpload(request, { maxBytes: MAX_DOCUMENT_BYTES });
    const values = received.fields;
    const again = (errors: FieldErrors, status: number, problem?: string) => sendHtml(reply, <NewNoticePage ctx={ctx} errors={errors} values={values} problem={problem} />, status);
    const parsed = noticeSchema.safeParse(values);
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    // No file chosen is no document (the form's file is optional); any other refusal is the file's problem.
    const withFile = received.ok;
    if (!received.ok && received.refusal.reason !== 'empty') {
      await documents.recordRefusal(deps.db, { authorityId: staff.staffAuthorityId, actorId: staff.id, origin: origin(request), at: deps.clock.now() }, received.refusal);
      return again({ ...errors, file: 'invalid.surveillance.file' }, refusalStatus[received.refusal.reason], refusalText(ctx.t, ctx.locale, received.refusal));
    }
    const type = withFile ? documentTypeField.safeParse(values) : null;
    if (type && !type.success) Object.assign(errors, fieldErrors(type.error));
    if (!parsed.success || (type && !type.success)) {
      if (received.ok) await documents.discard(received.file);
      return again(errors, 400);
    }
    const document = received.ok && type?.success ? { typeCode: type.data.documentType, file: received.file } : null;
    const result = await intake.receiveFromForm(staff, parsed.data, document, origin(request));
    if (result.kind === 'off') throw new AppError('not_found');
    if (result.kind === 'exists' && !result.same) return again({ noticeNumber: 'surveillance.intake.newNotice.differs' }, 409);
    // The same notice sent twice (a double click, a retry) shows the case it made, saying so.
    return reply.redirect(`${href('surveillance.intake.received', ctx.locale, { caseId: result.caseId })}${result.kind === 'exists' ? '?notice=already' : ''}`, 303);
  }, { access: department, multipart: true });

  page(app, 'GET', 'surveillance.intake.received', async (request, reply, ctx, staff) => {
    const { caseId } = paramsOf(caseParams, request);
    const receipt = await intake.receipt(staff.staffAuthorityId, caseId);
    if (!receipt) throw new AppError('not_found');
    return sendHtml(reply, <ReceivedPage ctx={ctx} caseId={caseId} receipt={receipt} already={(request.query as Record<string, unknown>).notice === 'already'} />);
  }, { access: department });

  // ------------------------------------------------------------ The CSV import
  page(app, 'GET', 'surveillance.intake.import', async (_request, reply, ctx) => sendHtml(reply, <ImportPage ctx={ctx} />), { access: department });

  page(app, 'POST', 'surveillance.intake.import', async (request, reply, ctx, staff) => {
    const form = await readCsvForm(request, MAX_CSV_BYTES);
    const shown = (props: Parameters<typeof ImportPage>[0], status: number) => sendHtml(reply, <ImportPage {...props} />, status);
    if (form.tooLarge) return shown({ ctx, problem: ctx.t('surveillance.intake.import.tooLarge') }, 400);
    if (form.csv === null) return shown({ ctx, problem: ctx.t('surveillance.intake.import.noFile') }, 400);
    if (form.action === 'import') {
      const outcome = await intake.importNotices({ authorityId: staff.staffAuthorityId, csv: form.csv, fileName: form.fileName, accountId: staff.id, origin: origin(request) });
      if (outcome.kind === 'off') throw new AppError('not_found');
      if (outcome.kind === 'imported') return shown({ ctx, imported: outcome }, 200);
      return shown({ ctx, report: outcome.report, fileName: form.fileName, problem: ctx.t('surveillance.intake.import.notImported') }, 409);
    }
    return shown({ ctx, report: await intake.checkImport(staff.staffAuthorityId, form.csv), fileName: form.fileName }, 200);
  }, { access: department, multipart: true });

  // ------------------------------------------------------------ The cannot-route queue
  const unroutedPage = async (staff: DepartmentStaff, shown: { notice?: MessageKey | undefined; errors?: FieldErrors; errorsFor?: string }) => {
    const [cases, ptphas] = await Promise.all([intake.unrouted.list(staff.staffAuthorityId), intake.unrouted.ptphas(staff.staffAuthorityId)]);
    return { cases, ptphas, ...shown };
  };
  page(app, 'GET', 'surveillance.intake.unrouted', async (request, reply, ctx, staff) => {
    return sendHtml(reply, <UnroutedPage ctx={ctx} {...await unroutedPage(staff, { notice: noticeOf(request, notices) })} />);
  }, { access: department });

  page(app, 'POST', 'surveillance.intake.route', async (request, reply, ctx, staff) => {
    const { caseId } = paramsOf(caseParams, request);
    const parsed = parseForm(routeForm, request.body);
    const refused = async (errors: FieldErrors, status: number) => sendHtml(reply, <UnroutedPage ctx={ctx} {...await unroutedPage(staff, { errors, errorsFor: caseId })} />, status);
    if (!parsed.success) return refused(fieldErrors(parsed.error), 400);
    const result = await intake.unrouted.route(staff, caseId, parsed.data.organizationId, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'unknown_ptpha') return refused({ organizationId: 'invalid.surveillance.ptpha' }, 400);
    if (result === 'not_allowed_from') return refused({ organizationId: 'surveillance.intake.unrouted.alreadyRouted' }, 409);
    return reply.redirect(`${href('surveillance.intake.unrouted', ctx.locale)}?notice=routed`, 303);
  }, { access: department });

  // ------------------------------------------------------------ The client systems' keys
  page(app, 'GET', 'surveillance.intake.apiClients', async (request, reply, ctx, staff) => {
    return sendHtml(reply, <ApiClientsPage ctx={ctx} clients={await intake.apiClients.list(staff.staffAuthorityId)} notice={noticeOf(request, notices)} />);
  }, { access: administrator });

  page(app, 'POST', 'surveillance.intake.apiClients', async (request, reply, ctx, staff) => {
    const parsed = parseForm(apiClientForm, request.body);
    if (!parsed.success) {
      const body = request.body as Record<string, unknown>;
      const values = { name: typeof body.name === 'string' ? body.name : '', scopes: ([] as unknown[]).concat(body.scopes ?? []).join(',') };
      return sendHtml(reply, <ApiClientsPage ctx={ctx} clients={await intake.apiClients.list(staff.staffAuthorityId)} errors={fieldErrors(parsed.error)} values={values} />, 400);
    }
    const issued = await intake.apiClients.issue(staff, parsed.data.name, parsed.data.scopes, origin(request));
    // Shown once, on this answer (never in an address): the page says it will not be shown again.
    reply.header('cache-control', 'no-store');
    return sendHtml(reply, <ApiClientsPage ctx={ctx} clients={await intake.apiClients.list(staff.staffAuthorityId)} issuedKey={issued.key} />);
  }, { access: administrator });

  page(app, 'POST', 'surveillance.intake.apiClientRevoke', async (request, reply, ctx, staff) => {
    const { clientId } = paramsOf(clientParams, request);
    if ((await intake.apiClients.revoke(staff, clientId, origin(request))) !== 'revoked') throw new AppError('not_found');
    return reply.redirect(`${href('surveillance.intake.apiClients', ctx.locale)}?notice=revoked`, 303);
  }, { access: administrator });
}
