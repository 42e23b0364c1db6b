import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import { fieldErrors, parseForm } from '../platform/text.ts';
import { apiClientForm, idParams, numberParams, outcomeForm, removalDecisionForm, removalForm, type SearchQuery, searchQuerySchema } from './schemas.ts';
import type { RegisterService } from './service.ts';
import * as views from './views.tsx';

export interface RateLimit {
  max: number;
  timeWindow: number;
}

const notices = {
  added: 'register.notice.added',
  requested: 'register.notice.requested',
  decided: 'register.notice.decided',
  revoked: 'register.notice.revoked',
} as const satisfies Record<string, MessageKey>;

/** The portal's authority: the register is each authority's own; without a portal there is none to show. */
function authorityOf(request: { portal: { id: string } | null }): string {
  if (!request.portal) throw new AppError('not_found');
  return request.portal.id;
}

/** What a failed form had typed, to show it again. */
const typed = (body: unknown): Record<string, string> => Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[0].startsWith('_')));

/**
 * The public register (search, entry, open data: no account, rate-limited per address), the
 * registrant's removal requests, and staff's pages (outcomes, removal decisions, employers' keys).
 */
export function registerPages(app: FastifyInstance, deps: { register: RegisterService; categories: (authorityId: string) => Promise<{ code: string; name: { fr: string; en: string } }[]>; rateLimit: RateLimit }) {
  const { register } = deps;
  const limited = { rateLimit: deps.rateLimit };

  page(app, 'GET', 'register.search', async (request, reply, ctx) => {
    const authorityId = authorityOf(request);
    // Only a crafted address fails the schema (the form's fields hold no more than it allows): it
    // gets the form again, as a search with nothing to search for.
    const parsed = searchQuerySchema.safeParse(request.query ?? {});
    const query: SearchQuery = parsed.success ? parsed.data : { q: undefined, place: undefined, language: undefined, category: undefined, page: 1 };
    const asked = Object.keys((request.query ?? {}) as object).length > 0;
    const found = asked ? await register.search(authorityId, query) : null;
    const answer = found ? { results: found.rows, page: query.page, more: found.more } : null;
    return sendHtml(reply, <views.SearchPage ctx={ctx} query={query} answer={answer} asked={asked} categories={await deps.categories(authorityId)} />, parsed.success ? 200 : 400);
  }, { access: 'public', config: limited });

  page(app, 'GET', 'register.entry', async (request, reply, ctx) => {
    const params = numberParams.safeParse(request.params);
    const entry = params.success ? await register.entry(authorityOf(request), params.data.number) : null;
    if (!entry) throw new AppError('not_found');
    return sendHtml(reply, <views.EntryPage ctx={ctx} entry={entry} />);
  }, { access: 'public', config: limited });

  page(app, 'GET', 'register.openData', async (request, reply, ctx) => {
    return sendHtml(reply, <views.OpenDataPage ctx={ctx} latest={await register.exports.latest(authorityOf(request))} />);
  }, { access: 'public', config: limited });

  page(app, 'GET', 'register.openDataFile', async (request, reply) => {
    const { file } = request.params as { file: string };
    const format = file === 'registre.csv' ? 'csv' : file === 'registre.json' ? 'json' : null;
    const found = format ? await register.exports.file(authorityOf(request), format) : null;
    if (!format || !found) throw new AppError('not_found');
    return reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="registre-${found.generatedOn}.${format}"`)
      .header('cache-control', 'public, max-age=3600')
      .send(found.body);
  }, { access: 'public', config: limited });

  // The registrant's outcomes and their removal requests.
  page(app, 'GET', 'register.mine', async (request, reply, ctx, account) => {
    return sendHtml(reply, <views.MinePage ctx={ctx} outcomes={await register.outcomes.mine(account.id)} notice={noticeOf(request, notices)} />);
  }, { access: 'account' });

  const ownOutcome = async (accountId: string, params: unknown) => {
    const parsed = idParams.safeParse(params);
    const outcome = parsed.success ? (await register.outcomes.mine(accountId)).find((o) => o.id === parsed.data.id) : undefined;
    if (!outcome || outcome.removalPolicy !== 'on_request' || outcome.requestStatus === 'submitted') throw new AppError('not_found');
    return outcome;
  };

  page(app, 'GET', 'register.removal', async (request, reply, ctx, account) => {
    return sendHtml(reply, <views.RemovalPage ctx={ctx} outcome={await ownOutcome(account.id, request.params)} />);
  }, { access: 'account' });

  page(app, 'POST', 'register.removal', async (request, reply, ctx, account) => {
    const outcome = await ownOutcome(account.id, request.params);
    const parsed = parseForm(removalForm, request.body);
    if (!parsed.success) return sendHtml(reply, <views.RemovalPage ctx={ctx} outcome={outcome} errors={fieldErrors(parsed.error)} values={typed(request.body)} />, 400);
    const result = await register.removals.request(account, outcome.id, parsed.data.statement, origin(request));
    if (typeof result === 'string') throw new AppError('not_found');
    return reply.redirect(`${href('register.mine', ctx.locale)}?notice=requested`, 303);
  }, { access: 'account' });

  // Staff: outcomes, removal decisions, employers' keys.
  page(app, 'GET', 'register.staffOutcomes', async (request, reply, ctx) => {
    return sendHtml(reply, <views.StaffOutcomesPage ctx={ctx} notice={noticeOf(request, notices)} />);
  }, { access: 'staff' });

  page(app, 'POST', 'register.staffOutcomes', async (request, reply, ctx, staff) => {
    const parsed = parseForm(outcomeForm, request.body);
    const number = typeof (request.body as Record<string, unknown>).number === 'string' ? String((request.body as Record<string, unknown>).number).trim() : '';
    if (!parsed.success || number === '') {
      const errors = { ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(number === '' ? { number: 'invalid.register.number' as const } : {}) };
      return sendHtml(reply, <views.StaffOutcomesPage ctx={ctx} errors={errors} values={typed(request.body)} />, 400);
    }
    const v = parsed.data;
    const result = await register.outcomes.add(staff, { number, kind: v.kind, decidedOn: v.decidedOn, summary: { fr: v.summaryFr, en: v.summaryEn }, removalPolicy: v.removalPolicy, publishedUntil: v.publishedUntil || null }, origin(request));
    if (result === 'forbidden') throw new AppError('not_found');
    if (result === 'not_found') return sendHtml(reply, <views.StaffOutcomesPage ctx={ctx} errors={{ number: 'invalid.register.unknownNumber' }} values={typed(request.body)} />, 400);
    return reply.redirect(`${href('register.staffOutcomes', ctx.locale)}?notice=added`, 303);
  }, { access: 'staff' });

  const decideAccess = { staff: ['registrar', 'administrator'] } as const;
  page(app, 'GET', 'register.staffRemovals', async (request, reply, ctx, staff) => {
    return sendHtml(reply, <views.StaffRemovalsPage ctx={ctx} requests={await register.removals.open(staff.staffAuthorityId)} notice={noticeOf(request, notices)} />);
  }, { access: decideAccess });

  const openRequest = async (authorityId: string, params: unknown) => {
    const parsed = idParams.safeParse(params);
    const found = parsed.success ? (await register.removals.open(authorityId)).find((r) => r.id === parsed.data.id) : undefined;
    if (!found) throw new AppError('not_found');
    return found;
  };

  page(app, 'GET', 'register.staffRemoval', async (request, reply, ctx, staff) => {
    return sendHtml(reply, <views.StaffRemovalPage ctx={ctx} request={await openRequest(staff.staffAuthorityId, request.params)} />);
  }, { access: decideAccess });

  page(app, 'POST', 'register.staffRemoval', async (request, reply, ctx, staff) => {
    const found = await openRequest(staff.staffAuthorityId, request.params);
    const parsed = parseForm(removalDecisionForm, request.body);
    if (!parsed.success) return sendHtml(reply, <views.StaffRemovalPage ctx={ctx} request={found} errors={fieldErrors(parsed.error)} values={typed(request.body)} />, 400);
    const result = await register.removals.decide(staff, found.id, { outcome: parsed.data.outcome, reason: parsed.data.reason ?? '' }, origin(request));
    if (result === 'reason_required') return sendHtml(reply, <views.StaffRemovalPage ctx={ctx} request={found} errors={{ reason: 'invalid.register.reason' }} values={typed(request.body)} />, 400);
    if (result !== 'decided') throw new AppError('not_found');
    return reply.redirect(`${href('register.staffRemovals', ctx.locale)}?notice=decided`, 303);
  }, { access: decideAccess });

  page(app, 'GET', 'register.staffApiClients', async (request, reply, ctx, staff) => {
    return sendHtml(reply, <views.StaffApiClientsPage ctx={ctx} clients={await register.apiClients.list(staff.staffAuthorityId)} notice={noticeOf(request, notices)} />);
  }, { access: 'staff' });

  page(app, 'POST', 'register.staffApiClients', async (request, reply, ctx, staff) => {
    const parsed = parseForm(apiClientForm, request.body);
    if (!parsed.success) return sendHtml(reply, <views.StaffApiClientsPage ctx={ctx} clients={await register.apiClients.list(staff.staffAuthorityId)} errors={fieldErrors(parsed.error)} />, 400);
    const issued = await register.apiClients.issue(staff, parsed.data.employer, origin(request));
    if (issued === 'forbidden') throw new AppError('not_found');
    // Shown once, in this answer: never stored, never in an address.
    return sendHtml(reply, <views.StaffApiClientsPage ctx={ctx} clients={await register.apiClients.list(staff.staffAuthorityId)} issuedKey={issued.key} />);
  }, { access: 'staff' });

  page(app, 'POST', 'register.staffApiClientRevoke', async (request, reply, ctx, staff) => {
    const parsed = idParams.safeParse(request.params);
    if (!parsed.success || (await register.apiClients.revoke(staff, parsed.data.id, origin(request))) !== 'revoked') throw new AppError('not_found');
    return reply.redirect(`${href('register.staffApiClients', ctx.locale)}?notice=revoked`, 303);
  }, { access: 'staff' });
}
