import { event, type EventDetails } from '../platform/events.ts';

/** The audit events of Security keys: each one's label, and the type of its details. */
export const events = {
  security_key_added: event<{ keyId: string; name: string }>('event.security_key_added'),
  security_key_renamed: event<{ keyId: string; from: string; to: string }>('event.security_key_renamed'),
  security_key_removed: event<{ keyId: string; name: string }>('event.security_key_removed'),
};

export type SecurityKeyEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends SecurityKeyEvents {} }
