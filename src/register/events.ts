import { event, type EventDetails } from '../platform/events.ts';
import type { OutcomeKind, RemovalPolicy } from './schema.ts';

/** The register's audit events: each one's label, and the type of its details. */
export const events = {
  register_outcome_added: event<{ outcomeId: string; kind: OutcomeKind; registrationNumber: string; removalPolicy: RemovalPolicy }>('event.register_outcome_added'),
  register_removal_requested: event<{ requestId: string; outcomeId: string; reference: string }>('event.register_removal_requested'),
  register_removal_approved: event<{ requestId: string; outcomeId: string; reference: string }>('event.register_removal_approved'),
  register_removal_refused: event<{ requestId: string; outcomeId: string; reference: string; reason: string }>('event.register_removal_refused'),
  register_api_client_issued: event<{ clientId: string; employer: string; keyPrefix: string }>('event.register_api_client_issued'),
  register_api_client_revoked: event<{ clientId: string; employer: string; keyPrefix: string }>('event.register_api_client_revoked'),
};

export type RegisterEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends RegisterEvents {} }
