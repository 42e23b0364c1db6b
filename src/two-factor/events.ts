import { event, type EventDetails } from '../platform/events.ts';

/** The audit events of Two-step verification: each one's label, and the type of its details. */
export const events = {
  authenticator_app_added: event<{ replaced: boolean }>('event.authenticator_app_added'),
  authenticator_app_removed: event<null>('event.authenticator_app_removed'),
  recovery_codes_generated: event<null>('event.recovery_codes_generated'),
  recovery_code_used: event<{ left: number }>('event.recovery_code_used'),
  factor_recovery_requested: event<null>('event.factor_recovery_requested'),
  factor_recovery_declined: event<{ requestId: string; method: string; note: string }>('event.factor_recovery_declined'),
  factors_reset: event<{ requestId: string; method: string; note: string }>('event.factors_reset'),
  second_factor_nudge_dismissed: event<{ remindAfter: string }>('event.second_factor_nudge_dismissed'),
};

export type TwoFactorEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends TwoFactorEvents {} }
