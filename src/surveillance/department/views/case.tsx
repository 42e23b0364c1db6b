import type { Document } from '../../../documents/index.ts';
import { DepartmentNav } from '../../views.tsx';
import type { Deadline } from '../../../platform/calendar.ts';
import type { Bilingual, MessageKey } from '../../../platform/i18n/index.ts';
import { href } from '../../../platform/paths.ts';
import { Button, Choice, Form } from '../../../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../../../platform/views/layout.tsx';
import { StaffPage } from '../../../platform/views/staff-page.tsx';
import { SummaryRow } from '../../../platform/views/summary.tsx';
import { Table } from '../../../platform/views/table.tsx';
import type { SurveillanceCase } from '../../core.ts';
import { type AssessmentOutcome, type ContactMethod, openStatuses, type ContactOutcome, type ReportStatus, type RequestStatus, type XrayResult } from '../../states.ts';
import { type ExamDocumentType, examDocumentTypes } from '../../labels.ts';
import { assignmentLabels, day, type Ptpha } from './shared.tsx';
import { StatusTag, assessmentLabels, closedLabels, codeLabels, documentTypeLabels, methodLabels, outcomeLabels, reportLabels, requestLabels, xrayLabels } from '../../labels.ts';

// ------------------------------------------------------------------ One case

export interface CaseView {
  case: SurveillanceCase;
  assignments: { id: string; reason: 'routed' | 'routed_by_staff' | 'transferred'; assignedAt: Date; endedAt: Date | null; organization: Bilingual; province: string }[];
  current: { organization: Bilingual; province: string } | null;
  contacts: { id: string; attemptedOn: string; method: ContactMethod; outcome: ContactOutcome; note: string | null; organization: Bilingual }[];
  followUp: { firstAppointmentOn: string | null; chestXrayOn: string | null; chestXrayResult: XrayResult | null; furtherTests: string | null; assessmentOn: string | null; assessmentOutcome: AssessmentOutcome | null } | null;
  reports: { id: string; status: ReportStatus; statusOn: string; note: string | null; movedToProvince: string | null; sentAt: Date; organization: Bilingual }[];
  requests: { id: string; description: string; dueOn: string; status: RequestStatus; requestedAt: Date; answeredAt: Date | null; closeReason: string | null; organization: Bilingual }[];
  documents: Document[];
  sides: Map<string, { side: 'department' | 'ptpha'; requestId: string | null }>;
  deadline: Deadline | null;
  today: string;
  transferable: boolean;
}

const noticeKeys = {
  attached: 'surveillance.department.notice.attached',
  answered: 'surveillance.department.notice.answered',
  closed: 'surveillance.department.notice.closed',
  transferred: 'surveillance.department.notice.transferred',
} as const satisfies Record<string, MessageKey>;
export type CaseNotice = keyof typeof noticeKeys;
export const caseNotices = noticeKeys;

const orEmpty = (ctx: PageContext, v: string | null | undefined) => (v ? v : ctx.t('surveillance.department.notRecorded'));

