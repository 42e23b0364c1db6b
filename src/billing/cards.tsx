import type { DashboardCard, StaffCard } from '../platform/module.ts';
import { href } from '../platform/paths.ts';
import { DashboardCardView } from '../platform/views/card.tsx';
import { formatMoney } from '../platform/i18n/index.ts';
import { formatDay } from './views.tsx';

/** The person's open invoices at an authority, each with its amount, its due date and a way to pay. */
export const dashboardCards = [
  {
    name: 'openInvoices',
    group: 'authority',
    kind: 'waiting',
    async render(request, account, ctx, authority) {
      const open = await request.server.services.billing.openInvoicesOf(account.id, authority.id);
      if (open.length === 0) return null;
      return (
        <>
          {open.map((i) => (
            <DashboardCardView
              key={i.id}
              name="openInvoices"
              title={ctx.t('billing.card.title', { number: i.number })}
              links={[{ href: href('billing.invoice', ctx.locale, { invoiceId: i.id }), label: ctx.t('billing.card.pay') }, { href: href('billing.invoices', ctx.locale), label: ctx.t('billing.invoices.title') }]}
            >
              <p class="govuk-body">{ctx.t('billing.card.body', { amount: formatMoney(ctx.locale, i.totalCents), reference: i.subjectReference, date: formatDay(ctx, i.dueOn) })}</p>
            </DashboardCardView>
          ))}
        </>
      );
    },
  },
] as const satisfies readonly DashboardCard[];

/** On the staff console's home: payments started more than a day ago that no provider answer has settled. */
export const staffCards = [
  {
    name: 'pendingCheckouts',
    async render(request, staff, ctx) {
      const pending = await request.server.services.billing.pendingCheckouts(staff.staffAuthorityId);
      if (pending === 0) return null;
      return (
        <DashboardCardView name="pendingCheckouts" title={ctx.t('billing.card.pending.title')} links={[{ href: href('billing.reconciliation', ctx.locale), label: ctx.t('billing.report.title') }]}>
          <p class="govuk-body">{ctx.t('billing.card.pending.body', { count: pending })}</p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly StaffCard[];
