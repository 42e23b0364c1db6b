import { href } from '../../../platform/paths.ts';
import { DepartmentNav } from '../../views.tsx';
import type { FieldErrors, PageContext } from '../../../platform/views/layout.tsx';
import { StaffPage } from '../../../platform/views/staff-page.tsx';
import { Table } from '../../../platform/views/table.tsx';
import type { FiguresRow } from '../queries.ts';


// ------------------------------------------------------------------ Figures

/** "12 of 15 (80 %)", or a dash when nothing counts yet. */
export function share(ctx: PageContext, part: number, whole: number): string {
  if (whole === 0) return ctx.t('surveillance.department.figures.nothing');
  return ctx.t('surveillance.department.figures.share', { part, whole, percent: Math.round((part / whole) * 100) });
}

export function FiguresPage(props: { ctx: PageContext; from: string; to: string; rows: FiguresRow[]; errors?: FieldErrors | undefined }) {
  const { ctx, rows } = props;
  const csv = `${href('surveillance.department.figuresCsv', ctx.locale)}?${new URLSearchParams({ from: props.from, to: props.to }).toString()}`;
  return (
    <StaffPage ctx={ctx} title={ctx.t('surveillance.department.figures.title')} errors={props.errors}>
      <DepartmentNav ctx={ctx} current="surveillance.department.figures" />
      <form method="get" action={href('surveillance.department.figures', ctx.locale)} novalidate>
        <div class="govuk-form-group">
          <label class="govuk-label" for="from">{ctx.t('surveillance.department.figures.from')}</label>
          {props.errors?.from && <p class="govuk-error-message" id="from-error">{ctx.t(props.errors.from)}</p>}
          <input class="govuk-input govuk-input--width-10" id="from" name="from" type="date" value={props.from} />
        </div>
        <div class="govuk-form-group">
          <label class="govuk-label" for="to">{ctx.t('surveillance.department.figures.to')}</label>
          {props.errors?.to && <p class="govuk-error-message" id="to-error">{ctx.t(props.errors.to)}</p>}
          <input class="govuk-input govuk-input--width-10" id="to" name="to" type="date" value={props.to} />
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">{ctx.t('surveillance.department.filter.apply')}</button>
      </form>
      <p class="govuk-body">{ctx.t('surveillance.department.figures.explain')}</p>
      {rows.length === 0 ? (
        <p class="govuk-body">{ctx.t('surveillance.department.cases.none')}</p>
      ) : (
          <Table
            caption={ctx.t('surveillance.department.figures.caption', { from: props.from, to: props.to })}
            headers={[
              ctx.t('field.province'),
              ctx.t('surveillance.department.figures.cases'),
              ctx.t('surveillance.department.figures.routine'),
              ctx.t('surveillance.department.figures.urgent'),
              ctx.t('surveillance.department.figures.contact'),
              ctx.t('surveillance.department.figures.assessed90'),
              ctx.t('surveillance.department.figures.assessed365'),
            ]}
          >
            {rows.map((r) => (
              <tr class="govuk-table__row" key={r.overall ? '*' : (r.province ?? '-')}>
                <th scope="row" class="govuk-table__header">{r.overall ? ctx.t('surveillance.department.figures.overall') : (r.province ?? ctx.t('surveillance.department.noProvince'))}</th>
                <td class="govuk-table__cell govuk-table__cell--numeric">{r.cases}</td>
                <td class="govuk-table__cell">{share(ctx, r.routineInTime, r.routineCounted)}</td>
                <td class="govuk-table__cell">{share(ctx, r.urgentInTime, r.urgentCounted)}</td>
                <td class="govuk-table__cell">
                  {r.medianDaysToContact === null ? ctx.t('surveillance.department.figures.nothing') : ctx.t('surveillance.department.figures.median', { days: r.medianDaysToContact, n: r.contacted })}
                </td>
                <td class="govuk-table__cell">{share(ctx, r.assessed90, r.counted90)}</td>
                <td class="govuk-table__cell">{share(ctx, r.assessed365, r.counted365)}</td>
              </tr>
            ))}
          </Table>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={csv} download>{ctx.t('surveillance.department.figures.csv')}</a>
      </p>
    </StaffPage>
  );
}

/** The CSV file's columns: codes, not words, so a spreadsheet or a script reads it the same in both languages. */
export const FIGURES_COLUMNS = [
  'province', 'cases', 'routine_in_time', 'routine_counted', 'urgent_in_time', 'urgent_counted',
  'contacted', 'median_days_to_first_contact', 'assessed_90_days', 'counted_90_days', 'assessed_1_year', 'counted_1_year',
] as const;
