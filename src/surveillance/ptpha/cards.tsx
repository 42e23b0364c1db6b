import type { DashboardCard } from '../../platform/module.ts';
import { href } from '../../platform/paths.ts';
import { DashboardCardView } from '../../platform/views/card.tsx';

/**
 * To a member of an approved PTPHA (of a department with surveillance on): its new notices and
 * overdue cases, and the way to its list. It shows even at zero: it is the members' way in.
 */
export const dashboardCards = [
  {
    name: 'surveillanceCases',
    group: 'organization',
    kind: 'waiting',
    async render(request, _account, ctx, organization) {
      if (organization.status !== 'approved') return null;
      const { core, ptpha } = request.server.services.surveillance;
      if (!(await core.isPtpha(organization.id, organization.authorityId))) return null;
      const counts = await ptpha.counts(organization.id);
      return (
        <DashboardCardView name="surveillanceCases" title={ctx.t('surveillance.ptpha.card.title')} links={[{ href: href('surveillance.ptpha.cases', ctx.locale, { organizationId: organization.id }), label: ctx.t('surveillance.ptpha.card.open') }]}>
          <p class="govuk-body">{ctx.t('surveillance.ptpha.card.counts', { notified: counts.notified, overdue: counts.overdue })}</p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly DashboardCard[];
