import { provinces } from '../../../platform/canada.ts';
import { DepartmentNav } from '../../views.tsx';
import type { Bilingual } from '../../../platform/i18n/index.ts';
import { href } from '../../../platform/paths.ts';
import { Choice } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import { StaffPage } from '../../../platform/views/staff-page.tsx';
import { Table } from '../../../platform/views/table.tsx';
import { type CaseStatus, caseStatuses, type SurveillanceCode } from '../../states.ts';
import { nameOf, type Ptpha } from './shared.tsx';
import { StatusTag, statusLabels } from '../../labels.ts';

// ------------------------------------------------------------------ All cases

type CaseRow = { id: string; noticeNumber: string; givenNames: string; familyName: string; status: CaseStatus; code: SurveillanceCode; arrivalDate: string; dueOn: string; province: string | null; organization: Bilingual | null };

export function CasesPage(props: {
  ctx: PageContext;
  filters: { status?: string | undefined; province?: string | undefined; organizationId?: string | undefined; overdue?: boolean | undefined };
  rows: CaseRow[];
  more: boolean;
  page: number;
  counts: { status: CaseStatus; province: string | null; n: number }[];
  ptphas: Ptpha[];
  today: string;
}) {
  const { ctx, filters, rows } = props;
  const shownProvinces = [...new Set(props.counts.map((c) => c.province ?? ''))].sort();
  const countOf = (status: CaseStatus, province: string) => props.counts.find((c) => c.status === status && (c.province ?? '') === province)?.n ?? 0;
  const statusesShown = caseStatuses.filter((s) => props.counts.some((c) => c.status === s));
  const query = (page: number) => {
    const p = new URLSearchParams();
    if (filters.status) p.set('status', filters.status);
    if (filters.province) p.set('province', filters.province);
    if (filters.organizationId) p.set('organizationId', filters.organizationId);
    if (filters.overdue) p.set('overdue', 'yes');
    if (page > 1) p.set('page', String(page));
    const s = p.toString();
    return `${href('surveillance.department.cases', ctx.locale)}${s ? `?${s}` : ''}`;
  };
  return (
    <StaffPage ctx={ctx} title={ctx.t('surveillance.department.cases.title')}>
      <DepartmentNav ctx={ctx} current="surveillance.department.cases" />
      <h2 class="govuk-heading-m">{ctx.t('surveillance.department.counts.title')}</h2>
      {props.counts.length === 0 ? (
        <p class="govuk-body">{ctx.t('surveillance.department.cases.none')}</p>
      ) : (
          <Table headers={[ctx.t('surveillance.department.column.status'), ...shownProvinces.map((p) => p || ctx.t('surveillance.department.noProvince')), ctx.t('surveillance.department.column.total')]}>
            {statusesShown.map((s) => (
              <tr class="govuk-table__row" key={s}>
                <th scope="row" class="govuk-table__header">{ctx.t(statusLabels[s])}</th>
                {shownProvinces.map((p) => (
                  <td class="govuk-table__cell govuk-table__cell--numeric" key={p}>{countOf(s, p)}</td>
                ))}
                <td class="govuk-table__cell govuk-table__cell--numeric">{shownProvinces.reduce((n, p) => n + countOf(s, p), 0)}</td>
              </tr>
            ))}
          </Table>
      )}
      <form method="get" action={href('surveillance.department.cases', ctx.locale)} novalidate>
        <h2 class="govuk-heading-m">{ctx.t('surveillance.department.filters')}</h2>
        <Choice t={ctx.t} name="status" label="surveillance.department.column.status" kind="select" value={filters.status ?? ''} errors={undefined} options={caseStatuses.map((s) => ({ value: s, label: ctx.t(statusLabels[s]) }))} />
        <Choice t={ctx.t} name="province" label="field.province" kind="select" value={filters.province ?? ''} errors={undefined} options={provinces.map((p) => ({ value: p, label: p }))} />
        <Choice t={ctx.t} name="organizationId" label="surveillance.department.column.ptpha" kind="select" value={filters.organizationId ?? ''} errors={undefined} options={props.ptphas.map((p) => ({ value: p.id, label: `${p.name[ctx.locale]} (${p.province})` }))} />
        <div class="govuk-form-group">
          <div class="govuk-checkboxes govuk-checkboxes--small">
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="overdue" name="overdue" type="checkbox" value="yes" checked={filters.overdue === true} />
              <label class="govuk-label govuk-checkboxes__label" for="overdue">{ctx.t('surveillance.department.filter.overdue')}</label>
            </div>
          </div>
        </div>
        <button type="submit" class="govuk-button govuk-button--secondary">{ctx.t('surveillance.department.filter.apply')}</button>
      </form>
      {rows.length === 0 ? (
        <p class="govuk-body">{ctx.t('surveillance.department.cases.noneFound')}</p>
      ) : (
          <Table
            caption={ctx.t('surveillance.department.cases.caption')}
            headers={[ctx.t('surveillance.department.column.notice'), ctx.t('surveillance.department.column.person'), ctx.t('surveillance.department.column.ptpha'), ctx.t('surveillance.department.column.status'), ctx.t('surveillance.department.column.due')]}
          >
            {rows.map((r) => (
              <tr class="govuk-table__row" key={r.id}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={href('surveillance.department.case', ctx.locale, { caseId: r.id })}>{r.noticeNumber}</a>
                </td>
                <td class="govuk-table__cell">{`${r.givenNames} ${r.familyName}`}</td>
                <td class="govuk-table__cell">{r.organization ? `${nameOf(ctx, r.organization)} (${r.province ?? ''})` : ctx.t('surveillance.department.noPtpha')}</td>
                <td class="govuk-table__cell"><StatusTag ctx={ctx} status={r.status} /></td>
                <td class="govuk-table__cell">
                  {r.dueOn}
                  {r.dueOn < props.today && r.status !== 'compliant' && r.status !== 'unrouted' && <strong class="govuk-tag govuk-tag--red govuk-!-margin-left-1">{ctx.t('surveillance.department.overdue')}</strong>}
                </td>
              </tr>
            ))}
          </Table>
      )}
      {(props.page > 1 || props.more) && (
        <Pagination
          label={ctx.t('surveillance.department.pages')}
          previous={props.page > 1 ? { href: query(props.page - 1), label: ctx.t('surveillance.department.previous') } : undefined}
          next={props.more ? { href: query(props.page + 1), label: ctx.t('surveillance.department.next') } : undefined}
        />
      )}
    </StaffPage>
  );
}
