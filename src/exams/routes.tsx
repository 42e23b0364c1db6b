import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readCsvForm } from '../platform/csv-form.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { localDateAt } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { origin } from '../platform/origin.ts';
import { href, type PageName } from '../platform/paths.ts';
import { fieldErrors, parseForm } from '../platform/text.ts';
import type { FieldErrors, PageContext } from '../platform/views/layout.tsx';
import { can } from './policies.ts';
import { registrationParams, resultParams, resultSchema, sessionParams, sessionSchema, settingsSchema, stringsOf } from './schemas.ts';
import type { CancelResult, EnterResult, ExamsService, RegisterRefusal } from './service.ts';
import { torontoInstant } from './time.ts';
import { ImportPage, NewSessionPage, SettingsPage, RegisterPage, RegistrationPage, ResultsPage, RosterPage, SessionsPage, StaffSessionsPage } from './views.tsx';

const notices = {
  registered: 'exams.notice.registered',
  cancelled: 'exams.notice.cancelled',
} as const satisfies Record<string, MessageKey>;
type Notice = keyof typeof notices;

const staffNotices = {
  created: 'exams.notice.created',
  entered: 'exams.notice.entered',
  settingsSaved: 'exams.notice.settingsSaved',
} as const satisfies Record<string, MessageKey>;
type StaffNotice = keyof typeof staffNotices;

/** Why a registration was refused, in the person's words. */
const refusals = {
  not_found: 'exams.refusal.not_found',
  full: 'exams.refusal.full',
  deadline_passed: 'exams.refusal.deadline_passed',
  already_registered: 'exams.refusal.already_registered',
  fee_unavailable: 'exams.refusal.fee_unavailable',
} as const satisfies Record<RegisterRefusal, MessageKey>;

const cancelProblems = {
  deadline_passed: 'exams.cancel.problem.deadline_passed',
  already_cancelled: 'exams.cancel.problem.already_cancelled',
} as const satisfies Partial<Record<CancelResult, MessageKey>>;

const enterProblems = {
  forbidden: 'exams.roster.problem.forbidden',
  not_sat_yet: 'exams.roster.problem.not_sat_yet',
  not_registered: 'exams.roster.problem.not_registered',
  already_entered: 'exams.roster.problem.already_entered',
} as const satisfies Partial<Record<EnterResult, MessageKey>>;

/** The largest results file the import reads (about 20,000 lines). */
const MAX_CSV_BYTES = 1024 * 1024;

function paramsOf<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, request: FastifyRequest): T {
  const parsed = schema.safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found');
  return parsed.data;
}

/** The authority of the portal the person is in: exams are an authority's, so no portal, no page. */
function authorityOf(request: FastifyRequest): string {
  const id = request.portal?.id;
  if (!id) throw new AppError('not_found');
  return id;
}

const go = (reply: FastifyReply, ctx: PageContext, name: PageName, notice?: Notice | StaffNotice, params: Record<string, string> = {}) => reply.redirect(`${href(name, ctx.locale, params)}${notice ? `?notice=${notice}` : ''}`, 303);


