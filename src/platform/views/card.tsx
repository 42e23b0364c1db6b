import type { ComponentChildren } from 'preact';

/**
 * One card of the dashboard, the same for every module: a short title, a sentence or two, and the
 * links that act on it (the first is the main one). Its title is a level-3 heading: cards sit
 * under a section's level-2 heading.
 */
export function DashboardCardView(props: { title: string; links: readonly { href: string; label: string }[]; children?: ComponentChildren; name: string }) {
  return (
    <div class="govuk-summary-card guichet-card" data-card={props.name}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title">{props.title}</h3>
      </div>
      <div class="govuk-summary-card__content">
        {props.children}
        <ul class="govuk-list">
          {props.links.map((link) => (
            <li key={link.href}>
              <a class="govuk-link" href={link.href}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
