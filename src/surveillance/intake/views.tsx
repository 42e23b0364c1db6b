import type { ComponentChildren } from 'preact';
import { CsvImportForm, CsvReport } from '../../platform/views/csv-import.tsx';
import { DepartmentNav } from '../views.tsx';
import { provinces } from '../../platform/canada.ts';
import { formatLocalDate, type Bilingual, type MessageKey } from '../../platform/i18n/index.ts';
import { href, type PageName } from '../../platform/paths.ts';
import { Button, Choice, FieldError, Form, Notice, TextField } from '../../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import { type ApiClient, ApiClients, type ApiClientWords } from '../../platform/views/api-clients.tsx';
import { Problem } from '../../platform/views/person-page.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import type { CaseStatus, SurveillanceCode } from '../states.ts';
import { surveillanceCodes } from '../states.ts';
import { type FileProblem, noticeColumns, type ImportReport } from './csv.ts';
import { codeLabels, documentTypeLabels, statusLabels } from '../labels.ts';
import { type ApiScope, apiScopes } from './service.ts';
import { examDocumentTypes } from '../labels.ts';

type Ctx = { ctx: PageContext };
type FormProps = { errors?: FieldErrors | undefined; values?: Record<string, string> | undefined; problem?: string | undefined; notice?: MessageKey | undefined };

export const scopeLabels = { 'notices:write': 'surveillance.intake.apiClients.scope.write', 'notices:read': 'surveillance.intake.apiClients.scope.read' } as const satisfies Record<ApiScope, MessageKey>;
export const fileProblemLabels = {
  unreadable: 'surveillance.intake.import.file.unreadable',
  missing_columns: 'surveillance.intake.import.file.missingColumns',
  empty: 'surveillance.intake.import.file.empty',
  too_many_lines: 'surveillance.intake.import.file.tooManyLines',
} as const satisfies Record<FileProblem, MessageKey>;


function IntakePage({ ctx, title, current, notice, errors, children }: Ctx & { title: string; current: PageName; notice?: MessageKey | undefined; errors?: FieldErrors | undefined; children: ComponentChildren }) {
  return (
    <StaffPage ctx={ctx} title={title} notice={notice} errors={errors}>
      <DepartmentNav ctx={ctx} current={current} />
      {children}
    </StaffPage>
  );
}

