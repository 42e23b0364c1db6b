import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { TransactionRollbackError, and, asc, count, eq } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import { mailFromPortal } from '../authorities/index.ts';
import type { Portal } from '../platform/portal.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import type { Database, Executor } from '../platform/db.ts';
import { translator } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { hasSecondFactorSql, mustUseSecondFactorSql } from '../two-factor/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Origin } from '../platform/origin.ts';
import { accounts } from '../identity/index.ts';
import { securityKeys, webauthnChallenges } from './schema.ts';
import type { IdentityService } from '../identity/index.ts';
import type { SessionAccount } from '../platform/actors.ts';
import type { TwoFactorService } from '../two-factor/index.ts';

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
export const KEY_NAME_MAX = 60;

/** The transports the WebAuthn specification names; anything else a browser declares is dropped. */
const knownTransports = new Set<AuthenticatorTransportFuture>(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** The account a key belongs to, as the signed-in session knows it. */
export type KeyOwner = Pick<SessionAccount, 'id' | 'authorityId' | 'email' | 'givenName' | 'familyName' | 'preferredLanguage'>;

export type RegisterResult = { ok: false } | { ok: true; id: string; firstFactor: boolean };
export type RemoveResult = 'removed' | 'not_found' | 'last_factor';

const toBytes = (base64url: string) => new Uint8Array(Buffer.from(base64url, 'base64url'));

/** A form field holding the browser's JSON answer; null when it is not even a JSON object. */
function parseResponse<T>(json: string): T | null {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as T) : null;
  } catch {
    return null;
  }
}

