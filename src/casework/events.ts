import type { MessageKey } from '../platform/i18n/index.ts';

/** Which review, of what: the audit row names the domain's subject so the log can link to it. */
type Review = { reviewId: string; subjectKind: string; subjectId: string };

/**
 * The audit events casework records itself: the staff's sharing out of work, which changes
 * nothing in the domain. Returning, resubmitting, deciding and withdrawing change the domain's
 * subject too, so the domain module records its own event for them, in the same transaction.
 */
export interface CaseworkEvents {
  review_picked_up: Review;
  review_assigned: Review & { assigneeId: string; previousAssigneeId: string | null };
  review_released: Review & { previousAssigneeId: string };
}

declare module '../audit/events.ts' { interface AuditEvents extends CaseworkEvents {} }

export const events = {
  review_picked_up: 'event.review_picked_up',
  review_assigned: 'event.review_assigned',
  review_released: 'event.review_released',
} as const satisfies Record<keyof CaseworkEvents, MessageKey>;
