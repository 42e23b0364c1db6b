import { z } from 'zod';
import { csrf, ticked } from '../platform/text.ts';
import { recordEvent } from '../audit/index.ts';
import type { Database, Executor } from '../platform/db.ts';
import { can } from './policies.ts';
import type { Origin } from '../platform/origin.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { lockAuthority, setTwoFactorRoles as setAuthorityTwoFactorRoles, type TwoFactorRole, twoFactorRolesOf as authorityTwoFactorRoles } from '../authorities/index.ts';

/** In the order they are listed; staff always stay (the database holds it too, migration 20261201T1000_two-factor). */
export const twoFactorRoleNames = ['staff', 'organization_member', 'registrant'] as const satisfies readonly TwoFactorRole[];
/** The ones an administrator ticks or not. */
export const choosableTwoFactorRoles = ['organization_member', 'registrant'] as const satisfies readonly TwoFactorRole[];

/** The roles ticked on the security settings page: absent, one value or several, each one of the three. */
export const twoFactorRolesSchema = z.object({ ...csrf, roles: ticked(twoFactorRoleNames) });

/** The roles that must use two-step verification in the authority, in page order. */
export async function twoFactorRolesOf(db: Executor, authorityId: string): Promise<TwoFactorRole[]> {
  const roles = await authorityTwoFactorRoles(db, authorityId);
  return twoFactorRoleNames.filter((role) => roles.includes(role));
}

/**
 * An administrator sets who must use two-step verification in the authority they act for. The
 * change is audited with the list before and after; saving the same list records nothing. It
 * applies at each person's next sign-in (their stage is decided then).
 */
export async function setTwoFactorRoles(
  db: Database,
  staff: SessionAccount,
  wanted: TwoFactorRole[],
  origin: Origin,
  now: Date,
): Promise<'ok' | 'forbidden'> {
  if (!can(staff, 'manage_security')) return 'forbidden';
  const authorityId = staff.staffAuthorityId;
  return db.transaction(async (tx): Promise<'ok'> => {
    // Two administrators saving at once: the second reads the first's list as its "before".
    await lockAuthority(tx, authorityId);
    const held = await authorityTwoFactorRoles(tx, authorityId);
    const before = twoFactorRoleNames.filter((role) => held.includes(role));
    const after = twoFactorRoleNames.filter((role) => role === 'staff' || wanted.includes(role));
    if (before.join() === after.join()) return 'ok';
    await setAuthorityTwoFactorRoles(tx, authorityId, after);
    await recordEvent(tx, { authorityId, event: 'two_factor_roles_changed', actorId: staff.id, subjectId: null, origin, at: now, details: { before, after } });
    return 'ok';
  });
}
