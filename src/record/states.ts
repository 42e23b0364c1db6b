import type { AuthorityRole } from '../platform/actors.ts';
import { defineTransitions } from '../platform/states.ts';
import type { RecordEvents } from './events.ts';
import type { ChangeStatus } from './schema.ts';

export type ChangeAction = 'submit' | 'resubmit' | 'confirm' | 'withdraw' | 'return' | 'approve' | 'refuse';
export type ChangeRole = 'registrant' | AuthorityRole;

const reviewers: ChangeRole[] = ['staff', 'registrar', 'administrator'];

/**
 * A change request's life. The registrant starts a draft (a legal name change waits for its ID)
 * and sends it, or a self-service email change waits for both proofs (`confirming`); staff return
 * it, approve or refuse. Changes the authority takes at once are written `applied` when reported.
 * Whether a staff member may decide a given kind (a withholding is the registrar's) is policies.ts.
 */
export const changeTransitions = defineTransitions<ChangeStatus, ChangeAction, keyof RecordEvents, ChangeRole>({
  submit: { from: ['draft'], to: 'submitted', event: 'record_change_submitted', who: ['registrant'] },
  resubmit: { from: ['returned'], to: 'submitted', event: 'record_change_resubmitted', who: ['registrant'] },
  confirm: { from: ['confirming'], to: 'applied', event: 'record_email_proved', who: ['registrant'] },
  withdraw: { from: ['draft', 'confirming', 'submitted', 'returned'], to: 'withdrawn', event: 'record_change_withdrawn', who: ['registrant'] },
  return: { from: ['submitted'], to: 'returned', event: 'record_change_returned', who: reviewers },
  approve: { from: ['submitted'], to: 'applied', event: 'record_change_approved', who: reviewers },
  refuse: { from: ['submitted'], to: 'refused', event: 'record_change_refused', who: reviewers },
});

/** What is still the registrant's to do: the 30-day duty counts these as not yet reported. */
export const PENDING_WITH_REGISTRANT: readonly ChangeStatus[] = ['draft', 'confirming', 'returned'];
/** What staff still have to act on or the registrant still has to finish. */
export const OPEN: readonly ChangeStatus[] = ['draft', 'confirming', 'submitted', 'returned'];
