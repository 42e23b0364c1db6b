import type { DashboardCard } from '../platform/module.ts';
import { href } from '../platform/paths.ts';
import { DashboardCardView } from '../platform/views/card.tsx';
import { reminderCard } from './routes.tsx';

/** Two-factor's dashboard cards: the person's own second step, and staff's help requests. */
export const dashboardCards = [
  { name: 'twoFactorNudge', group: 'account', kind: 'waiting', render: (request, account, ctx) => reminderCard(request, account, ctx) },
  {
    name: 'twoFactorHelpRequests',
    group: 'authority',
    kind: 'waiting',
    async render(request, account, ctx, authority) {
      const waiting = await request.server.services.twoFactor.pendingRecoveryCount({ id: account.id, staffAuthorityId: authority.id, authorityRoles: [...authority.roles] });
      if (waiting === 0) return null;
      return (
        <DashboardCardView
          name="twoFactorHelpRequests"
          title={ctx.t('twoFactorCard.help.title')}
          links={[{ href: href('staffFactorRecoveries', ctx.locale), label: ctx.t('twoFactorCard.help.open') }]}
        >
          <p class="govuk-body">{ctx.t(waiting === 1 ? 'twoFactorCard.help.one' : 'twoFactorCard.help.other', { n: waiting })}</p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly DashboardCard[];
