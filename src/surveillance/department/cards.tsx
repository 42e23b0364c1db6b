import type { StaffCard } from '../../platform/module.ts';
import { href } from '../../platform/paths.ts';
import { DashboardCardView } from '../../platform/views/card.tsx';

/**
 * The department's way in (surveillance has no entry in the console's menu, which every
 * authority shares): what waits for it, and its pages. Nothing where surveillance is off.
 */
export const staffCards = [
  {
    name: 'surveillanceDepartment',
    async render(request, staff, ctx) {
      const surveillance = request.server.services.surveillance;
      if (!(await surveillance.core.isOn(staff.staffAuthorityId))) return null;
      const n = await surveillance.department.cardCounts(staff.staffAuthorityId);
      return (
        <DashboardCardView
          name="surveillanceDepartment"
          title={ctx.t('surveillance.department.card.title')}
          links={[
            { href: href('surveillance.department.cases', ctx.locale), label: ctx.t('surveillance.department.cases.title') },
            { href: href('surveillance.department.requests', ctx.locale), label: ctx.t('surveillance.department.requests.title') },
            { href: href('surveillance.department.reports', ctx.locale), label: ctx.t('surveillance.department.reports.title') },
            { href: href('surveillance.department.figures', ctx.locale), label: ctx.t('surveillance.department.figures.title') },
          ]}
        >
          <ul class="govuk-list">
            <li>{ctx.t('surveillance.department.card.requests', { n: n.requests })}</li>
            <li>{ctx.t('surveillance.department.card.moved', { n: n.moved })}</li>
            <li>{ctx.t('surveillance.department.card.overdue', { n: n.overdue })}</li>
          </ul>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly StaffCard[];
