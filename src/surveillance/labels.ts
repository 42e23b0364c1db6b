import type { MessageKey } from '../platform/i18n/index.ts';
import { statusTag } from '../platform/views/tag.tsx';
import type { AssessmentOutcome, CaseStatus, ContactMethod, ContactOutcome, ReportStatus, RequestStatus, SurveillanceCode, XrayResult } from './states.ts';

/** The words of a case's values, the same on the PTPHA's pages and the department's. */
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

export const StatusTag = statusTag(statusLabels, {
  unrouted: 'govuk-tag--red',
  notified: 'govuk-tag--blue',
  acknowledged: 'govuk-tag--light-blue',
  compliant: 'govuk-tag--green',
  under_follow_up: 'govuk-tag--yellow',
  non_compliant: 'govuk-tag--red',
  unable_to_locate: 'govuk-tag--orange',
  moved: 'govuk-tag--purple',
});

export const codeLabels = { routine: 'surveillance.code.routine', urgent: 'surveillance.code.urgent' } as const satisfies Record<SurveillanceCode, MessageKey>;

export const methodLabels = {
  phone: 'surveillance.method.phone',
  email: 'surveillance.method.email',
  letter: 'surveillance.method.letter',
  in_person: 'surveillance.method.in_person',
  other: 'surveillance.method.other',
} as const satisfies Record<ContactMethod, MessageKey>;

export const outcomeLabels = {
  reached: 'surveillance.outcome.reached',
  appointment_booked: 'surveillance.outcome.appointment_booked',
  no_answer: 'surveillance.outcome.no_answer',
  message_left: 'surveillance.outcome.message_left',
  wrong_details: 'surveillance.outcome.wrong_details',
  refused: 'surveillance.outcome.refused',
} as const satisfies Record<ContactOutcome, MessageKey>;

export const xrayLabels = { normal: 'surveillance.xray.normal', abnormal: 'surveillance.xray.abnormal', pending: 'surveillance.xray.pending' } as const satisfies Record<XrayResult, MessageKey>;

export const assessmentLabels = {
  no_further_action: 'surveillance.assessment.no_further_action',
  monitoring: 'surveillance.assessment.monitoring',
  treatment: 'surveillance.assessment.treatment',
  referred: 'surveillance.assessment.referred',
} as const satisfies Record<AssessmentOutcome, MessageKey>;

export const reportLabels = {
  compliant: 'surveillance.report.compliant',
  under_follow_up: 'surveillance.report.under_follow_up',
  non_compliant: 'surveillance.report.non_compliant',
  unable_to_locate: 'surveillance.report.unable_to_locate',
  moved: 'surveillance.report.moved',
} as const satisfies Record<ReportStatus, MessageKey>;

export const requestLabels = { open: 'surveillance.request.open', fulfilled: 'surveillance.request.fulfilled', closed: 'surveillance.request.closed' } as const satisfies Record<RequestStatus, MessageKey>;

/** The department's exam documents (its form, its API, its answers), and the PTPHA's own report besides. */
export const examDocumentTypes = ['xray', 'lab', 'history', 'other'] as const;
export type ExamDocumentType = (typeof examDocumentTypes)[number];
export type CaseDocumentType = ExamDocumentType | 'report';

export const documentTypeLabels = {
  xray: 'surveillance.documentType.xray',
  lab: 'surveillance.documentType.lab',
  history: 'surveillance.documentType.history',
  other: 'surveillance.documentType.other',
  report: 'surveillance.documentType.report',
} as const satisfies Record<CaseDocumentType, MessageKey>;

/** A due day moved off a weekend names the day (a holiday gives its own name). */
export const closedLabels = { saturday: 'surveillance.closed.saturday', sunday: 'surveillance.closed.sunday' } as const satisfies Record<'saturday' | 'sunday', MessageKey>;