export function createSecurityKeyService(deps: { db: Database; clock: Clock; mailer: Mailer; publicUrl: URL; identity: IdentityService; twoFactor: TwoFactorService }) {
  const { db, clock, mailer } = deps;
  const rpID = deps.publicUrl.hostname;
  const expectedOrigin = deps.publicUrl.origin;

  /** In the name of the portal the request is in, else of the authority the session acts for (or the account's own). */
  function mail(tx: Executor, owner: KeyOwner, template: MailTemplate, keyName: string, now: Date, portal: Portal | null) {
    const authorityId = 'staffAuthorityId' in owner && typeof owner.staffAuthorityId === 'string' ? owner.staffAuthorityId : owner.authorityId;
    return mailFromPortal(tx, mailer, deps.publicUrl, { portal, authorityId }, {
      accountId: owner.id,
      to: owner.email,
      locale: owner.preferredLanguage,
      template,
      name: owner.givenName,
      path: href('securityKeys', owner.preferredLanguage),
      detail: translator(owner.preferredLanguage)('securityKeys.mailDetail', { name: keyName }),
      at: now,
    });
  }

  async function keepChallenge(sessionId: string, purpose: 'register' | 'authenticate', challenge: string) {
    const expiresAt = new Date(clock.now().getTime() + CHALLENGE_TTL_MS);
    await db
      .insert(webauthnChallenges)
      .values({ sessionId, purpose, challenge, expiresAt })
      .onConflictDoUpdate({ target: [webauthnChallenges.sessionId, webauthnChallenges.purpose], set: { challenge, expiresAt } });
  }

  /** Single use: the row goes whatever the answer, so a challenge can be tried once. */
  async function takeChallenge(sessionId: string, purpose: 'register' | 'authenticate'): Promise<string | null> {
    const [row] = await db
      .delete(webauthnChallenges)
      .where(and(eq(webauthnChallenges.sessionId, sessionId), eq(webauthnChallenges.purpose, purpose)))
      .returning({ challenge: webauthnChallenges.challenge, expiresAt: webauthnChallenges.expiresAt });
    return row && row.expiresAt > clock.now() ? row.challenge : null;
  }

  function keysOf(executor: Executor, accountId: string) {
    return executor.select().from(securityKeys).where(eq(securityKeys.accountId, accountId)).orderBy(asc(securityKeys.createdAt));
  }

  return {
    list(accountId: string) {
      return keysOf(db, accountId);
    },

    async count(accountId: string): Promise<number> {
      const [row] = await db.select({ n: count() }).from(securityKeys).where(eq(securityKeys.accountId, accountId));
      return row?.n ?? 0;
    },

    /** What the browser needs to create a key; the account's keys are excluded so none is added twice. */
    async registrationOptions(sessionId: string, owner: KeyOwner): Promise<PublicKeyCredentialCreationOptionsJSON> {
      const existing = await keysOf(db, owner.id);
      const options = await generateRegistrationOptions({
        rpName: 'Guichet',
        rpID,
        userName: owner.email,
        // The account id, not the email: the user handle stays the same when the email changes.
        userID: new Uint8Array(Buffer.from(owner.id.replaceAll('-', ''), 'hex')),
        userDisplayName: `${owner.givenName} ${owner.familyName}`,
        attestationType: 'none',
        excludeCredentials: existing.map((k) => ({ id: k.credentialId, transports: k.transports as AuthenticatorTransportFuture[] })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
        timeout: CHALLENGE_TTL_MS,
      });
      await keepChallenge(sessionId, 'register', options.challenge);
      return options;
    },

    /**
     * Checks the browser's answer against the session's challenge, then keeps the key, audits it
     * and mails the owner in one transaction. A key proves itself by this ceremony, so the session
     * counts as having passed its second factor now, as a confirmed app code does.
     */
    async register(sessionId: string, owner: KeyOwner, responseJson: string, name: string, origin: Origin, portal: Portal | null = null): Promise<RegisterResult> {
      const expectedChallenge = await takeChallenge(sessionId, 'register');
      const response = parseResponse<RegistrationResponseJSON>(responseJson);
      if (!expectedChallenge || !response) return { ok: false };
      let verified;
      try {
        verified = await verifyRegistrationResponse({ response, expectedChallenge, expectedOrigin, expectedRPID: rpID, requireUserVerification: false });
      } catch {
        return { ok: false };
      }
      if (!verified.verified) return { ok: false };
      const { credential } = verified.registrationInfo;
      const transports = [...new Set(credential.transports ?? [])].filter((t) => knownTransports.has(t));
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [before] = await tx.select({ has: hasSecondFactorSql }).from(accounts).where(eq(accounts.id, owner.id));
        const [added] = await tx
          .insert(securityKeys)
          .values({
            accountId: owner.id,
            credentialId: credential.id,
            publicKey: Buffer.from(credential.publicKey).toString('base64url'),
            counter: credential.counter,
            transports,
            name,
            createdAt: now,
          })
          .onConflictDoNothing({ target: securityKeys.credentialId })
          .returning({ id: securityKeys.id });
        if (!added) return { ok: false } as const;
        await recordEvent(tx, {
          authorityId: owner.authorityId,
          event: 'security_key_added',
          actorId: owner.id,
          subjectId: owner.id,
          origin,
          at: now,
          details: { keyId: added.id, name },
        });
        await mail(tx, owner, 'factorAdded', name, now, portal);
        await deps.identity.sessions.factorProved(tx, sessionId, owner.id, now);
        return { ok: true, id: added.id, firstFactor: !before?.has } as const;
      });
    },

    /** What the browser needs to sign with one of the account's keys; null when it has none. */
    async authenticationOptions(sessionId: string, accountId: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
      const keys = await keysOf(db, accountId);
      if (keys.length === 0) return null;
      const options = await generateAuthenticationOptions({
        rpID,
        allowCredentials: keys.map((k) => ({ id: k.credentialId, transports: k.transports as AuthenticatorTransportFuture[] })),
        userVerification: 'preferred',
        timeout: CHALLENGE_TTL_MS,
      });
      await keepChallenge(sessionId, 'authenticate', options.challenge);
      return options;
    },

    /**
     * Whether the answer is a signature, over the session's challenge, by one of this account's
     * keys, with a counter above the last one seen. The key's counter and last use are updated;
     * the session's stage and the count of failures are the caller's business.
     */
    async verifyAuthentication(sessionId: string, accountId: string, responseJson: string): Promise<boolean> {
      const expectedChallenge = await takeChallenge(sessionId, 'authenticate');
      const response = parseResponse<AuthenticationResponseJSON>(responseJson);
      if (!expectedChallenge || !response || typeof response.id !== 'string') return false;
      const [key] = await db
        .select()
        .from(securityKeys)
        .where(and(eq(securityKeys.accountId, accountId), eq(securityKeys.credentialId, response.id)));
      if (!key) return false;
      let verified;
      try {
        verified = await verifyAuthenticationResponse({
          response,
          expectedChallenge,
          expectedOrigin,
          expectedRPID: rpID,
          credential: { id: key.credentialId, publicKey: toBytes(key.publicKey), counter: key.counter },
          requireUserVerification: false,
        });
      } catch {
        return false;
      }
      if (!verified.verified) return false;
      // Compare-and-set on the counter: of two answers checked at once against the same count,
      // only one is accepted.
      const [used] = await db
        .update(securityKeys)
        .set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: clock.now() })
        .where(and(eq(securityKeys.id, key.id), eq(securityKeys.counter, key.counter)))
        .returning({ id: securityKeys.id });
      return Boolean(used);
    },

    async rename(owner: KeyOwner, keyId: string, name: string, origin: Origin): Promise<boolean> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select({ name: securityKeys.name })
          .from(securityKeys)
          .where(and(eq(securityKeys.id, keyId), eq(securityKeys.accountId, owner.id)));
        if (!before) return false;
        await tx.update(securityKeys).set({ name }).where(eq(securityKeys.id, keyId));
        await recordEvent(tx, {
          authorityId: owner.authorityId,
          event: 'security_key_renamed',
          actorId: owner.id,
          subjectId: owner.id,
          origin,
          at: now,
          details: { keyId, from: before.name, to: name },
        });
        return true;
      });
    },

    /** Refused for the last factor of an account that must use one; the last factor takes the recovery codes with it. */
    async remove(owner: KeyOwner, keyId: string, origin: Origin, portal: Portal | null = null): Promise<RemoveResult> {
      const now = clock.now();
      return db
        .transaction(async (tx): Promise<RemoveResult> => {
          const [removed] = await tx
            .delete(securityKeys)
            .where(and(eq(securityKeys.id, keyId), eq(securityKeys.accountId, owner.id)))
            .returning({ name: securityKeys.name });
          if (!removed) return 'not_found';
          const [after] = await tx
            .select({ has: hasSecondFactorSql, must: mustUseSecondFactorSql })
            .from(accounts)
            .where(eq(accounts.id, owner.id));
          if (after?.must && !after.has) tx.rollback();
          if (!after?.has) await deps.twoFactor.dropRecoveryCodes(tx, owner.id);
          await recordEvent(tx, {
            authorityId: owner.authorityId,
            event: 'security_key_removed',
            actorId: owner.id,
            subjectId: owner.id,
            origin,
            at: now,
            details: { keyId, name: removed.name },
          });
          await mail(tx, owner, 'factorRemoved', removed.name, now, portal);
          return 'removed';
        })
        .catch((error: unknown) => {
          if (error instanceof TransactionRollbackError) return 'last_factor' as const;
          throw error;
        });
    },
  };
}

export type SecurityKeyService = ReturnType<typeof createSecurityKeyService>;
