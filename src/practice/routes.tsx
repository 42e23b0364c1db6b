import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CaseworkService, queueQuerySchema } from '../casework/index.ts';
import type { Guard } from '../platform/access.ts';
import type { SessionAccount } from '../platform/actors.ts';
import type { Clock } from '../platform/clock.ts';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { origin } from '../platform/origin.ts';
import { href, type PageName } from '../platform/paths.ts';
import { fieldErrors, parseForm } from '../platform/text.ts';
import type { FieldErrors, PageContext } from '../platform/views/layout.tsx';
import { can } from './policies.ts';
import { todayAt } from './queries.ts';
import {
  assignmentSchema,
  entryDecisionSchema,
  entryParams,
  hoursSchema,
  notPractisingSchema,
  requestParams,
  reviewEntryParams,
  siteParams,
  siteSchema,
  stringsOf,
  thresholdsSchema,
  withholdingDecisionSchema,
  withholdingParams,
  withholdingSchema,
} from './schemas.ts';
import type { PracticeService, Registrant } from './service.ts';
import type { EntryResult } from './use-cases/hours.ts';
import type { ReviewResult } from './use-cases/review.ts';
import * as views from './views.tsx';

const notices = {
  siteAdded: 'practice.notice.siteAdded',
  siteAddedPrimary: 'practice.notice.siteAddedPrimary',
  siteSaved: 'practice.notice.siteSaved',
  primaryMoved: 'practice.notice.primaryMoved',
  primaryChanged: 'practice.notice.primaryChanged',
  siteRemoved: 'practice.notice.siteRemoved',
  statusSaved: 'practice.notice.statusSaved',
  withholdingSent: 'practice.notice.withholdingSent',
  hoursAdded: 'practice.notice.hoursAdded',
  hoursSaved: 'practice.notice.hoursSaved',
  hoursRemoved: 'practice.notice.hoursRemoved',
  requestSent: 'practice.notice.requestSent',
  withdrawn: 'practice.notice.withdrawn',
} as const satisfies Record<string, MessageKey>;
type NoticeName = keyof typeof notices;

const staffNotices = {
  pickedUp: 'practice.review.notice.pickedUp',
  released: 'practice.review.notice.released',
  assigned: 'practice.review.notice.assigned',
  marked: 'practice.review.notice.marked',
  decided: 'practice.review.notice.decided',
  thresholdsSaved: 'practice.review.notice.thresholdsSaved',
} as const satisfies Record<string, MessageKey>;
type StaffNotice = keyof typeof staffNotices;

/** Why an entry was not changed, said on its page: it is in a review, or accepted. */
const lockedKeys = { in_review: 'practice.entry.lockedSentLong', accepted: 'practice.entry.lockedAcceptedLong' } as const satisfies Partial<Record<EntryResult, MessageKey>>;

const reviewProblems = {
  not_found: 'practice.review.problem.notFound',
  not_yours: 'practice.review.problem.notYours',
  not_allowed: 'practice.review.problem.notAllowed',
  unmarked: 'practice.review.problem.unmarked',
} as const satisfies Record<Exclude<ReviewResult, 'ok'>, MessageKey>;

/**
 * A registrant of the portal's authority: they hold a registration there. Anyone else (someone
 * who only applied, staff, another authority's registrant) finds no practice page.
 */
function registrantGuard(practice: PracticeService): Guard<Registrant> {
  return {
    scope: 'practice',
    async resolve(request, account) {
      const portal = request.portal;
      if (!portal || !(await practice.isRegistrant(account.id, portal.id))) return null;
      return { id: account.id, staffAuthorityId: account.staffAuthorityId, authorityRoles: account.authorityRoles, authorityId: portal.id };
    },
  };
}

function paramsOf<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, request: FastifyRequest): T {
  const parsed = schema.safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found');
  return parsed.data;
}

const go = (reply: FastifyReply, ctx: PageContext, name: PageName, notice?: NoticeName, params: Record<string, string> = {}) => reply.redirect(`${href(name, ctx.locale, params)}${notice ? `?notice=${notice}` : ''}`, 303);

