import type { AuditEvent } from '../audit/index.ts';
import type { AuthorityRole, OrganizationStatus } from '../platform/actors.ts';
import { defineTransitions } from '../platform/states.ts';

export type Decision = 'approve' | 'refuse' | 'suspend';

const deciders: AuthorityRole[] = ['registrar', 'administrator'];

/**
 * Staff decisions on an organization: refusing is for requests, suspending for approved ones, and
 * a refused or suspended organization can be approved again. Registrars and administrators decide.
 */
export const organizationTransitions = defineTransitions<OrganizationStatus, Decision, AuditEvent, AuthorityRole>({
  approve: { from: ['requested', 'suspended', 'refused'], to: 'approved', event: 'organization_approved', who: deciders },
  refuse: { from: ['requested'], to: 'refused', event: 'organization_refused', who: deciders },
  suspend: { from: ['approved'], to: 'suspended', event: 'organization_suspended', who: deciders },
});
