import type { AuthorityRole } from '../platform/actors.ts';
import { event, type EventDetails } from '../platform/events.ts';

/** The audit events of The staff console: each one's label, and the type of its details. */
export const events = {
  audit_exported: event<{ filters: Record<string, unknown>; rows: number; truncated: boolean }>('event.audit_exported'),
  sessions_ended_by_staff: event<{ sessions: number }>('event.sessions_ended_by_staff'),
  authority_role_granted: event<{ role: AuthorityRole }>('event.authority_role_granted'),
  authority_role_removed: event<{ role: AuthorityRole }>('event.authority_role_removed'),
  two_factor_roles_changed: event<{ before: string[]; after: string[] }>('event.two_factor_roles_changed'),
};

export type StaffEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends StaffEvents {} }