export function registerPracticeRoutes(app: FastifyInstance, deps: { practice: PracticeService; casework: CaseworkService; clock: Clock }) {
  const { practice, casework, clock } = deps;
  const registrant = registrantGuard(practice);

  // ------------------------------------------------------------ Sites
  const sitesPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, r: Registrant) => {
    const data = await practice.sitesPage(r);
    return sendHtml(reply, <views.SitesPage ctx={ctx} sites={data.sites} withholding={data.withholding} notPractising={data.profile.notPractising} today={todayAt(clock.now())} notice={noticeOf(request, notices)} />);
  };
  page(app, 'GET', 'practice.sites', sitesPage, { access: registrant });

  page(app, 'POST', 'practice.notPractising', async (request, reply, ctx, r) => {
    const parsed = parseForm(notPractisingSchema, request.body);
    if (!parsed.success) throw new AppError('bad_request');
    await practice.sites.setNotPractising(r, parsed.data.notPractising === 'yes', origin(request));
    return go(reply, ctx, 'practice.sites', 'statusSaved');
  }, { access: registrant });

  page(app, 'GET', 'practice.newSite', async (_request, reply, ctx) => sendHtml(reply, <views.SiteFormPage ctx={ctx} site={null} />), { access: registrant });

  page(app, 'POST', 'practice.newSite', async (request, reply, ctx, r) => {
    const parsed = parseForm(siteSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <views.SiteFormPage ctx={ctx} site={null} errors={fieldErrors(parsed.error)} values={stringsOf(request.body)} />, 400);
    const added = await practice.sites.add(r, parsed.data, origin(request));
    return go(reply, ctx, 'practice.sites', added.primary ? 'siteAddedPrimary' : 'siteAdded');
  }, { access: registrant });

  /** The registrant's site in the address, not removed; anyone else's: page not found. */
  const siteOf = async (request: FastifyRequest, r: Registrant) => {
    const { siteId } = paramsOf(siteParams, request);
    const data = await practice.sitesPage(r);
    const site = data.sites.find((s) => s.id === siteId);
    if (!site) throw new AppError('not_found');
    return { site, request: data.withholding.get(siteId) };
  };

  page(app, 'GET', 'practice.site', async (request, reply, ctx, r) => {
    const { site } = await siteOf(request, r);
    return sendHtml(reply, <views.SiteFormPage ctx={ctx} site={site} />);
  }, { access: registrant });

  page(app, 'POST', 'practice.site', async (request, reply, ctx, r) => {
    const { site } = await siteOf(request, r);
    const parsed = parseForm(siteSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <views.SiteFormPage ctx={ctx} site={site} errors={fieldErrors(parsed.error)} values={stringsOf(request.body)} />, 400);
    const result = await practice.sites.update(r, site.id, parsed.data, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    return go(reply, ctx, 'practice.sites', result === 'primary_moved' ? 'primaryMoved' : 'siteSaved');
  }, { access: registrant });

  page(app, 'POST', 'practice.sitePrimary', async (request, reply, ctx, r) => {
    const { siteId } = paramsOf(siteParams, request);
    const result = await practice.sites.makePrimary(r, siteId, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    // A site that has ended cannot be the business address: the page offers the choice only for current ones.
    if (result === 'not_current') throw new AppError('bad_request');
    return go(reply, ctx, 'practice.sites', 'primaryChanged');
  }, { access: registrant });

  page(app, 'GET', 'practice.siteRemove', async (request, reply, ctx, r) => {
    const { site } = await siteOf(request, r);
    return sendHtml(reply, <views.RemoveSitePage ctx={ctx} site={site} />);
  }, { access: registrant });

  page(app, 'POST', 'practice.siteRemove', async (request, reply, ctx, r) => {
    const { siteId } = paramsOf(siteParams, request);
    const result = await practice.sites.remove(r, siteId, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    return go(reply, ctx, 'practice.sites', result === 'primary_moved' ? 'primaryMoved' : 'siteRemoved');
  }, { access: registrant });

  page(app, 'GET', 'practice.siteWithholding', async (request, reply, ctx, r) => {
    const found = await siteOf(request, r);
    return sendHtml(reply, <views.WithholdingPage ctx={ctx} site={found.site} request={found.request} notice={noticeOf(request, notices)} />);
  }, { access: registrant });

  page(app, 'POST', 'practice.siteWithholding', async (request, reply, ctx, r) => {
    const found = await siteOf(request, r);
    const parsed = parseForm(withholdingSchema, request.body);
    const again = (errors: FieldErrors | undefined, problem?: MessageKey) =>
      sendHtml(reply, <views.WithholdingPage ctx={ctx} site={found.site} request={found.request} errors={errors} values={stringsOf(request.body)} problem={problem ? ctx.t(problem) : undefined} />, problem ? 409 : 400);
    if (!parsed.success) return again(fieldErrors(parsed.error));
    const result = await practice.sites.requestWithholding(r, found.site.id, parsed.data.scope, parsed.data.reason, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'already_pending') return again(undefined, 'practice.withholding.problem.pending');
    if (result === 'already_withheld') return again(undefined, 'practice.withholding.problem.withheld');
    return go(reply, ctx, 'practice.siteWithholding', 'withholdingSent', { siteId: found.site.id });
  }, { access: registrant });

  // ------------------------------------------------------------ Hours
  page(app, 'GET', 'practice.hours', async (request, reply, ctx, r) => {
    return sendHtml(reply, <views.HoursPage ctx={ctx} data={await practice.hoursPage(r)} notice={noticeOf(request, notices)} />);
  }, { access: registrant });

  const sitesFor = async (r: Registrant) => (await practice.sitesPage(r)).sites;

  page(app, 'GET', 'practice.newHours', async (_request, reply, ctx, r) => sendHtml(reply, <views.HoursFormPage ctx={ctx} entry={null} sites={await sitesFor(r)} />), { access: registrant });

  page(app, 'POST', 'practice.newHours', async (request, reply, ctx, r) => {
    const parsed = parseForm(hoursSchema, request.body);
    const again = async (errors: FieldErrors) => sendHtml(reply, <views.HoursFormPage ctx={ctx} entry={null} sites={await sitesFor(r)} errors={errors} values={stringsOf(request.body)} />, 400);
    if (!parsed.success) return again(fieldErrors(parsed.error));
    const result = await practice.hours.add(r, parsed.data, origin(request));
    if (result === 'unknown_site') return again({ siteId: 'invalid.practice.site' });
    return go(reply, ctx, 'practice.hours', 'hoursAdded');
  }, { access: registrant });

  const entryOf = async (request: FastifyRequest, r: Registrant) => {
    const { entryId } = paramsOf(entryParams, request);
    const entry = await practice.hours.entry(r, entryId);
    if (!entry) throw new AppError('not_found');
    return entry;
  };

  page(app, 'GET', 'practice.hoursEntry', async (request, reply, ctx, r) => {
    const entry = await entryOf(request, r);
    return sendHtml(reply, <views.HoursFormPage ctx={ctx} entry={entry} sites={await sitesFor(r)} />);
  }, { access: registrant });

  // A locked entry is refused with the page saying why (409), and nothing changes.
  page(app, 'POST', 'practice.hoursEntry', async (request, reply, ctx, r) => {
    const entry = await entryOf(request, r);
    const parsed = parseForm(hoursSchema, request.body);
    const again = async (extra: { errors?: FieldErrors; problem?: MessageKey }, status: number) =>
      sendHtml(reply, <views.HoursFormPage ctx={ctx} entry={entry} sites={await sitesFor(r)} errors={extra.errors} values={stringsOf(request.body)} problem={extra.problem ? ctx.t(extra.problem) : undefined} />, status);
    if (!parsed.success) return again({ errors: fieldErrors(parsed.error) }, 400);
    const result = await practice.hours.update(r, entry.id, parsed.data, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'unknown_site') return again({ errors: { siteId: 'invalid.practice.site' } }, 400);
    if (result === 'in_review' || result === 'accepted') return again({ problem: lockedKeys[result] }, 409);
    return go(reply, ctx, 'practice.hours', 'hoursSaved');
  }, { access: registrant });

  page(app, 'POST', 'practice.hoursRemove', async (request, reply, ctx, r) => {
    const entry = await entryOf(request, r);
    const result = await practice.hours.remove(r, entry.id, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'in_review' || result === 'accepted') {
      return sendHtml(reply, <views.HoursFormPage ctx={ctx} entry={entry} sites={await sitesFor(r)} problem={ctx.t(lockedKeys[result])} />, 409);
    }
    return go(reply, ctx, 'practice.hours', 'hoursRemoved');
  }, { access: registrant });

  // ------------------------------------------------------------ Requests
  const confirmPage = async (reply: FastifyReply, ctx: PageContext, r: Registrant, problem?: MessageKey) => {
    const [entries, sites] = await Promise.all([practice.hours.sendable(r), sitesFor(r)]);
    if (entries.length === 0) return go(reply, ctx, 'practice.hours');
    return sendHtml(reply, <views.RequestReviewPage ctx={ctx} entries={entries} sites={sites} problem={problem ? ctx.t(problem) : undefined} />, problem ? 409 : 200);
  };
  page(app, 'GET', 'practice.requestReview', async (_request, reply, ctx, r) => confirmPage(reply, ctx, r), { access: registrant });

  page(app, 'POST', 'practice.requestReview', async (request, reply, ctx, r) => {
    const raw = (request.body as Record<string, unknown> | undefined)?.entryIds;
    const shown = ([] as unknown[]).concat(raw ?? []).filter((v): v is string => typeof v === 'string');
    const result = await practice.hours.send(r, shown, origin(request));
    if (result === 'nothing_to_send') return go(reply, ctx, 'practice.hours');
    // What the page showed is not what would be sent any more (another tab added or changed an entry): show it again.
    if (result === 'changed') return confirmPage(reply, ctx, r, 'practice.confirm.changed');
    return go(reply, ctx, 'practice.request', 'requestSent', { requestId: result.requestId });
  }, { access: registrant });

  const requestPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, r: Registrant, problem?: MessageKey) => {
    const { requestId } = paramsOf(requestParams, request);
    const data = await practice.requestPage(r, requestId);
    if (!data) throw new AppError('not_found');
    return sendHtml(reply, <views.RequestPage ctx={ctx} data={data} notice={noticeOf(request, notices)} problem={problem ? ctx.t(problem) : undefined} />, problem ? 409 : 200);
  };
  page(app, 'GET', 'practice.request', (request, reply, ctx, r) => requestPage(request, reply, ctx, r), { access: registrant });

  page(app, 'POST', 'practice.requestWithdraw', async (request, reply, ctx, r) => {
    const { requestId } = paramsOf(requestParams, request);
    const result = await practice.hours.withdraw(r, requestId, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'picked_up') return requestPage(request, reply, ctx, r, 'practice.request.problem.pickedUp');
    if (result === 'closed') return requestPage(request, reply, ctx, r, 'practice.request.problem.closed');
    return go(reply, ctx, 'practice.hours', 'withdrawn');
  }, { access: registrant });

  // ------------------------------------------------------------ Staff
  const queue = (name: 'practice.queue' | 'practice.withholdingQueue', subjectKind: string, title: MessageKey, target: 'practice.review' | 'practice.withholding') =>
    page(app, 'GET', name, async (request, reply, ctx, staff) => {
      const parsed = queueQuerySchema.safeParse(request.query ?? {});
      if (!parsed.success) throw new AppError('bad_request');
      const [found, people] = await Promise.all([casework.queue(staff.staffAuthorityId, { ...parsed.data, subjectKind }, staff.id), casework.assignable(staff.staffAuthorityId)]);
      return sendHtml(reply, <views.QueuePage ctx={ctx} title={ctx.t(title)} current={name} rows={found.rows} total={found.total} counts={found.counts} filters={parsed.data} staff={people} page={target} />);
    }, { access: 'staff' });
  queue('practice.queue', 'practice_hours', 'practice.queue.title', 'practice.review');
  queue('practice.withholdingQueue', 'practice_withholding', 'practice.withholdingQueue.title', 'practice.withholding');

  const reviewPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, extra: { errors?: FieldErrors; values?: Record<string, string>; problem?: MessageKey; status?: number } = {}) => {
    const { requestId } = paramsOf(requestParams, request);
    const file = await practice.review.file(staff, requestId);
    if (!file) throw new AppError('not_found');
    const [steps, people] = await Promise.all([file.review ? casework.timeline(file.review.id, { forApplicant: false }) : Promise.resolve([]), casework.assignable(staff.staffAuthorityId)]);
    return sendHtml(
      reply,
      <views.HoursReviewPage ctx={ctx} file={file} steps={steps} staff={staff} staffMembers={people} errors={extra.errors} values={extra.values} problem={extra.problem ? ctx.t(extra.problem) : undefined} notice={noticeOf(request, staffNotices)} />,
      extra.status ?? 200,
    );
  };
  const backToReview = (reply: FastifyReply, ctx: PageContext, requestId: string, notice: StaffNotice) => reply.redirect(`${href('practice.review', ctx.locale, { requestId })}?notice=${notice}`, 303);
  const refused = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, result: Exclude<ReviewResult, 'ok'>) => {
    if (result === 'not_found') throw new AppError('not_found');
    return reviewPage(request, reply, ctx, staff, { problem: reviewProblems[result], status: 409 });
  };

  page(app, 'GET', 'practice.review', (request, reply, ctx, staff) => reviewPage(request, reply, ctx, staff), { access: 'staff' });

  page(app, 'POST', 'practice.reviewAssignment', async (request, reply, ctx, staff) => {
    const { requestId } = paramsOf(requestParams, request);
    // Another authority's request does not exist for them, whatever the form says.
    if (!(await practice.review.file(staff, requestId))) throw new AppError('not_found');
    const parsed = parseForm(assignmentSchema, { ...(request.body as object), ...(request.query as object) });
    if (!parsed.success) throw new AppError('bad_request');
    const { action, assigneeId } = parsed.data;
    const result = await practice.review.assignment(staff, requestId, action, assigneeId ?? '', origin(request));
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return backToReview(reply, ctx, requestId, action === 'pick_up' ? 'pickedUp' : action === 'assign' ? 'assigned' : 'released');
  }, { access: 'staff' });

  page(app, 'POST', 'practice.reviewEntry', async (request, reply, ctx, staff) => {
    const { requestId, entryId } = paramsOf(reviewEntryParams, request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    // Each entry's reason field is named after it (one page, one form per entry).
    const parsed = parseForm(entryDecisionSchema, { ...body, reason: body[`reason-${entryId}`] ?? '' });
    const values = { entryId, decision: typeof body.decision === 'string' ? body.decision : '', reason: typeof body[`reason-${entryId}`] === 'string' ? String(body[`reason-${entryId}`]) : '' };
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return reviewPage(request, reply, ctx, staff, { errors: { [`reason-${entryId}`]: errors.reason ?? errors.decision }, values, status: 400 });
    }
    const result = await practice.review.mark(staff, requestId, entryId, parsed.data.decision, parsed.data.reason, origin(request));
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return backToReview(reply, ctx, requestId, 'marked');
  }, { access: 'staff' });

  page(app, 'POST', 'practice.reviewDecision', async (request, reply, ctx, staff) => {
    const { requestId } = paramsOf(requestParams, request);
    const result = await practice.review.decide(staff, requestId, origin(request));
    if (result !== 'ok') return refused(request, reply, ctx, staff, result);
    return backToReview(reply, ctx, requestId, 'decided');
  }, { access: 'staff' });

  const withholdingPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, extra: { errors?: FieldErrors; values?: Record<string, string>; problem?: MessageKey; status?: number } = {}) => {
    const { withholdingId } = paramsOf(withholdingParams, request);
    const file = await practice.withholding.file(staff, withholdingId);
    if (!file) throw new AppError('not_found');
    const steps = file.review ? await casework.timeline(file.review.id, { forApplicant: false }) : [];
    return sendHtml(
      reply,
      <views.WithholdingReviewPage ctx={ctx} file={file} steps={steps} mayDecide={can(staff, 'decide_withholding', file.request)} errors={extra.errors} values={extra.values} problem={extra.problem ? ctx.t(extra.problem) : undefined} notice={noticeOf(request, staffNotices)} />,
      extra.status ?? 200,
    );
  };
  page(app, 'GET', 'practice.withholding', (request, reply, ctx, staff) => withholdingPage(request, reply, ctx, staff), { access: 'staff' });

  page(app, 'POST', 'practice.withholding', async (request, reply, ctx, staff) => {
    const { withholdingId } = paramsOf(withholdingParams, request);
    const parsed = parseForm(withholdingDecisionSchema, request.body);
    if (!parsed.success) return withholdingPage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), values: stringsOf(request.body), status: 400 });
    const result = await practice.withholding.decide(staff, withholdingId, parsed.data.outcome, parsed.data.reason, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result !== 'ok') return withholdingPage(request, reply, ctx, staff, { problem: reviewProblems[result], status: 409 });
    return reply.redirect(`${href('practice.withholding', ctx.locale, { withholdingId })}?notice=decided`, 303);
  }, { access: 'staff' });

  const administrators = { staff: ['administrator'] } as const;
  page(app, 'GET', 'practice.thresholds', async (request, reply, ctx, staff) => {
    return sendHtml(reply, <views.ThresholdsPage ctx={ctx} thresholds={await practice.thresholdsOf(staff.staffAuthorityId)} notice={noticeOf(request, staffNotices)} />);
  }, { access: administrators });

  page(app, 'POST', 'practice.thresholds', async (request, reply, ctx, staff) => {
    const parsed = parseForm(thresholdsSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <views.ThresholdsPage ctx={ctx} thresholds={await practice.thresholdsOf(staff.staffAuthorityId)} errors={fieldErrors(parsed.error)} values={stringsOf(request.body)} />, 400);
    if ((await practice.setThresholds(staff, parsed.data, origin(request))) === 'forbidden') throw new AppError('not_found');
    return reply.redirect(`${href('practice.thresholds', ctx.locale)}?notice=thresholdsSaved`, 303);
  }, { access: administrators });
}
