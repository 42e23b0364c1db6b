import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { page, sendHtml } from '../platform/http.tsx';
import { formatDateTime, type MessageKey } from '../platform/i18n/index.ts';
import { href, type PageName } from '../platform/paths.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import type { Guard } from '../platform/access.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { can, type Membership } from './policies.ts';
import {
  actForSchema,
  createCodeSchema,
  decisionSchema,
  joinOrganizationSchema,
  memberRoleSchema,
  organizationParams,
  requestOrganizationSchema,
  staffOrganizationParams,
  staffOrganizationsQuery,
} from './schemas.ts';
import type { OrganizationService, RedeemResult } from './service.ts';
import * as views from './views.tsx';
import { ConfirmPage } from '../platform/views/confirm.tsx';
import type { Clock } from '../platform/clock.ts';
import { origin } from '../platform/origin.ts';
import { fieldErrors } from '../platform/text.ts';

const redeemProblems: Record<Exclude<RedeemResult['kind'], 'joined'>, MessageKey> = {
  unknown: 'join.unknown',
  used: 'join.used',
  expired: 'join.expired',
  revoked: 'join.revoked',
  organization_inactive: 'join.inactive',
  already_member: 'join.alreadyMember',
  throttled: 'join.throttled',
};

const notices = (query: unknown, allowed: readonly MessageKey[]): MessageKey | undefined => {
  const raw = (query as Record<string, unknown>).notice;
  return allowed.find((key) => key === raw);
};

/** The session of the person on an organization's page (the member guard ran: there is one). */
const sessionOf = (request: FastifyRequest) => {
  if (!request.account) throw new AppError('not_found');
  return request.account.sessionId;
};

const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string>;

