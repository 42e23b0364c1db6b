import { localDateAt } from '../../../platform/calendar.ts';
import type { Bilingual, MessageKey } from '../../../platform/i18n/index.ts';
import { href, type PageName } from '../../../platform/paths.ts';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { statusTag } from '../../../platform/views/tag.tsx';
import { type AssessmentOutcome, type CaseStatus, type ContactMethod, type ContactOutcome, type ReportStatus, type RequestStatus, type SurveillanceCode, type XrayResult } from '../../states.ts';
import type { DocumentType } from '../service.ts';

// The department's labels and the pieces its pages share.

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

export const StatusTag = statusTag(statusLabels, statusColours);

export const codeLabels = { routine: 'surveillance.code.routine', urgent: 'surveillance.code.urgent' } as const satisfies Record<SurveillanceCode, MessageKey>;

export const methodLabels = {
  phone: 'surveillance.department.method.phone',
  email: 'surveillance.department.method.email',
  letter: 'surveillance.department.method.letter',
  in_person: 'surveillance.department.method.in_person',
  other: 'surveillance.department.method.other',
} as const satisfies Record<ContactMethod, MessageKey>;

export const outcomeLabels = {
  reached: 'surveillance.department.outcome.reached',
  appointment_booked: 'surveillance.department.outcome.appointment_booked',
  no_answer: 'surveillance.department.outcome.no_answer',
  message_left: 'surveillance.department.outcome.message_left',
  wrong_details: 'surveillance.department.outcome.wrong_details',
  refused: 'surveillance.department.outcome.refused',
} as const satisfies Record<ContactOutcome, MessageKey>;

export const xrayLabels = {
  normal: 'surveillance.department.xray.normal',
  abnormal: 'surveillance.department.xray.abnormal',
  pending: 'surveillance.department.xray.pending',
} as const satisfies Record<XrayResult, MessageKey>;

export const assessmentLabels = {
  no_further_action: 'surveillance.department.assessment.no_further_action',
  monitoring: 'surveillance.department.assessment.monitoring',
  treatment: 'surveillance.department.assessment.treatment',
  referred: 'surveillance.department.assessment.referred',
} as const satisfies Record<AssessmentOutcome, MessageKey>;

export const reportLabels = {
  compliant: 'surveillance.status.compliant',
  under_follow_up: 'surveillance.status.under_follow_up',
  non_compliant: 'surveillance.status.non_compliant',
  unable_to_locate: 'surveillance.status.unable_to_locate',
  moved: 'surveillance.status.moved',
} as const satisfies Record<ReportStatus, MessageKey>;

export const requestLabels = {
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

export const assignmentLabels = {
  routed: 'surveillance.department.assignment.routed',
  routed_by_staff: 'surveillance.department.assignment.routed_by_staff',
  transferred: 'surveillance.department.assignment.transferred',
} as const satisfies Record<'routed' | 'routed_by_staff' | 'transferred', MessageKey>;

export const closedLabels = { saturday: 'surveillance.department.due.saturday', sunday: 'surveillance.department.due.sunday' } as const satisfies Record<'saturday' | 'sunday', MessageKey>;

export const day = (d: Date) => localDateAt(d);
export const nameOf = (ctx: PageContext, name: Bilingual | null) => (name ? name[ctx.locale] : ctx.t('surveillance.department.noPtpha'));

/** The department's own links between its pages (it has no entry in the console's menu: see the plan). */
export function SubNav({ ctx, current }: { ctx: PageContext; current: PageName }) {
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


/** A PTPHA as the filters and the transfer list it. */
export type Ptpha = { id: string; name: Bilingual; province: string };
