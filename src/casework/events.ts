import { event, type EventDetails } from '../platform/events.ts';

/** Which review, of what: the audit row names the domain's subject so the log can link to it. */
type Review = { reviewId: string; subjectKind: string; subjectId: string };

/**
 * The audit events casework records itself: the staff's sharing out of work, which changes
 * nothing in the domain. Returning, resubmitting, deciding and withdrawing change the domain's
 * subject too, so the domain module records its own event for them, in the same transaction.
 */
export const events = {
  review_picked_up: event<Review>('event.review_picked_up'),
  review_assigned: event<Review & { assigneeId: string; previousAssigneeId: string | null }>('event.review_assigned'),
  review_released: event<Review & { previousAssigneeId: string }>('event.review_released'),
};

export type CaseworkEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends CaseworkEvents {} }
