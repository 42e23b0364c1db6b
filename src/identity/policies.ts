import type { SessionStage } from '../platform/actors.ts';

/**
 * The stage a session opens in once the password (or identity provider) is accepted: a second
 * factor when there is one, enrolment when one is required and missing, else done. A provider
 * trusted for two-factor has done the second step itself.
 */
export function stageAfterFirstStep(state: { hasSecondFactor: boolean; mustUseSecondFactor: boolean; secondFactorDone: boolean }): SessionStage {
  if (state.secondFactorDone) return 'complete';
  if (state.hasSecondFactor) return 'second_factor';
  if (state.mustUseSecondFactor) return 'enrol';
  return 'complete';
}

/** Sensitive actions need a second factor (or, without one, the password) this recent. */
export const STEP_UP_WINDOW_MS = 10 * 60 * 1000;

export function isRecentlyConfirmed(
  session: { hasSecondFactor: boolean; authenticatedAt: Date | null; secondFactorAt: Date | null },
  now: Date,
): boolean {
  const proof = session.hasSecondFactor ? session.secondFactorAt : session.authenticatedAt;
  return proof !== null && now.getTime() - proof.getTime() <= STEP_UP_WINDOW_MS;
}
