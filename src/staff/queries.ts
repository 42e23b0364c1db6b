import { type SQL, sql } from 'drizzle-orm';
import { accounts } from '../identity/index.ts';

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
