import { event, type EventDetails } from '../platform/events.ts';

/**
 * The audit's own events: changes to the portal's keys, which belong to no module. `sealed`: how
 * many values of each sealer's purpose were sealed again.
 */
export const events = {
  secrets_resealed: event<{ sealed: Record<string, number> }>('event.secrets_resealed'),
};

export type AuditOwnEvents = EventDetails<typeof events>;

declare module './events.ts' { interface AuditEvents extends AuditOwnEvents {} }
