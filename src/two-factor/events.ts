import type { MessageKey } from '../platform/i18n/index.ts';

/** The audit events of Two-step verification, and the type of their details. */
export interface TwoFactorEvents {
  authenticator_app_added: { replaced: boolean };
  authenticator_app_removed: null;
  recovery_codes_generated: null;
  recovery_code_used: { left: number };
  factor_recovery_requested: null;
  factor_recovery_declined: { requestId: string; method: string; note: string };
  factors_reset: { requestId: string; method: string; note: string };
  second_factor_nudge_dismissed: { remindAfter: string };
}

declare module '../audit/events.ts' { interface AuditEvents extends TwoFactorEvents {} }

export const events = {
  authenticator_app_added: 'event.authenticator_app_added',
  authenticator_app_removed: 'event.authenticator_app_removed',
  recovery_codes_generated: 'event.recovery_codes_generated',
  recovery_code_used: 'event.recovery_code_used',
  factor_recovery_requested: 'event.factor_recovery_requested',
  factor_recovery_declined: 'event.factor_recovery_declined',
  factors_reset: 'event.factors_reset',
  second_factor_nudge_dismissed: 'event.second_factor_nudge_dismissed',
} as const satisfies Record<keyof TwoFactorEvents, MessageKey>;
