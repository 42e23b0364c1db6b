import type { StaffActor } from '../platform/actors.ts';
import type { ReviewStatus } from './schema.ts';
import { type ReviewAction, type ReviewRole, reviewTransitions } from './states.ts';

/** Registrars and administrators act on a review whoever has picked it up: they share out the work. */
const leads: readonly ReviewRole[] = ['registrar', 'administrator'];
export const isLead = (staff: StaffActor) => staff.authorityRoles.some((role) => leads.includes(role));

/** Steps a plain staff member takes only on a review they have picked up themselves. */
const ownOnly: ReadonlySet<ReviewAction> = new Set(['release', 'return', 'decide']);

export type StaffAction = Extract<ReviewAction, 'pick_up' | 'assign' | 'release' | 'return' | 'decide'>;

/**
 * Why a staff member may not take a step on a review of their authority, or null when they may:
 * the table's refusal first (their roles, then the status), then what the table cannot say —
 * nobody reviews their own subject, and a plain staff member does not release, return or decide a
 * review somebody else has picked up. The service checks it on the locked row; pages offer only
 * the steps it allows.
 */
export function staffRefusal(
  review: { status: ReviewStatus; assigneeId: string | null; applicantAccountId: string },
  staff: StaffActor,
  action: StaffAction,
): 'forbidden' | 'not_allowed' | null {
  const rule = reviewTransitions.check(review.status, action, staff.authorityRoles);
  if (rule === 'forbidden' || review.applicantAccountId === staff.id) return 'forbidden';
  if (rule === 'not_allowed_from') return 'not_allowed';
  if (ownOnly.has(action) && review.assigneeId !== staff.id && !isLead(staff)) return 'forbidden';
  return null;
}
