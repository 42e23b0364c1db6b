import { randomBytes } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import { authorityRoles, grantRoles, type Recipient, recordRelation } from '../authorities/index.ts';
import type { Executor } from '../platform/db.ts';
import type { Locale } from '../platform/i18n/index.ts';
import type { Origin } from '../platform/origin.ts';
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

/** Who changed an account's legal name or sign-in email, and for which change (the record module's request). */
interface AccountChange {
  accountId: string;
  authorityId: string;
  /** Staff who approved it, or the person themselves (a confirmed self-service change). */
  actorId: string;
  changeRequestId: string;
  origin: Origin;
  at: Date;
}

/**
 * The account's legal name becomes the approved one, in the caller's transaction, with its audit
 * row; answers the name it replaces (kept by the caller as a previous name), or null when there is
 * no such account.
 */
export async function changeLegalName(tx: Executor, input: AccountChange & { givenName: string; familyName: string }): Promise<{ givenName: string; familyName: string } | null> {
  const [before] = await tx.select({ givenName: accounts.givenName, familyName: accounts.familyName }).from(accounts).where(eq(accounts.id, input.accountId)).for('update');
  if (!before) return null;
  await tx.update(accounts).set({ givenName: input.givenName, familyName: input.familyName }).where(eq(accounts.id, input.accountId));
  await recordEvent(tx, { authorityId: input.authorityId, event: 'legal_name_changed', actorId: input.actorId, subjectId: input.accountId, origin: input.origin, at: input.at, details: { changeRequestId: input.changeRequestId } });
  return before;
}

/** Whether another account signs in with this address (compared without case, as sign-in does). */
export async function emailTaken(tx: Executor, email: string, exceptAccountId: string): Promise<boolean> {
  const rows = await tx.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.email, email.trim()), ne(accounts.id, exceptAccountId))).limit(1);
  return rows.length > 0;
}

/**
 * The sign-in email becomes `email`, verified (both addresses were proved, or staff checked the
 * request), in the caller's transaction with its audit row. Sessions stay: the person is who they
 * were. A taken address is refused (`taken`), without saying whose it is.
 */
export async function changeSignInEmail(tx: Executor, input: AccountChange & { email: string; by: 'self_service' | 'staff' }): Promise<'ok' | 'taken' | 'not_found'> {
  const [row] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId)).for('update');
  if (!row) return 'not_found';
  if (await emailTaken(tx, input.email, input.accountId)) return 'taken';
  await tx.update(accounts).set({ email: input.email.trim(), emailVerifiedAt: input.at }).where(eq(accounts.id, input.accountId));
  await recordEvent(tx, { authorityId: input.authorityId, event: 'sign_in_email_changed', actorId: input.actorId, subjectId: input.accountId, origin: input.origin, at: input.at, details: { changeRequestId: input.changeRequestId, by: input.by } });
  return 'ok';
}

/** Everyone holding a role in an authority, to write to (its staff's queue mail), by address. */
export function staffRecipients(executor: Executor, authorityId: string): Promise<Recipient[]> {
  return executor
    .select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, locale: accounts.preferredLanguage })
    .from(accounts)
    .where(inArray(accounts.id, executor.select({ id: authorityRoles.accountId }).from(authorityRoles).where(eq(authorityRoles.authorityId, authorityId))))
    .orderBy(accounts.email);
}
