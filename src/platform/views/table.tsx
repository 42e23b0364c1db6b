import type { ComponentChildren } from 'preact';

/** A header cell; `hidden` is read by screen readers only (a column of buttons). */
export type Header = string | { hidden: string };

/** A data table with its caption and column headers; the rows are the caller's `<tr>`s. */
export function Table({
  caption,
  captionSize = 'm',
  headers,
  children,
}: { caption: string; captionSize?: 's' | 'm'; headers: (Header | false)[]; children: ComponentChildren }) {
  return (
    <table class="govuk-table">
      <caption class={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {headers.map((h, i) =>
            h === false ? null : (
              <th scope="col" class="govuk-table__header" key={i}>
                {typeof h === 'string' ? h : <span class="govuk-visually-hidden">{h.hidden}</span>}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody class="govuk-table__body">{children}</tbody>
    </table>
  );
}
