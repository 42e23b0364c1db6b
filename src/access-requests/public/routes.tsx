import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { attachmentHeader, type DocumentService, refusalStatus, refusalText } from '../../documents/index.ts';
import type { BackgroundWork } from '../../platform/background.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Cookies } from '../../platform/cookies.ts';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../../platform/http.tsx';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { origin } from '../../platform/origin.ts';
import { href } from '../../platform/paths.ts';
import type { Portal } from '../../platform/portal.ts';
import { fieldErrors, parseForm } from '../../platform/text.ts';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import type { AccessCore, AccessRequest } from '../core.ts';
import { trackedRequest } from '../guards.ts';
import { type Answers, answersOf, clarifySchema, fileParams, firstUnanswered, isStep, nextStep, previousStep, type Step, stepsFor, trackSchema } from './schemas.ts';
import { DRAFT_DAYS, type Draft, type PublicService } from './service.ts';
import { CheckPage, MinePage, PaymentReturnPage, QuestionPage, StartPage, SubmittedPage, TrackingPage, TrackPage } from './views.tsx';

const notices = {
  clarified: 'access.public.notice.clarified',
  alreadyPaid: 'access.public.notice.alreadyPaid',
  notOpen: 'access.public.notice.notOpen',
} as const satisfies Record<string, MessageKey>;

/** The largest identity proof taken. */
const MAX_IDENTITY_BYTES = 10 * 1024 * 1024;

