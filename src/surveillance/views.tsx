import type { MessageKey } from '../platform/i18n/index.ts';
import { href, type PageName } from '../platform/paths.ts';
import type { PageContext } from '../platform/views/layout.tsx';

const links: { page: PageName; label: MessageKey; administrators?: true }[] = [
  { page: 'surveillance.department.cases', label: 'surveillance.department.cases.title' },
  { page: 'surveillance.department.requests', label: 'surveillance.department.requests.title' },
  { page: 'surveillance.department.reports', label: 'surveillance.department.reports.title' },
  { page: 'surveillance.department.figures', label: 'surveillance.department.figures.title' },
  { page: 'surveillance.intake.newNotice', label: 'surveillance.intake.newNotice.title' },
  { page: 'surveillance.intake.import', label: 'surveillance.intake.import.title' },
  { page: 'surveillance.intake.unrouted', label: 'surveillance.intake.unrouted.title' },
  { page: 'surveillance.intake.apiClients', label: 'surveillance.intake.apiClients.title', administrators: true },
];

/**
 * The department's surveillance pages, one beside the other, on each of them. They have no entry
 * in the console's menu, which every authority shows: only the department has them.
 */
export function DepartmentNav({ ctx, current }: { ctx: PageContext; current: PageName }) {
  const administrator = ctx.account?.authorityRoles.includes('administrator') ?? false;
  return (
    <nav aria-label={ctx.t('surveillance.nav')} class="govuk-!-margin-bottom-6">
      <ul class="govuk-list">
        {links
          .filter((l) => !l.administrators || administrator)
          .map(({ page, label }) => (
            <li key={page} class="govuk-!-display-inline-block govuk-!-margin-right-4">
              <a class="govuk-link" href={href(page, ctx.locale)} aria-current={page === current ? 'page' : undefined}>
                {ctx.t(label)}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}
