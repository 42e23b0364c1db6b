import { event, type EventDetails } from '../platform/events.ts';
import type { Act, Channel, ConsultationKind, Disposition, ExtensionReason, RecordDecision, SupportTopic } from './states.ts';

type Request = { requestId: string; number: string };

/**
 * The audit events of access requests, each with the type of its details. What the requester
 * asked for and their name stay on the request: the audit names the request by its number.
 */
export const events = {
  access_request_submitted: event<Request & { act: Act; channel: Channel; organizationId: string }>('access.event.requestSubmitted'),
  access_request_assigned: event<Request & { assigneeId: string | null }>('access.event.requestAssigned'),
  access_fee_paid: event<Request & { invoiceId: string }>('access.event.feePaid'),
  access_fee_waived: event<Request & { reason: string }>('access.event.feeWaived'),
  access_fee_recorded: event<Request & { note: string }>('access.event.feeRecorded'),
  access_fee_refunded: event<Request & { invoiceId: string; reason: string }>('access.event.feeRefunded'),
  access_clarification_asked: event<Request & { stopId: string }>('access.event.clarificationAsked'),
  access_clarification_answered: event<Request & { stopId: string; by: 'requester' | 'practitioner' }>('access.event.clarificationAnswered'),
  access_extension_taken: event<Request & { extensionId: string; reason: ExtensionReason; days: number; commissionerNotice: boolean }>('access.event.extensionTaken'),
  access_notice_sent: event<Request & { noticeId: string; kind: 'extension' | 'commissioner' | 'response' }>('access.event.noticeSent'),
  access_request_transferred: event<Request & { from: string; to: string }>('access.event.requestTransferred'),
  access_consultation_sent: event<Request & { consultationId: string; kind: ConsultationKind; dueOn: string }>('access.event.consultationSent'),
  access_consultation_answered: event<Request & { consultationId: string }>('access.event.consultationAnswered'),
  access_consultation_withdrawn: event<Request & { consultationId: string }>('access.event.consultationWithdrawn'),
  access_record_added: event<Request & { recordId: string; documentId: string }>('access.event.recordAdded'),
  access_record_decided: event<Request & { recordId: string; decision: RecordDecision; exemptions: string[] }>('access.event.recordDecided'),
  access_release_delivered: event<Request & { releaseId: string; pages: number }>('access.event.releaseDelivered'),
  access_release_downloaded: event<Request & { releaseId: string; versionId: string; via: 'account' | 'link' }>('access.event.releaseDownloaded'),
  access_request_closed: event<Request & { disposition: Disposition }>('access.event.requestClosed'),
  access_tracking_link_sent: event<Request>('access.event.trackingLinkSent'),
  access_statistics_exported: event<{ organizationId: string; from: string; to: string }>('access.event.statisticsExported'),
  access_summaries_exported: event<{ organizationId: string; from: string; to: string }>('access.event.summariesExported'),
  access_api_client_issued: event<{ clientId: string; name: string; keyPrefix: string; scopes: string[] }>('access.event.apiClientIssued'),
  access_api_client_revoked: event<{ clientId: string; name: string; keyPrefix: string }>('access.event.apiClientRevoked'),
  access_support_requested: event<{ supportRequestId: string; topic: SupportTopic; organizationId: string }>('access.event.supportRequested'),
  access_support_answered: event<{ supportRequestId: string; fromOffice: boolean }>('access.event.supportAnswered'),
  access_support_closed: event<{ supportRequestId: string }>('access.event.supportClosed'),
};

export type AccessEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends AccessEvents {} }
