import type { StaffActor } from '../../platform/actors.ts';
import { formatDateTime, type MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, Form, TextField } from '../../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { Table } from '../../platform/views/table.tsx';
import type { ExamRule } from '../schema.ts';
import type { FileRow } from './files.ts';
import { formatFileNumber } from './numbering.ts';

const ruleLabels = {
  linked_at_expiry: 'licensing.files.rule.linked_at_expiry',
  recent_exam: 'licensing.files.rule.recent_exam',
  not_met: 'licensing.files.rule.not_met',
} as const satisfies Record<ExamRule, MessageKey>;

export function FilesPage({ ctx, staff, format, rows, show, notice, errors, typedFormat }: {
  ctx: PageContext;
  staff: StaffActor;
  format: string;
  rows: FileRow[];
  show: 'all' | 'transfers';
  notice?: MessageKey | undefined;
  errors?: FieldErrors;
  typedFormat?: string;
}) {
  const { t, locale } = ctx;
  const year = new Date().getUTCFullYear();
  return (
    <StaffPage ctx={ctx} title={t('licensing.files.title')} current="licensing.staffFiles" notice={notice} errors={errors}>
      <p class="govuk-body">{t('licensing.files.lead')}</p>
      <p class="govuk-body">
        {show === 'all' ? (
          <a class="govuk-link" href={`${href('licensing.staffFiles', locale)}?show=transfers`}>{t('licensing.files.showTransfers')}</a>
        ) : (
          <a class="govuk-link" href={href('licensing.staffFiles', locale)}>{t('licensing.files.showAll')}</a>
        )}
      </p>
      {rows.length === 0 ? (
        <p class="govuk-body">{t('licensing.files.none')}</p>
      ) : (
        <Table caption={t(show === 'all' ? 'licensing.files.caption' : 'licensing.files.transfersCaption')} headers={[t('licensing.files.number'), t('licensing.files.person'), t('licensing.files.category'), t('licensing.files.opened'), t('licensing.files.previous'), t('licensing.files.exam')]}>
          {rows.map((r) => (
            <tr class="govuk-table__row" key={r.id}>
              <td class="govuk-table__cell">
                {r.applicationId ? <a class="govuk-link" href={href('licensing.review', locale, { applicationId: r.applicationId })}>{r.number}</a> : r.number}
              </td>
              <td class="govuk-table__cell">{`${r.givenName} ${r.familyName}`}</td>
              <td class="govuk-table__cell">{r.category[locale]}</td>
              <td class="govuk-table__cell">{formatDateTime(locale, r.openedAt)}</td>
              <td class="govuk-table__cell">{r.previousNumber ?? r.evidence?.previousNumber ?? '—'}</td>
              <td class="govuk-table__cell">{r.examRule ? t(ruleLabels[r.examRule]) : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
      <h2 class="govuk-heading-m">{t('licensing.files.formatTitle')}</h2>
      <p class="govuk-body">{t('licensing.files.formatNow', { format, example: formatFileNumber(format, year, 1) })}</p>
      {staff.authorityRoles.includes('administrator') ? (
        <Form action={href('licensing.staffFiles', locale)} csrfToken={ctx.csrfToken}>
          <TextField t={t} name="format" label="licensing.files.format" hint="licensing.files.formatHint" value={typedFormat ?? format} errors={errors} width="20" />
          <Button>{t('licensing.files.save')}</Button>
        </Form>
      ) : (
        <p class="govuk-body">{t('licensing.files.formatAdminOnly')}</p>
      )}
    </StaffPage>
  );
}
