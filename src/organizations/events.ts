import type { OrganizationRole, OrganizationStatus } from '../platform/actors.ts';
import type { MessageKey } from '../platform/i18n/index.ts';

/** A registrar's decision: the state it left and, when refused or suspended, the reason given. */
type Decided = { organizationId: string; from: OrganizationStatus; reason?: string };

/** The audit events of Organizations, and the type of their details. */
export interface OrganizationEvents {
  organization_requested: { organizationId: string };
  organization_approved: Decided;
  organization_refused: Decided;
  organization_suspended: Decided;
  member_role_changed: { organizationId: string; role: OrganizationRole };
  member_removed: { organizationId: string };
  security_code_created: { organizationId: string; codeId: string | undefined; role: OrganizationRole };
  security_code_revoked: { organizationId: string; codeId: string; by?: 'staff' };
  security_code_redeemed: { organizationId: string; codeId: string; role: OrganizationRole };
  security_code_failed: { reason: string };
}

declare module '../audit/events.ts' { interface AuditEvents extends OrganizationEvents {} }

export const events = {
  organization_requested: 'event.organization_requested',
  organization_approved: 'event.organization_approved',
  organization_refused: 'event.organization_refused',
  organization_suspended: 'event.organization_suspended',
  member_role_changed: 'event.member_role_changed',
  member_removed: 'event.member_removed',
  security_code_created: 'event.security_code_created',
  security_code_revoked: 'event.security_code_revoked',
  security_code_redeemed: 'event.security_code_redeemed',
  security_code_failed: 'event.security_code_failed',
} as const satisfies Record<keyof OrganizationEvents, MessageKey>;
