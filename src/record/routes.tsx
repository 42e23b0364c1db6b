import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CaseworkService, queueQuerySchema } from '../casework/index.ts';
import { type DocumentService, refusalStatus, refusalText } from '../documents/index.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { type LocalDate, localDateAt } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { origin } from '../platform/origin.ts';
import { href, type PageName } from '../platform/paths.ts';
import { fieldErrors, parseForm } from '../platform/text.ts';
import type { FieldErrors, PageContext } from '../platform/views/layout.tsx';
import {
  assignmentSchema,
  decisionSchema,
  emailSchema,
  lateQuery,
  legalNameSchema,
  nameParams,
  notFuture,
  otherEndSchema,
  otherParams,
  otherSchema,
  profileSchema,
  proofForm,
  proofQuery,
  requestParams,
  returnSchema,
  settingsSchema,
  submitSchema,
  withholdingSchema,
} from './schemas.ts';
import type { RecordService, StartResult } from './service.ts';
import type { ReviewResult } from './review.ts';
import { EmailPage, EmailProofPage, LatePage, LegalNamePage, OtherEndPage, OtherPage, ProfilePage, QueuePage, RequestPage, ReviewPage, SettingsPage, SummaryPage, WithholdingPage } from './views.tsx';

const notices = {
  saved: 'record.notice.saved',
  started: 'record.notice.started',
  applied: 'record.notice.applied',
  uploaded: 'record.notice.uploaded',
  sent: 'record.notice.sent',
  withdrawn: 'record.notice.withdrawn',
  proofsSent: 'record.notice.proofsSent',
  proved: 'record.notice.proved',
  emailChanged: 'record.notice.emailChanged',
} as const satisfies Record<string, MessageKey>;
type Notice = keyof typeof notices;

const reviewNotices = {
  pickedUp: 'record.review.notice.pickedUp',
  assigned: 'record.review.notice.assigned',
  released: 'record.review.notice.released',
  returned: 'record.review.notice.returned',
  decided: 'record.review.notice.decided',
} as const satisfies Record<string, MessageKey>;
type ReviewNotice = keyof typeof reviewNotices;

const reviewProblems = {
  not_yours: 'record.review.problem.notYours',
  not_allowed: 'record.review.problem.notAllowed',
  registrar_only: 'record.review.problem.registrarOnly',
  taken: 'record.review.problem.taken',
} as const satisfies Record<Exclude<ReviewResult, 'ok' | 'not_found'>, MessageKey>;

/** A form's string fields as typed (a group of checkboxes as `name`, `name.1`…), without the CSRF token: shown again beside its errors. */
function typed(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (k.startsWith('_')) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) v.forEach((one, i) => typeof one === 'string' && (out[i === 0 ? k : `${k}.${i}`] = one));
  }
  return out;
}

