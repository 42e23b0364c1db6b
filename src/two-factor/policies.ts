import { sql } from 'drizzle-orm';

/**
 * Whether an account has a second factor, and whether it must have one, as SQL over `accounts`
 * so the sign-in lookup answers both in the same query.
 */
export const hasSecondFactorSql = sql<boolean>`(
  exists (select 1 from authenticator_apps f where f.account_id = accounts.id and f.confirmed_at is not null)
  or exists (select 1 from security_keys k where k.account_id = accounts.id)
)`;

/** Staff reset (must enrol), an authority role or organization membership the authority lists, or every account when it lists registrants. */
export const mustUseSecondFactorSql = sql<boolean>`(
  accounts.must_enrol_second_factor
  or exists (
    select 1 from authority_roles r join authorities au on au.id = r.authority_id
     where r.account_id = accounts.id and 'staff' = any (au.two_factor_roles))
  or exists (
    select 1 from organization_members m join organizations o on o.id = m.organization_id join authorities au on au.id = o.authority_id
     where m.account_id = accounts.id and 'organization_member' = any (au.two_factor_roles))
  or exists (
    select 1 from authorities home where home.id = accounts.authority_id and 'registrant' = any (home.two_factor_roles))
)`;

/** "Not now" keeps the reminder to set up two-step verification away this long (docs/decisions/0001). */
export const NUDGE_DISMISSAL_MS = 180 * 24 * 60 * 60 * 1000;

/**
 * Whether to remind someone, after sign-in, to set up two-step verification: the one question the
 * account page (and later the dashboard) asks. Never those who have a factor, nor those who must
 * have one (they are taken to enrolment instead), nor within 180 days of their "Not now".
 */
export function shouldNudge(state: { hasSecondFactor: boolean; mustUseSecondFactor: boolean; nudgeDismissedAt: Date | null }, now: Date): boolean {
  if (state.hasSecondFactor || state.mustUseSecondFactor) return false;
  return state.nudgeDismissedAt === null || now.getTime() - state.nudgeDismissedAt.getTime() >= NUDGE_DISMISSAL_MS;
}
