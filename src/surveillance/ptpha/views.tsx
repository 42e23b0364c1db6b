import type { Document } from '../../documents/index.ts';
import type { Closure, Deadline } from '../../platform/calendar.ts';
import { provinces } from '../../platform/canada.ts';
import { type Bilingual, formatDateTime, formatLocalDate, type MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, Choice, Form, InlineForm, TextArea, TextField } from '../../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import { Pagination } from '../../platform/views/pagination.tsx';
import { PersonPage } from '../../platform/views/person-page.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import { Table } from '../../platform/views/table.tsx';
import type { SurveillanceCase } from '../core.ts';
import { assessmentLabels, type CaseDocumentType, closedLabels, codeLabels, documentTypeLabels, methodLabels, outcomeLabels, reportLabels, requestLabels, StatusTag, statusLabels, xrayLabels } from '../labels.ts';
import { assessmentOutcomes, contactMethods, contactOutcomes, reportStatuses, xrayResults } from '../states.ts';
import type { CaseRecord } from '../queries.ts';
import { type CaseRow, PER_PAGE } from './queries.ts';
import { type ListQuery, listedStatuses, ptphaDocumentTypes, type Queue, queues, type ReportInput } from './schemas.ts';




const queueLabels = {
  due_soon: 'surveillance.ptpha.queue.due_soon',
  overdue: 'surveillance.ptpha.queue.overdue',
  urgent: 'surveillance.ptpha.queue.urgent',
} as const satisfies Record<Queue, MessageKey>;








const sideLabels = { department: 'surveillance.ptpha.side.department', ptpha: 'surveillance.ptpha.side.ptpha' } as const satisfies Record<'department' | 'ptpha', MessageKey>;


const day = (ctx: PageContext, date: string | null | undefined) => (date ? formatLocalDate(ctx.locale, date) : '—');
const person = (c: Pick<CaseRow, 'givenNames' | 'familyName'>) => `${c.givenNames} ${c.familyName}`;
const options = <V extends string>(ctx: PageContext, values: readonly V[], labels: Readonly<Record<V, MessageKey>>) => values.map((v) => ({ value: v, label: ctx.t(labels[v]) }));

/** The address of the list with these filters (the page number last). */
function listHref(ctx: PageContext, organizationId: string, q: Partial<ListQuery>) {
  const params = new URLSearchParams(Object.entries({ status: q.status, queue: q.queue, from: q.from, to: q.to, page: q.page && q.page > 1 ? String(q.page) : undefined }).filter((e): e is [string, string] => Boolean(e[1])));
  const query = params.toString();
  return href('surveillance.ptpha.cases', ctx.locale, { organizationId }) + (query ? `?${query}` : '');
}

function CaseTable({ ctx, organizationId, rows, caption }: { ctx: PageContext; organizationId: string; rows: readonly CaseRow[]; caption: string }) {
  const { t } = ctx;
  return (
    <Table caption={caption} captionSize="s" headers={[t('surveillance.ptpha.field.notice'), t('surveillance.ptpha.field.person'), t('surveillance.ptpha.field.dateOfBirth'), t('surveillance.ptpha.field.arrival'), t('surveillance.ptpha.field.due'), t('surveillance.ptpha.field.status')]}>
      {rows.map((c) => (
        <tr class="govuk-table__row" key={c.id}>
          <td class="govuk-table__cell">
            <a class="govuk-link" href={href('surveillance.ptpha.case', ctx.locale, { organizationId, caseId: c.id })}>
              {c.noticeNumber}
            </a>
          </td>
          <td class="govuk-table__cell">{person(c)}</td>
          <td class="govuk-table__cell">{day(ctx, c.dateOfBirth)}</td>
          <td class="govuk-table__cell">{day(ctx, c.arrivalDate)}</td>
          <td class="govuk-table__cell">{day(ctx, c.dueOn)}</td>
          <td class="govuk-table__cell">
            <StatusTag ctx={ctx} status={c.status} /> {c.code === 'urgent' && <strong class="govuk-tag govuk-tag--red">{t('surveillance.ptpha.urgent')}</strong>}
          </td>
        </tr>
      ))}
    </Table>
  );
}