/** What was typed in a form, to show it again (strings only; never the token). */
const typed = (body: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_') && e[0] !== 't'));

export interface PublicRouteDeps {
  core: AccessCore;
  service: PublicService;
  documents: DocumentService;
  db: Database;
  clock: Clock;
  cookies: Cookies;
  isProduction: boolean;
  background: BackgroundWork;
  rateLimit: { max: number; timeWindow: number };
}

export function registerPublicRoutes(app: FastifyInstance, deps: PublicRouteDeps) {
  const { core, service } = deps;
  // The draft's key: a cookie of its own, with the portal's cookie options (`__Host-` in production).
  const draftCookie = deps.isProduction ? '__Host-guichet_access_draft' : 'guichet_access_draft';
  const cookieOptions = { ...deps.cookies.options, maxAge: DRAFT_DAYS * 86_400 };

  /** The ATIP office's portal: none, or the module off there, and the public service is not found. */
  async function portalOf(request: FastifyRequest): Promise<Portal> {
    const portal = request.portal;
    if (!portal || !(await core.isOn(portal.id))) throw new AppError('not_found');
    return portal;
  }

  /** The requester's request of a tracking page (signed in, or by the link's token) in this portal; anyone else: not found. */
  async function tracked(request: FastifyRequest) {
    const portal = await portalOf(request);
    const found = await trackedRequest(core, request);
    if (!found || found.request.authorityId !== portal.id) throw new AppError('not_found');
    return found;
  }

  const withToken = (path: string, token: string | null, extra: Record<string, string> = {}) => {
    const query = new URLSearchParams({ ...(token ? { t: token } : {}), ...extra }).toString();
    return query ? `${path}?${query}` : path;
  };
  const trackingUrl = (ctx: PageContext, request: AccessRequest, token: string | null) => withToken(href('access.public.request', ctx.locale, { requestId: request.id }), token);

  // ------------------------------------------------------------ Start
  page(app, 'GET', 'access.public.start', async (request, reply, ctx) => {
    const portal = await portalOf(request);
    const draft = await service.draftOf(request.cookies[draftCookie], portal.id);
    return sendHtml(reply, <StartPage ctx={ctx} signedIn={request.account !== null} resume={draft !== null && Object.keys(draft.answers).length > 0} />);
  }, { access: 'public' });

  // ------------------------------------------------------------ The questions, one a page
  const stepOf = (request: FastifyRequest): Step => {
    const step = (request.params as { step?: unknown }).step;
    if (!isStep(step)) throw new AppError('not_found');
    return step;
  };
  const answerStrings = (answers: Answers): Record<string, string> => Object.fromEntries(Object.entries(answers).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const identityName = (draft: Draft | null) => (draft?.identityFile ? ((draft.identityFile as { fileName?: string }).fileName ?? null) : null);
  const stepHref = (ctx: PageContext, step: Step) => href('access.public.question', ctx.locale, { step });

  /** A step shown only once those before it are answered (answers are given in order): else the first one missing. */
  const outOfOrder = (step: Step, draft: Draft | null): Step | null => {
    const answers = draft?.answers ?? {};
    const list = stepsFor(answers);
    const first = firstUnanswered(answers, Boolean(draft?.identityFile));
    if (!list.includes(step)) return first;
    return list.indexOf(step) > list.indexOf(first) ? first : null;
  };

  async function showStep(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, portal: Portal, step: Step, draft: Draft | null, extra: { errors?: FieldErrors; values?: Record<string, string>; problem?: string; status?: number } = {}) {
    const answers = draft?.answers ?? {};
    const previous = previousStep(step, answers);
    const back = previous ? stepHref(ctx, previous) : href('access.public.start', ctx.locale);
    if (step === 'check') {
      const institutions = await service.institutions(portal.id);
      const institution = institutions.find((i) => i.id === answers.organizationId)?.name ?? null;
      return sendHtml(reply, <CheckPage ctx={ctx} answers={answers} institution={institution} identityFile={identityName(draft)} back={back} problem={extra.problem} />, extra.status ?? 200);
    }
    const values = extra.values ?? request.typedValues ?? answerStrings(answers);
    const fromCheck = (request.query as { from?: unknown }).from === 'check' || values.from === 'check';
    return sendHtml(
      reply,
      <QuestionPage
        ctx={ctx}
        step={step}
        answers={answers}
        values={values}
        errors={extra.errors}
        problem={extra.problem}
        institutions={step === 'institution' ? await service.institutions(portal.id) : []}
        back={fromCheck ? stepHref(ctx, 'check') : back}
        fromCheck={fromCheck}
        signedIn={request.account !== null}
        identityFile={identityName(draft)}
      />,
      extra.status ?? 200,
    );
  }

  page(app, 'GET', 'access.public.question', async (request, reply, ctx) => {
    const portal = await portalOf(request);
    const step = stepOf(request);
    const draft = await service.draftOf(request.cookies[draftCookie], portal.id);
    const first = outOfOrder(step, draft);
    if (first) return reply.redirect(stepHref(ctx, first), 303);
    return showStep(request, reply, ctx, portal, step, draft);
  }, { access: 'public' });

  page(app, 'POST', 'access.public.question', async (request, reply, ctx) => {
    const portal = await portalOf(request);
    const step = stepOf(request);
    // Only the identity proof's form is multipart (its token is checked as the stream is read); any other step's is not taken.
    if (request.isMultipart() && step !== 'identity') throw new AppError('unsupported');
    const token = request.cookies[draftCookie];
    const draft = await service.draftOf(token, portal.id);
    const first = outOfOrder(step, draft);
    if (first) return reply.redirect(stepHref(ctx, first), 303);
    const keep = (key: string) => reply.setCookie(draftCookie, key, cookieOptions);

    if (step === 'check') {
      const result = await service.submit(token, portal.id, request.account, ctx.locale, origin(request));
      if (result.kind === 'gone') return reply.redirect(href('access.public.start', ctx.locale), 303);
      if (result.kind === 'incomplete') return reply.redirect(stepHref(ctx, result.step), 303);
      if (result.kind === 'sign_in') return reply.redirect(stepHref(ctx, 'identity'), 303);
      reply.clearCookie(draftCookie, { path: '/' });
      const guest = result.request.requesterAccountId === null;
      return reply.redirect(withToken(href('access.public.submitted', ctx.locale, { requestId: result.request.id }), guest ? result.token : null), 303);
    }

    if (step === 'identity') {
      if (!request.account) return showStep(request, reply, ctx, portal, step, draft, { status: 403 });
      const received = await deps.documents.receiveUpload(request, { maxBytes: MAX_IDENTITY_BYTES });
      const fromCheck = received.fields.from === 'check';
      if (!received.ok) {
        if (received.refusal.reason !== 'empty') await deps.documents.recordRefusal(deps.db, { authorityId: portal.id, actorId: request.account.id, origin: origin(request), at: deps.clock.now() }, received.refusal);
        const problem = received.refusal.reason === 'empty' ? undefined : refusalText(ctx.t, ctx.locale, received.refusal);
        return showStep(request, reply, ctx, portal, step, draft, { errors: { file: received.refusal.reason === 'empty' ? 'invalid.access.public.file' : 'invalid.access.public.fileRefused' }, values: received.fields, status: refusalStatus[received.refusal.reason], ...(problem ? { problem } : {}) });
      }
      const saved = await service.saveAnswers(token, portal.id, {}, { file: received.file, accountId: request.account.id });
      if (saved.discarded) await deps.documents.discard(saved.discarded);
      keep(saved.token);
      return reply.redirect(fromCheck ? stepHref(ctx, 'check') : stepHref(ctx, nextStep(step, draft?.answers ?? {})), 303);
    }

    const values = typed(request.body);
    const parsed = answersOf(step, request.body);
    if (!parsed.ok) return showStep(request, reply, ctx, portal, step, draft, { errors: fieldErrors(parsed.error), values, status: 400 });
    if (step === 'institution' && !(await service.institutions(portal.id)).some((i) => i.id === parsed.answers.organizationId)) {
      return showStep(request, reply, ctx, portal, step, draft, { errors: { organizationId: 'invalid.access.public.institution' }, values, status: 400 });
    }
    const saved = await service.saveAnswers(token, portal.id, parsed.answers);
    keep(saved.token);
    const answers = { ...(draft?.answers ?? {}), ...parsed.answers } as Answers;
    return reply.redirect(stepHref(ctx, parsed.from === 'check' ? 'check' : nextStep(step, answers)), 303);
  }, { access: 'public', multipart: true });

  // ------------------------------------------------------------ Sent, tracking, payment
  page(app, 'GET', 'access.public.submitted', async (request, reply, ctx) => {
    const found = await tracked(request);
    const view = await service.view(found.request);
    return sendHtml(reply, <SubmittedPage ctx={ctx} request={found.request} view={view} token={found.token} trackingUrl={trackingUrl(ctx, found.request, found.token)} />);
  }, { access: 'public' });

  const trackingPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, found: Awaited<ReturnType<typeof tracked>>, extra: { errors?: FieldErrors; values?: Record<string, string>; status?: number } = {}) => {
    const view = await service.view(found.request);
    return sendHtml(reply, <TrackingPage ctx={ctx} request={found.request} view={view} token={found.token} errors={extra.errors} values={extra.values ?? request.typedValues} notice={noticeOf(request, notices)} />, extra.status ?? 200);
  };

  page(app, 'GET', 'access.public.request', async (request, reply, ctx) => trackingPage(request, reply, ctx, await tracked(request)), { access: 'public' });

  page(app, 'POST', 'access.public.pay', async (request, reply, ctx) => {
    const found = await tracked(request);
    if (!found.token) throw new AppError('not_found');
    const result = await service.pay(found.request, found.token, origin(request));
    if (result.kind === 'not_found') throw new AppError('not_found');
    if (result.kind === 'not_payable') return reply.redirect(withToken(href('access.public.request', ctx.locale, { requestId: found.request.id }), found.token, { notice: 'alreadyPaid' }), 303);
    return reply.redirect(result.url, 303);
  }, { access: 'public' });

  page(app, 'GET', 'access.public.paymentReturn', async (request, reply, ctx) => {
    const found = await tracked(request);
    const state = await service.returned(found.request);
    if (state === 'not_found') throw new AppError('not_found');
    if (state === 'pending') reply.header('refresh', '5');
    return sendHtml(reply, <PaymentReturnPage ctx={ctx} request={found.request} state={state} trackingUrl={trackingUrl(ctx, found.request, found.token)} />);
  }, { access: 'public' });

  page(app, 'POST', 'access.public.clarify', async (request, reply, ctx) => {
    const found = await tracked(request);
    const parsed = parseForm(clarifySchema, request.body);
    if (!parsed.success) return trackingPage(request, reply, ctx, found, { errors: fieldErrors(parsed.error), values: typed(request.body), status: 400 });
    const result = await service.clarify(found.request.id, parsed.data.answer, { accountId: found.via === 'account' ? (request.account?.id ?? null) : null }, origin(request));
    return reply.redirect(withToken(href('access.public.request', ctx.locale, { requestId: found.request.id }), found.token, { notice: result === 'ok' ? 'clarified' : 'notOpen' }), 303);
  }, { access: 'public' });

  // A released file or a notice's letter: always an attachment, nosniff, never cached (as documents' own page).
  page(app, 'GET', 'access.public.file', async (request, reply) => {
    const found = await tracked(request);
    const params = fileParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const version = await service.file(found.request, params.data.versionId, found.via, found.via === 'account' ? (request.account?.id ?? null) : null, origin(request));
    if (!version) throw new AppError('not_found');
    reply
      .header('content-type', version.contentType)
      .header('content-length', String(version.sizeBytes))
      .header('content-disposition', attachmentHeader(version.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store');
    return reply.send(await version.body());
  }, { access: 'public' });

  // ------------------------------------------------------------ Track a request (the link mailed again)
  page(app, 'GET', 'access.public.track', async (request, reply, ctx) => {
    await portalOf(request);
    return sendHtml(reply, <TrackPage ctx={ctx} sent={(request.query as { notice?: unknown }).notice === 'sent'} signedIn={request.account !== null} values={request.typedValues} />);
  }, { access: 'public' });

  // The same answer whether the number and the email match or not, given before the work is done (no enumeration, by words or by time).
  page(app, 'POST', 'access.public.track', async (request, reply, ctx) => {
    const portal = await portalOf(request);
    const parsed = parseForm(trackSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <TrackPage ctx={ctx} sent={false} signedIn={request.account !== null} errors={fieldErrors(parsed.error)} values={typed(request.body)} />, 400);
    const at = origin(request);
    await deps.background.start(() => service.sendTrackingLink(portal.id, parsed.data.number, parsed.data.email, at));
    return reply.redirect(`${href('access.public.track', ctx.locale)}?notice=sent`, 303);
  }, { access: 'public', config: { rateLimit: deps.rateLimit } });

  // ------------------------------------------------------------ My requests
  page(app, 'GET', 'access.public.mine', async (request, reply, ctx, account) => {
    const portal = await portalOf(request);
    return sendHtml(reply, <MinePage ctx={ctx} rows={await service.mine(account.id, portal.id)} />);
  }, { access: 'account' });
}
