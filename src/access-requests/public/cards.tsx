import type { DashboardCard } from '../../platform/module.ts';
import { href } from '../../platform/paths.ts';
import { DashboardCardView } from '../../platform/views/card.tsx';

/** A requester's access requests at the authority (with access requests on): how many are open, and the way to them. */
export const dashboardCards = [
  {
    name: 'accessRequestsMine',
    group: 'authority',
    kind: 'waiting',
    async render(request, account, ctx, authority) {
      const { core, public: service } = request.server.services.accessRequests;
      if (!(await core.isOn(authority.id))) return null;
      const counts = await service.openCount(account.id, authority.id);
      if (counts.total === 0) return null;
      return (
        <DashboardCardView name="accessRequestsMine" title={ctx.t('access.public.card.title')} links={[{ href: href('access.public.mine', ctx.locale), label: ctx.t('access.public.card.open') }]}>
          <p class="govuk-body">{ctx.t('access.public.card.counts', { open: counts.open })}</p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly DashboardCard[];
