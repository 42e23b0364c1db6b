import { defineTransitions } from '../platform/states.ts';
import type { AccessEvents } from './events.ts';

/**
 * Which law a request is made under: the Access to Information Act (records of the institution,
 * a $5 application fee) or the Privacy Act (the requester's own personal information, no fee,
 * identity proof). Each sets its own extension reasons and limits (clock.ts).
 */
export const acts = ['access', 'privacy'] as const;
export type Act = (typeof acts)[number];

/** How a request came in: the public request service, a client system's API, or a practitioner entering paper, mail or email. */
export const channels = ['online', 'api', 'paper', 'mail', 'email'] as const;
export type Channel = (typeof channels)[number];

/**
 * A request: `awaiting_fee` (an access request whose $5 is not paid: the clock has not started,
 * nothing is late), `in_progress` (the clock runs), `awaiting_clarification` (the institution asked
 * the requester what they mean: the clock is stopped), `closed` (answered, with its disposition).
 */
export const requestStatuses = ['awaiting_fee', 'in_progress', 'awaiting_clarification', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const openStatuses = ['awaiting_fee', 'in_progress', 'awaiting_clarification'] as const satisfies readonly RequestStatus[];

/** How a request was answered: the dispositions of the annual statistical report (Treasury Board). */
export const dispositions = ['all_disclosed', 'disclosed_in_part', 'all_exempted', 'all_excluded', 'no_records_exist', 'neither_confirmed_nor_denied', 'abandoned'] as const;
export type Disposition = (typeof dispositions)[number];

/**
 * The statutory reasons for an extension. Access to Information Act s. 9(1): (a) a large number
 * of records whose search would unreasonably interfere with operations, (b) consultations that
 * cannot be completed within the time limit, (c) notice to a third party (s. 27). Privacy Act
 * s. 15(a)(i) interference with operations, (a)(ii) consultations, (b) translation or conversion
 * to an alternative format.
 */
export const extensionReasons = {
  access: ['atia_9_1_a', 'atia_9_1_b', 'atia_9_1_c'],
  privacy: ['pa_15_a_i', 'pa_15_a_ii', 'pa_15_b'],
} as const satisfies Record<Act, readonly string[]>;
export type ExtensionReason = (typeof extensionReasons)[Act][number];

/** Why the clock stopped: the requester was asked to clarify (the fee hold is the `awaiting_fee` status, before the clock starts). */
export type StopReason = 'clarification';

/** Who an institution consults: another institution (on the platform, or not) or a third party whose information is in the records (s. 27). */
export const consultationKinds = ['institution', 'third_party'] as const;
export type ConsultationKind = (typeof consultationKinds)[number];
export type ConsultationStatus = 'sent' | 'answered' | 'withdrawn';

/** What the institution decided for one record gathered. */
export const recordDecisions = ['pending', 'released_in_full', 'released_in_part', 'withheld'] as const;
export type RecordDecision = (typeof recordDecisions)[number];

/** The fee of a request: `none` (personal information), `due`, `paid` (online, or recorded by a practitioner), `waived`, `refunded`. */
export type FeeStatus = 'none' | 'due' | 'paid' | 'waived' | 'refunded';

/** Who the requester is, as the annual report counts them (the requester may decline to say). */
export const requesterCategories = ['media', 'academia', 'business', 'organization', 'public', 'declined'] as const;
export type RequesterCategory = (typeof requesterCategories)[number];

/** What a practitioner asks the ATIP office for (seed 004's list). */
export const supportTopics = ['access_code', 'training', 'technical', 'release_transmission', 'refund'] as const;
export type SupportTopic = (typeof supportTopics)[number];

/** `practitioner`: a member of the institution holding the request; `requester`: its maker (by account or tracking link); `system`: the payment. */
export type AccessRole = 'practitioner' | 'requester' | 'system';

export const requestTransitions = defineTransitions<RequestStatus, 'pay' | 'waive' | 'record_fee' | 'ask_clarification' | 'clarify' | 'transfer' | 'close' | 'abandon', keyof AccessEvents, AccessRole>({
  // The $5 is paid online (billing's payment handler), waived, or recorded as paid by cheque: the clock starts that day.
  pay: { from: ['awaiting_fee'], to: 'in_progress', event: 'access_fee_paid', who: ['system'] },
  waive: { from: ['awaiting_fee'], to: 'in_progress', event: 'access_fee_waived', who: ['practitioner'] },
  record_fee: { from: ['awaiting_fee'], to: 'in_progress', event: 'access_fee_recorded', who: ['practitioner'] },
  ask_clarification: { from: ['in_progress'], to: 'awaiting_clarification', event: 'access_clarification_asked', who: ['practitioner'] },
  clarify: { from: ['awaiting_clarification'], to: 'in_progress', event: 'access_clarification_answered', who: ['requester', 'practitioner'] },
  // A transfer keeps the request, its number and its clock (s. 8(3): deemed received by the new institution the day the first received it).
  transfer: { from: ['in_progress', 'awaiting_clarification'], to: 'in_progress', event: 'access_request_transferred', who: ['practitioner'] },
  close: { from: ['in_progress'], to: 'closed', event: 'access_request_closed', who: ['practitioner'] },
  // A requester who never answers the clarification, or never pays: the request is abandoned.
  abandon: { from: ['awaiting_fee', 'awaiting_clarification'], to: 'closed', event: 'access_request_closed', who: ['practitioner'] },
});
