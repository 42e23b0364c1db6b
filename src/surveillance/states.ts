import { defineTransitions } from '../platform/states.ts';
import type { SurveillanceEvents } from './events.ts';

/** Routine: report within 30 days of arrival; urgent: within 7 (the days are the department's settings). */
export const surveillanceCodes = ['routine', 'urgent'] as const;
export type SurveillanceCode = (typeof surveillanceCodes)[number];

/** How a notice came in: the department's form, a CSV import, or its client system through the API. */
export type NoticeSource = 'form' | 'csv' | 'api';

/** What a compliance status report says (seed 003). `compliant`: the assessment is done. */
export const reportStatuses = ['compliant', 'under_follow_up', 'non_compliant', 'unable_to_locate', 'moved'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/**
 * A case: `unrouted` (no Canadian address: the department's cannot-route queue), `notified` (with
 * a PTPHA, not yet acknowledged), `acknowledged`, then the status of its latest report.
 */
export const caseStatuses = ['unrouted', 'notified', 'acknowledged', ...reportStatuses] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Still waiting for an assessment: these count toward the due-soon and overdue queues. */
export const openStatuses = ['notified', 'acknowledged', 'under_follow_up', 'non_compliant', 'unable_to_locate', 'moved'] as const satisfies readonly CaseStatus[];

export const contactMethods = ['phone', 'email', 'letter', 'in_person', 'other'] as const;
export type ContactMethod = (typeof contactMethods)[number];
export const contactOutcomes = ['reached', 'appointment_booked', 'no_answer', 'message_left', 'wrong_details', 'refused'] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];
export const xrayResults = ['normal', 'abnormal', 'pending'] as const;
export type XrayResult = (typeof xrayResults)[number];
export const assessmentOutcomes = ['no_further_action', 'monitoring', 'treatment', 'referred'] as const;
export type AssessmentOutcome = (typeof assessmentOutcomes)[number];

export type ExchangeSide = 'department' | 'ptpha';
export type RequestStatus = 'open' | 'fulfilled' | 'closed';

/** `department`: its surveillance staff; `ptpha`: a member of the PTPHA the case is with. */
export type SurveillanceRole = 'department' | 'ptpha';

const reportable = ['acknowledged', ...reportStatuses] as const satisfies readonly CaseStatus[];

export const caseTransitions = defineTransitions<CaseStatus, 'route' | 'acknowledge' | `report_${ReportStatus}` | 'transfer', keyof SurveillanceEvents, SurveillanceRole>({
  route: { from: ['unrouted'], to: 'notified', event: 'surveillance_case_routed', who: ['department'] },
  acknowledge: { from: ['notified'], to: 'acknowledged', event: 'surveillance_case_acknowledged', who: ['ptpha'] },
  report_compliant: { from: reportable, to: 'compliant', event: 'surveillance_report_sent', who: ['ptpha'] },
  report_under_follow_up: { from: reportable, to: 'under_follow_up', event: 'surveillance_report_sent', who: ['ptpha'] },
  report_non_compliant: { from: reportable, to: 'non_compliant', event: 'surveillance_report_sent', who: ['ptpha'] },
  report_unable_to_locate: { from: reportable, to: 'unable_to_locate', event: 'surveillance_report_sent', who: ['ptpha'] },
  report_moved: { from: reportable, to: 'moved', event: 'surveillance_report_sent', who: ['ptpha'] },
  // Any case still open may move (the department may learn of a move itself); the new PTPHA starts at "notified".
  transfer: { from: openStatuses, to: 'notified', event: 'surveillance_case_transferred', who: ['department'] },
});
