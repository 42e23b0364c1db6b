import type { Bilingual } from '../../../platform/i18n/index.ts';
import { DepartmentNav } from '../../views.tsx';
import { href } from '../../../platform/paths.ts';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { StaffPage } from '../../../platform/views/staff-page.tsx';
import { Table } from '../../../platform/views/table.tsx';
import { type ReportStatus } from '../../states.ts';
import { day } from './shared.tsx';
import { reportLabels } from '../../labels.ts';

// ------------------------------------------------------------------ Queues

export function RequestsPage(props: { ctx: PageContext; rows: { id: string; caseId: string; noticeNumber: string; dueOn: string; requestedAt: Date; organization: Bilingual }[]; today: string }) {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} title={ctx.t('surveillance.department.requests.title')}>
      <DepartmentNav ctx={ctx} current="surveillance.department.requests" />
      {props.rows.length === 0 ? (
        <p class="govuk-body">{ctx.t('surveillance.department.requests.noneOpen')}</p>
      ) : (
          <Table headers={[ctx.t('surveillance.department.column.notice'), ctx.t('surveillance.department.column.ptpha'), ctx.t('surveillance.department.column.requested'), ctx.t('surveillance.department.column.due')]}>
            {props.rows.map((r) => (
              <tr class="govuk-table__row" key={r.id}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`${href('surveillance.department.case', ctx.locale, { caseId: r.caseId })}#request-${r.id}`}>{r.noticeNumber}</a>
                </td>
                <td class="govuk-table__cell">{r.organization[ctx.locale]}</td>
                <td class="govuk-table__cell">{day(r.requestedAt)}</td>
                <td class="govuk-table__cell">
                  {r.dueOn}
                  {r.dueOn < props.today && <strong class="govuk-tag govuk-tag--red govuk-!-margin-left-1">{ctx.t('surveillance.department.overdue')}</strong>}
                </td>
              </tr>
            ))}
          </Table>
      )}
    </StaffPage>
  );
}

export function ReportsPage(props: { ctx: PageContext; rows: { id: string; caseId: string; noticeNumber: string; status: ReportStatus; statusOn: string; movedToProvince: string | null; sentAt: Date; organization: Bilingual; awaiting: boolean }[] }) {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} title={ctx.t('surveillance.department.reports.title')}>
      <DepartmentNav ctx={ctx} current="surveillance.department.reports" />
      {props.rows.length === 0 ? (
        <p class="govuk-body">{ctx.t('surveillance.department.reports.none')}</p>
      ) : (
          <Table headers={[ctx.t('surveillance.department.column.notice'), ctx.t('surveillance.department.column.status'), ctx.t('surveillance.department.column.statusOn'), ctx.t('surveillance.department.column.ptpha'), ctx.t('surveillance.department.column.sent')]}>
            {props.rows.map((r) => (
              <tr class="govuk-table__row" key={r.id}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={href('surveillance.department.case', ctx.locale, { caseId: r.caseId })}>{r.noticeNumber}</a>
                </td>
                <td class="govuk-table__cell">
                  {ctx.t(reportLabels[r.status])}
                  {r.movedToProvince && ` (${r.movedToProvince})`}
                  {r.awaiting && (
                    <>
                      {' '}
                      <a class="govuk-link" href={href('surveillance.department.transfer', ctx.locale, { caseId: r.caseId })}>{ctx.t('surveillance.department.reports.awaiting')}</a>
                    </>
                  )}
                </td>
                <td class="govuk-table__cell">{r.statusOn}</td>
                <td class="govuk-table__cell">{r.organization[ctx.locale]}</td>
                <td class="govuk-table__cell">{day(r.sentAt)}</td>
              </tr>
            ))}
          </Table>
      )}
    </StaffPage>
  );
}