export function registerExamsRoutes(app: FastifyInstance, deps: { exams: ExamsService; clock: Clock }) {
  const { exams, clock } = deps;

  // ------------------------------------------------------------ The person's pages
  page(app, 'GET', 'exams.sessions', async (request, reply, ctx, account) => {
    const data = await exams.sessionsPage(account.id, authorityOf(request));
    return sendHtml(reply, <SessionsPage ctx={ctx} open={data.open} mine={data.mine} notice={noticeOf(request, notices)} />);
  }, { access: 'account' });

  const sessionOf = async (request: FastifyRequest, account: SessionAccount) => {
    const { sessionId } = paramsOf(sessionParams, request);
    const found = await exams.openSession(authorityOf(request), sessionId, account.id);
    if (!found || found.session.cancelledAt) throw new AppError('not_found');
    return found;
  };

  page(app, 'GET', 'exams.register', async (request, reply, ctx, account) => {
    const found = await sessionOf(request, account);
    return sendHtml(reply, <RegisterPage ctx={ctx} session={found.session} taken={found.taken} open={found.open} registrationId={found.registrationId} />);
  }, { access: 'account' });

  page(app, 'POST', 'exams.register', async (request, reply, ctx, account) => {
    const found = await sessionOf(request, account);
    const result = await exams.register(account, found.session.authorityId, found.session.id, ctx.locale, request.portal, origin(request));
    if (result.kind === 'registered') return go(reply, ctx, 'exams.registration', 'registered', { registrationId: result.registrationId });
    if (result.reason === 'not_found') throw new AppError('not_found');
    const again = await sessionOf(request, account);
    return sendHtml(reply, <RegisterPage ctx={ctx} session={again.session} taken={again.taken} open={again.open} registrationId={again.registrationId} problem={ctx.t(refusals[result.reason])} />, 409);
  }, { access: 'account' });

  const registrationPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, account: SessionAccount, problem?: MessageKey) => {
    const { registrationId } = paramsOf(registrationParams, request);
    const data = await exams.registrationPage(account.id, registrationId);
    if (!data) throw new AppError('not_found');
    return sendHtml(
      reply,
      <RegistrationPage ctx={ctx} registration={data.registration} session={data.session} invoice={data.invoice} cancellable={data.cancellable} notice={noticeOf(request, notices)} problem={problem ? ctx.t(problem) : undefined} />,
      problem ? 409 : 200,
    );
  };
  page(app, 'GET', 'exams.registration', (request, reply, ctx, account) => registrationPage(request, reply, ctx, account), { access: 'account' });

  page(app, 'POST', 'exams.cancel', async (request, reply, ctx, account) => {
    const { registrationId } = paramsOf(registrationParams, request);
    const result = await exams.cancel(account, registrationId, request.portal, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result !== 'ok') return registrationPage(request, reply, ctx, account, cancelProblems[result]);
    return go(reply, ctx, 'exams.registration', 'cancelled', { registrationId });
  }, { access: 'account' });

  page(app, 'GET', 'exams.results', async (request, reply, ctx, account) => {
    const results = await exams.results(account.id, authorityOf(request));
    return sendHtml(reply, <ResultsPage ctx={ctx} results={results} today={localDateAt(clock.now())} />);
  }, { access: 'account' });

  // ------------------------------------------------------------ Staff
  page(app, 'GET', 'exams.staffSessions', async (request, reply, ctx, staff) => {
    const sessions = await exams.staffSessions(staff);
    const canCreate = can(staff, 'manage_sessions', { accountId: '', authorityId: staff.staffAuthorityId });
    return sendHtml(reply, <StaffSessionsPage ctx={ctx} sessions={sessions} canCreate={canCreate} notice={noticeOf(request, staffNotices)} />);
  }, { access: 'staff' });

  page(app, 'GET', 'exams.newSession', async (_request, reply, ctx) => sendHtml(reply, <NewSessionPage ctx={ctx} />), { access: { staff: ['administrator'] } });

  page(app, 'POST', 'exams.newSession', async (request, reply, ctx, staff) => {
    const parsed = parseForm(sessionSchema, request.body);
    const again = (errors: FieldErrors) => sendHtml(reply, <NewSessionPage ctx={ctx} errors={errors} values={stringsOf(request.body)} />, 400);
    if (!parsed.success) return again(fieldErrors(parsed.error));
    const startsAt = torontoInstant(parsed.data.day, parsed.data.time);
    if (!startsAt) return again({ time: 'invalid.exams.time' });
    if (startsAt <= clock.now()) return again({ day: 'invalid.exams.past' });
    const result = await exams.createSession(staff, { ...parsed.data, startsAt }, origin(request));
    if (result === 'forbidden') throw new AppError('not_found');
    return go(reply, ctx, 'exams.staffSessions', 'created');
  }, { access: { staff: ['administrator'] } });

  const rosterPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, shown: { problem?: MessageKey; errors?: FieldErrors; errorsFor?: string } = {}) => {
    const { sessionId } = paramsOf(sessionParams, request);
    const data = await exams.roster(staff, sessionId);
    if (!data) throw new AppError('not_found');
    const status = shown.problem ? 409 : shown.errors ? 400 : 200;
    return sendHtml(
      reply,
      <RosterPage
        ctx={ctx}
        session={data.session}
        candidates={data.candidates}
        canEnter={can(staff, 'enter_results', { accountId: '', authorityId: data.session.authorityId })}
        notice={noticeOf(request, staffNotices)}
        problem={shown.problem ? ctx.t(shown.problem) : undefined}
        errors={shown.errors}
        {...(shown.errorsFor ? { errorsFor: shown.errorsFor } : {})}
      />,
      status,
    );
  };
  page(app, 'GET', 'exams.roster', (request, reply, ctx, staff) => rosterPage(request, reply, ctx, staff), { access: 'staff' });

  page(app, 'POST', 'exams.enterResult', async (request, reply, ctx, staff) => {
    const { sessionId, accountId } = paramsOf(resultParams, request);
    // Another authority's session is not found before anything typed is looked at.
    if (!(await exams.roster(staff, sessionId))) throw new AppError('not_found');
    const parsed = parseForm(resultSchema, request.body);
    if (!parsed.success) return rosterPage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), errorsFor: accountId });
    const result = await exams.enterResult(staff, sessionId, accountId, parsed.data, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result !== 'ok') return rosterPage(request, reply, ctx, staff, { problem: enterProblems[result] });
    return go(reply, ctx, 'exams.roster', 'entered', { sessionId });
  }, { access: 'staff' });

  page(app, 'GET', 'exams.settings', async (request, reply, ctx, staff) => {
    return sendHtml(reply, <SettingsPage ctx={ctx} months={await exams.validityMonths(staff)} notice={noticeOf(request, staffNotices)} />);
  }, { access: { staff: ['administrator'] } });

  page(app, 'POST', 'exams.settings', async (request, reply, ctx, staff) => {
    const parsed = parseForm(settingsSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <SettingsPage ctx={ctx} months={await exams.validityMonths(staff)} errors={fieldErrors(parsed.error)} values={stringsOf(request.body)} />, 400);
    if ((await exams.setValidity(staff, parsed.data.resultValidityMonths, origin(request))) === 'forbidden') throw new AppError('not_found');
    return go(reply, ctx, 'exams.settings', 'settingsSaved');
  }, { access: { staff: ['administrator'] } });

  page(app, 'GET', 'exams.import', async (_request, reply, ctx) => sendHtml(reply, <ImportPage ctx={ctx} />), { access: 'staff' });

  page(app, 'POST', 'exams.import', async (request, reply, ctx, staff) => {
    const form = await readCsvForm(request, MAX_CSV_BYTES);
    const shown = (props: Parameters<typeof ImportPage>[0], status: number) => sendHtml(reply, <ImportPage {...props} />, status);
    if (form.tooLarge) return shown({ ctx, problem: ctx.t('exams.import.tooLarge') }, 400);
    if (form.csv === null) return shown({ ctx, problem: ctx.t('exams.import.noFile') }, 400);
    if (form.action === 'import') {
      const outcome = await exams.importResults(staff, form.csv, form.fileName, origin(request));
      if (outcome.kind === 'forbidden') throw new AppError('not_found');
      if (outcome.kind === 'imported') return shown({ ctx, imported: outcome.results }, 200);
      return shown({ ctx, report: outcome.report, fileName: form.fileName, problem: ctx.t('exams.import.notImported') }, 409);
    }
    return shown({ ctx, report: await exams.checkImport(staff, form.csv), fileName: form.fileName }, 200);
  }, { access: 'staff', multipart: true });
}
