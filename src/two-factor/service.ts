import { TransactionRollbackError, and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import { type Database, type Executor } from '../platform/db.ts';
import { type Locale, translator } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import type { Sealer } from '../platform/secrets.ts';
import { hasSecondFactorSql, mustUseSecondFactorSql, NUDGE_DISMISSAL_MS, shouldNudge } from './policies.ts';
import { CODES_PER_SET, hashRecoveryCode, newRecoveryCode, recoveryCodeMatches } from './recovery-codes.ts';
import { enrolment, matchingStep, newAppKey } from './totp.ts';
import type { Clock } from '../platform/clock.ts';
import type { Origin } from '../platform/origin.ts';
import type { SecondFactorMethod, SessionAccount, StaffActor } from '../platform/actors.ts';
import { authorities, mailFromPortal, portalOf, recordRelation } from '../authorities/index.ts';
import type { Portal } from '../platform/portal.ts';
import { accounts } from '../identity/index.ts';
import { authenticatorApps, factorRecoveryRequests, recoveryCodes, secondFactorReminders } from './schema.ts';
import type { IdentityService } from '../identity/index.ts';
import type { Ports } from '../platform/module.ts';

const PENDING_APP_TTL_MS = 30 * 60 * 1000;

export type VerificationMethod = 'video_call_with_id' | 'phone_call_known_number' | 'in_person_with_id' | 'other';
export const verificationMethods: VerificationMethod[] = ['video_call_with_id', 'phone_call_known_number', 'in_person_with_id', 'other'];

interface Person {
  id: string;
  authorityId: string;
  email: string;
  givenName: string;
  preferredLanguage: Locale;
}

/** Recovery codes just made, kept for the page that shows them once; `enrolling`: set up because the role requires it. */
const RECOVERY_CODES_SHOWN = 'twoFactor.recoveryCodes';
interface ShownCodes {
  codes: string[];
  enrolling: boolean;
}
/** Where a person sent to enrolment was going, to go on there once a method is set up. */
const AFTER_ENROLMENT = 'twoFactor.afterEnrolment';

export function createTwoFactorService(deps: { db: Database; clock: Clock; mailer: Mailer; sealer: Sealer; publicUrl: URL; identity: IdentityService; ports: Partial<Ports> }) {
  const { db, clock, mailer, sealer } = deps;

  /** In the name of the portal the request is in, else of the authority the session acts for (or the account's own). */
  function mail(tx: Executor, person: Person | SessionAccount, template: MailTemplate, now: Date, detail?: string, portal?: Portal | null) {
    const authorityId = 'staffAuthorityId' in person ? person.staffAuthorityId : person.authorityId;
    return mailFromPortal(tx, mailer, deps.publicUrl, { portal, authorityId }, {
      accountId: person.id,
      to: person.email,
      locale: person.preferredLanguage,
      template,
      name: person.givenName,
      path: href('twoFactor', person.preferredLanguage),
      ...(detail !== undefined ? { detail } : {}),
      at: now,
    });
  }

  const appName = (person: Person) => translator(person.preferredLanguage)('twoFactor.app.name');

  /** Replaces any unused codes with a fresh set; returns the codes, to be shown once. */
  /** New recovery codes wait, for this session only, for the one page that shows them (then they are gone). */
  const showCodesOnce = (tx: Executor, account: SessionAccount, codes: string[], now: Date) =>
    deps.identity.sessions.showOnce(tx, account.sessionId, RECOVERY_CODES_SHOWN, { codes, enrolling: account.stage === 'enrol' } satisfies ShownCodes, now);

  async function issueRecoveryCodes(tx: Executor, accountId: string, now: Date): Promise<string[]> {
    const codes = Array.from({ length: CODES_PER_SET }, newRecoveryCode);
    const hashes = await Promise.all(codes.map(hashRecoveryCode));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
    await tx.insert(recoveryCodes).values(hashes.map((codeHash) => ({ accountId, codeHash, createdAt: now })));
    return codes;
  }

  async function remainingRecoveryCodes(executor: Executor, accountId: string): Promise<number> {
    const [row] = await executor
      .select({ n: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.accountId, accountId), isNull(recoveryCodes.usedAt)));
    return row?.n ?? 0;
  }

  async function activeAppKey(accountId: string) {
    const [app] = await db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, accountId));
    return app?.sealedKey && app.confirmedAt ? { key: sealer.open(app.sealedKey), lastUsedStep: app.lastUsedStep } : null;
  }

  return {
    /** Forgets every recovery code of the account (its last factor went: codes alone are no second step). */
    async dropRecoveryCodes(tx: Executor, accountId: string): Promise<void> {
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
    },

    /** What the two-step verification page shows. */
    async status(accountId: string) {
      const [app] = await db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, accountId));
      const [state] = await db
        .select({ has: hasSecondFactorSql, must: mustUseSecondFactorSql })
        .from(accounts)
        .innerJoin(authorities, eq(authorities.id, accounts.authorityId))
        .where(eq(accounts.id, accountId));
      return {
        appSince: app?.sealedKey ? app.confirmedAt : null,
        securityKeys: (await deps.ports.securityKeyCount?.(accountId)) ?? 0,
        recoveryCodesLeft: await remainingRecoveryCodes(db, accountId),
        hasSecondFactor: state?.has ?? false,
        mustUseSecondFactor: state?.must ?? false,
      };
    },

    /** Whether the account page (later the dashboard) reminds this person to set up two-step verification. */
    async shouldNudge(accountId: string): Promise<boolean> {
      const [state] = await db
        .select({ hasSecondFactor: hasSecondFactorSql, mustUseSecondFactor: mustUseSecondFactorSql, nudgeDismissedAt: secondFactorReminders.dismissedAt })
        .from(accounts)
        .leftJoin(secondFactorReminders, eq(secondFactorReminders.accountId, accounts.id))
        .where(eq(accounts.id, accountId));
      return state !== undefined && shouldNudge(state, clock.now());
    },

    /** "Not now": the reminder stays away for NUDGE_DISMISSAL_MS, and the answer is in the audit. */
    async dismissNudge(account: SessionAccount, origin: Origin): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await tx
          .insert(secondFactorReminders)
          .values({ accountId: account.id, dismissedAt: now })
          .onConflictDoUpdate({ target: secondFactorReminders.accountId, set: { dismissedAt: now } });
        await recordEvent(tx, {
          authorityId: account.authorityId,
          event: 'second_factor_nudge_dismissed',
          actorId: account.id,
          subjectId: account.id,
          origin,
          at: now,
          details: { remindAfter: new Date(now.getTime() + NUDGE_DISMISSAL_MS).toISOString() },
        });
      });
    },

    /** A new key for the app, kept pending (sealed) until a code from it is entered. */
    async beginApp(account: SessionAccount, authorityName: string) {
      const now = clock.now();
      const [existing] = await db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, account.id));
      let key: string;
      if (existing?.pendingSealedKey && existing.pendingSince && now.getTime() - existing.pendingSince.getTime() < PENDING_APP_TTL_MS) {
        // Reloading the page keeps the key the person may already have scanned.
        key = sealer.open(existing.pendingSealedKey);
      } else {
        key = newAppKey();
        await db
          .insert(authenticatorApps)
          .values({ accountId: account.id, pendingSealedKey: sealer.seal(key), pendingSince: now })
          .onConflictDoUpdate({ target: authenticatorApps.accountId, set: { pendingSealedKey: sealer.seal(key), pendingSince: now } });
      }
      return enrolment(key, account.email, `Guichet (${authorityName})`);
    },

    /**
     * A code from the pending key makes it the account's app. The first factor of an account also
     * gets its recovery codes, returned to be shown once.
     */
    async confirmApp(account: SessionAccount, code: string, origin: Origin, portal: Portal | null = null): Promise<{ ok: false } | { ok: true; recoveryCodes: string[] | null }> {
      const now = clock.now();
      const [pending] = await db.select().from(authenticatorApps).where(eq(authenticatorApps.accountId, account.id));
      if (!pending?.pendingSealedKey || !pending.pendingSince || now.getTime() - pending.pendingSince.getTime() >= PENDING_APP_TTL_MS) return { ok: false };
      const step = matchingStep(sealer.open(pending.pendingSealedKey), code, now);
      if (step === null) return { ok: false };
      return db.transaction(async (tx) => {
        const replaced = Boolean(pending.sealedKey);
        const [confirmed] = await tx
          .update(authenticatorApps)
          .set({ sealedKey: pending.pendingSealedKey, confirmedAt: now, lastUsedStep: step, pendingSealedKey: null, pendingSince: null })
          .where(and(eq(authenticatorApps.accountId, account.id), eq(authenticatorApps.pendingSealedKey, pending.pendingSealedKey ?? '')))
          .returning({ accountId: authenticatorApps.accountId });
        if (!confirmed) return { ok: false } as const;
        const firstFactor = !account.hasSecondFactor;
        const codes = firstFactor || (await remainingRecoveryCodes(tx, account.id)) === 0 ? await issueRecoveryCodes(tx, account.id, now) : null;
        if (codes) await showCodesOnce(tx, account, codes, now);
        const base = { authorityId: account.authorityId, actorId: account.id, subjectId: account.id, origin, at: now };
        await recordEvent(tx, { ...base, event: 'authenticator_app_added', details: { replaced } });
        if (codes) await recordEvent(tx, { ...base, event: 'recovery_codes_generated' });
        await mail(tx, account, 'factorAdded', now, appName(account), portal);
        // The code just typed proves the new factor: this session counts as verified now.
        await deps.identity.sessions.factorProved(tx, account.sessionId, account.id, now);
        return { ok: true, recoveryCodes: codes } as const;
      });
    },

    /** Refused when it is the last factor of an account that must use one. */
    async removeApp(account: SessionAccount, origin: Origin, portal: Portal | null = null): Promise<boolean> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [removed] = await tx.delete(authenticatorApps).where(eq(authenticatorApps.accountId, account.id)).returning();
        if (!removed?.sealedKey) return false;
        const [after] = await tx
          .select({ has: hasSecondFactorSql, must: mustUseSecondFactorSql })
          .from(accounts)
          .where(eq(accounts.id, account.id));
        // The last factor of an account that must use one stays.
        if (after?.must && !after.has) tx.rollback();
        if (!after?.has) await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, account.id));
        await recordEvent(tx, { authorityId: account.authorityId, event: 'authenticator_app_removed', actorId: account.id, subjectId: account.id, origin, at: now });
        await mail(tx, account, 'factorRemoved', now, appName(account), portal);
        return true;
      }).catch((error: unknown) => {
        if (error instanceof TransactionRollbackError) return false;
        throw error;
      });
    },

    /** A code from the app, once: a step at or before the last one accepted is refused (replay). */
    async checkAppCode(accountId: string, code: string): Promise<boolean> {
      const now = clock.now();
      const app = await activeAppKey(accountId);
      if (!app) return false;
      const step = matchingStep(app.key, code, now);
      if (step === null) return false;
      const [accepted] = await db
        .update(authenticatorApps)
        .set({ lastUsedStep: step })
        .where(
          and(
            eq(authenticatorApps.accountId, accountId),
            sql`(${authenticatorApps.lastUsedStep} is null or ${authenticatorApps.lastUsedStep} < ${step})`,
          ),
        )
        .returning({ accountId: authenticatorApps.accountId });
      return Boolean(accepted);
    },

    /** One unused recovery code, used up atomically; the person is told by mail how many are left. */
    async useRecoveryCode(person: Person, typed: string, origin: Origin, portal: Portal | null = null): Promise<boolean> {
      const now = clock.now();
      const unused = await db
        .select()
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.accountId, person.id), isNull(recoveryCodes.usedAt)));
      const matches = await Promise.all(unused.map((row) => recoveryCodeMatches(row.codeHash, typed)));
      const match = unused[matches.indexOf(true)];
      if (!match) return false;
      return db.transaction(async (tx) => {
        const [used] = await tx
          .update(recoveryCodes)
          .set({ usedAt: now })
          .where(and(eq(recoveryCodes.id, match.id), isNull(recoveryCodes.usedAt)))
          .returning({ id: recoveryCodes.id });
        if (!used) return false;
        const left = await remainingRecoveryCodes(tx, person.id);
        await recordEvent(tx, { authorityId: person.authorityId, event: 'recovery_code_used', actorId: person.id, subjectId: person.id, origin, at: now, details: { left } });
        await mail(tx, person, 'recoveryCodeUsed', now, String(left), portal);
        return true;
      });
    },

    /** The codes just made in this session, for the page that shows them once, and where to go next; null after that. */
    async takeShownCodes(sessionId: string): Promise<(ShownCodes & { next: string | null }) | null> {
      const shown = (await deps.identity.sessions.takeShownOnce(sessionId, RECOVERY_CODES_SHOWN)) as ShownCodes | null;
      if (!shown) return null;
      const after = (await deps.identity.sessions.takeShownOnce(sessionId, AFTER_ENROLMENT)) as { path: string } | null;
      return { ...shown, next: after?.path ?? null };
    },

    /** The enrolment gate sent the person here from `path`: they go on there once a method is set up. */
    async rememberDestination(sessionId: string, path: string): Promise<void> {
      await deps.identity.sessions.showOnce(db, sessionId, AFTER_ENROLMENT, { path }, clock.now());
    },

    /** A new set voids the old one. */
    async regenerateRecoveryCodes(account: SessionAccount, origin: Origin, portal: Portal | null = null): Promise<string[] | null> {
      if (!account.hasSecondFactor) return null;
      const now = clock.now();
      return db.transaction(async (tx) => {
        const codes = await issueRecoveryCodes(tx, account.id, now);
        await showCodesOnce(tx, account, codes, now);
        await recordEvent(tx, { authorityId: account.authorityId, event: 'recovery_codes_generated', actorId: account.id, subjectId: account.id, origin, at: now });
        await mail(tx, account, 'recoveryCodesRegenerated', now, undefined, portal);
        return codes;
      });
    },

    /** Checks a second-factor answer of either kind for the person. */
    async check(person: Person, method: Exclude<SecondFactorMethod, 'security_key'>, code: string, origin: Origin, portal: Portal | null = null): Promise<boolean> {
      return method === 'authenticator_app' ? this.checkAppCode(person.id, code) : this.useRecoveryCode(person, code, origin, portal);
    },

    /**
     * From the sign-in page, always the same answer; when the account exists, the staff of the
     * portal it was asked in see the request (none known: the account's own authority), and
     * the person is one of that authority's people from then on.
     */
    async requestFactorRecovery(email: string, message: string, origin: Origin, portal: Portal | null = null): Promise<void> {
      const now = clock.now();
      const [person] = await db
        .select({ id: accounts.id, authorityId: accounts.authorityId, email: accounts.email, givenName: accounts.givenName, preferredLanguage: accounts.preferredLanguage })
        .from(accounts)
        .where(eq(accounts.email, email.trim()));
      if (!person) return;
      const authorityId = portal?.id ?? person.authorityId;
      await db.transaction(async (tx) => {
        const [open] = await tx
          .select({ id: factorRecoveryRequests.id })
          .from(factorRecoveryRequests)
          .where(and(eq(factorRecoveryRequests.accountId, person.id), eq(factorRecoveryRequests.authorityId, authorityId), eq(factorRecoveryRequests.status, 'pending')));
        if (open) return;
        await recordRelation(tx, authorityId, person.id, 'help_request', now);
        await tx.insert(factorRecoveryRequests).values({ authorityId, accountId: person.id, requestedAt: now, message: message.slice(0, 2000) || null });
        await recordEvent(tx, { authorityId, event: 'factor_recovery_requested', actorId: null, subjectId: person.id, origin, at: now });
        await mail(tx, person, 'factorRecoveryRequested', now, undefined, portal ?? (await portalOf(tx, authorityId)));
      });
    },

    /** Staff: how many people of their authority wait for help with their second step. */
    async pendingRecoveryCount(staff: StaffActor): Promise<number> {
      if (staff.authorityRoles.length === 0) return 0;
      const [row] = await db
        .select({ n: count() })
        .from(factorRecoveryRequests)
        .where(and(eq(factorRecoveryRequests.authorityId, staff.staffAuthorityId), eq(factorRecoveryRequests.status, 'pending')));
      return row?.n ?? 0;
    },

    pendingRecoveryRequests(authorityId: string) {
      return db
        .select({
          id: factorRecoveryRequests.id,
          requestedAt: factorRecoveryRequests.requestedAt,
          message: factorRecoveryRequests.message,
          accountId: accounts.id,
          email: accounts.email,
          givenName: accounts.givenName,
          familyName: accounts.familyName,
          phone: accounts.phone,
        })
        .from(factorRecoveryRequests)
        .innerJoin(accounts, eq(accounts.id, factorRecoveryRequests.accountId))
        .where(and(eq(factorRecoveryRequests.authorityId, authorityId), eq(factorRecoveryRequests.status, 'pending')))
        .orderBy(desc(factorRecoveryRequests.requestedAt));
    },

    /**
     * Staff checked the person's identity out of band: every factor goes, the next sign-in enrols
     * again, every session ends. The account, its history and its files stay.
     */
    async resolveRecoveryRequest(
      staff: SessionAccount,
      requestId: string,
      decision: { action: 'reset' | 'decline'; method: VerificationMethod; note: string },
      origin: Origin,
    ): Promise<boolean> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [request] = await tx
          .update(factorRecoveryRequests)
          .set({
            status: decision.action === 'reset' ? 'completed' : 'declined',
            handledBy: staff.id,
            handledAt: now,
            verificationMethod: decision.method,
            verificationNote: decision.note,
          })
          .where(
            and(
              eq(factorRecoveryRequests.id, requestId),
              eq(factorRecoveryRequests.authorityId, staff.staffAuthorityId),
              eq(factorRecoveryRequests.status, 'pending'),
            ),
          )
          .returning({ accountId: factorRecoveryRequests.accountId });
        if (!request) return false;
        const base = { authorityId: staff.staffAuthorityId, actorId: staff.id, subjectId: request.accountId, origin, at: now };
        const details = { requestId, method: decision.method, note: decision.note };
        if (decision.action === 'decline') {
          await recordEvent(tx, { ...base, event: 'factor_recovery_declined', details });
          return true;
        }
        await tx.delete(authenticatorApps).where(eq(authenticatorApps.accountId, request.accountId));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, request.accountId));
        // Factors other modules keep (security keys) go in the same transaction.
        for (const remove of deps.ports.removeFactors ?? []) await remove(tx, request.accountId);
        await deps.identity.sessions.endAll(tx, request.accountId);
        const person = await deps.identity.accounts.mustEnrolAgain(tx, request.accountId);
        await recordEvent(tx, { ...base, event: 'factors_reset', details });
        if (person) await mail(tx, person, 'factorsReset', now, undefined, await portalOf(tx, staff.staffAuthorityId));
        return true;
      });
    },
  };
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;
