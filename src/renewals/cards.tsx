import type { DashboardCard } from '../platform/module.ts';
import { href } from '../platform/paths.ts';
import { DashboardCardView } from '../platform/views/card.tsx';
import { LeftToDo, RenewalDates } from './views.tsx';

/** From the day the window opens: the renewal's dates and what is left (the form, the invoices, a condition). */
export const dashboardCards = [
  {
    name: 'renewal',
    group: 'authority',
    kind: 'waiting',
    async render(request, account, ctx, authority) {
      const current = await request.server.services.renewals.current(account.id, authority.id, ctx.locale);
      if (current.length === 0) return null;
      return (
        <>
          {current.map(({ renewal, unpaid, missing }) => (
            <DashboardCardView key={renewal.id} name="renewal" title={ctx.t('renewals.card.title', { number: renewal.number })} links={[{ href: href('renewals.form', ctx.locale, { renewalId: renewal.id }), label: ctx.t(renewal.status === 'open' ? 'renewals.card.start' : 'renewals.card.open') }]}>
              <RenewalDates ctx={ctx} renewal={renewal} />
              <LeftToDo ctx={ctx} renewal={renewal} unpaid={unpaid} missing={missing} />
            </DashboardCardView>
          ))}
        </>
      );
    },
  },
] as const satisfies readonly DashboardCard[];
