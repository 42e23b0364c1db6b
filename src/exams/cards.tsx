import { formatDateTime } from '../platform/i18n/index.ts';
import type { DashboardCard } from '../platform/module.ts';
import { href } from '../platform/paths.ts';
import { DashboardCardView } from '../platform/views/card.tsx';

/** The person's coming exam sessions at an authority, each linking to its confirmation (seed 000: the account did not show it). */
export const dashboardCards = [
  {
    name: 'examsComing',
    group: 'authority',
    kind: 'waiting',
    async render(request, account, ctx, authority) {
      const coming = await request.server.services.exams.coming(account.id, authority.id);
      if (coming.length === 0) return null;
      return (
        <DashboardCardView name="examsComing" title={ctx.t('exams.card.title', { count: coming.length })} links={[{ href: href('exams.sessions', ctx.locale), label: ctx.t('exams.sessions.title') }]}>
          <ul class="govuk-list">
            {coming.map(({ registration, session }) => (
              <li key={registration.id}>
                <a class="govuk-link" href={href('exams.registration', ctx.locale, { registrationId: registration.id })}>
                  {session.name[ctx.locale]}
                </a>{' '}
                — {formatDateTime(ctx.locale, session.startsAt)}
              </li>
            ))}
          </ul>
        </DashboardCardView>
      );
    },
  },
] as const satisfies readonly DashboardCard[];
