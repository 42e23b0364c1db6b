import type { Document } from '../../documents/index.ts';
import type { Deadline } from '../../platform/calendar.ts';
import { localDateAt } from '../../platform/calendar.ts';
import { provinces } from '../../platform/canada.ts';
import type { Bilingual, MessageKey } from '../../platform/i18n/index.ts';
import { href, type PageName } from '../../platform/paths.ts';
import { Button, Choice, Form } from '../../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
import { Pagination } from '../../platform/views/pagination.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import { Table } from '../../platform/views/table.tsx';
import { statusTag } from '../../platform/views/tag.tsx';
import type { SurveillanceCase } from '../core.ts';
import { type AssessmentOutcome, type CaseStatus, caseStatuses, type ContactMethod, openStatuses, type ContactOutcome, type ReportStatus, type RequestStatus, type SurveillanceCode, type XrayResult } from '../states.ts';
import type { FiguresRow } from './queries.ts';
import { type DocumentType, documentTypes } from './service.ts';

export const statusLabels = {
  unrouted: 'surveillance.status.unrouted',
  notified: 'surveillance.status.notified',
  acknowledged: 'surveillance.status.acknowledged',
  compliant: 'surveillance.status.compliant',
  under_follow_up: 'surveillance.status.under_follow_up',
  non_compliant: 'surveillance.status.non_compliant',
  unable_to_locate: 'surveillance.status.unable_to_locate',
  moved: 'surveillance.status.moved',
} as const satisfies Record<CaseStatus, MessageKey>;

const statusColours = {
  unrouted: 'govuk-tag--red',
  notified: 'govuk-tag--blue',
  acknowledged: 'govuk-tag--light-blue',
  compliant: 'govuk-tag--green',
  under_follow_up: 'govuk-tag--yellow',
  non_compliant: 'govuk-tag--red',
  unable_to_locate: 'govuk-tag--orange',
  moved: 'govuk-tag--purple',
} as const satisfies Record<CaseStatus, string>;

const StatusTag = statusTag(statusLabels, statusColours);

const codeLabels = { routine: 'surveillance.code.routine', urgent: 'surveillance.code.urgent' } as const satisfies Record<SurveillanceCode, MessageKey>;

const methodLabels = {
  phone: 'surveillance.department.method.phone',
  email: 'surveillance.department.method.email',
  letter: 'surveillance.department.method.letter',
  in_person: 'surveillance.department.method.in_person',
  other: 'surveillance.department.method.other',
} as const satisfies Record<ContactMethod, MessageKey>;

const outcomeLabels = {
  reached: 'surveillance.department.outcome.reached',
  appointment_booked: 'surveillance.department.outcome.appointment_booked',
  no_answer: 'surveillance.department.outcome.no_answer',
  message_left: 'surveillance.department.outcome.message_left',
  wrong_details: 'surveillance.department.outcome.wrong_details',
  refused: 'surveillance.department.outcome.refused',
} as const satisfies Record<ContactOutcome, MessageKey>;

const xrayLabels = {
  normal: 'surveillance.department.xray.normal',
  abnormal: 'surveillance.department.xray.abnormal',
  pending: 'surveillance.department.xray.pending',
} as const satisfies Record<XrayResult, MessageKey>;

const assessmentLabels = {
  no_further_action: 'surveillance.department.assessment.no_further_action',
  monitoring: 'surveillance.department.assessment.monitoring',
  treatment: 'surveillance.department.assessment.treatment',
  referred: 'surveillance.department.assessment.referred',
} as const satisfies Record<AssessmentOutcome, MessageKey>;

const reportLabels = {
  compliant: 'surveillance.status.compliant',
  under_follow_up: 'surveillance.status.under_follow_up',
  non_compliant: 'surveillance.status.non_compliant',
  unable_to_locate: 'surveillance.status.unable_to_locate',
  moved: 'surveillance.status.moved',
} as const satisfies Record<ReportStatus, MessageKey>;

const requestLabels = {
  open: 'surveillance.department.request.open',
  fulfilled: 'surveillance.department.request.fulfilled',
  closed: 'surveillance.department.request.closed',
} as const satisfies Record<RequestStatus, MessageKey>;

export const documentTypeLabels = {
  xray: 'surveillance.department.documentType.xray',
  lab: 'surveillance.department.documentType.lab',
  history: 'surveillance.department.documentType.history',
  other: 'surveillance.department.documentType.other',
} as const satisfies Record<DocumentType, MessageKey>;

const assignmentLabels = {
  routed: 'surveillance.department.assignment.routed',
  routed_by_staff: 'surveillance.department.assignment.routed_by_staff',
  transferred: 'surveillance.department.assignment.transferred',
} as const satisfies Record<'routed' | 'routed_by_staff' | 'transferred', MessageKey>;

const closedLabels = { saturday: 'surveillance.department.due.saturday', sunday: 'surveillance.department.due.sunday' } as const satisfies Record<'saturday' | 'sunday', MessageKey>;

const day = (d: Date) => localDateAt(d);
const nameOf = (ctx: PageContext, name: Bilingual | null) => (name ? name[ctx.locale] : ctx.t('surveillance.department.noPtpha'));

/** The department's own links between its pages (it has no entry in the console's menu: see the plan). */
function SubNav({ ctx, current }: { ctx: PageContext; current: PageName }) {
  const links: [PageName, MessageKey][] = [
    ['surveillance.department.cases', 'surveillance.department.cases.title'],
    ['surveillance.department.requests', 'surveillance.department.requests.title'],
    ['surveillance.department.reports', 'surveillance.department.reports.title'],
    ['surveillance.department.figures', 'surveillance.department.figures.title'],
  ];
  return (
    <nav aria-label={ctx.t('surveillance.department.nav')} class="govuk-!-margin-bottom-6">
      <ul class="govuk-list guichet-inline-list">
        {links.map(([name, label]) => (
          <li key={name}>
            <a class="govuk-link" href={href(name, ctx.locale)} aria-current={name === current ? 'page' : undefined}>
              {ctx.t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// ------------------------------------------------------------------ All cases

type Ptpha = { id: string; name: Bilingual; province: string };
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
      <SubNav ctx={ctx} current="surveillance.department.cases" />
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
      <SubNav ctx={ctx} current="surveillance.department.case" />
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
                  <td class="govuk-table__cell">{(documentTypes as readonly string[]).includes(d.typeCode) ? ctx.t(documentTypeLabels[d.typeCode as DocumentType]) : d.typeCode}</td>
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
            {documentTypes.map((d) => (
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

// ------------------------------------------------------------------ Queues

export function RequestsPage(props: { ctx: PageContext; rows: { id: string; caseId: string; noticeNumber: string; dueOn: string; requestedAt: Date; organization: Bilingual }[]; today: string }) {
  const { ctx } = props;
  return (
    <StaffPage ctx={ctx} title={ctx.t('surveillance.department.requests.title')}>
      <SubNav ctx={ctx} current="surveillance.department.requests" />
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
      <SubNav ctx={ctx} current="surveillance.department.reports" />
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
      <SubNav ctx={ctx} current="surveillance.department.figures" />
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
