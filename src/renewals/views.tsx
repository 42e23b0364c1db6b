import type { Document } from '../documents/index.ts';
import { addCalendarDays, type LocalDate } from '../platform/calendar.ts';
import { formatDateTime, formatLocalDate, formatMoney, type MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, Form, Notice, TextArea, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { Table } from '../platform/views/table.tsx';
import { statusTag } from '../platform/views/tag.tsx';
import { RENEWAL_STATUSES, type RenewalStatus } from './schema.ts';
import { declarationLines, documentLines } from './schemas.ts';
import type { Renewal, Settings } from './service.ts';

type Ctx = { ctx: PageContext };
type Bill = { id: string; number: string; totalCents: number; status: string };

export const statusLabels = {
  open: 'renewals.status.open',
  submitted: 'renewals.status.submitted',
  renewed: 'renewals.status.renewed',
  lapsed: 'renewals.status.lapsed',
} as const satisfies Record<RenewalStatus, MessageKey>;
const StatusTag = statusTag(statusLabels, { open: 'govuk-tag--blue', submitted: 'govuk-tag--yellow', renewed: 'govuk-tag--green', lapsed: 'govuk-tag--red' });

const day = (ctx: PageContext, date: string) => formatLocalDate(ctx.locale, date);

/** The four dates of a renewal, as the card, the form and the mail give them. */
export function RenewalDates({ ctx, renewal }: Ctx & { renewal: Renewal }) {
  const { t } = ctx;
  return (
    <dl class="govuk-summary-list">
      <SummaryRow label={t('renewals.dates.opens')}>{day(ctx, renewal.opensOn)}</SummaryRow>
      <SummaryRow label={t('renewals.dates.deadline')}>{day(ctx, renewal.deadline)}</SummaryRow>
      <SummaryRow label={t('renewals.dates.lateFee')}>{day(ctx, addCalendarDays(renewal.deadline as LocalDate, 1))}</SummaryRow>
      <SummaryRow label={t('renewals.dates.expires')}>{day(ctx, renewal.expiresOn)}</SummaryRow>
    </dl>
  );
}

/** What is left to do, in words: the form, each invoice to pay, each condition missing. */
export function LeftToDo({ ctx, renewal, unpaid, missing }: Ctx & { renewal: Renewal; unpaid: readonly Bill[]; missing: readonly string[] }) {
  const { t, locale } = ctx;
  const items = [
    ...(renewal.status === 'open' ? [<li key="form">{t('renewals.left.form')}</li>] : []),
    ...unpaid.map((b) => (
      <li key={b.id}>
        <a class="govuk-link" href={href('billing.invoice', locale, { invoiceId: b.id })}>
          {t('renewals.left.invoice', { number: b.number, amount: formatMoney(locale, b.totalCents) })}
        </a>
      </li>
    )),
    ...missing.map((m) => <li key={m}>{m}</li>),
  ];
  if (items.length === 0) return null;
  return (
    <>
      <h2 class="govuk-heading-m">{t('renewals.left.title')}</h2>
      <ul class="govuk-list govuk-list--bullet" data-left>
        {items}
      </ul>
    </>
  );
}

function Attestations({ ctx, renewal, settings, documents, errors }: Ctx & { renewal: Renewal; settings: Settings; documents: readonly Document[]; errors?: FieldErrors | undefined }) {
  const { t, locale } = ctx;
  const required = settings.requiredDocuments.filter((d) => d.providedBy === 'applicant');
  if (required.length === 0) return null;
  return (
    <section aria-labelledby="attestations">
      <h2 class="govuk-heading-m" id="attestations">
        {t('renewals.attestations.title')}
      </h2>
      {required.map((d) => {
        const doc = documents.find((x) => x.id === renewal.attestations[d.code]);
        const latest = doc?.versions[0];
        const field = `file.${d.code}`;
        const error = errors?.[`document:${d.code}`] ?? errors?.[field];
        return (
          <div key={d.code} class="govuk-!-margin-bottom-6">
            <h3 class="govuk-heading-s">
              {d.name[locale]} {d.optional && <span class="govuk-hint">{t('renewals.attestations.optional')}</span>}
            </h3>
            {latest ? (
              <p class="govuk-body">
                <a class="govuk-link" href={href('documents.download', locale, { versionId: latest.id })}>
                  {latest.fileName}
                </a>{' '}
                ({formatDateTime(locale, latest.createdAt)})
              </p>
            ) : (
              <p class="govuk-body">{t('renewals.attestations.none')}</p>
            )}
            {renewal.status === 'open' && (
              <form method="post" action={href('renewals.attestation', locale, { renewalId: renewal.id, code: d.code })} encType="multipart/form-data" novalidate>
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
                  <label class="govuk-label" for={field}>
                    {t(latest ? 'renewals.attestations.replace' : 'renewals.attestations.label', { name: d.name[locale] })}
                  </label>
                  {error && (
                    <p id={`${field}-error`} class="govuk-error-message">
                      <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {t(error)}
                    </p>
                  )}
                  <input class="govuk-file-upload" id={field} name="file" type="file" accept=".pdf,.png,.jpg,.jpeg" aria-describedby={error ? `${field}-error` : undefined} />
                </div>
                <button type="submit" class="govuk-button govuk-button--secondary">
                  {t('renewals.attestations.upload')}
                </button>
              </form>
            )}
          </div>
        );
      })}
    </section>
  );
}

export function FormPage({
  ctx,
  renewal,
  settings,
  documents,
  invoices,
  missing,
  values,
  errors,
  notice,
  problem,
}: Ctx & { renewal: Renewal; settings: Settings; documents: readonly Document[]; invoices: readonly Bill[]; missing: readonly string[]; values?: Record<string, string> | undefined; errors?: FieldErrors | undefined; notice?: MessageKey | undefined; problem?: string | undefined }) {
  const { t, locale } = ctx;
  const title = t('renewals.form.title', { number: renewal.number });
  const unpaid = invoices.filter((b) => b.status === 'open');
  return (
    <Layout ctx={ctx} title={title} {...(errors ? { errors } : {})}>
      <a class="govuk-back-link" href={href('dashboard', locale)}>
        {t('renewals.back')}
      </a>
      {notice && <Notice>{t(notice)}</Notice>}
      {problem && (
        <div class="govuk-error-summary" role="alert">
          <p class="govuk-body">{problem}</p>
        </div>
      )}
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">
        <StatusTag status={renewal.status} ctx={ctx} />
      </p>
      {renewal.status === 'renewed' && renewal.newValidUntil && <p class="govuk-body" data-renewed>{t('renewals.form.renewed', { until: day(ctx, renewal.newValidUntil) })}</p>}
      {renewal.status === 'lapsed' && <p class="govuk-body">{t('renewals.form.lapsed')}</p>}
      <RenewalDates ctx={ctx} renewal={renewal} />
      {(renewal.status === 'open' || renewal.status === 'submitted') && <LeftToDo ctx={ctx} renewal={renewal} unpaid={unpaid} missing={missing} />}
      {invoices.length > 0 && (
        <Table caption={t('renewals.invoices.title')} headers={[t('renewals.invoices.number'), t('renewals.invoices.amount'), t('renewals.invoices.status')]}>
          {invoices.map((b) => (
            <tr class="govuk-table__row" key={b.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('billing.invoice', locale, { invoiceId: b.id })}>
                  {b.number}
                </a>
              </td>
              <td class="govuk-table__cell">{formatMoney(locale, b.totalCents)}</td>
              <td class="govuk-table__cell">{t(b.status === 'paid' ? 'renewals.invoices.paid' : 'renewals.invoices.open')}</td>
            </tr>
          ))}
        </Table>
      )}
      <Attestations ctx={ctx} renewal={renewal} settings={settings} documents={documents} errors={errors} />
      {renewal.status === 'open' && (
        <Form action={href('renewals.form', locale, { renewalId: renewal.id })} csrfToken={ctx.csrfToken}>
          {settings.declarations.length > 0 && <h2 class="govuk-heading-m">{t('renewals.form.declarations')}</h2>}
          {settings.declarations.map((d) => {
            const name = `answer.${d.code}`;
            const error = errors?.[`declaration:${d.code}`];
            const explanationError = errors?.[`explanation:${d.code}`];
            const answer = values?.[name] ?? renewal.answers[d.code]?.answer;
            return (
              <div key={d.code} class={`govuk-form-group${error || explanationError ? ' govuk-form-group--error' : ''}`}>
                <fieldset class="govuk-fieldset">
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{d.question[locale]}</legend>
                  {error && (
                    <p class="govuk-error-message" id={`declaration:${d.code}`}>
                      <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {t(error)}
                    </p>
                  )}
                  <div class="govuk-radios govuk-radios--small govuk-radios--inline">
                    {(['yes', 'no'] as const).map((v) => (
                      <div class="govuk-radios__item" key={v}>
                        <input class="govuk-radios__input" id={`${name}-${v}`} name={name} type="radio" value={v} checked={answer === v} />
                        <label class="govuk-label govuk-radios__label" for={`${name}-${v}`}>
                          {t(v === 'yes' ? 'renewals.form.yes' : 'renewals.form.no')}
                        </label>
                      </div>
                    ))}
                  </div>
                  <div class="govuk-form-group">
                    <label class="govuk-label" for={`explanation:${d.code}`}>
                      {t('renewals.form.explanation')}
                    </label>
                    {explanationError && (
                      <p class="govuk-error-message">
                        <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {t(explanationError)}
                      </p>
                    )}
                    <textarea class="govuk-textarea" id={`explanation:${d.code}`} name={`explanation.${d.code}`} rows={2}>
                      {values?.[`explanation.${d.code}`] ?? renewal.answers[d.code]?.explanation ?? ''}
                    </textarea>
                  </div>
                </fieldset>
              </div>
            );
          })}
          <TextArea t={t} name="changes" label="renewals.form.changes" value={values?.changes ?? renewal.changes} errors={errors} rows={4} />
          <Button>{t('renewals.form.submit')}</Button>
        </Form>
      )}
    </Layout>
  );
}

export function StaffListPage({ ctx, status, counts, rows }: Ctx & { status: RenewalStatus; counts: Record<RenewalStatus, number>; rows: readonly { renewal: Renewal; givenName: string; familyName: string }[] }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('renewals.staff.title')} current="renewals.staff">
      <nav aria-label={t('renewals.staff.filter')}>
        <ul class="govuk-list guichet-inline-list">
          {RENEWAL_STATUSES.map((s) => (
            <li key={s}>
              <a class="govuk-link" href={`${href('renewals.staff', locale)}?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {t(statusLabels[s])} ({counts[s]})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p class="govuk-body">{t('renewals.staff.none')}</p>
      ) : (
        <Table caption={t(statusLabels[status])} headers={[t('renewals.staff.number'), t('renewals.staff.name'), t('renewals.dates.deadline'), t('renewals.dates.expires'), t('renewals.staff.submitted')]}>
          {rows.map(({ renewal, givenName, familyName }) => (
            <tr class="govuk-table__row" key={renewal.id} data-renewal={renewal.number}>
              <td class="govuk-table__cell">{renewal.number}</td>
              <td class="govuk-table__cell">
                {givenName} {familyName}
              </td>
              <td class="govuk-table__cell">{day(ctx, renewal.deadline)}</td>
              <td class="govuk-table__cell">{day(ctx, renewal.expiresOn)}</td>
              <td class="govuk-table__cell">{renewal.submittedAt ? formatDateTime(locale, renewal.submittedAt) : '—'}</td>
            </tr>
          ))}
        </Table>
      )}
    </StaffPage>
  );
}

export function SettingsPage({ ctx, settings, values, errors, notice }: Ctx & { settings: Settings; values?: Record<string, string> | undefined; errors?: FieldErrors | undefined; notice?: MessageKey | undefined }) {
  const { t } = ctx;
  const v = (name: string, fallback: string) => values?.[name] ?? fallback;
  return (
    <StaffPage ctx={ctx} title={t('renewals.settings.title')} current="renewals.settings" notice={notice} errors={errors}>
      <p class="govuk-body">{t(settings.enabled ? 'renewals.settings.on' : 'renewals.settings.off')}</p>
      <Form action={href('renewals.settings', ctx.locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="opensDaysBefore" label="renewals.settings.opens" value={v('opensDaysBefore', String(settings.opensDaysBefore))} errors={errors} width="4" inputMode="numeric" />
        <TextField t={t} name="deadlineDaysBefore" label="renewals.settings.deadline" value={v('deadlineDaysBefore', String(settings.deadlineDaysBefore))} errors={errors} width="4" inputMode="numeric" />
        <TextField t={t} name="feeCodes" label="renewals.settings.feeCodes" hint="renewals.settings.codesHint" value={v('feeCodes', settings.feeCodes.join(', '))} errors={errors} />
        <TextField t={t} name="lateFeeCode" label="renewals.settings.lateFee" value={v('lateFeeCode', settings.lateFeeCode ?? '')} errors={errors} />
        <TextField t={t} name="reminderOffsets" label="renewals.settings.offsets" hint="renewals.settings.offsetsHint" value={v('reminderOffsets', settings.reminderOffsets.join(', '))} errors={errors} />
        <p class="govuk-hint">{t('renewals.settings.linesHint')}</p>
        <TextArea t={t} name="declarations" label="renewals.settings.declarations" value={v('declarations', declarationLines(settings.declarations))} errors={errors} rows={4} />
        <TextArea t={t} name="requiredDocuments" label="renewals.settings.documents" value={v('requiredDocuments', documentLines(settings.requiredDocuments))} errors={errors} rows={4} />
        <Button>{t('renewals.settings.save')}</Button>
      </Form>
    </StaffPage>
  );
}
