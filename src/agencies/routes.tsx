import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Membership, OrganizationService } from '../organizations/index.ts';
import type { Guard } from '../platform/access.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import type { MessageKey } from '../platform/i18n/index.ts';
import { origin } from '../platform/origin.ts';
import { href } from '../platform/paths.ts';
import { fieldErrors, parseForm, typedText } from '../platform/text.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import { agenciesQuery, codeSchema, decisionSchema, endLinkSchema, endMineSchema, managerParams, requestSchema, staffParams } from './schemas.ts';
import type { AgencyService, RedeemResult } from './service.ts';
import { EndLinkPage, EndMinePage, LinkPage, ManagePage, RedeemPage, RefusePage, StaffAgenciesPage, StaffLinksPage } from './views.tsx';

const notices = {
  requested: 'agencies.notice.requested',
  linked: 'agencies.notice.linked',
  withdrawn: 'agencies.notice.withdrawn',
  ended: 'agencies.notice.ended',
} as const satisfies Record<string, MessageKey>;

const managerNotices = {
  confirmed: 'agencies.manage.notice.confirmed',
  refused: 'agencies.manage.notice.refused',
  ended: 'agencies.manage.notice.ended',
} as const satisfies Record<string, MessageKey>;

/** Why a code did not link the person, in their words. */
const redeemProblems = {
  already_linked: 'agencies.problem.alreadyLinked',
  not_agency: 'agencies.redeem.notAgency',
  throttled: 'agencies.redeem.throttled',
  unknown: 'agencies.redeem.unknown',
  used: 'agencies.redeem.used',
  expired: 'agencies.redeem.expired',
  revoked: 'agencies.redeem.revoked',
  organization_inactive: 'agencies.redeem.inactive',
} as const satisfies Record<Exclude<RedeemResult['kind'], 'linked'>, MessageKey>;

/** The person at the portal's authority: the pages are about their link there; no portal, no page. */
function authorityOf(request: FastifyRequest): string {
  const portal = request.portal;
  if (!portal) throw new AppError('not_found');
  return portal.id;
}

/**
 * A manager of the collection agency in the address, while it is approved: the agency's pages are
 * theirs. A member, another agency's manager, or an organization that is no agency: page not found.
 */
function managerGuard(agencies: AgencyService, organizations: OrganizationService): Guard<{ account: SessionAccount; membership: Membership }> {
  return {
    // Its own scope (not organizations'): the isolation test walks these pages with an agency's link.
    scope: 'agency',
    async resolve(request, account) {
      const params = managerParams.safeParse(request.params);
      if (!params.success) return null;
      const membership = await organizations.membership(account.id, params.data.organizationId);
      if (!membership || membership.role !== 'manager' || membership.status !== 'approved' || !(await agencies.isAgency(membership))) return null;
      // Acting for the agency on its pages, as organizations' own pages do: the name on the page matches.
      if (account.actingFor?.kind !== 'organization' || account.actingFor.id !== membership.organizationId) await organizations.enter(account, membership);
      return { account, membership };
    },
  };
}

