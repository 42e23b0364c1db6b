import type { DashboardCard } from '../platform/module.ts';
import { formatDateTime } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { DashboardCardView } from '../platform/views/card.tsx';

/**
 * Organizations' dashboard cards: a request under review, a manager's codes about to expire, the
 * requests staff have to decide, and, for anyone, joining or registering an organization.
 */
export const dashboardCards = [
  {
    name: 'organizationUnderReview',
    group: 'organization',
    kind: 'waiting',
    async render(request, account, ctx, organization) {
      if (organization.status !== 'requested') return null;
      const since = await request.server.services.organizations.underReviewSince(account.id, organization.id);
      if (!since) return null;
      return (
        <DashboardCardView
          name="organizationUnderReview"
          title={ctx.t('organizationCard.review.title')}
          links={[{ href: href('organization', ctx.locale, { organizationId: organization.id }), label: ctx.t('organizationCard.review.open') }]}
        >
          <p class="govuk-body">{ctx.t('organizationCard.review.body', { date: formatDateTime(ctx.locale, since) })}</p>
        </DashboardCardView>
      );
    },
  },
  {
    name: 'securityCodesExpiring',
    group: 'organization',
    kind: 'waiting',
    async render(request, account, ctx, organization) {
      if (organization.role !== 'manager' || organization.status !== 'approved') return null;
      const { count, first } = await request.server.services.organizations.codesExpiringSoon(account.id, organization.id);
      if (count === 0 || !first) return null;
      const date = formatDateTime(ctx.locale, first);
      return (
        <DashboardCardView
          name="securityCodesExpiring"
          title={ctx.t('organizationCard.codes.title')}
          links={[{ href: href('securityCodes', ctx.locale, { organizationId: organization.id }), label: ctx.t('organizationCard.codes.open') }]}
        >
          <p class="govuk-body">{count === 1 ? ctx.t('organizationCard.codes.one', { date }) : ctx.t('organizationCard.codes.other', { n: count, date })}</p>
        </DashboardCardView>
      );
    },
  },
  {
    name: 'staffOrganizationRequests',
    group: 'authority',
    kind: 'waiting',
    async render(request, account, ctx, authority) {
      const waiting = await request.server.services.organizations.staffPendingCount({ id: account.id, staffAuthorityId: authority.id, authorityRoles: [...authority.roles] });
      if (waiting === 0) return null;
      return (
        <DashboardCardView
          name="staffOrganizationRequests"
          title={ctx.t('organizationCard.staff.title')}
          links={[{ href: `${href('staffOrganizations', ctx.locale)}?status=requested`, label: ctx.t('organizationCard.staff.open') }]}
        >
          <p class="govuk-body">{ctx.t(waiting === 1 ? 'organizationCard.staff.one' : 'organizationCard.staff.other', { n: waiting })}</p>
        </DashboardCardView>
      );
    },
  },
  {
    name: 'organizationsStart',
    group: 'authority',
    kind: 'start',
    async render(request, account, ctx, authority) {
      const organizations = request.server.services.organizations;
      if (!(await organizations.takesOrganizations(authority.id))) return null;
      const member = (await organizations.memberships(account.id)).some((m) => m.authorityId === authority.id);
      return (
        <DashboardCardView
          name="organizationsStart"
          title={ctx.t('organizationCard.start.title')}
          links={[
            { href: href('joinOrganization', ctx.locale), label: ctx.t('organizations.join') },
            { href: href('requestOrganization', ctx.locale), label: ctx.t('organizations.request') },
          ]}
        >
          <p class="govuk-body">{ctx.t(member ? 'organizationCard.start.another' : 'organizationCard.start.none')}</p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly DashboardCard[];
