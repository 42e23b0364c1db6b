import type { ComponentChildren } from 'preact';

type Link = { href: string; label: string };

/** The "previous" and "next" links of a long list (GOV.UK pagination, block style), with `children` between them. */
export function Pagination({ label, previous, next, children }: { label: string; previous?: Link | undefined; next?: Link | undefined; children?: ComponentChildren }) {
  return (
    <nav class="govuk-pagination govuk-pagination--block" aria-label={label}>
      {previous && (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={previous.href} rel="prev">
            <span class="govuk-pagination__link-title">{previous.label}</span>
          </a>
        </div>
      )}
      {children}
      {next && (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={next.href} rel="next">
            <span class="govuk-pagination__link-title">{next.label}</span>
          </a>
        </div>
      )}
    </nav>
  );
}