export function registerOrganizationRoutes(
  app: FastifyInstance,
  deps: { organizations: OrganizationService; clock: Clock; signInRateLimit: { max: number; timeWindow: number } },
) {
  const { organizations, clock } = deps;
  const format = (ctx: PageContext) => (d: Date) => formatDateTime(ctx.locale, d);

  /** A member of the organization in the address; anyone else: page not found. */
  const memberGuard = (anyStatus: boolean): Guard<{ account: SessionAccount; membership: Membership }> => ({
    scope: 'organization',
    async resolve(request, account) {
      const params = organizationParams.safeParse(request.params);
      if (!params.success) return null;
      const membership = await organizations.membership(account.id, params.data.organizationId);
      if (!membership) return null;
      // A member of an organization under review, refused or suspended sees its state and nothing else.
      if (!anyStatus && !can(membership, 'use')) throw new AppError('organization_inactive');
      return { account, membership };
    },
  });
  const member = memberGuard(false);
  const memberOfAnyStatus = memberGuard(true);

  /**
   * An organization's page: only its members reach it (everyone else gets a 404, as if it did not
   * exist), and only once it is approved unless the page says otherwise. Opening it makes the
   * session act for that organization, so the name on every page matches the page.
   */
  function organizationPage(
    method: 'GET' | 'POST',
    name: PageName,
    handler: (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, m: Membership) => Promise<unknown>,
    options: { anyStatus?: boolean } = {},
  ) {
    page(
      app,
      method,
      name,
      async (request, reply, ctx, { account, membership: m }) => {
        let pageCtx = ctx;
        if (account.actingFor?.kind !== 'organization' || account.actingFor.id !== m.organizationId) {
          await organizations.enter(account, m);
          pageCtx = { ...ctx, account: ctx.account && { ...ctx.account, actingFor: { kind: 'organization', id: m.organizationId, name: m.name, role: m.role, status: m.status } } };
        }
        return handler(request, reply, pageCtx, m);
      },
      { access: options.anyStatus ? memberOfAnyStatus : member },
    );
  }

  page(app, 'GET', 'organizations', async (request, reply, ctx, account) => {
    const notice = notices(request.query, ['organizations.switched', 'organizations.left']);
    return sendHtml(reply, <views.Places ctx={ctx} places={await organizations.places(account.id)} notice={notice} />);
  }, { access: 'account' });

  page(app, 'POST', 'actFor', async (request, reply, ctx, account) => {
    const parsed = actForSchema.safeParse(request.body);
    if (!parsed.success) throw new AppError('bad_request');
    const [kind, id = ''] = parsed.data.target.split(':');
    const target = kind === 'self' ? 'self' : kind === 'organization' ? { organizationId: id } : { authorityId: id };
    if (!(await organizations.actFor(account, target))) throw new AppError('not_found');
    return reply.redirect(`${href('organizations', ctx.locale)}?notice=organizations.switched`, 303);
  }, { access: 'account' });

  page(app, 'GET', 'joinOrganization', async (request, reply, ctx, _account) => {
    return sendHtml(reply, <views.JoinOrganization ctx={ctx} />);
  }, { access: 'account' });

  // Codes are also counted per account and IP in the database (the service); this caps raw request rate.
  page(app, 'POST', 'joinOrganization', async (request, reply, ctx, account) => {
    const parsed = joinOrganizationSchema.safeParse(request.body);
    if (!parsed.success) return sendHtml(reply, <views.JoinOrganization ctx={ctx} errors={fieldErrors(parsed.error)} />, 400);
    const result = await organizations.redeem(account, parsed.data.code, origin(request));
    if (result.kind === 'joined') {
      return reply.redirect(`${href('organization', ctx.locale, { organizationId: result.organizationId })}?notice=organization.joined`, 303);
    }
    if (result.kind === 'throttled') reply.header('retry-after', '900');
    return sendHtml(reply, <views.JoinOrganization ctx={ctx} code={parsed.data.code} problem={redeemProblems[result.kind]} />, result.kind === 'throttled' ? 429 : 400);
  }, { access: 'account', config: { rateLimit: deps.signInRateLimit } });

  page(app, 'GET', 'requestOrganization', async (request, reply, ctx, _account) => {
    return sendHtml(reply, <views.RequestOrganization ctx={ctx} kinds={await organizations.kinds(request.portal)} />);
  }, { access: 'account' });

  page(app, 'POST', 'requestOrganization', async (request, reply, ctx, account) => {
    const parsed = requestOrganizationSchema.safeParse(request.body);
    const kinds = await organizations.kinds(request.portal);
    if (!parsed.success) {
      return sendHtml(reply, <views.RequestOrganization ctx={ctx} kinds={kinds} values={body(request)} errors={fieldErrors(parsed.error)} />, 400);
    }
    const result = await organizations.request(account, parsed.data, origin(request), request.portal);
    if (typeof result === 'string') {
      const errors = result === 'too_many' ? { kindId: 'requestOrganization.tooMany' as const } : { kindId: 'invalid.organizationKind' as const };
      return sendHtml(reply, <views.RequestOrganization ctx={ctx} kinds={kinds} values={body(request)} errors={errors} />, result === 'too_many' ? 429 : 400);
    }
    return reply.redirect(`${href('organization', ctx.locale, { organizationId: result.id })}?notice=organization.requested`, 303);
  }, { access: 'account' });

  organizationPage(
    'GET',
    'organization',
    async (request, reply, ctx, m) => {
      const notice = notices(request.query, ['organization.requested', 'organization.joined']);
      return sendHtml(reply, <views.OrganizationOverview ctx={ctx} organization={await organizations.overview(m)} manager={can(m, 'manage_members')} notice={notice} />);
    },
    { anyStatus: true },
  );

  const membersPage = async (reply: FastifyReply, ctx: PageContext, m: Membership, extra: { notice?: MessageKey; problem?: MessageKey } = {}, status = 200) => {
    const [organization, members] = await Promise.all([organizations.overview(m), organizations.members(m)]);
    return sendHtml(
      reply,
      <views.Members ctx={ctx} organization={organization} members={members} manager={can(m, 'manage_members')} selfId={m.accountId} notice={extra.notice} problem={extra.problem} />,
      status,
    );
  };

  organizationPage('GET', 'organizationMembers', async (request, reply, ctx, m) =>
    membersPage(reply, ctx, m, { notice: notices(request.query, ['members.roleChanged', 'members.removed']) }),
  );

  /**
   * The confirmation before a member is removed, leaves, or loses the manager role: the person in
   * the address, or "page not found"; the only manager gets the members page saying why not.
   */
  const confirmMemberChange = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, m: Membership, change: 'remove' | 'demote') => {
    if (!can(m, 'manage_members')) throw new AppError('forbidden');
    const accountId = organizationParams.parse(request.params).accountId;
    const [organization, members] = await Promise.all([organizations.overview(m), organizations.members(m)]);
    const target = members.find((x) => x.accountId === accountId);
    if (!target) throw new AppError('not_found');
    const { t, locale } = ctx;
    const name = `${target.givenName} ${target.familyName}`;
    const orgName = organization.name[locale];
    const self = target.accountId === m.accountId;
    const cancel = { href: href('organizationMembers', locale, { organizationId: m.organizationId }), label: t('members.cancel') };
    const action = href(change === 'remove' ? 'removeOrganizationMember' : 'organizationMemberRole', locale, { organizationId: m.organizationId, accountId: target.accountId });
    if (change === 'demote' && target.role === 'member') {
      // Giving the role takes one click on the members page; opened here, the page asks the same.
      return sendHtml(reply, <ConfirmPage ctx={ctx} title={t('members.makeManager', { name })} consequences={[t('members.confirmPromote.body', { name, organization: orgName })]} action={action} fields={{ role: 'manager' }} confirm={t('members.makeManager', { name })} cancel={cancel} />);
    }
    if (target.role === 'manager' && members.filter((x) => x.role === 'manager').length === 1) {
      return membersPage(reply, ctx, m, { problem: 'members.lastManager' }, 409);
    }
    if (change === 'demote') {
      return sendHtml(reply, <ConfirmPage ctx={ctx} title={t('members.confirmDemote.title', { name })} consequences={[t(self ? 'members.confirmDemote.bodySelf' : 'members.confirmDemote.body', { name, organization: orgName })]} action={action} fields={{ role: 'member' }} confirm={t('members.confirmDemote.submit', { name })} cancel={cancel} />);
    }
    return sendHtml(
      reply,
      self ? (
        <ConfirmPage ctx={ctx} title={t('members.confirmLeave.title', { organization: orgName })} consequences={[t('members.confirmLeave.body')]} action={action} confirm={t('members.confirmLeave.submit')} cancel={cancel} />
      ) : (
        <ConfirmPage ctx={ctx} title={t('members.confirmRemove.title', { name, organization: orgName })} consequences={[t('members.confirmRemove.body', { name })]} action={action} confirm={t('members.confirmRemove.submit', { name })} cancel={cancel} />
      ),
    );
  };

  organizationPage('GET', 'organizationMemberRole', async (request, reply, ctx, m) => confirmMemberChange(request, reply, ctx, m, 'demote'));
  organizationPage('GET', 'removeOrganizationMember', async (request, reply, ctx, m) => confirmMemberChange(request, reply, ctx, m, 'remove'));

  organizationPage('POST', 'organizationMemberRole', async (request, reply, ctx, m) => {
    const parsed = memberRoleSchema.safeParse(request.body);
    const accountId = organizationParams.parse(request.params).accountId;
    if (!parsed.success || !accountId) throw new AppError('bad_request');
    const result = await organizations.changeRole(m, accountId, parsed.data.role, origin(request));
    if (result === 'forbidden') throw new AppError('forbidden');
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'last_manager') return membersPage(reply, ctx, m, { problem: 'members.lastManager' }, 409);
    return reply.redirect(`${href('organizationMembers', ctx.locale, { organizationId: m.organizationId })}?notice=members.roleChanged`, 303);
  });

  organizationPage('POST', 'removeOrganizationMember', async (request, reply, ctx, m) => {
    const accountId = organizationParams.parse(request.params).accountId;
    if (!accountId) throw new AppError('bad_request');
    const result = await organizations.removeMember(m, accountId, origin(request));
    if (result === 'forbidden') throw new AppError('forbidden');
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'last_manager') return membersPage(reply, ctx, m, { problem: 'members.lastManager' }, 409);
    if (accountId === m.accountId) return reply.redirect(`${href('organizations', ctx.locale)}?notice=organizations.left`, 303);
    return reply.redirect(`${href('organizationMembers', ctx.locale, { organizationId: m.organizationId })}?notice=members.removed`, 303);
  });

  const codesPage = async (
    reply: FastifyReply,
    ctx: PageContext,
    m: Membership,
    extra: { created?: { code: string; expiresAt: Date; role: 'manager' | 'member' }; shownBefore?: boolean; notice?: MessageKey; errors?: Record<string, MessageKey> } = {},
    status = 200,
  ) => {
    const [organization, codes] = await Promise.all([organizations.overview(m), organizations.codes(m)]);
    return sendHtml(
      reply,
      <views.SecurityCodes ctx={ctx} organization={organization} codes={codes} now={clock.now()} format={format(ctx)} created={extra.created} shownBefore={extra.shownBefore ?? false} notice={extra.notice} errors={extra.errors} />,
      status,
    );
  };

  organizationPage('GET', 'securityCodes', async (request, reply, ctx, m) => {
    if (!can(m, 'manage_security_codes')) throw new AppError('forbidden');
    // A code just created is shown from its one-time record; refreshed, the page says it is gone.
    const created = (request.query as Record<string, unknown>).created === '1' ? await organizations.takeCreatedCode(m, sessionOf(request)) : null;
    const shownBefore = !created && (request.query as Record<string, unknown>).created === '1';
    return codesPage(reply, ctx, m, { notice: notices(request.query, ['codes.revoked']), ...(created ? { created } : {}), shownBefore });
  });

  organizationPage('POST', 'securityCodes', async (request, reply, ctx, m) => {
    if (!can(m, 'manage_security_codes')) throw new AppError('forbidden');
    const parsed = createCodeSchema.safeParse(request.body);
    if (!parsed.success) return codesPage(reply, ctx, m, { errors: fieldErrors(parsed.error) }, 400);
    const created = await organizations.createCode(m, parsed.data.role, origin(request), sessionOf(request));
    if (!created) throw new AppError('forbidden');
    // Shown once by the page this redirects to: a refresh there makes no second code.
    return reply.redirect(`${href('securityCodes', ctx.locale, { organizationId: m.organizationId })}?created=1`, 303);
  });

  organizationPage('POST', 'revokeSecurityCode', async (request, reply, ctx, m) => {
    if (!can(m, 'manage_security_codes')) throw new AppError('forbidden');
    const codeId = organizationParams.parse(request.params).codeId;
    if (!codeId || !(await organizations.revokeCode(m, codeId, origin(request)))) throw new AppError('not_found');
    return reply.redirect(`${href('securityCodes', ctx.locale, { organizationId: m.organizationId })}?notice=codes.revoked`, 303);
  });

  page(app, 'GET', 'staffSecurityCodes', async (request, reply, ctx, staff) => {
    const notice = notices(request.query, ['codes.revoked']);
    return sendHtml(reply, <views.StaffSecurityCodes ctx={ctx} codes={await organizations.staffCodes(staff)} now={clock.now()} format={format(ctx)} notice={notice} />);
  }, { access: 'staff' });

  page(app, 'POST', 'staffRevokeSecurityCode', async (request, reply, ctx, staff) => {
    const params = staffOrganizationParams.safeParse(request.params);
    if (!params.success || !(await organizations.staffRevokeCode(staff, params.data.id, origin(request)))) throw new AppError('not_found');
    return reply.redirect(`${href('staffSecurityCodes', ctx.locale)}?notice=codes.revoked`, 303);
  }, { access: 'staff' });

  page(app, 'GET', 'staffOrganizations', async (request, reply, ctx, staff) => {
    const query = staffOrganizationsQuery.safeParse(request.query);
    const filter = query.success ? query.data : { q: '', status: null };
    return sendHtml(reply, <views.StaffOrganizations ctx={ctx} organizations={await organizations.staffList(staff, filter)} q={filter.q} status={filter.status} />);
  }, { access: 'staff' });

  const staffOrganizationPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    staff: SessionAccount,
    extra: { notice?: MessageKey; errors?: Record<string, MessageKey>; values?: Record<string, string> } = {},
    status = 200,
  ) => {
    const params = staffOrganizationParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const view = await organizations.staffView(staff, params.data.id);
    if (!view) throw new AppError('not_found');
    return sendHtml(reply, <views.StaffOrganization ctx={ctx} view={view} now={clock.now()} format={format(ctx)} {...extra} />, status);
  };

  page(app, 'GET', 'staffOrganization', async (request, reply, ctx, staff) =>
    staffOrganizationPage(request, reply, ctx, staff, { notice: notices(request.query, ['staffOrganizations.recorded']) }),
    { access: 'staff' },
  );

  /** The suspension's own page: only for an approved organization, to those who decide. */
  const suspensionPage = async (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, staff: SessionAccount, extra: { errors?: Record<string, MessageKey>; reason?: string } = {}, status = 200) => {
    const params = staffOrganizationParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const view = await organizations.staffView(staff, params.data.id);
    if (!view) throw new AppError('not_found');
    if (!view.mayDecide) throw new AppError('forbidden');
    if (view.organization.status !== 'approved') return reply.redirect(href('staffOrganization', ctx.locale, { id: params.data.id }), 303);
    return sendHtml(reply, <views.ConfirmSuspension ctx={ctx} organization={view.organization} errors={extra.errors} reason={extra.reason} />, status);
  };

  page(app, 'GET', 'staffOrganizationDecision', async (request, reply, ctx, staff) => suspensionPage(request, reply, ctx, staff), { access: 'staff' });

  page(app, 'POST', 'staffOrganizationDecision', async (request, reply, ctx, staff) => {
    const params = staffOrganizationParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const suspending = body(request).decision === 'suspend';
    if (suspending && body(request).confirmed !== 'yes') return reply.redirect(href('staffOrganizationDecision', ctx.locale, { id: params.data.id }), 303);
    const parsed = decisionSchema.safeParse(request.body);
    if (!parsed.success && suspending) return suspensionPage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), reason: body(request).reason ?? '' }, 400);
    if (!parsed.success) return staffOrganizationPage(request, reply, ctx, staff, { errors: fieldErrors(parsed.error), values: body(request) }, 400);
    const result = await organizations.decide(staff, params.data.id, parsed.data.decision, parsed.data.reason, origin(request));
    if (result === 'not_found') throw new AppError('not_found');
    if (result === 'forbidden') throw new AppError('forbidden');
    if (result === 'not_allowed') return staffOrganizationPage(request, reply, ctx, staff, { errors: { decision: 'staffOrganizations.notAllowed' }, values: body(request) }, 409);
    return reply.redirect(`${href('staffOrganization', ctx.locale, { id: params.data.id })}?notice=staffOrganizations.recorded`, 303);
  }, { access: 'staff' });
}