export function CasePage(props: { ctx: PageContext; view: CaseView; notice?: MessageKey | undefined; problem?: string | undefined; errors?: FieldErrors | undefined; values?: Record<string, string> | undefined }) {
  const { ctx, view } = props;
  const c = view.case;
  return (
    <StaffPage ctx={ctx} title={ctx.t('surveillance.department.case.title', { notice: c.noticeNumber })} notice={props.notice} errors={props.errors}>
      <DepartmentNav ctx={ctx} current="surveillance.department.case" />
      {props.problem && (
        <div class="govuk-error-summary" role="alert">
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{props.problem}</p>
          </div>
        </div>
      )}
      <p class="govuk-body"><StatusTag ctx={ctx} status={c.status} /></p>

      <h2 class="govuk-heading-m">{ctx.t('surveillance.department.case.person')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={ctx.t('surveillance.department.field.name')}>{`${c.givenNames} ${c.familyName}`}</SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.field.dateOfBirth')}>{c.dateOfBirth}</SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.field.clientId')}>{c.clientId}</SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.field.address')}>{orEmpty(ctx, [c.addressLine1, c.addressLine2, c.city, c.province, c.postalCode].filter(Boolean).join(', '))}</SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.field.phone')}>{orEmpty(ctx, c.phone)}</SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.field.email')}>{orEmpty(ctx, c.email)}</SummaryRow>
      </dl>

      <h2 class="govuk-heading-m">{ctx.t('surveillance.department.case.notice')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={ctx.t('surveillance.department.column.notice')}>{c.noticeNumber}</SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.field.arrival')}>{c.arrivalDate}</SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.field.code')}>{ctx.t(codeLabels[c.code])}</SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.column.due')}>
          {c.dueOn}
          {c.dueOn < view.today && (openStatuses as readonly string[]).includes(c.status) && <strong class="govuk-tag govuk-tag--red govuk-!-margin-left-1">{ctx.t('surveillance.department.overdue')}</strong>}
          {view.deadline && <p class="govuk-body-s">{ctx.t('surveillance.department.due.how', { start: view.deadline.start, days: view.deadline.rule.days, reached: view.deadline.reached })}</p>}
          {view.deadline && view.deadline.moved.length > 0 && <p class="govuk-body-s">{ctx.t('surveillance.department.due.moved', { due: view.deadline.due, closed: view.deadline.moved.map((d) => `${d.date} (${d.reason === 'holiday' ? d.holiday.name[ctx.locale] : ctx.t(closedLabels[d.reason])})`).join(', ') })}</p>}
        </SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.column.ptpha')}>{view.current ? `${view.current.organization[ctx.locale]} (${view.current.province})` : ctx.t('surveillance.department.noPtpha')}</SummaryRow>
      </dl>
      {c.status === 'unrouted' && (
        <p class="govuk-body">
          <a class="govuk-button govuk-button--secondary" href={href('surveillance.intake.route', ctx.locale, { caseId: c.id })}>{ctx.t('surveillance.intake.received.route')}</a>
        </p>
      )}
      {view.transferable && (
        <p class="govuk-body">
          <a class="govuk-button govuk-button--secondary" href={href('surveillance.department.transfer', ctx.locale, { caseId: c.id })}>{ctx.t('surveillance.department.transfer.start')}</a>
        </p>
      )}

      <h2 class="govuk-heading-m">{ctx.t('surveillance.department.case.assignments')}</h2>
      {view.assignments.length === 0 ? (
        <p class="govuk-body">{ctx.t('surveillance.department.noPtpha')}</p>
      ) : (
        <ul class="govuk-list govuk-list--bullet">
          {view.assignments.map((a) => (
            <li key={a.id}>
              {a.endedAt
                ? ctx.t('surveillance.department.assignment.between', { ptpha: a.organization[ctx.locale], province: a.province, from: day(a.assignedAt), to: day(a.endedAt) })
                : ctx.t('surveillance.department.assignment.since', { ptpha: a.organization[ctx.locale], province: a.province, from: day(a.assignedAt) })}{' '}
              ({ctx.t(assignmentLabels[a.reason])})
            </li>
          ))}
        </ul>
      )}

      <h2 class="govuk-heading-m">{ctx.t('surveillance.department.case.followUp')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={ctx.t('surveillance.department.field.firstAppointment')}>{orEmpty(ctx, view.followUp?.firstAppointmentOn)}</SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.field.chestXray')}>
          {orEmpty(ctx, view.followUp?.chestXrayOn)}
          {view.followUp?.chestXrayResult && ` — ${ctx.t(xrayLabels[view.followUp.chestXrayResult])}`}
        </SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.field.furtherTests')}>{orEmpty(ctx, view.followUp?.furtherTests)}</SummaryRow>
        <SummaryRow label={ctx.t('surveillance.department.field.assessment')}>
          {orEmpty(ctx, view.followUp?.assessmentOn)}
          {view.followUp?.assessmentOutcome && ` — ${ctx.t(assessmentLabels[view.followUp.assessmentOutcome])}`}
        </SummaryRow>
      </dl>

      <h2 class="govuk-heading-m">{ctx.t('surveillance.department.case.contacts')}</h2>
      {view.contacts.length === 0 ? (
        <p class="govuk-body">{ctx.t('surveillance.department.contacts.none')}</p>
      ) : (
          <Table headers={[ctx.t('surveillance.department.column.date'), ctx.t('surveillance.department.column.method'), ctx.t('surveillance.department.column.outcome'), ctx.t('surveillance.department.column.note'), ctx.t('surveillance.department.column.ptpha')]}>
            {view.contacts.map((x) => (
              <tr class="govuk-table__row" key={x.id}>
                <td class="govuk-table__cell">{x.attemptedOn}</td>
                <td class="govuk-table__cell">{ctx.t(methodLabels[x.method])}</td>
                <td class="govuk-table__cell">{ctx.t(outcomeLabels[x.outcome])}</td>
                <td class="govuk-table__cell">{x.note ?? ''}</td>
                <td class="govuk-table__cell">{x.organization[ctx.locale]}</td>
              </tr>
            ))}
          </Table>
      )}

      <h2 class="govuk-heading-m">{ctx.t('surveillance.department.case.reports')}</h2>
      {view.reports.length === 0 ? (
        <p class="govuk-body">{ctx.t('surveillance.department.reports.none')}</p>
      ) : (
          <Table headers={[ctx.t('surveillance.department.column.sent'), ctx.t('surveillance.department.column.status'), ctx.t('surveillance.department.column.statusOn'), ctx.t('surveillance.department.column.note'), ctx.t('surveillance.department.column.ptpha')]}>
            {view.reports.map((r, i) => (
              <tr class="govuk-table__row" key={r.id}>
                <td class="govuk-table__cell">
                  {day(r.sentAt)}
                  {i > 0 && <strong class="govuk-tag govuk-tag--grey govuk-!-margin-left-1">{ctx.t('surveillance.department.superseded')}</strong>}
                </td>
                <td class="govuk-table__cell">
                  {ctx.t(reportLabels[r.status])}
                  {r.movedToProvince && ` (${r.movedToProvince})`}
                </td>
                <td class="govuk-table__cell">{r.statusOn}</td>
                <td class="govuk-table__cell">{r.note ?? ''}</td>
                <td class="govuk-table__cell">{r.organization[ctx.locale]}</td>
              </tr>
            ))}
          </Table>
      )}

      <h2 class="govuk-heading-m">{ctx.t('surveillance.department.case.requests')}</h2>
      {view.requests.length === 0 ? (
        <p class="govuk-body">{ctx.t('surveillance.department.requests.none')}</p>
      ) : (
        view.requests.map((r) => (
          <div class="govuk-summary-card" key={r.id} id={`request-${r.id}`}>
            <div class="govuk-summary-card__title-wrapper">
              <h3 class="govuk-summary-card__title">{ctx.t('surveillance.department.request.title', { ptpha: r.organization[ctx.locale], due: r.dueOn })}</h3>
            </div>
            <div class="govuk-summary-card__content">
              <p class="govuk-body">{r.description}</p>
              <p class="govuk-body">
                <strong class={`govuk-tag ${r.status === 'open' ? (r.dueOn < view.today ? 'govuk-tag--red' : 'govuk-tag--blue') : 'govuk-tag--grey'}`}>{ctx.t(requestLabels[r.status])}</strong>
                {r.closeReason && ` ${r.closeReason}`}
              </p>
              {r.status === 'open' && (
                <>
                  <UploadForm ctx={ctx} action={href('surveillance.department.answer', ctx.locale, { caseId: c.id, requestId: r.id })} idPrefix={answerPrefix(r.id)} legend="surveillance.department.request.answer" button="surveillance.department.request.send" errors={props.errors} />
                  <Form action={href('surveillance.department.closeRequest', ctx.locale, { caseId: c.id, requestId: r.id })} csrfToken={ctx.csrfToken}>
                    <ReasonField ctx={ctx} id={closeReasonId(r.id)} value={props.values?.[closeReasonId(r.id)]} error={props.errors?.[closeReasonId(r.id)]} />
                    <Button secondary>{ctx.t('surveillance.department.request.close')}</Button>
                  </Form>
                </>
              )}
            </div>
          </div>
        ))
      )}

      <h2 class="govuk-heading-m">{ctx.t('surveillance.department.case.documents')}</h2>
      {view.documents.length === 0 ? (
        <p class="govuk-body">{ctx.t('surveillance.department.documents.none')}</p>
      ) : (
          <Table headers={[ctx.t('surveillance.department.column.document'), ctx.t('surveillance.department.column.type'), ctx.t('surveillance.department.column.side'), ctx.t('surveillance.department.column.date')]}>
            {view.documents.map((d) => {
              const v = d.versions[0];
              const side = view.sides.get(d.id)?.side ?? 'department';
              return (
                <tr class="govuk-table__row" key={d.id}>
                  <td class="govuk-table__cell">
                    {v ? <a class="govuk-link" href={href('documents.download', ctx.locale, { versionId: v.id })}>{v.fileName}</a> : ''}
                    {d.versions.length > 1 && ` ${ctx.t('surveillance.department.versions', { n: d.versions.length })}`}
                  </td>
                  <td class="govuk-table__cell">{(examDocumentTypes as readonly string[]).includes(d.typeCode) ? ctx.t(documentTypeLabels[d.typeCode as ExamDocumentType]) : d.typeCode}</td>
                  <td class="govuk-table__cell">{ctx.t(side === 'department' ? 'surveillance.department.side.department' : 'surveillance.department.side.ptpha')}</td>
                  <td class="govuk-table__cell">{day(d.createdAt)}</td>
                </tr>
              );
            })}
          </Table>
      )}
      <UploadForm ctx={ctx} action={href('surveillance.department.attach', ctx.locale, { caseId: c.id })} idPrefix={ATTACH_PREFIX} legend="surveillance.department.attach.title" button="surveillance.department.attach.button" errors={props.errors} />
    </StaffPage>
  );
}

