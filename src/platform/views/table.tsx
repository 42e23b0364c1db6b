import { cloneElement, type ComponentChildren, isValidElement, toChildArray, type VNode } from 'preact';

/** A header cell; `hidden` is read by screen readers only (a column of buttons). */
export type Header = string | { hidden: string };

type CellProps = { class?: string; children?: ComponentChildren; 'data-label'?: string };

/**
 * Gives each cell of a row its column's name (`data-label`): on a narrow screen the table stacks,
 * one row a block, each cell under its name (public/guichet.css), so no page scrolls sideways.
 */
function labelled(row: VNode, labels: (string | null)[]): VNode {
  if (row.type !== 'tr') return row;
  let column = 0;
  const cells = toChildArray((row.props as { children?: ComponentChildren }).children).map((cell) => {
    if (!isValidElement(cell) || (cell.type !== 'td' && cell.type !== 'th')) return cell;
    const label = labels[column++];
    return label ? cloneElement(cell as VNode<CellProps>, { 'data-label': label }) : cell;
  });
  return cloneElement(row, {}, ...cells);
}

/** A data table with its caption (none when a heading just above names it) and column headers; the rows are the caller's `<tr>`s. */
export function Table({
  caption,
  captionSize = 'm',
  headers,
  children,
}: { caption?: string; captionSize?: 's' | 'm'; headers: (Header | false)[]; children: ComponentChildren }) {
  const shown = headers.filter((h): h is Header => h !== false);
  const labels = shown.map((h) => (typeof h === 'string' ? h : null));
  const rows = toChildArray(children).map((row) => (isValidElement(row) ? labelled(row, labels) : row));
  return (
    <table class="govuk-table guichet-table">
      {caption && <caption class={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption>}
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {shown.map((h, i) => (
            <th scope="col" class="govuk-table__header" key={i}>
              {typeof h === 'string' ? h : <span class="govuk-visually-hidden">{h.hidden}</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">{rows}</tbody>
    </table>
  );
}
