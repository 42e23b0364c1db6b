import type { DashboardCard } from '../platform/module.ts';
import { href } from '../platform/paths.ts';
import { DashboardCardView } from '../platform/views/card.tsx';
import { statusLabels } from './views.tsx';

/**
 * The person's link at an authority that has collection agencies (where it stands, or that there is
 * none yet), and, to an agency's manager, the requests waiting for their answer.
 */
export const dashboardCards = [
  {
    name: 'agencyLink',
    group: 'authority',
    kind: 'start',
    async render(request, account, ctx, authority) {
      const agencies = request.server.services.agencies;
      if ((await agencies.agencies(authority.id)).length === 0) return null;
      const { open } = await agencies.mine(account, authority.id);
      return (
        <DashboardCardView name="agencyLink" title={ctx.t('agencies.link.title')} links={[{ href: href('agencies.link', ctx.locale), label: ctx.t('agencies.card.open') }]}>
          <p class="govuk-body">{open ? ctx.t('agencies.card.status', { agency: open.agency[ctx.locale], status: ctx.t(statusLabels[open.status]) }) : ctx.t('agencies.card.none')}</p>
        </DashboardCardView>
      );
    },
  },
  {
    name: 'agencyRequests',
    group: 'organization',
    kind: 'waiting',
    async render(request, account, ctx, organization) {
      if (organization.role !== 'manager' || organization.status !== 'approved') return null;
      const agencies = request.server.services.agencies;
      const m = { accountId: account.id, organizationId: organization.id, authorityId: organization.authorityId, name: organization.name, role: organization.role, status: organization.status };
      if (!(await agencies.isAgency(m))) return null;
      const links = await agencies.forAgency(m);
      if (!links || links.requested.length === 0) return null;
      return (
        <DashboardCardView name="agencyRequests" title={ctx.t('agencies.manage.requests')} links={[{ href: href('agencies.manage', ctx.locale, { organizationId: organization.id }), label: ctx.t('agencies.card.answer') }]}>
          <p class="govuk-body">{ctx.t('agencies.card.requests', { n: links.requested.length })}</p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly DashboardCard[];
