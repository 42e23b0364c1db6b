import type { ComponentChildren } from 'preact';

/** A row of a GOV.UK summary list (`<dl class="govuk-summary-list">`): its label, its value, and a "Change" link if any. */
export function SummaryRow({ label, children, action }: { label: string; children: ComponentChildren; action?: { href: string; label: string; hidden: string } | undefined }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
      {action && (
        <dd class="govuk-summary-list__actions">
          <a class="govuk-link" href={action.href}>
            {action.label}
            <span class="govuk-visually-hidden"> {action.hidden}</span>
          </a>
        </dd>
      )}
    </div>
  );
}
