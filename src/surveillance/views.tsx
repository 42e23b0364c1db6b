import type { PageName } from '../platform/paths.ts';
import { SectionNav, type SectionLink } from '../platform/views/staff-nav.tsx';
import type { PageContext } from '../platform/views/layout.tsx';

const links: readonly SectionLink[] = [
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
  return <SectionNav ctx={ctx} label="surveillance.nav" links={links} current={current} />;
}
