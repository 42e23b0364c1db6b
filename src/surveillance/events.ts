import { event, type EventDetails } from '../platform/events.ts';
import type { NoticeSource, ReportStatus } from './states.ts';

type Case = { caseId: string; noticeNumber: string };

/**
 * The audit events of surveillance, each with the type of its details. Nothing medical goes in
 * them: a view names who looked at which case, a follow-up change names the fields, not their values.
 */
export const events = {
  surveillance_notice_received: event<Case & { source: NoticeSource; organizationId: string | null; documents: number }>('surveillance.event.noticeReceived'),
  surveillance_case_routed: event<Case & { organizationId: string }>('surveillance.event.caseRouted'),
  surveillance_case_acknowledged: event<Case & { organizationId: string }>('surveillance.event.caseAcknowledged'),
  surveillance_case_viewed: event<Case & { as: 'department' | 'ptpha'; organizationId: string | null }>('surveillance.event.caseViewed'),
  surveillance_contact_recorded: event<Case & { contactId: string }>('surveillance.event.contactRecorded'),
  surveillance_follow_up_changed: event<Case & { fields: string[] }>('surveillance.event.followUpChanged'),
  surveillance_report_sent: event<Case & { reportId: string; status: ReportStatus; organizationId: string }>('surveillance.event.reportSent'),
  surveillance_case_transferred: event<Case & { from: string; to: string }>('surveillance.event.caseTransferred'),
  surveillance_document_added: event<Case & { documentId: string; side: 'department' | 'ptpha'; requestId: string | null }>('surveillance.event.documentAdded'),
  surveillance_document_requested: event<Case & { requestId: string; dueOn: string }>('surveillance.event.documentRequested'),
  surveillance_request_closed: event<Case & { requestId: string }>('surveillance.event.requestClosed'),
  surveillance_notices_imported: event<{ notices: number; fileName: string }>('surveillance.event.noticesImported'),
  surveillance_api_client_issued: event<{ clientId: string; name: string; keyPrefix: string; scopes: string[] }>('surveillance.event.apiClientIssued'),
  surveillance_api_client_revoked: event<{ clientId: string; name: string; keyPrefix: string }>('surveillance.event.apiClientRevoked'),
  surveillance_figures_exported: event<{ from: string; to: string }>('surveillance.event.figuresExported'),
};

export type SurveillanceEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends SurveillanceEvents {} }
