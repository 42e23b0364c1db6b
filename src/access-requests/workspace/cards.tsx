import type { DashboardCard } from '../../platform/module.ts';
import { href } from '../../platform/paths.ts';
import { DashboardCardView } from '../../platform/views/card.tsx';

/** To a practitioner of an institution (access requests on at its office): overdue and due within 7 days, and the way in. */
export const dashboardCards = [
  {
    name: 'accessWorkspace',
    group: 'organization',
    kind: 'waiting',
    async render(request, _account, ctx, organization) {
      if (organization.status !== 'approved') return null;
      const { core, workspace } = request.server.services.accessRequests;
      if (!(await core.isInstitution(organization.id, organization.authorityId))) return null;
      const counts = await workspace.cardCounts(organization.id);
      return (
        <DashboardCardView name="accessWorkspace" title={ctx.t('access.workspace.card.title')} links={[{ href: href('access.workspace.dashboard', ctx.locale, { organizationId: organization.id }), label: ctx.t('access.workspace.card.open') }]}>
          <p class="govuk-body">{ctx.t('access.workspace.card.counts', { overdue: counts.overdue, soon: counts.dueSoon })}</p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly DashboardCard[];
