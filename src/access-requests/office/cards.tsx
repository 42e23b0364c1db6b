import type { StaffCard } from '../../platform/module.ts';
import { href } from '../../platform/paths.ts';
import { DashboardCardView } from '../../platform/views/card.tsx';

/**
 * The ATIP office's way in (access requests have no entry in the console's menu, which every
 * authority shares): the support requests waiting for it, its queue, and the API keys for its
 * administrators. Nothing where access requests are off.
 */
export const staffCards = [
  {
    name: 'accessOffice',
    async render(request, staff, ctx) {
      const access = request.server.services.accessRequests;
      if (!(await access.core.isOn(staff.staffAuthorityId))) return null;
      const open = await access.office.openCount(staff.staffAuthorityId);
      const links = [{ href: href('access.office.queue', ctx.locale), label: ctx.t('access.office.queue.title') }];
      if (staff.authorityRoles.includes('administrator')) links.push({ href: href('access.office.apiClients', ctx.locale), label: ctx.t('access.office.apiClients.title') });
      return (
        <DashboardCardView name="accessOffice" title={ctx.t('access.office.card.title')} links={links}>
          <p class="govuk-body">{ctx.t('access.office.card.open', { n: open })}</p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly StaffCard[];
