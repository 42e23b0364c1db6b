import { type SQL, sql } from 'drizzle-orm';
import { accounts } from '../identity/index.ts';
import type { Executor } from '../platform/db.ts';
import { mustUseSecondFactorSql } from '../two-factor/index.ts';

/**
 * Whether an account is one of an authority's people, as SQL over `accounts`: homed there, dealing
 * with it (signed up or acted in its portal: `authority_people`), a member of one of its
 * organizations, or holding a role in it. Staff see no one else.
 */
export function personOfAuthority(authorityId: string): SQL {
  return sql`(
    ${accounts.authorityId} = ${authorityId}
    or exists (select 1 from authority_people p where p.account_id = ${accounts.id} and p.authority_id = ${authorityId})
    or exists (select 1 from organization_members m join organizations o on o.id = m.organization_id
                where m.account_id = ${accounts.id} and o.authority_id = ${authorityId})
    or exists (select 1 from authority_roles r where r.account_id = ${accounts.id} and r.authority_id = ${authorityId}))`;
}

/** What staff see of a person's two-step verification: the app's date, the number of keys, recovery codes left, whether they must use one. */
export interface TwoStepStatus {
  appSince: Date | null;
  securityKeys: number;
  recoveryCodesLeft: number;
  required: boolean;
}

export async function twoStepOf(db: Executor, accountId: string): Promise<TwoStepStatus> {
  const [row] = await db
    .select({
      appSince: sql<string | null>`(select f.confirmed_at from authenticator_apps f where f.account_id = ${accounts.id} and f.confirmed_at is not null)`,
      securityKeys: sql<number>`(select count(*)::int from security_keys k where k.account_id = ${accounts.id})`,
      recoveryCodesLeft: sql<number>`(select count(*)::int from recovery_codes c where c.account_id = ${accounts.id} and c.used_at is null)`,
      required: mustUseSecondFactorSql,
    })
    .from(accounts)
    .where(sql`${accounts.id} = ${accountId}`);
  return {
    appSince: row?.appSince ? new Date(row.appSince) : null,
    securityKeys: Number(row?.securityKeys ?? 0),
    recoveryCodesLeft: Number(row?.recoveryCodesLeft ?? 0),
    required: Boolean(row?.required),
  };
}
