import { randomBytes } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { hashPassword } from '../identity/passwords.ts';
import type { Database } from '../platform/db.ts';
import type { Locale, Bilingual } from '../platform/i18n/index.ts';
import { accounts, authorities, authorityRoles } from '../platform/schema.ts';

export async function createAuthority(db: Database, input: { slug: string; name: Bilingual; lockoutThreshold?: number }) {
  const [row] = await db.insert(authorities).values(input).returning();
  if (!row) throw new Error('authority not created');
  return row;
}

/** A readable random password for accounts created by the CLI or the demo data. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * A verified account, optionally staff of its authority (CLI and demo data; sign-up goes through
 * identity). `mustChangePassword`: the password was generated and shown to someone else, so the
 * person replaces it at first sign-in.
 */
export async function createVerifiedAccount(
  db: Database,
  input: {
    authorityId: string;
    email: string;
    givenName: string;
    familyName: string;
    preferredLanguage: Locale;
    password: string;
    staff?: boolean;
    mustChangePassword?: boolean;
  },
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const now = new Date();
    const [account] = await tx
      .insert(accounts)
      .values({ ...input, passwordHash, emailVerifiedAt: now, createdAt: now })
      .returning();
    if (!account) throw new Error('account not created');
    if (input.staff) await tx.insert(authorityRoles).values({ authorityId: input.authorityId, accountId: account.id, role: 'staff' });
    return account;
  });
}

/**
 * Whether an account is one of an authority's people, as SQL over `accounts`: homed there, a
 * member of one of its organizations, or holding a role in it. Staff see no one else.
 */
export function personOfAuthority(authorityId: string): SQL {
  return sql`(
    ${accounts.authorityId} = ${authorityId}
    or exists (select 1 from organization_members m join organizations o on o.id = m.organization_id
                where m.account_id = ${accounts.id} and o.authority_id = ${authorityId})
    or exists (select 1 from authority_roles r where r.account_id = ${accounts.id} and r.authority_id = ${authorityId}))`;
}