export function registerRecordRoutes(app: FastifyInstance, deps: { record: RecordService; documents: DocumentService; casework: CaseworkService; clock: Clock; maxBytes: number }) {
  const { record, documents, casework } = deps;
  const today = () => localDateAt(deps.clock.now());

  /**
   * The portal's authority, for a person who holds an active registration there; anyone else finds
   * a page that says the record is for registrants (a page of another portal's record tells nothing).
   */
  async function authorityOf(request: FastifyRequest, account: SessionAccount): Promise<string> {
    const authorityId = request.portal?.id ?? account.authorityId;
    if (!(await record.holds(account.id, authorityId))) throw new AppError('record_only_registered');
    return authorityId;
  }

  const to = (reply: FastifyReply, ctx: PageContext, name: PageName, notice: Notice, params: Record<string, string> = {}) => reply.redirect(`${href(name, ctx.locale, params)}?notice=${notice}`, 303);
  const requestIdOf = (request: FastifyRequest) => {
    const parsed = requestParams.safeParse(request.params);
    if (!parsed.success) throw new AppError('not_found');
    return parsed.data.requestId;
  };
  /** A date in the future is refused where it was typed. */
  const future = (date: LocalDate, field: string): FieldErrors | null => (notFuture(date, today()) ? null : { [field]: 'invalid.record.future' });

  page(app, 'GET', 'record.summary', async (request, reply, ctx, account) => {
    const authorityId = await authorityOf(request, account);
    const summary = await record.summary(account.id, authorityId);
    if (!summary.person) throw new AppError('not_found');
    return sendHtml(reply, <SummaryPage ctx={ctx} {...summary} person={summary.person} notice={noticeOf(request, notices)} />);
  }, { access: 'account' });

  // The register's fields: at once.
  const profilePage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, account: SessionAccount, extra: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const authorityId = await authorityOf(request, account);
    return sendHtml(reply, <ProfilePage ctx={ctx} profile={await record.profile(account.id, authorityId)} values={extra.values ?? request.typedValues} errors={extra.errors} />, extra.status ?? 200);
  };
  page(app, 'GET', 'record.profile', (request, reply, ctx, account) => profilePage(request, reply, ctx, account), { access: 'account' });
  page(app, 'POST', 'record.profile', async (request, reply, ctx, account) => {
    const authorityId = await authorityOf(request, account);
    const parsed = parseForm(profileSchema, request.body);
    if (!parsed.success) return profilePage(request, reply, ctx, account, { values: typed(request.body), errors: fieldErrors(parsed.error), status: 400 });
    await record.saveProfile(account, authorityId, parsed.data, origin(request));
    return to(reply, ctx, 'record.summary', 'saved');
  }, { access: 'account' });

  /** Where a started change leads: its page (to send it, or to wait for the proofs), or the record when it applied at once. */
  const started = (reply: FastifyReply, ctx: PageContext, result: Extract<StartResult, { kind: 'started' | 'applied' }>, notice: Notice = 'started') =>
    result.kind === 'applied' ? to(reply, ctx, 'record.summary', 'applied') : to(reply, ctx, 'record.request', notice, { requestId: result.requestId });

  const legalNamePage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, account: SessionAccount, extra: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const authorityId = await authorityOf(request, account);
    const { person } = await record.summary(account.id, authorityId);
    if (!person) throw new AppError('not_found');
    return sendHtml(reply, <LegalNamePage ctx={ctx} person={person} values={extra.values ?? request.typedValues} errors={extra.errors} />, extra.status ?? 200);
  };
  page(app, 'GET', 'record.legalName', (request, reply, ctx, account) => legalNamePage(request, reply, ctx, account), { access: 'account' });
  page(app, 'POST', 'record.legalName', async (request, reply, ctx, account) => {
    const authorityId = await authorityOf(request, account);
    const parsed = parseForm(legalNameSchema, request.body);
    const values = typed(request.body);
    if (!parsed.success) return legalNamePage(request, reply, ctx, account, { values, errors: fieldErrors(parsed.error), status: 400 });
    const inFuture = future(parsed.data.happenedOn, 'happenedOn');
    if (inFuture) return legalNamePage(request, reply, ctx, account, { values, errors: inFuture, status: 400 });
    const result = await record.startLegalName(account, authorityId, parsed.data, origin(request));
    if (result.kind === 'same') return legalNamePage(request, reply, ctx, account, { values, errors: { givenName: 'invalid.record.sameName' }, status: 400 });
    if (result.kind !== 'started') throw new AppError('not_found');
    return started(reply, ctx, result);
  }, { access: 'account' });

  const withholdingPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, account: SessionAccount, extra: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const authorityId = await authorityOf(request, account);
    const params = nameParams.safeParse(request.params);
    const { names, pendingWithholding } = await record.summary(account.id, authorityId);
    const name = params.success ? names.find((n) => n.id === params.data.nameId && !n.withheld && !pendingWithholding.has(n.id)) : undefined;
    if (!name) throw new AppError('not_found');
    return sendHtml(reply, <WithholdingPage ctx={ctx} name={name} values={extra.values ?? request.typedValues} errors={extra.errors} />, extra.status ?? 200);
  };
  page(app, 'GET', 'record.withholding', (request, reply, ctx, account) => withholdingPage(request, reply, ctx, account), { access: 'account' });
  page(app, 'POST', 'record.withholding', async (request, reply, ctx, account) => {
    const authorityId = await authorityOf(request, account);
    const params = nameParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const parsed = parseForm(withholdingSchema, request.body);
    if (!parsed.success) return withholdingPage(request, reply, ctx, account, { values: typed(request.body), errors: fieldErrors(parsed.error), status: 400 });
    const result = await record.startWithholding(account, authorityId, params.data.nameId, parsed.data.reason, origin(request));
    if (result.kind !== 'started') throw new AppError('not_found');
    return started(reply, ctx, result);
  }, { access: 'account' });

  const emailPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, account: SessionAccount, extra: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const authorityId = await authorityOf(request, account);
    const [{ person }, settings] = await Promise.all([record.summary(account.id, authorityId), record.settings(authorityId)]);
    if (!person) throw new AppError('not_found');
    return sendHtml(reply, <EmailPage ctx={ctx} person={person} mode={settings.signInEmail} values={extra.values ?? request.typedValues} errors={extra.errors} />, extra.status ?? 200);
  };
  page(app, 'GET', 'record.email', (request, reply, ctx, account) => emailPage(request, reply, ctx, account), { access: 'account' });
  page(app, 'POST', 'record.email', async (request, reply, ctx, account) => {
    const authorityId = await authorityOf(request, account);
    const parsed = parseForm(emailSchema, request.body);
    const values = typed(request.body);
    if (!parsed.success) return emailPage(request, reply, ctx, account, { values, errors: fieldErrors(parsed.error), status: 400 });
    const inFuture = future(parsed.data.happenedOn, 'happenedOn');
    if (inFuture) return emailPage(request, reply, ctx, account, { values, errors: inFuture, status: 400 });
    const result = await record.startEmailChange(account, authorityId, parsed.data, origin(request));
    if (result.kind === 'taken') return emailPage(request, reply, ctx, account, { values, errors: { email: 'invalid.record.emailTaken' }, status: 400 });
    if (result.kind === 'same') return emailPage(request, reply, ctx, account, { values, errors: { email: 'invalid.record.sameEmail' }, status: 400 });
    if (result.kind !== 'started') throw new AppError('not_found');
    const settings = await record.settings(authorityId);
    return started(reply, ctx, result, settings.signInEmail === 'self_service' ? 'proofsSent' : 'started');
  }, { access: 'account' });

  // The link of each address's message: a page with a button (a mail scanner following links proves nothing).
  const proofProblems = {
    not_found: 'record.proof.notFound',
    expired: 'record.proof.expired',
    taken: 'record.proof.taken',
  } as const satisfies Record<string, MessageKey>;
  page(app, 'GET', 'record.emailProof', async (request, reply, ctx) => {
    const query = proofQuery.safeParse(request.query);
    return sendHtml(reply, <EmailProofPage ctx={ctx} token={query.success ? query.data.token : ''} problem={query.success ? undefined : 'record.proof.notFound'} />, query.success ? 200 : 404);
  }, { access: 'account' });
  page(app, 'POST', 'record.emailProof', async (request, reply, ctx, account) => {
    const parsed = parseForm(proofForm, request.body);
    const result = parsed.success ? await record.proveEmail(account, parsed.data.token, origin(request)) : 'not_found';
    if (result === 'proved') return reply.redirect(`${href('record.summary', ctx.locale)}?notice=proved`, 303);
    if (result === 'confirmed') return reply.redirect(`${href('record.summary', ctx.locale)}?notice=emailChanged`, 303);
    return sendHtml(reply, <EmailProofPage ctx={ctx} token="" problem={proofProblems[result]} />, result === 'taken' ? 409 : 404);
  }, { access: 'account' });

  const otherPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, account: SessionAccount, extra: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    await authorityOf(request, account);
    return sendHtml(reply, <OtherPage ctx={ctx} values={extra.values ?? request.typedValues} errors={extra.errors} />, extra.status ?? 200);
  };
  page(app, 'GET', 'record.other', (request, reply, ctx, account) => otherPage(request, reply, ctx, account), { access: 'account' });
  page(app, 'POST', 'record.other', async (request, reply, ctx, account) => {
    const authorityId = await authorityOf(request, account);
    const parsed = parseForm(otherSchema, request.body);
    const values = typed(request.body);
    if (!parsed.success) return otherPage(request, reply, ctx, account, { values, errors: fieldErrors(parsed.error), status: 400 });
    const inFuture = future(parsed.data.startedOn, 'startedOn');
    if (inFuture) return otherPage(request, reply, ctx, account, { values, errors: inFuture, status: 400 });
    const d = parsed.data;
    const result = await record.reportOther(
      account,
      authorityId,
      { kind: 'other_registration', action: 'add', regulator: d.regulator, jurisdiction: d.jurisdiction, registrationNumber: d.registrationNumber || null, status: d.status, startedOn: d.startedOn },
      d.startedOn,
      origin(request),
    );
    if (result.kind !== 'started' && result.kind !== 'applied') throw new AppError('not_found');
    return started(reply, ctx, result);
  }, { access: 'account' });

  const otherEndPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, account: SessionAccount, extra: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const authorityId = await authorityOf(request, account);
    const params = otherParams.safeParse(request.params);
    const { others } = await record.summary(account.id, authorityId);
    const other = params.success ? others.find((o) => o.id === params.data.otherId && !o.endedOn) : undefined;
    if (!other) throw new AppError('not_found');
    return sendHtml(reply, <OtherEndPage ctx={ctx} other={other} values={extra.values ?? request.typedValues} errors={extra.errors} />, extra.status ?? 200);
  };
  page(app, 'GET', 'record.otherEnd', (request, reply, ctx, account) => otherEndPage(request, reply, ctx, account), { access: 'account' });
  page(app, 'POST', 'record.otherEnd', async (request, reply, ctx, account) => {
    const authorityId = await authorityOf(request, account);
    const params = otherParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const parsed = parseForm(otherEndSchema, request.body);
    const values = typed(request.body);
    if (!parsed.success) return otherEndPage(request, reply, ctx, account, { values, errors: fieldErrors(parsed.error), status: 400 });
    const inFuture = future(parsed.data.endedOn, 'endedOn');
    if (inFuture) return otherEndPage(request, reply, ctx, account, { values, errors: inFuture, status: 400 });
    const result = await record.reportOther(account, authorityId, { kind: 'other_registration', action: 'end', otherRegistrationId: params.data.otherId, regulator: '', endedOn: parsed.data.endedOn }, parsed.data.endedOn, origin(request));
    if (result.kind !== 'started' && result.kind !== 'applied') throw new AppError('not_found');
    return started(reply, ctx, result);
  }, { access: 'account' });

  // One request's page: the person's own only (another's is not found).
  const requestPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, account: SessionAccount, extra: { errors?: FieldErrors; problem?: string; status?: number } = {}) => {
    const found = await record.request(account, requestIdOf(request));
    if (!found) throw new AppError('not_found');
    return sendHtml(reply, <RequestPage ctx={ctx} {...found} notice={noticeOf(request, notices)} errors={extra.errors} problem={extra.problem} />, extra.status ?? 200);
  };
  page(app, 'GET', 'record.request', (request, reply, ctx, account) => requestPage(request, reply, ctx, account), { access: 'account' });

  page(app, 'POST', 'record.requestDocument', async (request, reply, ctx, account) => {
    const requestId = requestIdOf(request);
    const found = await record.request(account, requestId);
    if (!found) throw new AppError('not_found');
    const received = await documents.receiveUpload(request, { maxBytes: deps.maxBytes });
    if (!received.ok) {
      await record.uploadRefused(account.id, found.request.authorityId, received.refusal, origin(request));
      return requestPage(request, reply, ctx, account, { errors: { file: received.refusal.reason === 'empty' ? 'invalid.record.file' : 'record.document.problem' }, ...(received.refusal.reason === 'empty' ? {} : { problem: refusalText(ctx.t, ctx.locale, received.refusal) }), status: refusalStatus[received.refusal.reason] });
    }
    const result = await record.uploadId(account, requestId, received.file, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_allowed') return requestPage(request, reply, ctx, account, { problem: ctx.t('record.request.problem.notEditable'), status: 409 });
    return to(reply, ctx, 'record.request', 'uploaded', { requestId });
  }, { access: 'account', config: { multipart: true } });

  page(app, 'POST', 'record.requestSubmit', async (request, reply, ctx, account) => {
    const requestId = requestIdOf(request);
    const parsed = parseForm(submitSchema, request.body);
    if (!parsed.success) return requestPage(request, reply, ctx, account, { errors: fieldErrors(parsed.error), status: 400 });
    const result = await record.submit(account, requestId, parsed.data.message, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'id_required') return requestPage(request, reply, ctx, account, { errors: { file: 'invalid.record.idRequired' }, status: 400 });
    if (result === 'not_allowed') return requestPage(request, reply, ctx, account, { problem: ctx.t('record.request.problem.notEditable'), status: 409 });
    return to(reply, ctx, 'record.request', 'sent', { requestId });
  }, { access: 'account' });

  page(app, 'POST', 'record.requestWithdraw', async (request, reply, ctx, account) => {
    const requestId = requestIdOf(request);
    const result = await record.withdraw(account, requestId, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'not_allowed') return requestPage(request, reply, ctx, account, { problem: ctx.t('record.request.problem.notWithdrawable'), status: 409 });
    return to(reply, ctx, 'record.request', 'withdrawn', { requestId });
  }, { access: 'account' });

  // Staff: the queue of change requests, each review, the late reports and the settings.
  page(app, 'GET', 'record.queue', async (request, reply, ctx, staff) => {
    const parsed = queueQuerySchema.safeParse(request.query ?? {});
    if (!parsed.success) throw new AppError('bad_request');
    const [queue, people] = await Promise.all([casework.queue(staff.staffAuthorityId, { ...parsed.data, subjectKind: 'change_request' }, staff.id), casework.assignable(staff.staffAuthorityId)]);
    return sendHtml(reply, <QueuePage ctx={ctx} rows={queue.rows} total={queue.total} counts={queue.counts} filters={parsed.data} staff={people} />);
  }, { access: 'staff' });

  page(app, 'GET', 'record.late', async (request, reply, ctx, staff) => {
    const parsed = lateQuery.safeParse(request.query ?? {});
    if (!parsed.success) throw new AppError('bad_request');
    const rows = await record.review.late(staff, today(), parsed.data);
    return sendHtml(reply, <LatePage ctx={ctx} rows={rows} filters={parsed.data} today={today()} />);
  }, { access: 'staff' });

  const settingsPage = async (reply: FastifyReply, ctx: PageContext, staff: SessionAccount, extra: { errors?: FieldErrors; status?: number; notice?: MessageKey | undefined } = {}) =>
    sendHtml(reply, <SettingsPage ctx={ctx} settings={await record.settings(staff.staffAuthorityId)} notice={extra.notice} errors={extra.errors} />, extra.status ?? 200);
  page(app, 'GET', 'record.settings', (request, reply, ctx, staff) => settingsPage(reply, ctx, staff, { notice: noticeOf(request, notices) }), { access: { staff: ['administrator'] } });
  page(app, 'POST', 'record.settings', async (request, reply, ctx, staff) => {
    const parsed = parseForm(settingsSchema, request.body);
    if (!parsed.success) return settingsPage(reply, ctx, staff, { errors: fieldErrors(parsed.error), status: 400 });
    if ((await record.saveSettings(staff, parsed.data, origin(request))) !== 'ok') throw new AppError('not_found');
    return to(reply, ctx, 'record.settings', 'saved');
  }, { access: { staff: ['administrator'] } });

  const reviewPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, extra: { errors?: FieldErrors; values?: Record<string, string>; problem?: string; status?: number } = {}) => {
    const file = await record.review.file(staff, requestIdOf(request));
    if (!file) throw new AppError('not_found');
    const people = await casework.assignable(staff.staffAuthorityId);
    return sendHtml(reply, <ReviewPage ctx={ctx} staff={staff} file={file} staffMembers={people} notice={noticeOf(request, reviewNotices)} errors={extra.errors} values={extra.values} problem={extra.problem} />, extra.status ?? 200);
  };
  const back = (reply: FastifyReply, ctx: PageContext, requestId: string, notice: ReviewNotice) => reply.redirect(`${href('record.review', ctx.locale, { requestId })}?notice=${notice}`, 303);
  const refused = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, result: Exclude<ReviewResult, 'ok'>) => {
    if (result === 'not_found') throw new AppError('not_found');
    return reviewPage(request, reply, ctx, staff, { problem: ctx.t(reviewProblems[result]), status: 409 });
  };

  page(app, 'GET', 'record.review', (request, reply, ctx, staff) => reviewPage(request, reply, ctx, staff), { access: 'staff' });

  page(app, 'POST', 'record.reviewAssignment', async (request, reply, ctx, staff) => {
    const requestId = requestIdOf(request);
    // Another authority's request does not exist for this staff member, whatever the form says.
    if (!(await record.review.file(staff, requestId))) throw new AppError('not_found');
    // The pick-up and release buttons name their action in the address; the assign form in its fields.
    const parsed = parseForm(assignmentSchema, { ...(request.body as object), ...(request.query as object) });
    if (!parsed.success) throw new AppError('bad_request');
    const result = await record.review.assignment(staff, requestId, parsed.data.action, parsed.data.assigneeId, origin(request));
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return back(reply, ctx, requestId, parsed.data.action === 'release' ? 'released' : parsed.data.action === 'assign' ? 'assigned' : 'pickedUp');
  }, { access: 'staff' });

  page(app, 'POST', 'record.reviewReturn', async (request, reply, ctx, staff) => {
    const requestId = requestIdOf(request);
    const parsed = parseForm(returnSchema, request.body);
    if (!parsed.success) return reviewPage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), values: typed(request.body), status: 400 });
    const result = await record.review.returnToRegistrant(staff, requestId, parsed.data.request, origin(request));
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return back(reply, ctx, requestId, 'returned');
  }, { access: 'staff' });

  page(app, 'POST', 'record.reviewDecision', async (request, reply, ctx, staff) => {
    const requestId = requestIdOf(request);
    const parsed = parseForm(decisionSchema, request.body);
    if (!parsed.success) return reviewPage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), values: typed(request.body), status: 400 });
    const result = await record.review.decide(staff, requestId, parsed.data.outcome, parsed.data.reasons, origin(request));
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return back(reply, ctx, requestId, 'decided');
  }, { access: 'staff' });
}

