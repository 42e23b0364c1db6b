import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AuthorityRole } from '../platform/actors.ts';
import type { Executor } from '../platform/db.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import { authoritiesChanged, recordRelation } from './portals.ts';
import { authorities, authorityRoles, type TwoFactorRole } from './schema.ts';

/**
 * The authorities and the roles people hold in them. Only this module writes these tables; the
 * staff console's use cases call these functions inside their own transaction (with its audit rows).
 */

/** A new authority, with its portal's contact details when given (the defaults otherwise). */
export async function createAuthority(
  db: Executor,
  input: { slug: string; name: Bilingual; lockoutThreshold?: number; welcome?: Bilingual; contactEmail?: string; contactPhone?: string; contactHours?: Bilingual },
) {
  const [row] = await db.insert(authorities).values(input).returning();
  if (!row) throw new Error('authority not created');
  authoritiesChanged();
  return row;
}

export async function authorityBySlug(db: Executor, slug: string) {
  const [row] = await db.select().from(authorities).where(eq(authorities.slug, slug));
  return row ?? null;
}

/** The first authority created: where the CLI acts without --authority, and where sign-up lands today. */
export async function firstAuthority(db: Executor) {
  const [row] = await db.select().from(authorities).orderBy(authorities.createdAt).limit(1);
  return row ?? null;
}

/** Locks the authority's row until the transaction ends: two administrators changing its roles or settings at once take turns. */
export async function lockAuthority(tx: Executor, authorityId: string): Promise<void> {
  await tx.select({ id: authorities.id }).from(authorities).where(eq(authorities.id, authorityId)).for('update');
}

export async function rolesHeld(tx: Executor, authorityId: string, accountId: string): Promise<AuthorityRole[]> {
  const rows = await tx
    .select({ role: authorityRoles.role })
    .from(authorityRoles)
    .where(and(eq(authorityRoles.authorityId, authorityId), eq(authorityRoles.accountId, accountId)));
  return rows.map((r) => r.role);
}

/** Gives roles (those already held are kept as they are), and records the person among the authority's people. */
export async function grantRoles(tx: Executor, authorityId: string, accountId: string, roles: readonly AuthorityRole[], now: Date = new Date()): Promise<void> {
  if (roles.length === 0) return;
  await tx
    .insert(authorityRoles)
    .values(roles.map((role) => ({ authorityId, accountId, role, createdAt: now })))
    .onConflictDoNothing();
  // Staff deal with their authority: its people include them.
  await recordRelation(tx, authorityId, accountId, 'staff', now);
}

export async function removeRoles(tx: Executor, authorityId: string, accountId: string, roles: readonly AuthorityRole[]): Promise<void> {
  if (roles.length === 0) return;
  await tx
    .delete(authorityRoles)
    .where(and(eq(authorityRoles.authorityId, authorityId), eq(authorityRoles.accountId, accountId), inArray(authorityRoles.role, [...roles])));
}

/** Whether someone other than `accountId` is an administrator of the authority (it always keeps one). */
export async function hasOtherAdministrator(tx: Executor, authorityId: string, accountId: string): Promise<boolean> {
  const others = await tx
    .select({ accountId: authorityRoles.accountId })
    .from(authorityRoles)
    .where(and(eq(authorityRoles.authorityId, authorityId), eq(authorityRoles.role, 'administrator'), sql`${authorityRoles.accountId} <> ${accountId}`))
    .limit(1);
  return others.length > 0;
}

/** Who the authority requires to use two-step verification. */
export async function twoFactorRolesOf(db: Executor, authorityId: string): Promise<TwoFactorRole[]> {
  const [row] = await db.select({ roles: authorities.twoFactorRoles }).from(authorities).where(eq(authorities.id, authorityId));
  return row?.roles ?? [];
}

export async function setTwoFactorRoles(tx: Executor, authorityId: string, roles: readonly TwoFactorRole[]): Promise<void> {
  await tx.update(authorities).set({ twoFactorRoles: [...roles] }).where(eq(authorities.id, authorityId));
}
