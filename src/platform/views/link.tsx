import type { ComponentChildren } from 'preact';

/** A link on a line of its own: the way on from a page ("Forgot your password?", "Back to …"). */
export function LinkLine({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <p class="govuk-body">
      <a class="govuk-link" href={href}>
        {children}
      </a>
    </p>
  );
}
