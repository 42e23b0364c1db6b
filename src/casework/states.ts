import type { AuthorityRole } from '../platform/actors.ts';
import { defineTransitions } from '../platform/states.ts';
import type { ReviewStatus, ReviewStep } from './schema.ts';

/** Before submission the review does not exist: `none` is where `submit` starts. */
export type ReviewState = 'none' | ReviewStatus;
export type ReviewAction = 'submit' | 'pick_up' | 'assign' | 'release' | 'return' | 'resubmit' | 'decide' | 'withdraw';
/** Staff hold their roles in the review's authority; the person whose subject it is acts as `applicant`. */
export type ReviewRole = AuthorityRole | 'applicant';

/** The statuses a staff queue lists: someone still has something to do. */
export const openStatuses = ['queued', 'picked_up', 'waiting_for_applicant'] as const satisfies readonly ReviewStatus[];
export type OpenStatus = (typeof openStatuses)[number];

const anyStaff: ReviewRole[] = ['staff', 'registrar', 'administrator'];
// Handing a review to someone else is a lead's job: registrars and administrators share out the work.
const leads: ReviewRole[] = ['registrar', 'administrator'];
const applicant: ReviewRole[] = ['applicant'];

/**
 * A review's life; each transition's `event` is the step it writes on the timeline. Any staff
 * member decides: the seeds' colleges let the reviewer who has the file approve or refuse it, and
 * a domain that needs a registrar's signature (a refusal, a reinstatement) says so in its own
 * policy before it calls `decide`. The service adds what a table cannot say: a plain staff member
 * acts only on a review they have picked up (release, return, decide), and nobody reviews their own.
 */
export const reviewTransitions = defineTransitions<ReviewState, ReviewAction, ReviewStep, ReviewRole>({
  submit: { from: ['none'], to: 'queued', event: 'submitted', who: applicant },
  pick_up: { from: ['queued'], to: 'picked_up', event: 'picked_up', who: anyStaff },
  assign: { from: ['queued', 'picked_up'], to: 'picked_up', event: 'assigned', who: leads },
  release: { from: ['picked_up'], to: 'queued', event: 'released', who: anyStaff },
  return: { from: ['picked_up'], to: 'waiting_for_applicant', event: 'returned', who: anyStaff },
  resubmit: { from: ['waiting_for_applicant'], to: 'queued', event: 'resubmitted', who: applicant },
  decide: { from: ['picked_up'], to: 'decided', event: 'decided', who: anyStaff },
  withdraw: { from: ['queued', 'picked_up', 'waiting_for_applicant'], to: 'withdrawn', event: 'withdrawn', who: applicant },
});
