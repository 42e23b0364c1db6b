import type { AuthorityRole } from '../platform/actors.ts';
import type { MessageKey } from '../platform/i18n/index.ts';

/** The audit events of The staff console, and the type of their details. */
export interface StaffEvents {
  audit_exported: { filters: Record<string, unknown>; rows: number; truncated: boolean };
  sessions_ended_by_staff: { sessions: number };
  authority_role_granted: { role: AuthorityRole };
  authority_role_removed: { role: AuthorityRole };
  two_factor_roles_changed: { before: string[]; after: string[] };
}

declare module '../audit/events.ts' { interface AuditEvents extends StaffEvents {} }

export const events = {
  audit_exported: 'event.audit_exported',
  sessions_ended_by_staff: 'event.sessions_ended_by_staff',
  authority_role_granted: 'event.authority_role_granted',
  authority_role_removed: 'event.authority_role_removed',
  two_factor_roles_changed: 'event.two_factor_roles_changed',
} as const satisfies Record<keyof StaffEvents, MessageKey>;
