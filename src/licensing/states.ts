import type { AuthorityRole } from '../platform/actors.ts';
import { defineTransitions } from '../platform/states.ts';
import type { ApplicationStatus } from './schema.ts';
import type { ApplicationEvents } from './events.ts';

export type ApplicationAction = 'submit' | 'resubmit' | 'withdraw' | 'return' | 'approve' | 'refuse';
/** The applicant acts on their own application; staff roles on the authority's; the portal approves the types decided automatically. */
export type ApplicationRole = 'applicant' | 'portal' | AuthorityRole;

const reviewers: AuthorityRole[] = ['staff', 'registrar', 'administrator'];

/**
 * An application's life: the applicant submits a draft, staff ask for more (it returns to the
 * applicant, who answers and resubmits) or decide. Every reviewer decides: the colleges' own staff
 * finalize registrations (seed 000), and who may approve is the authority's to restrict by role.
 * The applicant may withdraw until it is decided.
 */
export const applicationTransitions = defineTransitions<ApplicationStatus, ApplicationAction, keyof ApplicationEvents, ApplicationRole>({
  submit: { from: ['draft'], to: 'submitted', event: 'application_submitted', who: ['applicant'] },
  resubmit: { from: ['returned'], to: 'submitted', event: 'application_resubmitted', who: ['applicant'] },
  withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn', event: 'application_withdrawn', who: ['applicant'] },
  return: { from: ['submitted'], to: 'returned', event: 'application_returned', who: reviewers },
  approve: { from: ['submitted'], to: 'approved', event: 'application_approved', who: [...reviewers, 'portal'] },
  refuse: { from: ['submitted'], to: 'refused', event: 'application_refused', who: reviewers },
});

/** The applicant may change their answers and documents while it is theirs to change. */
export const EDITABLE: readonly ApplicationStatus[] = ['draft', 'returned'];
