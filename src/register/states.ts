import type { AuthorityRole } from '../platform/actors.ts';
import { defineTransitions } from '../platform/states.ts';
import type { RegisterEvents } from './events.ts';
import type { RemovalStatus } from './schema.ts';

export type RemovalAction = 'approve' | 'refuse';

/**
 * A removal request's life: the registrant sends it (submitted), a registrar or administrator
 * approves it (the outcome leaves the register, kept in the table) or refuses it with reasons.
 */
export const removalTransitions = defineTransitions<RemovalStatus, RemovalAction, keyof RegisterEvents, AuthorityRole>({
  approve: { from: ['submitted'], to: 'approved', event: 'register_removal_approved', who: ['registrar', 'administrator'] },
  refuse: { from: ['submitted'], to: 'refused', event: 'register_removal_refused', who: ['registrar', 'administrator'] },
});
