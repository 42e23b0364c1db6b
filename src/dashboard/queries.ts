import { and, eq, inArray } from 'drizzle-orm';
import { authorities, authorityRoles } from '../authorities/index.ts';
import type { AuthorityRole } from '../platform/actors.ts';
import type { Database } from '../platform/db.ts';
import type { DashboardAuthority } from '../platform/module.ts';

/** The authorities the dashboard shows (in the order asked), with the roles the person holds in each. */
export async function dashboardAuthorities(db: Database, ids: readonly string[], accountId: string): Promise<DashboardAuthority[]> {
  if (ids.length === 0) return [];
  const [names, roles] = await Promise.all([
    db.select({ id: authorities.id, name: authorities.name }).from(authorities).where(inArray(authorities.id, [...ids])),
    db
      .select({ authorityId: authorityRoles.authorityId, role: authorityRoles.role })
      .from(authorityRoles)
      .where(and(inArray(authorityRoles.authorityId, [...ids]), eq(authorityRoles.accountId, accountId))),
  ]);
  const order: readonly AuthorityRole[] = ['staff', 'registrar', 'administrator'];
  return ids.flatMap((id) => {
    const found = names.find((n) => n.id === id);
    if (!found) return [];
    const held = roles.filter((r) => r.authorityId === id).map((r) => r.role);
    return [{ id, name: found.name, roles: order.filter((role) => held.includes(role)) }];
  });
}
