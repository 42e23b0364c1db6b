import type { StaffNavEntry } from '../module.ts';
import type { MessageKey } from '../i18n/index.ts';
import { href, type PageName } from '../paths.ts';
import type { PageContext } from './layout.tsx';

let entries: readonly StaffNavEntry[] = [];

/** The composition root installs every module's staff links (`staffNav`), in their declared positions. */
export function installStaffNav(assembled: readonly StaffNavEntry[]): void {
  entries = [...assembled].sort((a, b) => a.position - b.position);
}

/** The staff console's first page: where the header's "Staff" link leads. */
export function staffHome(): PageName | null {
  return entries[0]?.page ?? null;
}

/** Links between the console's pages, on each of them; a page only some roles open is listed to them only. */
export function StaffNav({ ctx, current }: { ctx: PageContext; current?: PageName }) {
  const { t, locale } = ctx;
  const roles = ctx.account?.authorityRoles ?? [];
  const links = entries.filter((e) => !e.onlyFor || e.onlyFor.some((role) => roles.includes(role)));
  return (
    <nav aria-label={t('staff.nav')} class="govuk-!-margin-bottom-6">
      <ul class="govuk-list">
        {links.map(({ page, label }) => (
          <li key={page} class="govuk-!-display-inline-block govuk-!-margin-right-4">
            <a class="govuk-link" href={href(page, locale)} aria-current={page === current ? 'page' : undefined}>
              {page === current ? <strong>{t(label)}</strong> : t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface SectionLink {
  page: PageName;
  label: MessageKey;
  /** Listed to the authority's administrators only (the pages only they open). */
  administrators?: true;
}

/**
 * A module's own pages, one beside the other, on each of them (pages the console's menu does not
 * list, being only some authorities'); `params` fills the addresses' parameters (an organization).
 */
export function SectionNav({ ctx, label, links, current, params }: { ctx: PageContext; label: MessageKey; links: readonly SectionLink[]; current: PageName; params?: Record<string, string> }) {
  const administrator = ctx.account?.authorityRoles.includes('administrator') ?? false;
  return (
    <nav aria-label={ctx.t(label)} class="govuk-!-margin-bottom-6">
      <ul class="govuk-list">
        {links
          .filter((l) => !l.administrators || administrator)
          .map(({ page, label }) => (
            <li key={page} class="govuk-!-display-inline-block govuk-!-margin-right-4">
              <a class="govuk-link" href={href(page, ctx.locale, params)} aria-current={page === current ? 'page' : undefined}>
                {ctx.t(label)}
              </a>
            </li>
          ))}
      </ul>
    </nav>
  );
}
