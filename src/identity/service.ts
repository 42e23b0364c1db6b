import { and, eq, gt, inArray, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { recordEvent, recordEventFrom } from '../audit/index.ts';
import { authorities, mailFromPortal, portalOf, recordRelation } from '../authorities/index.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import type { ActingFor, AuthorityRole, OrganizationRole, OrganizationStatus, SecondFactorMethod, SessionAccount, SessionStage } from '../platform/actors.ts';
import type { Clock } from '../platform/clock.ts';
import { queryRows, type Database, type Executor } from '../platform/db.ts';
import type { Bilingual, Locale } from '../platform/i18n/index.ts';
import { href, type PageName } from '../platform/paths.ts';
import type { Portal } from '../platform/portal.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { newToken, tokenId } from './tokens.ts';
import type { Origin } from '../platform/origin.ts';
import { accountTokens, accounts, sessions, shownOnce, unknownSignInFailures } from './schema.ts';
import type { Ports } from '../platform/module.ts';
import { stageAfterFirstStep } from './policies.ts';
import { type AccountDetails, accountPageReader } from './queries.ts';

/** A value computed once, the first time it is asked for. */
function memo<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
const VERIFY_TTL_MS = 24 * 60 * 60 * 1000;
const RESET_TTL_MS = 60 * 60 * 1000;
/** What a page shows once waits this long for the GET that shows it (a redirect takes a moment). */
const SHOWN_ONCE_TTL_MS = 10 * 60 * 1000;

export type SignInResult =
  | { kind: 'signed_in'; sessionToken: string; accountId: string; locale: Locale; stage: SessionStage; mustChangePassword: boolean }
  | { kind: 'invalid' }
  | { kind: 'locked'; threshold: number }
  | { kind: 'unverified' }
  | { kind: 'second_factor_locked' };

/** A password typed while signed in (changing it, confirming a sensitive action), checked and counted. */
export type PasswordCheck = { kind: 'ok' } | { kind: 'wrong' } | { kind: 'locked'; threshold: number };


/** The organization a session acts for, as organizations' port reads it (null: none, or no longer a member). */
export interface ActingOrganization {
  id: string;
  name: Bilingual;
  status: OrganizationStatus;
  role: OrganizationRole;
}

function actingFor(row: {
  roles: AuthorityRole[];
  currentAuthority: { id: string; name: Bilingual } | null;
  organization: ActingOrganization | null;
}): ActingFor | null {
  const o = row.organization;
  if (o) return { kind: 'organization', id: o.id, name: o.name, status: o.status, role: o.role };
  if (row.currentAuthority && row.roles.length > 0) return { kind: 'authority', ...row.currentAuthority };
  return null;
}

/** Where a browser goes once the first step of sign-in is done, by the stage its session is in. */
export function landingPath(stage: SessionStage, locale: Locale, mustChangePassword = false): string {
  if (stage === 'second_factor') return href('signInSecondFactor', locale);
  if (mustChangePassword) return href('changePassword', locale);
  if (stage === 'enrol') return href('twoFactor', locale);
  // Signed in: the person's dashboard (src/dashboard), what waits for them and what they can start.
  return href('dashboard', locale);
}

export function createIdentityService(deps: {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  publicUrl: URL;
  /**
   * An email's keyed digests (platform/secrets), the current one first and, while SESSION_SECRET is
   * being changed, the old one: how wrong passwords for unknown emails are counted.
   */
  emailDigests: (email: string) => string[];
  /** Two-factor's and organizations' SQL, plugged in when they register: read at the first query. */
  ports: Partial<Ports>;
}) {
  const { db, clock, mailer } = deps;

  /**
   * Mails one of the account's notices, in its language, inside the caller's transaction; sent
   * from a portal, it names the authority and its link opens that portal.
   */
  function notify(
    tx: Executor,
    account: { id: string; email: string; preferredLanguage: Locale; givenName: string; authorityId?: string; staffAuthorityId?: string },
    template: MailTemplate,
    page: PageName,
    now: Date,
    token?: string,
    portal?: Portal | null,
  ) {
    // No portal known: the authority the session acts for, else the account's own.
    const authorityId = account.staffAuthorityId ?? account.authorityId ?? null;
    return mailFromPortal(tx, mailer, deps.publicUrl, { portal, authorityId }, {
      accountId: account.id,
      to: account.email,
      locale: account.preferredLanguage,
      template,
      name: account.givenName,
      path: href(page, account.preferredLanguage),
      query: token ? { token } : {},
      at: now,
    });
  }

  async function issueToken(tx: Executor, accountId: string, purpose: 'verify_email' | 'reset_password', now: Date) {
    // A new link voids the earlier unused ones of the same purpose.
    await tx
      .update(accountTokens)
      .set({ usedAt: now })
      .where(and(eq(accountTokens.accountId, accountId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
    const { token, id } = newToken();
    const ttl = purpose === 'verify_email' ? VERIFY_TTL_MS : RESET_TTL_MS;
    await tx.insert(accountTokens).values({ id, accountId, purpose, createdAt: now, expiresAt: new Date(now.getTime() + ttl) });
    return token;
  }

  /** Single use: the first caller marks it used, any other gets null. */
  async function consumeToken(tx: Executor, token: string, purpose: 'verify_email' | 'reset_password', now: Date) {
    const [row] = await tx
      .update(accountTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(accountTokens.id, tokenId(token)),
          eq(accountTokens.purpose, purpose),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, now),
        ),
      )
      .returning({ accountId: accountTokens.accountId });
    return row?.accountId ?? null;
  }

  async function isTokenUsable(token: string, purpose: 'verify_email' | 'reset_password') {
    const [row] = await db
      .select({ id: accountTokens.id })
      .from(accountTokens)
      .where(
        and(
          eq(accountTokens.id, tokenId(token)),
          eq(accountTokens.purpose, purpose),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, clock.now()),
        ),
      );
    return Boolean(row);
  }

  /** A confirmation link opened again: whether it was used, on an address now confirmed. */
  async function isEmailAlreadyConfirmed(token: string): Promise<boolean> {
    const [row] = await db
      .select({ id: accountTokens.id })
      .from(accountTokens)
      .innerJoin(accounts, eq(accounts.id, accountTokens.accountId))
      .where(and(eq(accountTokens.id, tokenId(token)), eq(accountTokens.purpose, 'verify_email'), isNotNull(accountTokens.usedAt), isNotNull(accounts.emailVerifiedAt)));
    return Boolean(row);
  }

  /**
   * What modules above identity add to its queries (ports): whether an account has a second factor
   * and must have one (two-factor), the organization a session acts for (organizations). Without
   * them (a portal without those modules), no factor is required and nobody acts for an organization.
   */
  const secondFactor = () => deps.ports.secondFactorSql ?? { has: sql<boolean>`false`, must: sql<boolean>`false` };

  // Prepared once, at the first sign-in (the ports are plugged in by then): building this query
  // costs drizzle as much as PostgreSQL takes to run it.
  const prepared = memo(() => {
    const { has, must } = secondFactor();
    const accountByEmail = db
      .select({
        account: {
          id: accounts.id,
          authorityId: accounts.authorityId,
          email: accounts.email,
          givenName: accounts.givenName,
          preferredLanguage: accounts.preferredLanguage,
          passwordHash: accounts.passwordHash,
          emailVerifiedAt: accounts.emailVerifiedAt,
          lockedAt: accounts.lockedAt,
          secondFactorLockedAt: accounts.secondFactorLockedAt,
          mustChangePassword: accounts.mustChangePassword,
        },
        threshold: authorities.lockoutThreshold,
        hasSecondFactor: has,
        mustUseSecondFactor: must,
      })
      .from(accounts)
      .innerJoin(authorities, eq(authorities.id, accounts.authorityId))
      .where(eq(accounts.email, sql.placeholder('email')))
      .prepare('account_by_email');

    // Run on every signed-in request: the session, its account, the roles of the authority it acts
    // for, and the organization it acts for when the person is still a member of it.
    const actingAuthority = sql`coalesce(${sessions.currentAuthorityId}, ${accounts.authorityId})`;
    const sessionById = db
      .select({
        lastSeenAt: sessions.lastSeenAt,
        // A complete session whose person must now have a second factor and has none (an organization
        // joined or approved, a role granted, a setting changed since the sign-in) enrols before
        // anything else, on its very next request: the policy is read live, not when the session began.
        // A provider trusted for two-step verification did the second step itself (second_factor_at).
        stage: sql<SessionStage>`case when ${sessions.stage} = 'complete' and ${sessions.secondFactorAt} is null and not ${has} and ${must} then 'enrol' else ${sessions.stage} end`,
        authenticatedAt: sessions.authenticatedAt,
        secondFactorAt: sessions.secondFactorAt,
        hasSecondFactor: has,
        account: {
          id: accounts.id,
          authorityId: accounts.authorityId,
          email: accounts.email,
          givenName: accounts.givenName,
          familyName: accounts.familyName,
          preferredLanguage: accounts.preferredLanguage,
          mustChangePassword: accounts.mustChangePassword,
        },
        staffAuthorityId: sql<string>`${actingAuthority}`,
        roles: sql<AuthorityRole[]>`array(select r.role from authority_roles r where r.account_id = ${accounts.id} and r.authority_id = ${actingAuthority} order by r.role)`,
        currentAuthority: { id: authorities.id, name: authorities.name },
        organization: deps.ports.actingOrganizationSql ?? sql<ActingOrganization | null>`null`,
      })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .leftJoin(authorities, eq(authorities.id, sessions.currentAuthorityId))
      .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now')), gt(sessions.lastSeenAt, sql.placeholder('idleSince'))))
      .prepare('session_by_id');
    return { accountByEmail, sessionById };
  });

  const readAccountPage = memo(() => accountPageReader(db));

  async function findByEmail(email: string) {
    const [row] = await prepared().accountByEmail.execute({ email: email.trim() });
    return row;
  }

  /**
   * A wrong password, at sign-in or while signed in: counted by one atomic UPDATE; the threshold
   * locks the account, ends its sessions and mails its owner. Null when it was already locked.
   */
  async function countWrongPassword(
    tx: Executor,
    account: { id: string; authorityId: string; email: string; givenName: string; preferredLanguage: Locale },
    threshold: number,
    base: { origin: Origin; at: Date },
    /** Absent at sign-in; while signed in, what the password was typed for. */
    purpose?: 'change_password' | 'step_up',
    portal?: Portal | null,
  ): Promise<{ count: number; locked: boolean } | null> {
    const now = base.at;
    const [counted] = await tx
      .update(accounts)
      .set({
        failedSignIns: sql`${accounts.failedSignIns} + 1`,
        lockedAt: sql`case when ${accounts.failedSignIns} + 1 >= ${threshold} then ${now.toISOString()}::timestamptz else null end`,
      })
      .where(and(eq(accounts.id, account.id), isNull(accounts.lockedAt)))
      .returning({ failedSignIns: accounts.failedSignIns, lockedAt: accounts.lockedAt });
    if (!counted) return null;
    const row = { authorityId: account.authorityId, subjectId: account.id, actorId: null, ...base };
    const count = counted.failedSignIns;
    if (purpose) await recordEvent(tx, { ...row, event: 'password_check_failed', details: { purpose, count } });
    else await recordEvent(tx, { ...row, event: 'sign_in_failed', details: { count } });
    if (!counted.lockedAt) return { count: counted.failedSignIns, locked: false };
    await recordEvent(tx, { ...row, event: 'account_locked', details: { threshold } });
    await tx.delete(sessions).where(eq(sessions.accountId, account.id));
    await notify(tx, account, 'locked', 'forgotPassword', now, undefined, portal);
    return { count: counted.failedSignIns, locked: true };
  }

  /**
   * A wrong password for an email without an account counts the same way, kept as a keyed digest
   * of the email: from the threshold on it answers "locked" like a known account, forever, so the
   * answer never tells whether an email has an account. Nothing else is created.
   */
  async function countUnknownEmailFailure(email: string, now: Date): Promise<{ locked: boolean; threshold: number }> {
    // A count kept under the old secret moves to the new digest, so changing the secret unlocks nothing.
    const [current, previous = ''] = deps.emailDigests(email);
    const [row] = await queryRows<{ failures: number; threshold: number }>(
      db,
      sql`with moved as (delete from unknown_sign_in_failures where email_digest = ${previous} returning failures)
          insert into unknown_sign_in_failures (email_digest, failures, last_failed_at)
          values (${current}, 1 + coalesce((select sum(failures) from moved), 0), ${now.toISOString()}::timestamptz)
          on conflict (email_digest) do update
            set failures = unknown_sign_in_failures.failures + excluded.failures, last_failed_at = excluded.last_failed_at
          returning failures,
                    coalesce((select lockout_threshold from authorities order by created_at limit 1), 5) as threshold`,
    );
    const threshold = Number(row?.threshold ?? 5);
    return { locked: Number(row?.failures ?? 0) >= threshold, threshold };
  }

  /** A password typed while signed in: right (the count starts again), wrong (counted), or it locked the account. */
  async function checkSessionPassword(session: SessionAccount, password: string, origin: Origin, purpose: 'change_password' | 'step_up'): Promise<PasswordCheck> {
    const [row] = await db
      .select({ passwordHash: accounts.passwordHash, failedSignIns: accounts.failedSignIns, threshold: authorities.lockoutThreshold })
      .from(accounts)
      .innerJoin(authorities, eq(authorities.id, accounts.authorityId))
      .where(eq(accounts.id, session.id));
    const ok = await verifyPassword(row?.passwordHash ?? dummyHash, password);
    if (!row) return { kind: 'wrong' };
    if (ok && row.passwordHash) {
      if (row.failedSignIns > 0) await db.update(accounts).set({ failedSignIns: 0 }).where(and(eq(accounts.id, session.id), isNull(accounts.lockedAt)));
      return { kind: 'ok' };
    }
    const now = clock.now();
    const counted = await db.transaction((tx) =>
      countWrongPassword(tx, { ...session, id: session.id }, row.threshold, { origin, at: now }, purpose),
    );
    return counted === null || counted.locked ? { kind: 'locked', threshold: row.threshold } : { kind: 'wrong' };
  }

  return {
    landingPath,

    async defaultAuthorityId(): Promise<string> {
      const [row] = await db.select({ id: authorities.id }).from(authorities).orderBy(authorities.createdAt).limit(1);
      if (!row) throw new Error('No authority: load the demo data or create one with the CLI');
      return row.id;
    },

    /** The same answer whether or not the email is taken; the owner of a taken email is told by mail. */
    async signUp(input: {
      email: string;
      givenName: string;
      familyName: string;
      preferredLanguage: Locale;
      password: string;
      origin: Origin;
      /** The portal signed up in: the account's authority, named in its mail (none: the only authority). */
      portal: Portal | null;
    }): Promise<void> {
      const passwordHash = await hashPassword(input.password);
      const authorityId = input.portal?.id ?? (await this.defaultAuthorityId());
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(accounts)
          .values({
            authorityId,
            email: input.email.trim(),
            givenName: input.givenName,
            familyName: input.familyName,
            preferredLanguage: input.preferredLanguage,
            passwordHash,
            createdAt: now,
          })
          .onConflictDoNothing({ target: accounts.email })
          .returning();
        if (!created) {
          const [existing] = await tx.select().from(accounts).where(eq(accounts.email, input.email.trim()));
          if (existing) {
            await notify(tx, existing, 'exists', 'signIn', now, undefined, input.portal);
          }
          return;
        }
        // Wrong passwords typed for this email before it had an account do not lock the new one.
        await tx.delete(unknownSignInFailures).where(inArray(unknownSignInFailures.emailDigest, deps.emailDigests(input.email)));
        await recordRelation(tx, authorityId, created.id, 'sign_up', now);
        await recordEvent(tx, { authorityId, event: 'sign_up', actorId: created.id, subjectId: created.id, origin: input.origin, at: now });
        const token = await issueToken(tx, created.id, 'verify_email', now);
        await notify(tx, created, 'verify', 'verifyEmail', now, token, input.portal);
      });
    },

    /** Sends a new verification link when the account exists and is unverified; silent otherwise. */
    async resendVerification(email: string, portal: Portal | null = null): Promise<void> {
      const found = await findByEmail(email);
      if (!found || found.account.emailVerifiedAt) return;
      const { account } = found;
      const now = clock.now();
      await db.transaction(async (tx) => {
        const token = await issueToken(tx, account.id, 'verify_email', now);
        await notify(tx, account, 'verify', 'verifyEmail', now, token, portal);
      });
    },

    isTokenUsable,
    isEmailAlreadyConfirmed,

    async verifyEmail(token: string, origin: Origin): Promise<boolean> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const accountId = await consumeToken(tx, token, 'verify_email', now);
        if (!accountId) return false;
        const [account] = await tx
          .update(accounts)
          .set({ emailVerifiedAt: now })
          .where(eq(accounts.id, accountId))
          .returning({ authorityId: accounts.authorityId });
        await recordEvent(tx, { authorityId: account?.authorityId ?? null, event: 'email_verified', actorId: accountId, subjectId: accountId, origin, at: now });
        return true;
      });
    },

    /**
     * One Argon2 verification whatever the outcome, so an unknown email and a wrong password
     * cannot be told apart by message or by time. Failures are counted by one atomic UPDATE.
     */
    async signIn(input: { email: string; password: string; origin: Origin; previousSessionToken?: string; portal?: Portal | null }): Promise<SignInResult> {
      const found = await findByEmail(input.email);
      const ok = await verifyPassword(found?.account.passwordHash ?? dummyHash, input.password);
      const now = clock.now();
      if (!found) {
        const unknown = await countUnknownEmailFailure(input.email, now);
        return unknown.locked ? { kind: 'locked', threshold: unknown.threshold } : { kind: 'invalid' };
      }
      const { account, threshold } = found;
      const base = { authorityId: account.authorityId, subjectId: account.id, origin: input.origin, at: now };
      if (!ok) {
        return db.transaction(async (tx) => {
          const counted = await countWrongPassword(tx, account, threshold, { origin: input.origin, at: now }, undefined, input.portal);
          if (!counted) {
            await recordEvent(tx, { ...base, event: 'sign_in_blocked', actorId: null });
            return { kind: 'locked', threshold } as const;
          }
          return counted.locked ? ({ kind: 'locked', threshold } as const) : ({ kind: 'invalid' } as const);
        });
      }
      if (account.lockedAt) {
        await db.transaction((tx) => recordEvent(tx, { ...base, event: 'sign_in_blocked', actorId: null }));
        return { kind: 'locked', threshold };
      }
      if (!account.emailVerifiedAt) return { kind: 'unverified' };
      const stage = stageAfterFirstStep({ ...found, secondFactorDone: false });
      if (stage === 'second_factor' && account.secondFactorLockedAt) {
        await db.transaction((tx) => recordEvent(tx, { ...base, event: 'sign_in_blocked', actorId: null, details: { secondFactorLocked: true } }));
        return { kind: 'second_factor_locked' };
      }
      const rehash = account.passwordHash && needsRehash(account.passwordHash) ? await hashPassword(input.password) : null;
      const { token: sessionToken, id: sessionId } = newToken();
      const at = now.toISOString();
      const userAgent = input.origin.userAgent?.slice(0, 512) ?? null;
      // The busiest write of the portal, as one statement (one round trip, atomic): reset the count
      // unless a concurrent failure locked the account meanwhile, then the session and its audit row.
      // The session cookie the browser came with, if any, ends: one session per sign-in.
      const signedIn = await queryRows<{ id: string }>(db, sql`
        with updated as (
          update accounts
             set failed_sign_ins = 0, last_sign_in_at = ${at}::timestamptz,
                 password_hash = coalesce(${rehash}::text, password_hash)
           where id = ${account.id} and locked_at is null
          returning id, authority_id),
        previous as (
          delete from sessions where id = ${input.previousSessionToken ? tokenId(input.previousSessionToken) : null}::text),
        session as (
          insert into sessions (id, account_id, created_at, last_seen_at, expires_at, ip, user_agent, stage, authenticated_at)
          select ${sessionId}, id, ${at}::timestamptz, ${at}::timestamptz, ${new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS).toISOString()}::timestamptz,
                 ${input.origin.ip}, ${userAgent}, ${stage}, ${at}::timestamptz
            from updated)
        ${stage === 'second_factor'
          ? recordEventFrom('updated', { event: 'password_accepted', origin: input.origin, at: now, details: { stage } })
          : recordEventFrom('updated', { event: 'sign_in', origin: input.origin, at: now, details: { stage } })}`);
      if (signedIn.length === 0) return { kind: 'locked', threshold };
      // Signing in at a portal is acting there: the person is one of that authority's people from now on.
      if (input.portal) await recordRelation(db, input.portal.id, account.id, 'sign_in', now);
      return { kind: 'signed_in', sessionToken, accountId: account.id, locale: account.preferredLanguage, stage, mustChangePassword: account.mustChangePassword };
    },

    /**
     * Opens a session once the first step is done some other way than a password (an identity
     * provider): the same policy decides its stage.
     */
    async beginSession(input: {
      accountId: string;
      origin: Origin;
      previousSessionToken?: string;
      secondFactorDone: boolean;
      method: { provider: string };
      /** The portal signed in at: the person is one of its authority's people from now on. */
      portal?: Portal | null;
    }): Promise<{ sessionToken: string; stage: SessionStage }> {
      const now = clock.now();
      const { token: sessionToken, id: sessionId } = newToken();
      return db.transaction(async (tx) => {
        const [state] = await tx
          .select({ authorityId: accounts.authorityId, hasSecondFactor: secondFactor().has, mustUseSecondFactor: secondFactor().must })
          .from(accounts)
          .where(eq(accounts.id, input.accountId));
        if (!state) throw new Error('beginSession: no such account');
        const stage = stageAfterFirstStep({ ...state, secondFactorDone: input.secondFactorDone });
        if (input.previousSessionToken) await tx.delete(sessions).where(eq(sessions.id, tokenId(input.previousSessionToken)));
        await tx.insert(sessions).values({
          id: sessionId,
          accountId: input.accountId,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
          ip: input.origin.ip,
          userAgent: input.origin.userAgent?.slice(0, 512) ?? null,
          stage,
          authenticatedAt: now,
          secondFactorAt: stage === 'complete' && input.secondFactorDone ? now : null,
        });
        await tx.update(accounts).set({ lastSignInAt: now }).where(eq(accounts.id, input.accountId));
        if (input.portal) await recordRelation(tx, input.portal.id, input.accountId, 'sign_in', now);
        await recordEvent(tx, {
          authorityId: state.authorityId,
          event: 'provider_sign_in',
          actorId: input.accountId,
          subjectId: input.accountId,
          origin: input.origin,
          at: now,
          details: { provider: input.method.provider, stage, secondFactorDone: input.secondFactorDone },
        });
        return { sessionToken, stage };
      });
    },

    /**
     * The second step succeeded (at sign-in, or again for a sensitive action): the session is
     * complete and its second factor fresh; wrong attempts start again from zero.
     */
    async passSecondFactor(sessionId: string, method: SecondFactorMethod, origin: Origin): Promise<{ sessionToken: string | null }> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [before] = await tx.select({ stage: sessions.stage }).from(sessions).where(eq(sessions.id, sessionId)).for('update');
        if (!before) return { sessionToken: null };
        // At sign-in the token issued after the password alone must not become the full session:
        // the session gets a new id (rows that refer to it follow: on update cascade, migration 20261201T1100_security-keys).
        const renewed = before.stage === 'second_factor' ? newToken() : null;
        const [session] = await tx
          .update(sessions)
          .set({ stage: 'complete', secondFactorAt: now, ...(renewed ? { id: renewed.id } : {}) })
          .where(eq(sessions.id, sessionId))
          .returning({ accountId: sessions.accountId, stage: sessions.stage });
        if (!session) return { sessionToken: null };
        const [account] = await tx
          .update(accounts)
          .set({ failedSecondFactors: 0 })
          .where(eq(accounts.id, session.accountId))
          .returning({ authorityId: accounts.authorityId });
        await recordEvent(tx, {
          authorityId: account?.authorityId ?? null,
          event: 'second_factor_passed',
          actorId: session.accountId,
          subjectId: session.accountId,
          origin,
          at: now,
          details: { method, ...(renewed ? { sessionRenewed: true } : {}) },
        });
        // The sign-in completes only now: "signed in" is recorded here, not when the password was accepted.
        if (renewed) {
          await recordEvent(tx, { authorityId: account?.authorityId ?? null, event: 'sign_in', actorId: session.accountId, subjectId: session.accountId, origin, at: now, details: { stage: 'complete', method } });
        }
        return { sessionToken: renewed?.token ?? null };
      });
    },

    /** A wrong code or key: counted atomically like wrong passwords; the threshold locks the second step. */
    async failSecondFactor(sessionId: string, method: SecondFactorMethod, origin: Origin, portal: Portal | null = null): Promise<{ locked: boolean }> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [session] = await tx.select({ accountId: sessions.accountId }).from(sessions).where(eq(sessions.id, sessionId));
        if (!session) return { locked: false };
        const [counted] = await queryRows<{ authority_id: string; failed_second_factors: number; locked: boolean; email: string; given_name: string; preferred_language: Locale }>(
          tx,
          sql`update accounts a
                 set failed_second_factors = a.failed_second_factors + 1,
                     second_factor_locked_at = case when a.failed_second_factors + 1 >= au.lockout_threshold then ${now.toISOString()}::timestamptz end
                from authorities au
               where a.id = ${session.accountId} and au.id = a.authority_id and a.second_factor_locked_at is null
           returning a.authority_id, a.failed_second_factors, a.second_factor_locked_at is not null as locked,
                     a.email, a.given_name, a.preferred_language`,
        );
        if (!counted) return { locked: true };
        const base = { authorityId: counted.authority_id, actorId: null, subjectId: session.accountId, origin, at: now };
        await recordEvent(tx, { ...base, event: 'second_factor_failed', details: { method, count: counted.failed_second_factors } });
        if (counted.locked) {
          await recordEvent(tx, { ...base, event: 'second_factor_locked' });
          await tx.delete(sessions).where(eq(sessions.accountId, session.accountId));
          await notify(
            tx,
            { id: session.accountId, authorityId: counted.authority_id, email: counted.email, givenName: counted.given_name, preferredLanguage: counted.preferred_language },
            'secondFactorLocked',
            'factorRecovery',
            now,
            undefined,
            portal,
          );
        }
        return { locked: counted.locked };
      });
    },

    async isSecondFactorLocked(accountId: string): Promise<boolean> {
      const [row] = await db.select({ at: accounts.secondFactorLockedAt }).from(accounts).where(eq(accounts.id, accountId));
      return Boolean(row?.at);
    },

    /**
     * What other modules change about sessions and accounts, always inside their own transaction
     * (with their audit row): identity owns these tables and is the only one writing them.
     */
    sessions: {
      /** A factor was just added and proved on this session: it is complete and its second factor fresh. */
      async factorProved(tx: Executor, sessionId: string, accountId: string, now: Date): Promise<void> {
        await tx.update(sessions).set({ stage: 'complete', secondFactorAt: now }).where(eq(sessions.id, sessionId));
        await tx.update(accounts).set({ mustEnrolSecondFactor: false }).where(eq(accounts.id, accountId));
      },

      /** The person signed in again at an identity provider to confirm a sensitive action. */
      async confirmedElsewhere(tx: Executor, session: { sessionId: string; id: string }, secondFactorToo: boolean, now: Date): Promise<void> {
        await tx
          .update(sessions)
          .set({ authenticatedAt: now, ...(secondFactorToo ? { secondFactorAt: now } : {}) })
          .where(and(eq(sessions.id, session.sessionId), eq(sessions.accountId, session.id)));
      },

      /** What the session acts for: one organization, one authority, or (neither) the person themselves. */
      async actFor(tx: Executor, sessionId: string, target: { organizationId?: string; authorityId?: string }): Promise<void> {
        await tx
          .update(sessions)
          .set({ currentOrganizationId: target.organizationId ?? null, currentAuthorityId: target.authorityId ?? null })
          .where(eq(sessions.id, sessionId));
      },

      /** Someone left an organization: whatever session acted for it stops at once. */
      async stopActingFor(tx: Executor, accountId: string, organizationId: string): Promise<void> {
        await tx.update(sessions).set({ currentOrganizationId: null }).where(and(eq(sessions.accountId, accountId), eq(sessions.currentOrganizationId, organizationId)));
      },

      /** A new role or membership may require a second factor: someone without one enrols before going on. */
      async enrolIfRequired(tx: Executor, accountId: string): Promise<void> {
        const { has, must } = secondFactor();
        const [state] = await tx.select({ has, must }).from(accounts).where(eq(accounts.id, accountId));
        if (state?.must && !state.has) await tx.update(sessions).set({ stage: 'enrol' }).where(and(eq(sessions.accountId, accountId), eq(sessions.stage, 'complete')));
      },

      /**
       * Keeps what the next page shows once (a new code), for this session only, replacing one of
       * the same kind; written in the transaction that made it.
       */
      async showOnce(tx: Executor, sessionId: string, kind: string, payload: unknown, now: Date): Promise<void> {
        await tx
          .insert(shownOnce)
          .values({ sessionId, kind, payload, createdAt: now })
          .onConflictDoUpdate({ target: [shownOnce.sessionId, shownOnce.kind], set: { payload, createdAt: now } });
      },

      /** What was kept to be shown once, taken (deleted) by the page that shows it; null the second time. */
      async takeShownOnce(sessionId: string, kind: string): Promise<unknown> {
        const [row] = await db
          .delete(shownOnce)
          .where(and(eq(shownOnce.sessionId, sessionId), eq(shownOnce.kind, kind)))
          .returning({ payload: shownOnce.payload, createdAt: shownOnce.createdAt });
        if (!row || clock.now().getTime() - row.createdAt.getTime() > SHOWN_ONCE_TTL_MS) return null;
        return row.payload;
      },

      /** Ends every session of the account; returns how many there were. */
      async endAll(tx: Executor, accountId: string): Promise<number> {
        const ended = await tx.delete(sessions).where(eq(sessions.accountId, accountId)).returning({ id: sessions.id });
        return ended.length;
      },
    },

    accounts: {
      /**
       * An account whose email someone else verified (an identity provider) and with no password yet;
       * null when the email is taken (the caller's transaction then goes no further).
       */
      async createVerified(tx: Executor, input: { authorityId: string; email: string; givenName: string; familyName: string; preferredLanguage: Locale }, now: Date) {
        const [created] = await tx
          .insert(accounts)
          .values({ ...input, passwordHash: null, emailVerifiedAt: now, createdAt: now })
          .onConflictDoNothing({ target: accounts.email })
          .returning({ id: accounts.id });
        if (created) await recordRelation(tx, input.authorityId, created.id, 'sign_up', now);
        return created ?? null;
      },

      /** Staff reset every factor: the next sign-in enrols a new one, and a locked second step opens. */
      async mustEnrolAgain(tx: Executor, accountId: string) {
        const [person] = await tx
          .update(accounts)
          .set({ mustEnrolSecondFactor: true, failedSecondFactors: 0, secondFactorLockedAt: null })
          .where(eq(accounts.id, accountId))
          .returning();
        return person ?? null;
      },
    },

    /** The password again, for a sensitive action when the account has no second factor; wrong ones are counted. */
    async confirmPassword(session: SessionAccount, password: string, origin: Origin): Promise<PasswordCheck> {
      const check = await checkSessionPassword(session, password, origin, 'step_up');
      if (check.kind !== 'ok') return check;
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.update(sessions).set({ authenticatedAt: now }).where(eq(sessions.id, session.sessionId));
        await recordEvent(tx, { authorityId: session.authorityId, event: 'step_up', actorId: session.id, subjectId: session.id, origin, at: now, details: { method: 'password' } });
      });
      return check;
    },

    /** The session behind a cookie, or null when unknown, idle for 30 min or older than 12 h. */
    async sessionAccount(sessionToken: string): Promise<SessionAccount | null> {
      const now = clock.now();
      const id = tokenId(sessionToken);
      const [row] = await prepared().sessionById.execute({ id, now, idleSince: new Date(now.getTime() - IDLE_TIMEOUT_MS) });
      if (!row) return null;
      // Touch at most once a minute: reads stay reads.
      if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
      }
      return {
        sessionId: id,
        ...row.account,
        isStaff: row.roles.length > 0,
        staffAuthorityId: row.staffAuthorityId,
        authorityRoles: row.roles,
        actingFor: actingFor(row),
        stage: row.stage,
        authenticatedAt: row.authenticatedAt,
        secondFactorAt: row.secondFactorAt,
        hasSecondFactor: row.hasSecondFactor,
      };
    },

    async signOut(sessionToken: string, origin: Origin): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [ended] = await tx.delete(sessions).where(eq(sessions.id, tokenId(sessionToken))).returning({ accountId: sessions.accountId });
        if (!ended) return;
        const [account] = await tx.select({ authorityId: accounts.authorityId }).from(accounts).where(eq(accounts.id, ended.accountId));
        await recordEvent(tx, { authorityId: account?.authorityId ?? null, event: 'sign_out', actorId: ended.accountId, subjectId: ended.accountId, origin, at: now });
      });
    },

    async signOutEverywhere(account: SessionAccount, origin: Origin): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.delete(sessions).where(eq(sessions.accountId, account.id));
        await recordEvent(tx, { authorityId: account.authorityId, event: 'sign_out_everywhere', actorId: account.id, subjectId: account.id, origin, at: now });
      });
    },

    /** What the account page shows, in one statement (queries.ts). */
    accountPage(accountId: string) {
      const now = clock.now();
      return readAccountPage()(accountId, now, new Date(now.getTime() - IDLE_TIMEOUT_MS));
    },

    /** Always silent about whether the account exists. */
    async requestPasswordReset(email: string, origin: Origin, portal: Portal | null = null): Promise<void> {
      const found = await findByEmail(email);
      if (!found) return;
      const { account } = found;
      const now = clock.now();
      await db.transaction(async (tx) => {
        const token = await issueToken(tx, account.id, 'reset_password', now);
        await recordEvent(tx, { authorityId: account.authorityId, event: 'password_reset_requested', actorId: null, subjectId: account.id, origin, at: now });
        await notify(tx, account, 'reset', 'resetPassword', now, token, portal);
      });
    },

    async emailForResetToken(token: string): Promise<string | null> {
      const [row] = await db
        .select({ email: accounts.email })
        .from(accountTokens)
        .innerJoin(accounts, eq(accounts.id, accountTokens.accountId))
        .where(and(eq(accountTokens.id, tokenId(token)), eq(accountTokens.purpose, 'reset_password'), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, clock.now())));
      return row?.email ?? null;
    },

    /** Proof of the mailbox: sets the password, unlocks, confirms the email, ends every session. */
    async completePasswordReset(token: string, password: string, origin: Origin, portal: Portal | null = null): Promise<boolean> {
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      return db.transaction(async (tx) => {
        const accountId = await consumeToken(tx, token, 'reset_password', now);
        if (!accountId) return false;
        const [before] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
        if (!before) return false;
        await tx
          .update(accounts)
          .set({ passwordHash, failedSignIns: 0, lockedAt: null, mustChangePassword: false, emailVerifiedAt: before.emailVerifiedAt ?? now })
          .where(eq(accounts.id, accountId));
        await tx.delete(sessions).where(eq(sessions.accountId, accountId));
        const base = { authorityId: before.authorityId, actorId: accountId, subjectId: accountId, origin, at: now };
        await recordEvent(tx, { ...base, event: 'password_reset_completed' });
        if (before.lockedAt) await recordEvent(tx, { ...base, event: 'account_unlocked', details: { by: 'password_reset' } });
        await notify(tx, before, 'passwordChanged', 'forgotPassword', now, undefined, portal);
        return true;
      });
    },

    /** Needs the current password (wrong ones are counted); ends every other session of the account. */
    async changePassword(account: SessionAccount, current: string, next: string, origin: Origin, portal: Portal | null = null): Promise<PasswordCheck> {
      const check = await checkSessionPassword(account, current, origin, 'change_password');
      if (check.kind !== 'ok') return check;
      const passwordHash = await hashPassword(next);
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.update(accounts).set({ passwordHash, mustChangePassword: false }).where(eq(accounts.id, account.id));
        await tx.delete(sessions).where(and(eq(sessions.accountId, account.id), ne(sessions.id, account.sessionId)));
        await recordEvent(tx, { authorityId: account.authorityId, event: 'password_changed', actorId: account.id, subjectId: account.id, origin, at: now });
        await notify(tx, account, 'passwordChanged', 'forgotPassword', now, undefined, portal);
      });
      return check;
    },

    async accountDetails(accountId: string) {
      const [row] = await db.select().from(accounts).where(eq(accounts.id, accountId));
      return row ?? null;
    },

    async updateDetails(
      account: SessionAccount,
      details: Omit<AccountDetails, 'email'>,
      origin: Origin,
    ): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx.update(accounts).set(details).where(eq(accounts.id, account.id));
        await recordEvent(tx, { authorityId: account.authorityId, event: 'details_updated', actorId: account.id, subjectId: account.id, origin, at: now });
      });
    },

    /** Staff unlock, within the staff member's own authority only: `ofAuthority` says who its people are (staff's query). */
    async unlock(staff: SessionAccount, accountId: string, origin: Origin, ofAuthority: SQL): Promise<boolean> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [unlocked] = await tx
          .update(accounts)
          .set({ lockedAt: null, failedSignIns: 0, secondFactorLockedAt: null, failedSecondFactors: 0 })
          .where(and(eq(accounts.id, accountId), ofAuthority))
          .returning();
        if (!unlocked) return false;
        await recordEvent(tx, { authorityId: staff.staffAuthorityId, event: 'account_unlocked', actorId: staff.id, subjectId: accountId, origin, at: now, details: { by: 'staff' } });
        // Sent on behalf of the authority whose staff unlocked it.
        await notify(tx, unlocked, 'unlocked', 'signIn', now, undefined, await portalOf(tx, staff.staffAuthorityId));
        return true;
      });
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