export function registerAgencyRoutes(app: FastifyInstance, deps: { agencies: AgencyService; organizations: OrganizationService; signInRateLimit: { max: number; timeWindow: number } }) {
  const { agencies } = deps;
  const manager = managerGuard(agencies, deps.organizations);

  // ------------------------------------------------------------ The person
  const linkPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, account: SessionAccount, problem?: MessageKey, status = 200) => {
    const authorityId = authorityOf(request);
    const q = agenciesQuery.parse(request.query).q;
    const [mine, list] = await Promise.all([agencies.mine(account, authorityId), agencies.agencies(authorityId, q)]);
    return sendHtml(reply, <LinkPage ctx={ctx} open={mine.open} history={mine.history} agencies={list} q={q} notice={noticeOf(request, notices)} problem={problem} />, status);
  };
  page(app, 'GET', 'agencies.link', async (request, reply, ctx, account) => linkPage(request, reply, ctx, account), { access: 'account' });

  page(app, 'POST', 'agencies.request', async (request, reply, ctx, account) => {
    const authorityId = authorityOf(request);
    const parsed = parseForm(requestSchema, request.body);
    if (!parsed.success) return linkPage(request, reply, ctx, account, 'invalid.agencies.agency', 400);
    const result = await agencies.request(account, authorityId, parsed.data.organizationId, origin(request));
    if (result === 'not_found') return linkPage(request, reply, ctx, account, 'invalid.agencies.agency', 400);
    if (result === 'already_linked') return linkPage(request, reply, ctx, account, 'agencies.problem.alreadyLinked', 409);
    return reply.redirect(`${href('agencies.link', ctx.locale)}?notice=requested`, 303);
  }, { access: 'account' });

  page(app, 'GET', 'agencies.redeem', async (request, reply, ctx) => {
    authorityOf(request);
    return sendHtml(reply, <RedeemPage ctx={ctx} />);
  }, { access: 'account' });

  // Wrong codes are also counted per account and address by organizations; this caps the raw rate.
  page(app, 'POST', 'agencies.redeem', async (request, reply, ctx, account) => {
    const authorityId = authorityOf(request);
    const parsed = parseForm(codeSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <RedeemPage ctx={ctx} errors={fieldErrors(parsed.error)} code={typedText(request.body, 'code')} />, 400);
    const result = await agencies.redeem(account, authorityId, parsed.data.code, origin(request));
    if (result.kind === 'linked') return reply.redirect(`${href('agencies.link', ctx.locale)}?notice=linked`, 303);
    if (result.kind === 'throttled') reply.header('retry-after', '900');
    const status = result.kind === 'throttled' ? 429 : result.kind === 'already_linked' ? 409 : 400;
    return sendHtml(reply, <RedeemPage ctx={ctx} errors={{ code: redeemProblems[result.kind] }} code={parsed.data.code} />, status);
  }, { access: 'account', config: { rateLimit: deps.signInRateLimit } });

  const openLink = async (request: FastifyRequest, account: SessionAccount) => {
    const open = (await agencies.mine(account, authorityOf(request))).open;
    if (!open) throw new AppError('not_found');
    return open;
  };

  page(app, 'GET', 'agencies.end', async (request, reply, ctx, account) => sendHtml(reply, <EndMinePage ctx={ctx} open={await openLink(request, account)} />), { access: 'account' });

  page(app, 'POST', 'agencies.end', async (request, reply, ctx, account) => {
    const open = await openLink(request, account);
    const parsed = parseForm(endMineSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <EndMinePage ctx={ctx} open={open} errors={fieldErrors(parsed.error)} />, 400);
    if ((await agencies.endMine(account, authorityOf(request), parsed.data.reason, origin(request))) === 'not_found') throw new AppError('not_found');
    return reply.redirect(`${href('agencies.link', ctx.locale)}?notice=${open.status === 'requested' ? 'withdrawn' : 'ended'}`, 303);
  }, { access: 'account' });

  // ------------------------------------------------------------ The agency's manager
  const managePage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, m: Membership, extra: { errors?: Record<string, MessageKey> } = {}, status = 200) => {
    const links = await agencies.forAgency(m);
    if (!links) throw new AppError('not_found');
    return sendHtml(reply, <ManagePage ctx={ctx} organizationId={m.organizationId} agency={m.name} links={links} notice={noticeOf(request, managerNotices)} errors={extra.errors} />, status);
  };

  page(app, 'GET', 'agencies.manage', async (request, reply, ctx, { membership }) => managePage(request, reply, ctx, membership), { access: manager });

  const linkIdOf = (request: FastifyRequest) => {
    const linkId = managerParams.parse(request.params).linkId;
    if (!linkId) throw new AppError('not_found');
    return linkId;
  };
  const refusal = { not_found: 'not_found', forbidden: 'forbidden' } as const;

  /** One of the agency's links, by the address; another agency's or none: page not found. */
  const agencyLinkOf = async (request: FastifyRequest, m: Membership) => {
    const link = await agencies.linkOfAgency(m, linkIdOf(request));
    if (!link) throw new AppError('not_found');
    return link;
  };

  // Refusing has its own page, for the reason; confirming is one button on the requests page.
  page(app, 'GET', 'agencies.decide', async (request, reply, ctx, { membership: m }) => {
    const link = await agencyLinkOf(request, m);
    if (link.status !== 'requested') return reply.redirect(href('agencies.manage', ctx.locale, { organizationId: m.organizationId }), 303);
    return sendHtml(reply, <RefusePage ctx={ctx} organizationId={m.organizationId} link={link} />);
  }, { access: manager });

  page(app, 'POST', 'agencies.decide', async (request, reply, ctx, { membership: m }) => {
    const link = await agencyLinkOf(request, m);
    const parsed = parseForm(decisionSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <RefusePage ctx={ctx} organizationId={m.organizationId} link={link} errors={fieldErrors(parsed.error)} reason={typedText(request.body, 'reason')} />, 400);
    const result = await agencies.decide(m, link.id, parsed.data.decision, parsed.data.reason, origin(request));
    if (result === 'not_found' || result === 'forbidden') throw new AppError(refusal[result]);
    if (result === 'not_allowed') return managePage(request, reply, ctx, m, { errors: { form: 'agencies.manage.notAllowed' } }, 409);
    return reply.redirect(`${href('agencies.manage', ctx.locale, { organizationId: m.organizationId })}?notice=${parsed.data.decision === 'confirm' ? 'confirmed' : 'refused'}`, 303);
  }, { access: manager });

  page(app, 'GET', 'agencies.endLink', async (request, reply, ctx, { membership: m }) => {
    const link = await agencyLinkOf(request, m);
    if (link.status !== 'active') return reply.redirect(href('agencies.manage', ctx.locale, { organizationId: m.organizationId }), 303);
    return sendHtml(reply, <EndLinkPage ctx={ctx} organizationId={m.organizationId} link={link} />);
  }, { access: manager });

  page(app, 'POST', 'agencies.endLink', async (request, reply, ctx, { membership: m }) => {
    const link = await agencyLinkOf(request, m);
    const parsed = parseForm(endLinkSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <EndLinkPage ctx={ctx} organizationId={m.organizationId} link={link} errors={fieldErrors(parsed.error)} reason={typedText(request.body, 'reason')} />, 400);
    const result = await agencies.end(m, link.id, parsed.data.reason, origin(request));
    if (result === 'not_found' || result === 'forbidden') throw new AppError(refusal[result]);
    if (result === 'not_allowed') return managePage(request, reply, ctx, m, { errors: { form: 'agencies.manage.notAllowed' } }, 409);
    return reply.redirect(`${href('agencies.manage', ctx.locale, { organizationId: m.organizationId })}?notice=ended`, 303);
  }, { access: manager });

  // ------------------------------------------------------------ Staff
  page(app, 'GET', 'agencies.staffAgencies', async (_request, reply, ctx, staff) => sendHtml(reply, <StaffAgenciesPage ctx={ctx} agencies={await agencies.staffAgencies(staff)} />), { access: 'staff' });

  page(app, 'GET', 'agencies.staffLinks', async (request, reply, ctx, staff) => {
    const params = staffParams.safeParse(request.params);
    const view = params.success ? await agencies.staffLinks(staff, params.data.id) : null;
    if (!view) throw new AppError('not_found');
    return sendHtml(reply, <StaffLinksPage ctx={ctx} organization={view.organization} links={view.links} />);
  }, { access: 'staff' });
}
