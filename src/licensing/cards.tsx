import type { QueueCounts } from '../casework/index.ts';
import type { DashboardCard, StaffCard } from '../platform/module.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import { formatDateTime } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { DashboardCardView } from '../platform/views/card.tsx';
import type { ApplicationStatus } from './schema.ts';

const bodies = {
  draft: 'licensing.card.draft',
  submitted: 'licensing.card.submitted',
  returned: 'licensing.card.returned',
} as const satisfies Partial<Record<ApplicationStatus, string>>;

/**
 * Licensing's dashboard cards, per authority: each open application and where it stands, a way to
 * apply when there is none, and for the authority's staff the applications waiting for review.
 */
export const dashboardCards = [
  {
    name: 'openApplications',
    group: 'authority',
    kind: 'waiting',
    async render(request, account, ctx, authority) {
      const open = await request.server.services.licensing.openApplicationsOf(account.id, authority.id);
      if (open.length === 0) return null;
      return (
        <>
          {open.map((a) => (
            <DashboardCardView
              key={a.id}
              name="openApplications"
              title={ctx.t('licensing.card.title', { type: a.typeName[ctx.locale], reference: a.reference })}
              links={[{ href: href('licensing.application', ctx.locale, { applicationId: a.id }), label: ctx.t(a.status === 'draft' ? 'licensing.card.continue' : 'licensing.card.open') }]}
            >
              <p class="govuk-body">{ctx.t(bodies[a.status as keyof typeof bodies] ?? 'licensing.card.submitted', { date: formatDateTime(ctx.locale, a.updatedAt) })}</p>
            </DashboardCardView>
          ))}
        </>
      );
    },
  },
  {
    name: 'applicationsToReview',
    group: 'authority',
    kind: 'waiting',
    async render(request, account, ctx, authority) {
      if (authority.roles.length === 0) return null;
      return toReview(ctx, 'applicationsToReview', await request.server.services.casework.counts(authority.id, account.id));
    },
  },
] as const satisfies readonly DashboardCard[];

/** The same count on the staff console's home. */
export const staffCards = [
  {
    name: 'applicationsQueue',
    async render(request, staff, ctx) {
      return toReview(ctx, 'applicationsQueue', await request.server.services.casework.counts(staff.staffAuthorityId, staff.id));
    },
  },
] as const satisfies readonly StaffCard[];

/** What waits for the authority's staff in the applications queue, or nothing when nothing does. */
function toReview(ctx: PageContext, name: string, counts: QueueCounts) {
  if (counts.queued + counts.pickedUpByMe === 0) return null;
  return (
    <DashboardCardView name={name} title={ctx.t('licensing.card.review.title')} links={[{ href: href('licensing.queue', ctx.locale), label: ctx.t('licensing.card.review.open') }]}>
      <p class="govuk-body">{ctx.t('licensing.card.review.body', { queued: counts.queued, mine: counts.pickedUpByMe, waiting: counts.waitingForApplicant })}</p>
    </DashboardCardView>
  );
}
