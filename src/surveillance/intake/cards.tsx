import type { StaffCard } from '../../platform/module.ts';
import { href } from '../../platform/paths.ts';
import { DashboardCardView } from '../../platform/views/card.tsx';

/**
 * "Arrival notices" on the staff home of the department (nothing in any other authority, where
 * the module is off): the cannot-route queue's count and the ways in for a notice.
 */
export const staffCards = [
  {
    name: 'surveillanceIntake',
    async render(request, staff, ctx) {
      const surveillance = request.server.services.surveillance;
      if (!(await surveillance.core.isOn(staff.staffAuthorityId))) return null;
      const unrouted = await surveillance.intake.unrouted.count(staff.staffAuthorityId);
      const links = [
        { href: href('surveillance.intake.unrouted', ctx.locale), label: ctx.t('surveillance.intake.unrouted.title') },
        { href: href('surveillance.intake.newNotice', ctx.locale), label: ctx.t('surveillance.intake.newNotice.title') },
        { href: href('surveillance.intake.import', ctx.locale), label: ctx.t('surveillance.intake.import.title') },
        ...(staff.authorityRoles.includes('administrator') ? [{ href: href('surveillance.intake.apiClients', ctx.locale), label: ctx.t('surveillance.intake.apiClients.title') }] : []),
      ];
      return (
        <DashboardCardView name="surveillanceIntake" title={ctx.t('surveillance.intake.card.title')} links={links}>
          <p class="govuk-body" data-unrouted={unrouted}>
            {ctx.t('surveillance.intake.card.unrouted', { count: unrouted })}
          </p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly StaffCard[];
