import type { OrganizationRole, OrganizationStatus } from '../platform/actors.ts';
import { event, type EventDetails } from '../platform/events.ts';

/** A registrar's decision: the state it left and, when refused or suspended, the reason given. */
type Decided = { organizationId: string; from: OrganizationStatus; reason?: string };

/** The audit events of Organizations: each one's label, and the type of its details. */
export const events = {
  organization_requested: event<{ organizationId: string }>('event.organization_requested'),
  organization_approved: event<Decided>('event.organization_approved'),
  organization_refused: event<Decided>('event.organization_refused'),
  organization_suspended: event<Decided>('event.organization_suspended'),
  member_role_changed: event<{ organizationId: string; role: OrganizationRole }>('event.member_role_changed'),
  member_removed: event<{ organizationId: string }>('event.member_removed'),
  security_code_created: event<{ organizationId: string; codeId: string | undefined; role: OrganizationRole }>('event.security_code_created'),
  security_code_revoked: event<{ organizationId: string; codeId: string; by?: 'staff' }>('event.security_code_revoked'),
  security_code_redeemed: event<{ organizationId: string; codeId: string; role: OrganizationRole }>('event.security_code_redeemed'),
  security_code_failed: event<{ reason: string }>('event.security_code_failed'),
};

export type OrganizationEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends OrganizationEvents {} }
