import type { DashboardCard } from '../platform/module.ts';
import { href } from '../platform/paths.ts';
import { DashboardCardView } from '../platform/views/card.tsx';

/** A registrant's practice record at an authority: where they practise and their hours. */
export const dashboardCards = [
  {
    name: 'practice',
    group: 'authority',
    kind: 'start',
    async render(request, account, ctx, authority) {
      if (!(await request.server.services.practice.isRegistrant(account.id, authority.id))) return null;
      return (
        <DashboardCardView
          name="practice"
          title={ctx.t('practice.card.title')}
          links={[
            { href: href('practice.sites', ctx.locale), label: ctx.t('practice.sites.title') },
            { href: href('practice.hours', ctx.locale), label: ctx.t('practice.hours.title') },
          ]}
        >
          <p class="govuk-body">{ctx.t('practice.card.body')}</p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly DashboardCard[];
