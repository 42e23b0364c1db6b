import type { DashboardCard } from '../platform/module.ts';
import { href } from '../platform/paths.ts';
import { DashboardCardView } from '../platform/views/card.tsx';
import { describe } from './service.ts';

/** What the person still has to report at an authority (the 30-day duty), soonest due first, with the days left. */
export const dashboardCards = [
  {
    name: 'recordToReport',
    group: 'authority',
    kind: 'waiting',
    async render(request, account, ctx, authority) {
      const todo = await request.server.services.record.toDo(account.id, authority.id);
      if (todo.length === 0) return null;
      return (
        <DashboardCardView name="recordToReport" title={ctx.t('record.card.title', { count: todo.length })} links={[{ href: href('record.summary', ctx.locale), label: ctx.t('record.summary.title') }]}>
          <ul class="govuk-list">
            {todo.map((item) => (
              <li key={item.request.id}>
                {describe(ctx.t, item.request)} — {item.daysLeft < 0 ? ctx.t('record.todo.overdue', { days: -item.daysLeft }) : ctx.t('record.card.daysLeft', { days: item.daysLeft })}
              </li>
            ))}
          </ul>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly DashboardCard[];
