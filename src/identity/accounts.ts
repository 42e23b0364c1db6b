import { randomBytes } from 'node:crypto';
import { grantRoles, recordRelation } from '../authorities/index.ts';
import type { Executor } from '../platform/db.ts';
import type { Locale } from '../platform/i18n/index.ts';
import { hashPassword } from './passwords.ts';
import { accounts } from './schema.ts';

/** A readable random password for accounts created by the CLI or the demo data. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * A verified account, optionally staff of its authority (CLI, demo data and test factories;
 * sign-up goes through the identity service). `mustChangePassword`: the password was generated
 * and shown to someone else, so the person replaces it at first sign-in.
 */
export async function createVerifiedAccount(
  db: Executor,
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
      .values({
        authorityId: input.authorityId,
        email: input.email,
        givenName: input.givenName,
        familyName: input.familyName,
        preferredLanguage: input.preferredLanguage,
        passwordHash,
        mustChangePassword: input.mustChangePassword ?? false,
        emailVerifiedAt: now,
        createdAt: now,
      })
      .returning();
    if (!account) throw new Error('account not created');
    await recordRelation(tx, input.authorityId, account.id, 'sign_up', now);
    if (input.staff) await grantRoles(tx, input.authorityId, account.id, ['staff'], now);
    return account;
  });
}
