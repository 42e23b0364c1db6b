import type { MessageKey } from '../platform/i18n/index.ts';
import type { SecondFactorMethod, SessionStage } from '../platform/actors.ts';

/** The audit events of Identity, and the type of their details. */
export interface IdentityEvents {
  sign_up: null;
  email_verified: null;
  /** Signed in: the password alone (no second step), or the second step just passed (`method`). */
  sign_in: { stage: SessionStage; method?: SecondFactorMethod };
  /** The password was right; the second step is still to come (`sign_in` follows when it is passed). */
  password_accepted: { stage: 'second_factor' };
  sign_in_failed: { count: number };
  password_check_failed: { purpose: 'change_password' | 'step_up'; count: number };
  sign_in_blocked: { secondFactorLocked?: true; provider?: string } | null;
  account_locked: { threshold: number };
  account_unlocked: { by: 'password_reset' | 'staff' };
  password_reset_requested: null;
  password_reset_completed: null;
  password_changed: null;
  sign_out: null;
  sign_out_everywhere: null;
  details_updated: null;
  second_factor_passed: { method: SecondFactorMethod; sessionRenewed?: true };
  second_factor_failed: { method: SecondFactorMethod; count: number };
  second_factor_locked: null;
  step_up: { method: 'password' | 'provider'; provider?: string; secondFactorDone?: boolean };
  provider_sign_in: { provider: string; stage: SessionStage | 'first_time'; secondFactorDone?: boolean };
}

declare module '../audit/events.ts' { interface AuditEvents extends IdentityEvents {} }

export const events = {
  sign_up: 'event.sign_up',
  email_verified: 'event.email_verified',
  sign_in: 'event.sign_in',
  password_accepted: 'event.password_accepted',
  sign_in_failed: 'event.sign_in_failed',
  password_check_failed: 'event.password_check_failed',
  sign_in_blocked: 'event.sign_in_blocked',
  account_locked: 'event.account_locked',
  account_unlocked: 'event.account_unlocked',
  password_reset_requested: 'event.password_reset_requested',
  password_reset_completed: 'event.password_reset_completed',
  password_changed: 'event.password_changed',
  sign_out: 'event.sign_out',
  sign_out_everywhere: 'event.sign_out_everywhere',
  details_updated: 'event.details_updated',
  second_factor_passed: 'event.second_factor_passed',
  second_factor_failed: 'event.second_factor_failed',
  second_factor_locked: 'event.second_factor_locked',
  step_up: 'event.step_up',
  provider_sign_in: 'event.provider_sign_in',
} as const satisfies Record<keyof IdentityEvents, MessageKey>;
