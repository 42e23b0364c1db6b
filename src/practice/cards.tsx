import type { DashboardCard, StaffCard } from '../platform/module.ts';
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

/** On the staff console's home: hours reviews and withholding requests waiting in the authority's queues. */
export const staffCards = [
  {
    name: 'practiceReviews',
    async render(request, staff, ctx) {
      const casework = request.server.services.casework;
      const first = { page: 1, perPage: 1 };
      const [hours, withholdings] = await Promise.all([
        casework.queue(staff.staffAuthorityId, { ...first, subjectKind: 'practice_hours' }, staff.id),
        casework.queue(staff.staffAuthorityId, { ...first, subjectKind: 'practice_withholding' }, staff.id),
      ]);
      if (hours.total === 0 && withholdings.total === 0) return null;
      return (
        <DashboardCardView
          name="practiceReviews"
          title={ctx.t('practice.card.staffTitle')}
          links={[
            { href: href('practice.queue', ctx.locale), label: ctx.t('practice.queue.title') },
            { href: href('practice.withholdingQueue', ctx.locale), label: ctx.t('practice.withholdingQueue.title') },
          ]}
        >
          <p class="govuk-body">{ctx.t('practice.card.staffBody', { hours: hours.total, withholdings: withholdings.total })}</p>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly StaffCard[];
