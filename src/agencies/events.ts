import { event, type EventDetails } from '../platform/events.ts';
import type { LinkVia } from './schema.ts';

type Link = { linkId: string; organizationId: string };

/** The audit events of agency links: each one's label, and the type of its details. */
export const events = {
  agency_link_requested: event<Link>('agencies.event.requested'),
  /** Made active: by the manager's confirmation or the agency's security code (its id then). */
  agency_link_started: event<Link & { via: LinkVia; startedOn: string; codeId?: string }>('agencies.event.started'),
  agency_link_refused: event<Link & { reason: string | null }>('agencies.event.refused'),
  agency_link_withdrawn: event<Link>('agencies.event.withdrawn'),
  agency_link_ended: event<Link & { endedOn: string; by: 'agency' | 'representative'; reason: string | null }>('agencies.event.ended'),
};

export type AgencyEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends AgencyEvents {} }
