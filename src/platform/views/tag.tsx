import type { MessageKey } from '../i18n/index.ts';
import type { PageContext } from './layout.tsx';

/**
 * The tag of one kind of status (an application's, a review's, an organization's…): a GOV.UK tag
 * with each status's label and colour (`govuk-tag--green`), from the two tables given.
 */
export function statusTag<S extends string>(labels: Readonly<Record<S, MessageKey>>, colours: Readonly<Record<S, string>>) {
  return function StatusTag({ ctx, status }: { ctx: PageContext; status: S }) {
    return <strong class={`govuk-tag ${colours[status]}`}>{ctx.t(labels[status])}</strong>;
  };
}
