import { defineTransitions } from '../platform/states.ts';
import type { RenewalsEvents } from './events.ts';
import type { RenewalStatus } from './schema.ts';

export type RenewalAction = 'submit' | 'renew' | 'lapse';
export type RenewalRole = 'registrant' | 'system';

/**
 * A renewal's life. The daily job opens it; the registrant sends the form; it is renewed (by the
 * system, in the payment's or the submission's transaction) once its invoices are paid and no
 * condition is missing; the job lapses it when the registration expires unrenewed.
 */
export const renewalTransitions = defineTransitions<RenewalStatus, RenewalAction, keyof RenewalsEvents, RenewalRole>({
  submit: { from: ['open'], to: 'submitted', event: 'renewal_submitted', who: ['registrant'] },
  renew: { from: ['submitted'], to: 'renewed', event: 'renewal_completed', who: ['system'] },
  lapse: { from: ['open', 'submitted'], to: 'lapsed', event: 'renewal_lapsed', who: ['system'] },
});
