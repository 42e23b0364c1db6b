import { event, type EventDetails } from '../platform/events.ts';
import type { SecondFactorMethod, SessionStage } from '../platform/actors.ts';

/** The audit events of Identity: each one's label, and the type of its details. */
export const events = {
  sign_up: event<null>('event.sign_up'),
  email_verified: event<null>('event.email_verified'),
  /** Signed in: the password alone (no second step), or the second step just passed (`method`). */
  sign_in: event<{ stage: SessionStage; method?: SecondFactorMethod }>('event.sign_in'),
  /** The password was right; the second step is still to come (`sign_in` follows when it is passed). */
  password_accepted: event<{ stage: 'second_factor' }>('event.password_accepted'),
  sign_in_failed: event<{ count: number }>('event.sign_in_failed'),
  password_check_failed: event<{ purpose: 'change_password' | 'step_up'; count: number }>('event.password_check_failed'),
  sign_in_blocked: event<{ secondFactorLocked?: true; provider?: string } | null>('event.sign_in_blocked'),
  account_locked: event<{ threshold: number }>('event.account_locked'),
  account_unlocked: event<{ by: 'password_reset' | 'staff' }>('event.account_unlocked'),
  password_reset_requested: event<null>('event.password_reset_requested'),
  password_reset_completed: event<null>('event.password_reset_completed'),
  password_changed: event<null>('event.password_changed'),
  sign_out: event<null>('event.sign_out'),
  sign_out_everywhere: event<null>('event.sign_out_everywhere'),
  details_updated: event<null>('event.details_updated'),
  /** An approved legal name change (the record module's request). */
  legal_name_changed: event<{ changeRequestId: string }>('event.legal_name_changed'),
  /** The sign-in email changed: both addresses proved, or staff approved the request. */
  sign_in_email_changed: event<{ changeRequestId: string; by: 'self_service' | 'staff' }>('event.sign_in_email_changed'),
  second_factor_passed: event<{ method: SecondFactorMethod; sessionRenewed?: true }>('event.second_factor_passed'),
  second_factor_failed: event<{ method: SecondFactorMethod; count: number }>('event.second_factor_failed'),
  second_factor_locked: event<null>('event.second_factor_locked'),
  step_up: event<{ method: 'password' | 'provider'; provider?: string; secondFactorDone?: boolean }>('event.step_up'),
  provider_sign_in: event<{ provider: string; stage: SessionStage | 'first_time'; secondFactorDone?: boolean }>('event.provider_sign_in'),
};

export type IdentityEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends IdentityEvents {} }
