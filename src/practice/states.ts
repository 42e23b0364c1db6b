import type { AuthorityRole } from '../platform/actors.ts';
import { defineTransitions } from '../platform/states.ts';
import type { PracticeEvents } from './events.ts';
import type { EntryStatus, HoursRequestStatus, WithholdingRequestStatus } from './schema.ts';

export type PracticeRole = 'registrant' | AuthorityRole;
const reviewers: PracticeRole[] = ['staff', 'registrar', 'administrator'];
// Withholding changes what the law publishes: the registrar (or an administrator) decides it.
const registrars: PracticeRole[] = ['registrar', 'administrator'];
const registrant: PracticeRole[] = ['registrant'];

/**
 * An hours entry: the registrant's to change while a draft or returned; sending it for review
 * locks it until staff decide or the registrant withdraws the request (before pick-up, which
 * casework's status says); staff accept it (final) or return it with a reason.
 */
export const entryTransitions = defineTransitions<EntryStatus, 'send' | 'withdraw' | 'accept' | 'return', keyof PracticeEvents, PracticeRole>({
  send: { from: ['draft', 'returned'], to: 'sent', event: 'practice_review_requested', who: registrant },
  withdraw: { from: ['sent'], to: 'draft', event: 'practice_review_withdrawn', who: registrant },
  accept: { from: ['sent'], to: 'accepted', event: 'practice_review_decided', who: reviewers },
  return: { from: ['sent'], to: 'returned', event: 'practice_review_decided', who: reviewers },
});

/** The entries the registrant may still edit or remove. */
export const EDITABLE_ENTRIES: readonly EntryStatus[] = ['draft', 'returned'];

/** A batch sent for review: withdrawn by the registrant, or decided by staff. */
export const requestTransitions = defineTransitions<HoursRequestStatus, 'withdraw' | 'decide', keyof PracticeEvents, PracticeRole>({
  withdraw: { from: ['sent'], to: 'withdrawn', event: 'practice_review_withdrawn', who: registrant },
  decide: { from: ['sent'], to: 'decided', event: 'practice_review_decided', who: reviewers },
});

/** A withholding request: the registrar approves (the site or its address leaves the register) or refuses with a reason. */
export const withholdingTransitions = defineTransitions<WithholdingRequestStatus, 'approve' | 'refuse', keyof PracticeEvents, PracticeRole>({
  approve: { from: ['pending'], to: 'approved', event: 'practice_withholding_decided', who: registrars },
  refuse: { from: ['pending'], to: 'refused', event: 'practice_withholding_decided', who: registrars },
});
