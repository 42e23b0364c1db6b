import { event, type EventDetails } from '../platform/events.ts';

/** The audit events of Authorities: each one's label, and the type of its details. */
export const events = {
  /** An administrator saved the portal: the fields that changed (`name`, `welcome`, `contactEmail`…). */
  portal_updated: event<{ changed: string[] }>('event.portal_updated'),
};

export type AuthoritiesEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends AuthoritiesEvents {} }