/**
 * The PTPHA's cases: the queues (with their counts), the filters (in the address), the list
 * paginated; and the search, posted, whose results replace the list.
 */
export function CasesPage(props: {
  ctx: PageContext;
  organizationId: string;
  organization: Bilingual;
  query: ListQuery;
  rows: readonly CaseRow[];
  total: number;
  counts: { dueSoon: number; overdue: number; urgent: number; notified: number };
  search?: { values: Record<string, string>; results: { rows: readonly CaseRow[]; more: boolean } | null; errors?: FieldErrors | undefined } | undefined;
}) {
  const { ctx, organizationId, query } = props;
  const { t, locale } = ctx;
  const counts: Record<Queue, number> = { due_soon: props.counts.dueSoon, overdue: props.counts.overdue, urgent: props.counts.urgent };
  const errors = props.search?.errors;
  const pages = Math.max(1, Math.ceil(props.total / PER_PAGE));
  return (
    <PersonPage ctx={ctx} title={t('surveillance.ptpha.cases.title')} errors={errors}>
      <p class="govuk-body">{props.organization[locale]}</p>
      <p class="govuk-body">{t('surveillance.ptpha.cases.new', { n: props.counts.notified })}</p>
      <nav aria-label={t('surveillance.ptpha.cases.queues')}>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={listHref(ctx, organizationId, {})} aria-current={!query.queue && !query.status && !query.from && !query.to ? 'page' : undefined}>
              {t('surveillance.ptpha.queue.all')}
            </a>
          </li>
          {queues.map((q) => (
            <li key={q}>
              <a class="govuk-link" href={listHref(ctx, organizationId, { queue: q })} aria-current={query.queue === q ? 'page' : undefined}>
                {t(queueLabels[q], { n: counts[q] })}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <h2 class="govuk-heading-m">{t('surveillance.ptpha.search.title')}</h2>
      <p class="govuk-body">{t('surveillance.ptpha.search.lead')}</p>
      <Form action={href('surveillance.ptpha.cases', locale, { organizationId })} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="name" label="surveillance.ptpha.search.name" value={props.search?.values.name ?? ''} errors={errors} autocomplete="off" />
        <TextField t={t} name="clientId" label="surveillance.ptpha.search.clientId" value={props.search?.values.clientId ?? ''} errors={errors} autocomplete="off" width="20" />
        <TextField t={t} name="dateOfBirth" label="surveillance.ptpha.search.dateOfBirth" hint="surveillance.ptpha.field.dayHint" value={props.search?.values.dateOfBirth ?? ''} errors={errors} autocomplete="off" width="10" />
        <Button>{t('surveillance.ptpha.search.submit')}</Button>
      </Form>

      {props.search?.results ? (
        <>
          {props.search.results.rows.length === 0 ? (
            <p class="govuk-body">{t('surveillance.ptpha.search.none')}</p>
          ) : (
            <CaseTable ctx={ctx} organizationId={organizationId} rows={props.search.results.rows} caption={t('surveillance.ptpha.search.results', { n: props.search.results.rows.length })} />
          )}
          {props.search.results.more && <p class="govuk-body">{t('surveillance.ptpha.search.more')}</p>}
          <p class="govuk-body">
            <a class="govuk-link" href={listHref(ctx, organizationId, query)}>
              {t('surveillance.ptpha.search.back')}
            </a>
          </p>
        </>
      ) : (
        <>
          <h2 class="govuk-heading-m">{t('surveillance.ptpha.filter.title')}</h2>
          <form method="get" action={href('surveillance.ptpha.cases', locale, { organizationId })} novalidate>
            <Choice t={t} name="status" label="surveillance.ptpha.filter.status" kind="select" value={query.status ?? ''} options={options(ctx, listedStatuses, statusLabels)} />
            <Choice t={t} name="queue" label="surveillance.ptpha.filter.queue" kind="select" value={query.queue ?? ''} options={queues.map((q) => ({ value: q, label: t(queueLabels[q], { n: counts[q] }) }))} />
            <TextField t={t} name="from" label="surveillance.ptpha.filter.from" hint="surveillance.ptpha.field.dayHint" value={query.from ?? ''} width="10" />
            <TextField t={t} name="to" label="surveillance.ptpha.filter.to" hint="surveillance.ptpha.field.dayHint" value={query.to ?? ''} width="10" />
            <button type="submit" class="govuk-button govuk-button--secondary">
              {t('surveillance.ptpha.filter.submit')}
            </button>
          </form>
          {props.rows.length === 0 ? (
            <p class="govuk-body">{t('surveillance.ptpha.cases.none')}</p>
          ) : (
            <CaseTable ctx={ctx} organizationId={organizationId} rows={props.rows} caption={t('surveillance.ptpha.cases.count', { n: props.total })} />
          )}
          {pages > 1 && (
            <Pagination
              label={t('surveillance.ptpha.cases.pages')}
              previous={query.page > 1 ? { href: listHref(ctx, organizationId, { ...query, page: query.page - 1 }), label: t('surveillance.ptpha.cases.previous') } : undefined}
              next={query.page < pages ? { href: listHref(ctx, organizationId, { ...query, page: query.page + 1 }), label: t('surveillance.ptpha.cases.next') } : undefined}
            >
              <p class="govuk-body">{t('surveillance.ptpha.cases.page', { page: query.page, pages })}</p>
            </Pagination>
          )}
        </>
      )}
    </PersonPage>
  );
}

/** Why the due day moved off the day the count reached: each closed day and its reason. */
function closureText(ctx: PageContext, c: Closure) {
  const why = c.reason === 'holiday' ? c.holiday.name[ctx.locale] : ctx.t(closedLabels[c.reason]);
  return `${day(ctx, c.date)} (${why})`;
}

/** The clock: the due day, and how it was counted from the arrival and the code. */
function Clock({ ctx, c, deadline, daysLeft }: { ctx: PageContext; c: SurveillanceCase; deadline: Deadline; daysLeft: number }) {
  const { t } = ctx;
  const open = c.status !== 'compliant';
  return (
    <>
      <h2 class="govuk-heading-m">{t('surveillance.ptpha.clock.title')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('surveillance.ptpha.field.due')}>
          <strong>{day(ctx, c.dueOn)}</strong>
          {open && <> — {daysLeft > 0 ? t('surveillance.ptpha.clock.left', { n: daysLeft }) : daysLeft === 0 ? t('surveillance.ptpha.clock.today') : t('surveillance.ptpha.clock.overdue', { n: -daysLeft })}</>}
        </SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.clock.how')}>
          <p class="govuk-body">{t('surveillance.ptpha.clock.rule', { arrival: day(ctx, deadline.start), days: deadline.rule.days, reached: day(ctx, deadline.reached) })}</p>
          {deadline.moved.length > 0 && <p class="govuk-body">{t('surveillance.ptpha.clock.moved', { due: day(ctx, deadline.due), closed: deadline.moved.map((m) => closureText(ctx, m)).join(', ') })}</p>}
          {deadline.jurisdiction === 'federal' && <p class="govuk-body">{t('surveillance.ptpha.clock.federal')}</p>}
        </SummaryRow>
      </dl>
    </>
  );
}


export interface CaseView extends CaseRecord {
  documents: Document[];
  deadline: Deadline;
  daysLeft: number;
}

/** The case page: the person, the notice, the clock, and everything the PTPHA records and exchanges on it. */
export function CasePage(props: {
  ctx: PageContext;
  organizationId: string;
  c: SurveillanceCase;
  view: CaseView;
  canReport: boolean;
  notice?: MessageKey | undefined;
  /** Already in words (an upload's refusal says what was wrong with the file). */
  problem?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: Record<string, string> | undefined;
}) {
  const { ctx, organizationId, c, view } = props;
  const { t, locale } = ctx;
  const values = props.values ?? {};
  const errors = props.errors;
  const at = (name: 'surveillance.ptpha.acknowledge' | 'surveillance.ptpha.contact' | 'surveillance.ptpha.followUp' | 'surveillance.ptpha.upload' | 'surveillance.ptpha.requestDocument') => href(name, locale, { organizationId, caseId: c.id });
  const f = view.followUp;
  const fu = (name: string, stored: string | null | undefined) => values[name] ?? stored ?? '';
  const address = [c.addressLine1, c.addressLine2, [c.city, c.province, c.postalCode].filter(Boolean).join(' ')].filter(Boolean);
  return (
    <PersonPage ctx={ctx} title={t('surveillance.ptpha.case.title', { notice: c.noticeNumber })} errors={errors} notice={props.notice} problem={props.problem} back={href('surveillance.ptpha.cases', locale, { organizationId })}>
      <p class="govuk-body">
        <StatusTag ctx={ctx} status={c.status} /> {c.code === 'urgent' && <strong class="govuk-tag govuk-tag--red">{t('surveillance.ptpha.urgent')}</strong>}
      </p>
      {c.status === 'notified' && (
        <InlineForm action={at('surveillance.ptpha.acknowledge')} csrfToken={ctx.csrfToken}>
          <p class="govuk-body">{t('surveillance.ptpha.acknowledge.lead')}</p>
          <button type="submit" class="govuk-button">
            {t('surveillance.ptpha.acknowledge.submit')}
          </button>
        </InlineForm>
      )}
      {props.canReport && (
        <p class="govuk-body">
          <a class="govuk-button govuk-button--secondary" role="button" draggable={false} href={href('surveillance.ptpha.report', locale, { organizationId, caseId: c.id })}>
            {t('surveillance.ptpha.report.title')}
          </a>
        </p>
      )}

      <h2 class="govuk-heading-m">{t('surveillance.ptpha.person.title')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('surveillance.ptpha.field.familyName')}>{c.familyName}</SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.field.givenNames')}>{c.givenNames}</SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.field.dateOfBirth')}>{day(ctx, c.dateOfBirth)}</SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.field.clientId')}>{c.clientId}</SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.field.address')}>
          {address.length ? address.map((l, i) => <div key={i}>{l}</div>) : '—'}
        </SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.field.phone')}>{c.phone ?? '—'}</SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.field.email')}>{c.email ?? '—'}</SummaryRow>
      </dl>

      <h2 class="govuk-heading-m">{t('surveillance.ptpha.notice.title')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('surveillance.ptpha.field.notice')}>{c.noticeNumber}</SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.field.arrival')}>{day(ctx, c.arrivalDate)}</SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.field.code')}>{t(codeLabels[c.code])}</SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.field.received')}>{formatDateTime(locale, c.receivedAt)}</SummaryRow>
        <SummaryRow label={t('surveillance.ptpha.field.acknowledged')}>{c.acknowledgedAt ? formatDateTime(locale, c.acknowledgedAt) : '—'}</SummaryRow>
      </dl>

      <Clock ctx={ctx} c={c} deadline={view.deadline} daysLeft={view.daysLeft} />

      <h2 class="govuk-heading-m">{t('surveillance.ptpha.reports.title')}</h2>
      {view.reports.length === 0 ? (
        <p class="govuk-body">{t('surveillance.ptpha.reports.none')}</p>
      ) : (
        <Table headers={[t('surveillance.ptpha.field.reportStatus'), t('surveillance.ptpha.field.statusOn'), t('surveillance.ptpha.field.note'), t('surveillance.ptpha.field.sentAt')]}>
          {view.reports.map((r, i) => (
            <tr class="govuk-table__row" key={r.id}>
              <td class="govuk-table__cell">
                {t(reportLabels[r.status])}
                {r.movedToProvince && ` (${r.movedToProvince})`} {i > 0 && <strong class="govuk-tag govuk-tag--grey">{t('surveillance.ptpha.reports.superseded')}</strong>}
              </td>
              <td class="govuk-table__cell">{day(ctx, r.statusOn)}</td>
              <td class="govuk-table__cell">{r.note ?? '—'}</td>
              <td class="govuk-table__cell">{formatDateTime(locale, r.sentAt)}</td>
            </tr>
          ))}
        </Table>
      )}

      <h2 class="govuk-heading-m">{t('surveillance.ptpha.contacts.title')}</h2>
      {view.contacts.length === 0 ? (
        <p class="govuk-body">{t('surveillance.ptpha.contacts.none')}</p>
      ) : (
        <Table headers={[t('surveillance.ptpha.field.attemptedOn'), t('surveillance.ptpha.field.method'), t('surveillance.ptpha.field.outcome'), t('surveillance.ptpha.field.note')]}>
          {view.contacts.map((k) => (
            <tr class="govuk-table__row" key={k.id}>
              <td class="govuk-table__cell">{day(ctx, k.attemptedOn)}</td>
              <td class="govuk-table__cell">{t(methodLabels[k.method])}</td>
              <td class="govuk-table__cell">{t(outcomeLabels[k.outcome])}</td>
              <td class="govuk-table__cell">{k.note ?? '—'}</td>
            </tr>
          ))}
        </Table>
      )}
      <h3 class="govuk-heading-s">{t('surveillance.ptpha.contacts.add')}</h3>
      <Form action={at('surveillance.ptpha.contact')} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="attemptedOn" label="surveillance.ptpha.field.attemptedOn" hint="surveillance.ptpha.field.dayHint" value={values.attemptedOn ?? ''} errors={errors} width="10" />
        <Choice t={t} name="method" label="surveillance.ptpha.field.method" kind="select" value={values.method ?? ''} options={options(ctx, contactMethods, methodLabels)} errors={errors} />
        <Choice t={t} name="outcome" label="surveillance.ptpha.field.outcome" kind="select" value={values.outcome ?? ''} options={options(ctx, contactOutcomes, outcomeLabels)} errors={errors} />
        <TextArea t={t} name="contactNote" label="surveillance.ptpha.field.noteOptional" value={values.contactNote ?? ''} errors={errors} />
        <Button secondary>{t('surveillance.ptpha.contacts.submit')}</Button>
      </Form>

      <h2 class="govuk-heading-m">{t('surveillance.ptpha.followUp.title')}</h2>
      {f && <p class="govuk-body">{t('surveillance.ptpha.followUp.updated', { at: formatDateTime(locale, f.updatedAt) })}</p>}
      <Form action={at('surveillance.ptpha.followUp')} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="firstAppointmentOn" label="surveillance.ptpha.field.firstAppointmentOn" hint="surveillance.ptpha.field.dayHint" value={fu('firstAppointmentOn', f?.firstAppointmentOn)} errors={errors} width="10" />
        <TextField t={t} name="chestXrayOn" label="surveillance.ptpha.field.chestXrayOn" hint="surveillance.ptpha.field.dayHint" value={fu('chestXrayOn', f?.chestXrayOn)} errors={errors} width="10" />
        <Choice t={t} name="chestXrayResult" label="surveillance.ptpha.field.chestXrayResult" kind="select" value={fu('chestXrayResult', f?.chestXrayResult)} options={options(ctx, xrayResults, xrayLabels)} errors={errors} />
        <TextArea t={t} name="furtherTests" label="surveillance.ptpha.field.furtherTests" value={fu('furtherTests', f?.furtherTests)} errors={errors} />
        <TextField t={t} name="assessmentOn" label="surveillance.ptpha.field.assessmentOn" hint="surveillance.ptpha.field.dayHint" value={fu('assessmentOn', f?.assessmentOn)} errors={errors} width="10" />
        <Choice t={t} name="assessmentOutcome" label="surveillance.ptpha.field.assessmentOutcome" kind="select" value={fu('assessmentOutcome', f?.assessmentOutcome)} options={options(ctx, assessmentOutcomes, assessmentLabels)} errors={errors} />
        <Button secondary>{t('surveillance.ptpha.followUp.submit')}</Button>
      </Form>

      <h2 class="govuk-heading-m">{t('surveillance.ptpha.documents.title')}</h2>
      {view.documents.length === 0 ? (
        <p class="govuk-body">{t('surveillance.ptpha.documents.none')}</p>
      ) : (
        <Table headers={[t('surveillance.ptpha.field.documentType'), t('surveillance.ptpha.field.versions'), t('surveillance.ptpha.field.side'), t('surveillance.ptpha.field.addedAt')]}>
          {view.documents.map((d) => {
            const side = view.sides.get(d.id);
            return (
              <tr class="govuk-table__row" key={d.id}>
                <td class="govuk-table__cell">{d.typeCode in documentTypeLabels ? t(documentTypeLabels[d.typeCode as CaseDocumentType]) : d.typeCode}</td>
                <td class="govuk-table__cell">
                  <ul class="govuk-list">
                    {d.versions.map((v) => (
                      <li key={v.id}>
                        <a class="govuk-link" href={href('documents.download', locale, { versionId: v.id })}>
                          {v.fileName}
                        </a>{' '}
                        {t('surveillance.ptpha.documents.version', { n: v.number })}
                      </li>
                    ))}
                  </ul>
                </td>
                <td class="govuk-table__cell">{side ? t(sideLabels[side.side]) : '—'}</td>
                <td class="govuk-table__cell">{formatDateTime(locale, d.createdAt)}</td>
              </tr>
            );
          })}
        </Table>
      )}
      <h3 class="govuk-heading-s">{t('surveillance.ptpha.upload.title')}</h3>
      <form method="post" action={at('surveillance.ptpha.upload')} encType="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <Choice t={t} name="typeCode" label="surveillance.ptpha.field.documentType" kind="radios" value={values.typeCode ?? 'report'} options={ptphaDocumentTypes.map((v) => ({ value: v, label: t(documentTypeLabels[v]!) }))} errors={errors} />
        <div class={`govuk-form-group${errors?.file ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="file">
            {t('surveillance.ptpha.upload.file')}
          </label>
          <div id="file-hint" class="govuk-hint">
            {t('surveillance.ptpha.upload.hint')}
          </div>
          {errors?.file && (
            <p id="file-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {t(errors.file)}
            </p>
          )}
          <input class="govuk-file-upload" id="file" name="file" type="file" accept=".pdf,.png,.jpg,.jpeg" aria-describedby={errors?.file ? 'file-hint file-error' : 'file-hint'} />
        </div>
        <Button secondary>{t('surveillance.ptpha.upload.submit')}</Button>
      </form>

      <h2 class="govuk-heading-m">{t('surveillance.ptpha.requests.title')}</h2>
      {view.requests.length === 0 ? (
        <p class="govuk-body">{t('surveillance.ptpha.requests.none')}</p>
      ) : (
        <Table headers={[t('surveillance.ptpha.field.description'), t('surveillance.ptpha.field.requestDueOn'), t('surveillance.ptpha.field.requestStatus'), t('surveillance.ptpha.field.requestedAt')]}>
          {view.requests.map((r) => (
            <tr class="govuk-table__row" key={r.id}>
              <td class="govuk-table__cell">{r.description}</td>
              <td class="govuk-table__cell">{day(ctx, r.dueOn)}</td>
              <td class="govuk-table__cell">
                {t(requestLabels[r.status])}
                {r.closeReason && ` — ${r.closeReason}`}
              </td>
              <td class="govuk-table__cell">{formatDateTime(locale, r.requestedAt)}</td>
            </tr>
          ))}
        </Table>
      )}
      <h3 class="govuk-heading-s">{t('surveillance.ptpha.requests.add')}</h3>
      <Form action={at('surveillance.ptpha.requestDocument')} csrfToken={ctx.csrfToken}>
        <TextArea t={t} name="description" label="surveillance.ptpha.field.description" value={values.description ?? ''} errors={errors} />
        <TextField t={t} name="requestDueOn" label="surveillance.ptpha.field.requestDueOn" hint="surveillance.ptpha.field.dayHint" value={values.requestDueOn ?? ''} errors={errors} width="10" />
        <Button secondary>{t('surveillance.ptpha.requests.submit')}</Button>
      </Form>
    </PersonPage>
  );
}

/**
 * Sending a compliance report: the form, then (`confirm`) what will be sent, said plainly to be
 * final, with the fields carried in hidden inputs and a button that sends it.
 */
export function ReportPage(props: {
  ctx: PageContext;
  organizationId: string;
  c: SurveillanceCase;
  values: Record<string, string>;
  errors?: FieldErrors | undefined;
  problem?: MessageKey | undefined;
  confirm?: ReportInput | undefined;
}) {
  const { ctx, organizationId, c, values, errors, confirm } = props;
  const { t, locale } = ctx;
  const action = href('surveillance.ptpha.report', locale, { organizationId, caseId: c.id });
  const back = href('surveillance.ptpha.case', locale, { organizationId, caseId: c.id });
  if (confirm) {
    return (
      <PersonPage ctx={ctx} title={t('surveillance.ptpha.report.confirmTitle')} back={back}>
        <p class="govuk-body">{t('surveillance.ptpha.report.caseLine', { notice: c.noticeNumber })}</p>
        <dl class="govuk-summary-list">
          <SummaryRow label={t('surveillance.ptpha.field.reportStatus')}>{t(reportLabels[confirm.status])}</SummaryRow>
          <SummaryRow label={t('surveillance.ptpha.field.statusOn')}>{day(ctx, confirm.statusOn)}</SummaryRow>
          {confirm.movedToProvince && <SummaryRow label={t('surveillance.ptpha.field.movedTo')}>{confirm.movedToProvince}</SummaryRow>}
          <SummaryRow label={t('surveillance.ptpha.field.note')}>{confirm.note ?? '—'}</SummaryRow>
        </dl>
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">{t('surveillance.ptpha.report.warning')}</span>
            {t('surveillance.ptpha.report.final')}
          </strong>
        </div>
        <Form action={action} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="status" value={confirm.status} />
          <input type="hidden" name="statusOn" value={confirm.statusOn} />
          <input type="hidden" name="movedToProvince" value={confirm.movedToProvince ?? ''} />
          <input type="hidden" name="note" value={confirm.note ?? ''} />
          <input type="hidden" name="confirmed" value="yes" />
          <div class="govuk-button-group">
            <Button>{t('surveillance.ptpha.report.send')}</Button>
            <a class="govuk-link" href={back}>
              {t('surveillance.ptpha.report.cancel')}
            </a>
          </div>
        </Form>
      </PersonPage>
    );
  }
  return (
    <PersonPage ctx={ctx} title={t('surveillance.ptpha.report.title')} errors={errors} problem={props.problem ? t(props.problem) : undefined} back={back}>
      <p class="govuk-body">{t('surveillance.ptpha.report.caseLine', { notice: c.noticeNumber })}</p>
      <p class="govuk-body">{t('surveillance.ptpha.report.lead')}</p>
      <Form action={action} csrfToken={ctx.csrfToken}>
        <Choice t={t} name="status" label="surveillance.ptpha.field.reportStatus" kind="radios" value={values.status ?? ''} options={options(ctx, reportStatuses, reportLabels)} errors={errors} />
        <TextField t={t} name="statusOn" label="surveillance.ptpha.field.statusOn" hint="surveillance.ptpha.field.dayHint" value={values.statusOn ?? ''} errors={errors} width="10" />
        <Choice t={t} name="movedToProvince" label="surveillance.ptpha.field.movedToOptional" kind="select" value={values.movedToProvince ?? ''} options={provinces.map((p) => ({ value: p, label: p }))} errors={errors} />
        <TextArea t={t} name="note" label="surveillance.ptpha.field.noteOptional" value={values.note ?? ''} errors={errors} />
        <Button>{t('surveillance.ptpha.report.continue')}</Button>
      </Form>
    </PersonPage>
  );
}