export function NewNoticePage({ ctx, errors, values, problem }: Ctx & FormProps) {
  const { t, locale } = ctx;
  const v = (name: string) => values?.[name] ?? '';
  const text = (name: string, label: MessageKey, o: { hint?: MessageKey; width?: string; autocomplete?: string } = {}) => (
    <TextField t={t} name={name} label={label} value={v(name)} errors={errors} {...(o.hint ? { hint: o.hint } : {})} {...(o.width ? { width: o.width } : {})} autocomplete={o.autocomplete ?? 'off'} />
  );
  return (
    <IntakePage ctx={ctx} title={t('surveillance.intake.newNotice.title')} current="surveillance.intake.newNotice" errors={errors}>
      <Problem ctx={ctx} problem={problem} />
      <p class="govuk-body">{t('surveillance.intake.newNotice.intro')}</p>
      <form method="post" action={href('surveillance.intake.newNotice', locale)} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        {text('noticeNumber', 'surveillance.intake.field.noticeNumber', { width: '20' })}
        <h2 class="govuk-heading-m">{t('surveillance.intake.newNotice.person')}</h2>
        {text('familyName', 'surveillance.intake.field.familyName')}
        {text('givenNames', 'surveillance.intake.field.givenNames')}
        {text('dateOfBirth', 'surveillance.intake.field.dateOfBirth', { hint: 'surveillance.intake.field.dateHint', width: '10' })}
        {text('clientId', 'surveillance.intake.field.clientId', { width: '20' })}
        <h2 class="govuk-heading-m">{t('surveillance.intake.newNotice.address')}</h2>
        <p class="govuk-body">{t('surveillance.intake.newNotice.addressHint')}</p>
        {text('addressLine1', 'surveillance.intake.field.addressLine1', { autocomplete: 'off' })}
        {text('addressLine2', 'field.addressLine2')}
        {text('city', 'surveillance.intake.field.city')}
        <Choice t={t} kind="select" name="province" label="field.province" value={v('province')} errors={errors} options={provinces.map((p) => ({ value: p, label: p }))} />
        {text('postalCode', 'surveillance.intake.field.postalCode', { width: '10' })}
        {text('phone', 'field.phone', { width: '20' })}
        {text('email', 'surveillance.intake.field.email')}
        <h2 class="govuk-heading-m">{t('surveillance.intake.newNotice.surveillance')}</h2>
        {text('arrivalDate', 'surveillance.intake.field.arrivalDate', { hint: 'surveillance.intake.field.dateHint', width: '10' })}
        <Choice t={t} kind="radios" name="code" label="surveillance.intake.field.code" value={v('code')} errors={errors} options={surveillanceCodes.map((c) => ({ value: c, label: t(codeLabels[c]) }))} />
        <h2 class="govuk-heading-m">{t('surveillance.intake.newNotice.document')}</h2>
        <Choice t={t} kind="select" name="documentType" label="surveillance.intake.field.documentType" value={v('documentType')} errors={errors} options={examDocumentTypes.map((d) => ({ value: d, label: t(documentTypeLabels[d]) }))} />
        <div class={`govuk-form-group${errors?.file ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="file">
            {t('surveillance.intake.field.file')}
          </label>
          <div id="file-hint" class="govuk-hint">
            {t('surveillance.intake.field.fileHint')}
          </div>
          <FieldError t={t} name="file" error={errors?.file} />
          <input class="govuk-file-upload" id="file" name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" aria-describedby="file-hint" />
        </div>
        <Button>{t('surveillance.intake.newNotice.submit')}</Button>
      </form>
    </IntakePage>
  );
}

export function ReceivedPage({ ctx, caseId, receipt, already }: Ctx & { caseId: string; receipt: { noticeNumber: string; dueOn: string; status: CaseStatus; organization: Bilingual | null }; already: boolean }) {
  const { t, locale } = ctx;
  return (
    <IntakePage ctx={ctx} title={t(already ? 'surveillance.intake.received.already' : 'surveillance.intake.received.title', { number: receipt.noticeNumber })} current="surveillance.intake.newNotice">
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('surveillance.intake.received.routedTo')}</dt>
          <dd class="govuk-summary-list__value" data-routed={receipt.organization ? 'yes' : 'no'}>
            {receipt.organization ? receipt.organization[locale] : t('surveillance.intake.received.unrouted')}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('surveillance.intake.received.status')}</dt>
          <dd class="govuk-summary-list__value">{t(statusLabels[receipt.status])}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{t('surveillance.intake.received.due')}</dt>
          <dd class="govuk-summary-list__value">{formatLocalDate(locale, receipt.dueOn)}</dd>
        </div>
      </dl>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={href(receipt.organization ? 'surveillance.department.case' : 'surveillance.intake.route', locale, { caseId })}>
            {t(receipt.organization ? 'surveillance.intake.received.open' : 'surveillance.intake.received.route')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href={href('surveillance.intake.newNotice', locale)}>
            {t('surveillance.intake.received.another')}
          </a>
        </li>
      </ul>
    </IntakePage>
  );
}

export function ImportPage({ ctx, report, imported, fileName, problem }: Ctx & FormProps & { report?: ImportReport | undefined; imported?: { notices: number; already: number } | undefined; fileName?: string | undefined }) {
  const { t, locale } = ctx;
  const already = report?.lines.filter((l) => l.alreadyReceived).length ?? 0;
  return (
    <IntakePage ctx={ctx} title={t('surveillance.intake.import.title')} current="surveillance.intake.import">
      <Problem ctx={ctx} problem={problem} />
      {imported && <Notice>{t('surveillance.intake.import.done', { count: imported.notices, already: imported.already })}</Notice>}
      <p class="govuk-body">{t('surveillance.intake.import.intro')}</p>
      {/* A paragraph, not <pre>: the header line wraps at 320 px instead of scrolling sideways. */}
      <p class="govuk-body govuk-!-font-size-16">
        <code>{noticeColumns.join(', ')}</code>
      </p>
      {report && (
        <CsvReport
          heading={t('surveillance.intake.import.report', { file: fileName ?? '' })}
          fileProblem={report.fileProblem}
          fileProblemText={report.fileProblem ? t(fileProblemLabels[report.fileProblem]) : ''}
          lines={report.lines}
          clean={t('surveillance.intake.import.clean', { count: report.lines.length, already })}
          bad={(bad, count) => t('surveillance.intake.import.bad', { bad, count })}
          headers={[t('surveillance.intake.import.line'), t('surveillance.intake.field.noticeNumber'), t('surveillance.intake.import.problems')]}
          row={(l) => (
            <tr class="govuk-table__row" key={l.line} data-line={l.line} data-problems={l.problems.map((p) => `${p.field}:${p.key}`).join(' ')}>
              <td class="govuk-table__cell">{l.line}</td>
              <td class="govuk-table__cell">{l.noticeNumber}</td>
              <td class="govuk-table__cell">
                <ul class="govuk-list">
                  {l.problems.map((p) => (
                    <li key={`${p.field}${p.key}`}>{t(p.key)}</li>
                  ))}
                </ul>
              </td>
            </tr>
          )}
        />
      )}
      <CsvImportForm ctx={ctx} action={href('surveillance.intake.import', locale)} labels={{ file: 'surveillance.intake.import.file', check: 'surveillance.intake.import.check', import: 'surveillance.intake.import.import' }} />
    </IntakePage>
  );
}

type UnroutedCase = { id: string; noticeNumber: string; familyName: string; givenNames: string; arrivalDate: string; code: SurveillanceCode; dueOn: string; city: string | null };

export function UnroutedPage({ ctx, cases, ptphas, notice, errors, errorsFor }: Ctx & FormProps & { cases: UnroutedCase[]; ptphas: { id: string; name: Bilingual; province: string }[]; errorsFor?: string | undefined }) {
  const { t, locale } = ctx;
  const options = ptphas.map((p) => ({ value: p.id, label: `${p.province} — ${p.name[locale]}` }));
  return (
    <IntakePage ctx={ctx} title={t('surveillance.intake.unrouted.title')} current="surveillance.intake.unrouted" notice={notice} errors={errors}>
      <p class="govuk-body">{t('surveillance.intake.unrouted.intro')}</p>
      {cases.length === 0 ? (
        <p class="govuk-body" data-empty>
          {t('surveillance.intake.unrouted.none')}
        </p>
      ) : (
        cases.map((c) => (
          <section class="govuk-!-margin-bottom-6" key={c.id} data-case={c.noticeNumber} aria-labelledby={`case-${c.id}`}>
            <h2 class="govuk-heading-s" id={`case-${c.id}`}>
              {t('surveillance.intake.unrouted.case', { number: c.noticeNumber, name: `${c.givenNames} ${c.familyName}` })}
            </h2>
            <p class="govuk-body">{t('surveillance.intake.unrouted.detail', { arrival: formatLocalDate(locale, c.arrivalDate), code: t(codeLabels[c.code]), due: formatLocalDate(locale, c.dueOn) })}</p>
            <Form action={href('surveillance.intake.route', locale, { caseId: c.id })} csrfToken={ctx.csrfToken}>
              <Choice t={t} kind="select" name="organizationId" label="surveillance.intake.unrouted.routeTo" errors={errorsFor === c.id ? errors : undefined} options={options} />
              <Button secondary>{t('surveillance.intake.unrouted.route')}</Button>
            </Form>
          </section>
        ))
      )}
    </IntakePage>
  );
}

const apiClientWords = {
  issued: 'surveillance.intake.apiClients.issued',
  lead: 'surveillance.intake.apiClients.lead',
  openapi: 'surveillance.intake.apiClients.openapi',
  name: 'surveillance.intake.apiClients.name',
  keyPrefix: 'surveillance.intake.apiClients.keyPrefix',
  scopes: 'surveillance.intake.apiClients.scopes',
  lastUsed: 'surveillance.intake.apiClients.lastUsed',
  never: 'surveillance.intake.apiClients.never',
  state: 'surveillance.intake.apiClients.state',
  inUse: 'surveillance.intake.apiClients.inUse',
  revoked: 'surveillance.intake.apiClients.revoked',
  revoke: 'surveillance.intake.apiClients.revoke',
  new: 'surveillance.intake.apiClients.new',
  submit: 'surveillance.intake.apiClients.submit',
} as const satisfies ApiClientWords;

/** The department's client systems' keys: a new key is shown here once, then only its first characters. */
export function ApiClientsPage({ ctx, clients, issuedKey, errors, values, notice }: Ctx & FormProps & { clients: ApiClient[]; issuedKey?: string | undefined }) {
  const { t, locale } = ctx;
  return (
    <IntakePage ctx={ctx} title={t('surveillance.intake.apiClients.title')} current="surveillance.intake.apiClients" notice={notice} errors={errors}>
      <ApiClients
        ctx={ctx}
        words={apiClientWords}
        clients={clients}
        scopes={apiScopes.map((s) => ({ value: s, label: scopeLabels[s] }))}
        openApiHref="/api/v1/surveillance/openapi.json"
        createAction={href('surveillance.intake.apiClients', locale)}
        revokeAction={(clientId) => href('surveillance.intake.apiClientRevoke', locale, { clientId })}
        issuedKey={issuedKey}
        errors={errors}
        values={values ? { name: values.name ?? '', scopes: values.scopes?.split(',') ?? [] } : undefined}
      />
    </IntakePage>
  );
}