/**
 * The case page holds several forms (the attachment, and an answer and a closing for each open
 * request): each field's id, and so its error's key and the error summary's link, names its form.
 */
export const ATTACH_PREFIX = 'attach';
export const answerPrefix = (requestId: string) => `answer-${requestId}`;
export const closeReasonId = (requestId: string) => `close-${requestId}-reason`;

/** The reason a request is closed, as the platform's TextArea draws it but with an id of its own form. */
function ReasonField({ ctx, id, value, error }: { ctx: PageContext; id: string; value: string | undefined; error: MessageKey | undefined }) {
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>{ctx.t('surveillance.department.request.reason')}</label>
      {error && <p class="govuk-error-message" id={`${id}-error`}>{ctx.t(error)}</p>}
      <textarea class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} id={id} name="reason" rows={3} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined}>
        {value ?? ''}
      </textarea>
    </div>
  );
}

/** A document's type and file, posted as a multipart form (its token first, as the documents module reads it). */
function UploadForm(props: { ctx: PageContext; action: string; idPrefix: string; legend: MessageKey; button: MessageKey; errors: FieldErrors | undefined }) {
  const { ctx, errors, idPrefix } = props;
  const fileError = errors?.[`${idPrefix}-file`];
  const typeError = errors?.[`${idPrefix}-typeCode`];
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{ctx.t(props.legend)}</legend>
        <div class={`govuk-form-group${typeError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for={`${idPrefix}-typeCode`}>{ctx.t('surveillance.department.column.type')}</label>
          {typeError && <p class="govuk-error-message" id={`${idPrefix}-typeCode-error`}>{ctx.t(typeError)}</p>}
          <select class="govuk-select" id={`${idPrefix}-typeCode`} name="typeCode">
            {examDocumentTypes.map((d) => (
              <option key={d} value={d}>{ctx.t(documentTypeLabels[d])}</option>
            ))}
          </select>
        </div>
        <div class={`govuk-form-group${fileError ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for={`${idPrefix}-file`}>{ctx.t('surveillance.department.attach.file')}</label>
          <div class="govuk-hint">{ctx.t('surveillance.department.attach.hint')}</div>
          {fileError && <p class="govuk-error-message" id={`${idPrefix}-file-error`}>{ctx.t(fileError)}</p>}
          <input class="govuk-file-upload" id={`${idPrefix}-file`} name="file" type="file" accept=".pdf,.png,.jpg,.jpeg,.docx" />
        </div>
      </fieldset>
      <Button>{ctx.t(props.button)}</Button>
    </form>
  );
}

// ------------------------------------------------------------------ Transfer

export function TransferPage(props: { ctx: PageContext; case: SurveillanceCase; targets: Ptpha[]; movedTo: string | null; suggested: string | null; errors?: FieldErrors | undefined; problem?: string | undefined }) {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} title={ctx.t('surveillance.department.transfer.title', { notice: props.case.noticeNumber })} errors={props.errors}>
      {props.problem && (
        <div class="govuk-error-summary" role="alert">
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{props.problem}</p>
          </div>
        </div>
      )}
      <p class="govuk-body">{props.movedTo ? ctx.t('surveillance.department.transfer.movedTo', { province: props.movedTo }) : ctx.t('surveillance.department.transfer.noMove')}</p>
      <p class="govuk-body">{ctx.t('surveillance.department.transfer.explain')}</p>
      <Form action={href('surveillance.department.transfer', ctx.locale, { caseId: props.case.id })} csrfToken={ctx.csrfToken}>
        <Choice t={ctx.t} name="organizationId" label="surveillance.department.transfer.to" kind="radios" value={props.suggested} errors={props.errors} options={props.targets.map((p) => ({ value: p.id, label: `${p.name[ctx.locale]} (${p.province})` }))} />
        <Button>{ctx.t('surveillance.department.transfer.button')}</Button>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href={href('surveillance.department.case', ctx.locale, { caseId: props.case.id })}>{ctx.t('surveillance.department.backToCase')}</a>
      </p>
    </StaffPage>
  );
}
