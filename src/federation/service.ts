import { TransactionRollbackError, and, asc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { recordEvent } from '../audit/index.ts';
import { type IdentityService, type SignInResult, newToken, tokenId, accounts } from '../identity/index.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import type { Database, Executor } from '../platform/db.ts';
import { type Locale, isLocale, type Bilingual } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import type { Sealer } from '../platform/secrets.ts';
import { hasSecondFactorSql } from '../two-factor/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Origin } from '../platform/origin.ts';
import type { SessionStage } from '../platform/actors.ts';
import { authorities, mailFromPortal } from '../authorities/index.ts';
import type { Portal } from '../platform/portal.ts';
import { federationFlows, identityProviders, linkedIdentities } from './schema.ts';

/**
 * A journey through a provider lives in `federation_flows`, not in a cookie: the browser keeps a
 * random token (cookie `guichet_oidc`), the server its hash. A server row is single use by an
 * atomic UPDATE (a replayed callback finds nothing to claim), carries the later steps of the
 * journey (first-time choice, email verification, second factor when linking) and can be ended
 * from the server; a cookie alone could be replayed until it expires.
 */
const AUTHORIZE_TTL_MS = 10 * 60 * 1000;
const CHOOSE_TTL_MS = 30 * 60 * 1000;
const EMAIL_TTL_MS = 60 * 60 * 1000;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

export const SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface Provider {
  id: string;
  authorityId: string;
  slug: string;
  name: Bilingual;
  issuer: string;
  scopes: string;
  trustedForSecondFactor: boolean;
}

export type Flow = typeof federationFlows.$inferSelect & { provider: Provider };

export type CallbackResult =
  | { kind: 'failed'; locale: Locale | null; reason: 'no_flow' | 'state' | 'provider_error' | 'rejected' }
  | { kind: 'signed_in'; sessionToken: string; stage: SessionStage; locale: Locale }
  | { kind: 'locked'; locale: Locale; threshold: number }
  | { kind: 'second_factor_locked'; locale: Locale }
  | { kind: 'first_time'; locale: Locale }
  | { kind: 'linked' | 'already_linked' | 'linked_elsewhere'; locale: Locale }
  | { kind: 'confirmed'; locale: Locale; returnTo: string };

export type LinkResult =
  | { kind: 'linked'; sessionToken: string; stage: SessionStage; locale: Locale }
  | { kind: 'second_factor'; sessionToken: string }
  | { kind: 'linked_elsewhere' }
  | Exclude<SignInResult, { kind: 'signed_in' }>;

/** The provider's `locale` claim (fr, fr-CA, en-US…) as one of ours, or null. */
export function claimedLocale(value: unknown): Locale | null {
  if (typeof value !== 'string') return null;
  const lang = value.trim().slice(0, 2).toLowerCase();
  return isLocale(lang) ? lang : null;
}

const providerColumns = {
  id: identityProviders.id,
  authorityId: identityProviders.authorityId,
  slug: identityProviders.slug,
  name: identityProviders.name,
  issuer: identityProviders.issuer,
  scopes: identityProviders.scopes,
  trustedForSecondFactor: identityProviders.trustedForSecondFactor,
};

/** Used by the CLI and tests: the secret is sealed before it is stored. */
export async function addIdentityProvider(
  db: Executor,
  sealer: Sealer,
  input: { authorityId: string; slug: string; name: Bilingual; issuer: string; clientId: string; clientSecret: string; scopes?: string; trustedForSecondFactor?: boolean },
): Promise<Provider> {
  if (!SLUG.test(input.slug)) throw new Error('slug: lowercase letters, digits and dashes, 40 at most');
  const issuer = new URL(input.issuer);
  if (issuer.protocol !== 'https:' && issuer.protocol !== 'http:') throw new Error('issuer: an https:// URL');
  const scopes = input.scopes?.trim() || 'openid email profile';
  if (!scopes.split(/\s+/).includes('openid')) throw new Error('scopes: must include openid');
  const [taken] = await db.select({ id: identityProviders.id }).from(identityProviders).where(eq(identityProviders.slug, input.slug));
  if (taken) throw new Error(`slug: ${input.slug} is already used by another provider`);
  const [row] = await db
    .insert(identityProviders)
    .values({
      authorityId: input.authorityId,
      slug: input.slug,
      name: input.name,
      issuer: input.issuer,
      clientId: input.clientId,
      sealedClientSecret: sealer.seal(input.clientSecret),
      scopes,
      trustedForSecondFactor: input.trustedForSecondFactor ?? false,
    })
    .returning(providerColumns);
  if (!row) throw new Error('provider not created');
  return row;
}

export function createFederationService(deps: {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  sealer: Sealer;
  publicUrl: URL;
  identity: IdentityService;
  /** http:// issuers (a test provider on loopback); never in production. */
  allowInsecureIssuers: boolean;
}) {
  const { db, clock, mailer, sealer, identity } = deps;
  const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();
  /** Where each provider's authorization endpoint lives, once discovered (for the pages' CSP). */
  const authorizationOrigins = new Map<string, string>();

  const redirectUri = (slug: string) => new URL(`/oidc/callback/${slug}`, deps.publicUrl).toString();

  /** The provider's metadata and keys, discovered once an hour; a failure is not cached. */
  async function clientConfig(providerId: string): Promise<oidc.Configuration> {
    const cached = discovered.get(providerId);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
    const [row] = await db.select().from(identityProviders).where(eq(identityProviders.id, providerId));
    if (!row) throw new Error('no such provider');
    const insecure = new URL(row.issuer).protocol === 'http:';
    if (insecure && !deps.allowInsecureIssuers) throw new Error(`provider ${row.slug}: an http:// issuer is refused`);
    const config = oidc.discovery(
      new URL(row.issuer),
      row.clientId,
      { redirect_uris: [redirectUri(row.slug)], response_types: ['code'] },
      oidc.ClientSecretBasic(sealer.open(row.sealedClientSecret)),
      insecure ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    );
    discovered.set(providerId, { at: Date.now(), config });
    config.then(
      (c) => {
        const endpoint = c.serverMetadata().authorization_endpoint;
        if (endpoint) authorizationOrigins.set(providerId, new URL(endpoint).origin);
      },
      () => discovered.delete(providerId),
    );
    return config;
  }

  async function flowByToken(token: string | undefined): Promise<Flow | null> {
    if (!token || token.length > 100) return null;
    const [row] = await db
      .select({ flow: federationFlows, provider: providerColumns })
      .from(federationFlows)
      .innerJoin(identityProviders, eq(identityProviders.id, federationFlows.providerId))
      .where(and(eq(federationFlows.id, tokenId(token)), gt(federationFlows.expiresAt, clock.now())));
    return row ? { ...row.flow, provider: row.provider } : null;
  }

  function providerName(provider: Provider, locale: Locale) {
    return provider.name[locale];
  }

  /** In the name of the portal the request is in, else of the account's authority. */
  function mail(
    tx: Executor,
    person: { id: string; authorityId: string; email: string; givenName: string; preferredLanguage: Locale },
    template: MailTemplate,
    provider: Provider,
    now: Date,
    portal: Portal | null,
  ) {
    return mailFromPortal(tx, mailer, deps.publicUrl, { portal, authorityId: person.authorityId }, {
      accountId: person.id,
      to: person.email,
      locale: person.preferredLanguage,
      template,
      name: person.givenName,
      path: href('waysToSignIn', person.preferredLanguage),
      detail: providerName(provider, person.preferredLanguage),
      at: now,
    });
  }

  /**
   * Links the flow's identity to the account, audits and mails it, and ends the flow, in one
   * transaction. 'linked_elsewhere' when the identity belongs to another account (or the account
   * already has an identity at this provider).
   */
  async function linkIdentity(flow: Flow, accountId: string, origin: Origin, portal: Portal | null): Promise<'linked' | 'already_linked' | 'linked_elsewhere' | 'out_of_sequence'> {
    const now = clock.now();
    return db
      .transaction(async (tx) => {
        // The journey is used once: of two requests finishing it at once, one links.
        const [ended] = await tx.delete(federationFlows).where(eq(federationFlows.id, flow.id)).returning({ id: federationFlows.id });
        if (!ended) return 'out_of_sequence' as const;
        const [existing] = await tx
          .select({ accountId: linkedIdentities.accountId })
          .from(linkedIdentities)
          .where(and(eq(linkedIdentities.providerId, flow.providerId), eq(linkedIdentities.subject, flow.subject ?? '')));
        if (existing) return existing.accountId === accountId ? ('already_linked' as const) : ('linked_elsewhere' as const);
        const [added] = await tx
          .insert(linkedIdentities)
          .values({ accountId, providerId: flow.providerId, subject: flow.subject ?? '', email: flow.email, linkedAt: now, lastUsedAt: now })
          .onConflictDoNothing()
          .returning({ id: linkedIdentities.id });
        if (!added) return 'linked_elsewhere' as const;
        const [person] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
        if (!person) tx.rollback();
        await recordEvent(tx, {
          authorityId: person!.authorityId,
          event: 'provider_linked',
          actorId: accountId,
          subjectId: accountId,
          origin,
          at: now,
          details: { provider: flow.provider.slug, identityId: added.id },
        });
        await mail(tx, person!, 'providerLinked', flow.provider, now, portal);
        return 'linked' as const;
      })
      .catch((error: unknown) => {
        if (error instanceof TransactionRollbackError) return 'linked_elsewhere' as const;
        throw error;
      });
  }

  /** A session for an account through a provider, unless a lock stops it (same policy as a password). */
  async function signInLinked(
    flow: Flow,
    accountId: string,
    origin: Origin,
    previousSessionToken: string | undefined,
    portal: Portal | null,
  ): Promise<Exclude<CallbackResult, { kind: 'failed' | 'first_time' | 'linked' | 'already_linked' | 'linked_elsewhere' }>> {
    const now = clock.now();
    const [state] = await db
      .select({
        authorityId: accounts.authorityId,
        preferredLanguage: accounts.preferredLanguage,
        lockedAt: accounts.lockedAt,
        secondFactorLockedAt: accounts.secondFactorLockedAt,
        hasSecondFactor: hasSecondFactorSql,
        threshold: authorities.lockoutThreshold,
      })
      .from(accounts)
      .innerJoin(authorities, eq(authorities.id, accounts.authorityId))
      .where(eq(accounts.id, accountId));
    const locale = flow.claimedLocale ?? flow.locale;
    const trusted = flow.provider.trustedForSecondFactor;
    if (!state || state.lockedAt || (!trusted && state.hasSecondFactor && state.secondFactorLockedAt)) {
      await db.transaction((tx) =>
        recordEvent(tx, {
          authorityId: flow.provider.authorityId,
          event: 'sign_in_blocked',
          actorId: null,
          subjectId: accountId,
          origin,
          at: now,
          details: { provider: flow.provider.slug, ...(state?.lockedAt ? {} : { secondFactorLocked: true }) },
        }),
      );
      return state?.lockedAt ? { kind: 'locked', locale, threshold: state.threshold } : { kind: 'second_factor_locked', locale };
    }
    await db.update(linkedIdentities).set({ lastUsedAt: now }).where(and(eq(linkedIdentities.providerId, flow.providerId), eq(linkedIdentities.subject, flow.subject ?? '')));
    const { sessionToken, stage } = await identity.beginSession({
      accountId,
      origin,
      ...(previousSessionToken ? { previousSessionToken } : {}),
      secondFactorDone: trusted,
      method: { provider: flow.provider.slug },
      portal,
    });
    return { kind: 'signed_in', sessionToken, stage, locale };
  }

  function auditFailure(tx: Executor, provider: Provider, reason: string, origin: Origin) {
    return recordEvent(tx, {
      authorityId: provider.authorityId,
      event: 'provider_sign_in_failed',
      actorId: null,
      subjectId: null,
      origin,
      at: clock.now(),
      details: { provider: provider.slug, reason },
    });
  }

  /** The session of an account the flow has just created; the provider's word may count as the second step. */
  function signInCreated(flow: Flow, accountId: string, origin: Origin, previousSessionToken: string | undefined, portal: Portal | null) {
    return identity.beginSession({
      accountId,
      origin,
      ...(previousSessionToken ? { previousSessionToken } : {}),
      secondFactorDone: flow.provider.trustedForSecondFactor,
      method: { provider: flow.provider.slug },
      portal,
    });
  }

  /**
   * Creates the account for the flow's identity, with a verified email, linked, audited, in one
   * transaction; it signs up with the portal the request is in (as a password sign-up does), else
   * with the provider's authority.
   */
  async function createAccount(flow: Flow, input: { email: string; givenName: string; familyName: string }, origin: Origin, portal: Portal | null): Promise<string | null> {
    const now = clock.now();
    const authorityId = portal?.id ?? flow.provider.authorityId;
    return db
      .transaction(async (tx) => {
        const [ended] = await tx.delete(federationFlows).where(eq(federationFlows.id, flow.id)).returning({ id: federationFlows.id });
        if (!ended) tx.rollback();
        const created = await identity.accounts.createVerified(
          tx,
          { authorityId, email: input.email, givenName: input.givenName, familyName: input.familyName, preferredLanguage: flow.claimedLocale ?? flow.locale },
          now,
        );
        if (!created) tx.rollback();
        const [linked] = await tx
          .insert(linkedIdentities)
          .values({ accountId: created!.id, providerId: flow.providerId, subject: flow.subject ?? '', email: input.email, linkedAt: now, lastUsedAt: now })
          .onConflictDoNothing()
          .returning({ id: linkedIdentities.id });
        if (!linked) tx.rollback();
        await recordEvent(tx, {
          authorityId: flow.provider.authorityId,
          event: 'provider_account_created',
          actorId: created!.id,
          subjectId: created!.id,
          origin,
          at: now,
          details: { provider: flow.provider.slug, identityId: linked!.id, emailFrom: flow.emailVerified ? 'provider' : 'mailbox' },
        });
        return created!.id;
      })
      .catch((error: unknown) => {
        if (error instanceof TransactionRollbackError) return null;
        throw error;
      });
  }

  return {
    redirectUri,
    flowByToken,

    async enabledProviders(): Promise<Provider[]> {
      return db.select(providerColumns).from(identityProviders).where(eq(identityProviders.enabled, true)).orderBy(asc(identityProviders.createdAt));
    },

    async providerBySlug(slug: string): Promise<Provider | null> {
      if (!SLUG.test(slug)) return null;
      const [row] = await db
        .select(providerColumns)
        .from(identityProviders)
        .where(and(eq(identityProviders.slug, slug), eq(identityProviders.enabled, true)));
      return row ?? null;
    },

    /** The origins the browser is sent to (issuer, and authorization endpoint once discovered). */
    async formTargets(): Promise<string[]> {
      const providers = await this.enabledProviders();
      const origins = new Set<string>();
      for (const p of providers) {
        origins.add(new URL(p.issuer).origin);
        const endpoint = authorizationOrigins.get(p.id);
        if (endpoint) origins.add(endpoint);
      }
      return [...origins];
    },

    /**
     * Starts a journey: a flow row with fresh state, nonce and PKCE verifier, and the provider's
     * authorization address (ui_locales in the page's language).
     */
    async begin(input: { provider: Provider; purpose: 'sign_in' | 'link' | 'confirm'; accountId?: string; returnTo?: string; locale: Locale }) {
      const config = await clientConfig(input.provider.id);
      const now = clock.now();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const { token, id } = newToken();
      await db.delete(federationFlows).where(lt(federationFlows.expiresAt, now));
      await db.insert(federationFlows).values({
        id,
        providerId: input.provider.id,
        purpose: input.purpose,
        accountId: input.accountId ?? null,
        returnTo: input.returnTo ?? null,
        locale: input.locale,
        stage: 'authorizing',
        state,
        nonce,
        codeVerifier,
        createdAt: now,
        expiresAt: new Date(now.getTime() + AUTHORIZE_TTL_MS),
      });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(input.provider.slug),
        response_type: 'code',
        scope: input.provider.scopes,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        ui_locales: input.locale === 'fr' ? 'fr-CA fr en-CA' : 'en-CA en fr-CA',
        // Confirming an action: the person signs in at the provider again, now (checked by auth_time).
        ...(input.purpose === 'confirm' ? { prompt: 'login', max_age: '0' } : {}),
      });
      return { cookieToken: token, url: url.toString() };
    },

    /**
     * The provider's answer. The flow is claimed first (single use), then the code is exchanged
     * with the PKCE verifier and the ID token checked (signature, issuer, audience, nonce).
     */
    async callback(input: {
      cookieToken: string | undefined;
      slug: string;
      currentUrl: URL;
      origin: Origin;
      sessionToken: string | undefined;
      session: { id: string; sessionId: string; authorityId: string } | null;
      /** The portal the request is in: the person signs in (or links) there. */
      portal: Portal | null;
    }): Promise<CallbackResult> {
      const flow = await flowByToken(input.cookieToken);
      if (!flow || flow.provider.slug !== input.slug) return { kind: 'failed', locale: flow?.locale ?? null, reason: 'no_flow' };
      const now = clock.now();
      const [claimed] = await db
        .update(federationFlows)
        .set({ stage: 'exchanging' })
        .where(and(eq(federationFlows.id, flow.id), eq(federationFlows.stage, 'authorizing')))
        .returning({ id: federationFlows.id });
      if (!claimed) return { kind: 'failed', locale: flow.locale, reason: 'no_flow' };
      const fail = async (reason: 'state' | 'provider_error' | 'rejected', detail: string) => {
        await db.transaction(async (tx) => {
          await tx.delete(federationFlows).where(eq(federationFlows.id, flow.id));
          await auditFailure(tx, flow.provider, detail, input.origin);
        });
        return { kind: 'failed', locale: flow.locale, reason } as const;
      };
      if (input.currentUrl.searchParams.get('state') !== flow.state) return fail('state', 'state');
      if (input.currentUrl.searchParams.has('error')) return fail('provider_error', `provider:${input.currentUrl.searchParams.get('error')?.slice(0, 60)}`);

      let claims: Record<string, unknown>;
      try {
        const config = await clientConfig(flow.providerId);
        const tokens = await oidc.authorizationCodeGrant(config, input.currentUrl, {
          pkceCodeVerifier: flow.codeVerifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
          ...(flow.purpose === 'confirm' ? { maxAge: 0 } : {}),
        });
        const idToken = tokens.claims();
        if (!idToken) return fail('rejected', 'no_id_token');
        claims = { ...idToken };
        if (config.serverMetadata().userinfo_endpoint) {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
          claims = { ...info, ...idToken };
          for (const key of ['email', 'email_verified', 'given_name', 'family_name', 'locale']) if (key in info) claims[key] = info[key];
        }
      } catch (error) {
        const code = (error as { code?: string; error?: string }).error ?? (error as { code?: string }).code ?? 'error';
        return fail('rejected', String(code).slice(0, 60));
      }
      const subject = String(claims.sub);
      const email = typeof claims.email === 'string' && claims.email.length <= 254 ? claims.email.trim() : null;
      const identified = {
        subject,
        email,
        emailVerified: Boolean(email) && claims.email_verified === true,
        givenName: typeof claims.given_name === 'string' ? claims.given_name.slice(0, 100) : null,
        familyName: typeof claims.family_name === 'string' ? claims.family_name.slice(0, 100) : null,
        claimedLocale: claimedLocale(claims.locale),
      };
      const locale = identified.claimedLocale ?? flow.locale;
      const known = await db
        .select({ accountId: linkedIdentities.accountId })
        .from(linkedIdentities)
        .where(and(eq(linkedIdentities.providerId, flow.providerId), eq(linkedIdentities.subject, subject)));
      const withClaims: Flow = { ...flow, ...identified, stage: 'identified' };

      if (flow.purpose === 'link') {
        // Linking from the account page: the same signed-in account must come back.
        if (!flow.accountId || flow.accountId !== input.session?.id) return fail('rejected', 'session_changed');
        const linked = await linkIdentity(withClaims, flow.accountId, input.origin, input.portal);
        if (linked === 'out_of_sequence') return { kind: 'failed', locale: flow.locale, reason: 'no_flow' };
        return { kind: linked, locale: flow.locale };
      }
      if (flow.purpose === 'confirm') {
        // The identity must be one linked to the signed-in account that asked to confirm.
        const session = input.session;
        if (!session || flow.accountId !== session.id || known[0]?.accountId !== session.id) return fail('rejected', 'not_this_account');
        const trusted = flow.provider.trustedForSecondFactor;
        await db.transaction(async (tx) => {
          await tx.delete(federationFlows).where(eq(federationFlows.id, flow.id));
          await identity.sessions.confirmedElsewhere(tx, session, trusted, now);
          await tx.update(linkedIdentities).set({ lastUsedAt: now }).where(and(eq(linkedIdentities.providerId, flow.providerId), eq(linkedIdentities.subject, subject)));
          await recordEvent(tx, {
            authorityId: session.authorityId,
            event: 'step_up',
            actorId: session.id,
            subjectId: session.id,
            origin: input.origin,
            at: now,
            details: { method: 'provider', provider: flow.provider.slug, secondFactorDone: trusted },
          });
        });
        return { kind: 'confirmed', locale: flow.locale, returnTo: flow.returnTo ?? href('account', flow.locale) };
      }
      if (known[0]) {
        await db.delete(federationFlows).where(eq(federationFlows.id, flow.id));
        return signInLinked(withClaims, known[0].accountId, input.origin, input.sessionToken, input.portal);
      }
      // First time with this identity: the person chooses, on our page, what it opens. The
      // provider's sign-in is audited now, with no account yet.
      await db.transaction(async (tx) => {
        await tx
          .update(federationFlows)
          .set({ ...identified, stage: 'identified', expiresAt: new Date(now.getTime() + CHOOSE_TTL_MS) })
          .where(eq(federationFlows.id, flow.id));
        await recordEvent(tx, {
          authorityId: flow.provider.authorityId,
          event: 'provider_sign_in',
          actorId: null,
          subjectId: null,
          origin: input.origin,
          at: now,
          details: { provider: flow.provider.slug, stage: 'first_time' },
        });
      });
      return { kind: 'first_time', locale };
    },

    /** Whether an account already uses this email (the provider vouched for it: no secret to keep). */
    async emailTaken(email: string): Promise<boolean> {
      const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email));
      return Boolean(row);
    },

    /**
     * A new account from a provider that vouched for an unused email. An email that belongs to an
     * account is never linked nor reused: 'email_taken'.
     */
    async createWithProviderEmail(flow: Flow, names: { givenName: string; familyName: string }, origin: Origin, previousSessionToken: string | undefined, portal: Portal | null = null) {
      if (flow.stage !== 'identified' || !flow.email || !flow.emailVerified) return { kind: 'out_of_sequence' } as const;
      const accountId = await createAccount(flow, { email: flow.email, ...names }, origin, portal);
      if (!accountId) return { kind: 'email_taken' } as const;
      return { kind: 'created', ...(await signInCreated(flow, accountId, origin, previousSessionToken, portal)) } as const;
    },

    /**
     * A provider without a (verified) email: the person gives one and proves it by a mailed link,
     * opened in the same browser, before the account exists. When the address is taken its owner
     * is told instead, and the page says the same thing either way.
     */
    async sendEmailLink(flow: Flow, input: { email: string; givenName: string; familyName: string }, origin: Origin, portal: Portal | null = null): Promise<boolean> {
      if (flow.stage !== 'identified' && flow.stage !== 'email_sent') return false;
      const now = clock.now();
      const { token, id } = newToken();
      const locale = flow.claimedLocale ?? flow.locale;
      await db.transaction(async (tx) => {
        const [owner] = await tx.select().from(accounts).where(eq(accounts.email, input.email));
        await tx
          .update(federationFlows)
          .set({
            stage: 'email_sent',
            pendingEmail: input.email,
            givenName: input.givenName,
            familyName: input.familyName,
            emailTokenId: owner ? null : id,
            expiresAt: new Date(now.getTime() + EMAIL_TTL_MS),
          })
          .where(eq(federationFlows.id, flow.id));
        if (owner) {
          await mailFromPortal(tx, mailer, deps.publicUrl, { portal, authorityId: owner.authorityId }, {
            accountId: owner.id,
            to: owner.email,
            locale: owner.preferredLanguage,
            template: 'exists',
            name: owner.givenName,
            path: href('signIn', owner.preferredLanguage),
            at: now,
          });
          await recordEvent(tx, {
            authorityId: flow.provider.authorityId,
            event: 'provider_email_sent',
            actorId: null,
            subjectId: owner.id,
            origin,
            at: now,
            details: { provider: flow.provider.slug, existingAccount: true },
          });
          return;
        }
        await mailFromPortal(tx, mailer, deps.publicUrl, { portal, authorityId: flow.provider.authorityId }, {
          accountId: null,
          to: input.email,
          locale,
          template: 'providerVerify',
          name: input.givenName,
          path: href('federationConfirmEmail', locale),
          query: { token },
          detail: providerName(flow.provider, locale),
          at: now,
        });
        await recordEvent(tx, {
          authorityId: flow.provider.authorityId,
          event: 'provider_email_sent',
          actorId: null,
          subjectId: null,
          origin,
          at: now,
          details: { provider: flow.provider.slug },
        });
      });
      return true;
    },

    emailTokenMatches(flow: Flow, token: string): boolean {
      return flow.stage === 'email_sent' && flow.emailTokenId !== null && token.length > 0 && token.length <= 100 && tokenId(token) === flow.emailTokenId;
    },

    /** The mailed link, opened in the browser of the journey: the account is created now. */
    async confirmEmail(flow: Flow, token: string, origin: Origin, previousSessionToken: string | undefined, portal: Portal | null = null) {
      if (!this.emailTokenMatches(flow, token) || !flow.pendingEmail) return { kind: 'invalid' } as const;
      const accountId = await createAccount(
        flow,
        { email: flow.pendingEmail, givenName: flow.givenName ?? '', familyName: flow.familyName ?? '' },
        origin,
        portal,
      );
      if (!accountId) return { kind: 'invalid' } as const;
      return { kind: 'created', ...(await signInCreated(flow, accountId, origin, previousSessionToken, portal)) } as const;
    },

    /**
     * Linking to an existing account: its password first, through the normal sign-in (lockout
     * and audit included). Without a second factor the identity is linked now; with one, the
     * flow waits for it on the session's second step.
     */
    async linkWithPassword(flow: Flow, input: { email: string; password: string }, origin: Origin, previousSessionToken: string | undefined, portal: Portal | null = null): Promise<LinkResult> {
      const result = await identity.signIn({ ...input, origin, ...(previousSessionToken ? { previousSessionToken } : {}), portal });
      if (result.kind !== 'signed_in') return result;
      if (result.stage === 'second_factor') {
        await db
          .update(federationFlows)
          .set({ stage: 'second_factor', provingAccountId: result.accountId, expiresAt: new Date(clock.now().getTime() + CHOOSE_TTL_MS) })
          .where(and(eq(federationFlows.id, flow.id), eq(federationFlows.stage, 'identified')));
        return { kind: 'second_factor', sessionToken: result.sessionToken };
      }
      const linked = await linkIdentity(flow, result.accountId, origin, portal);
      if (linked === 'linked_elsewhere' || linked === 'out_of_sequence') return { kind: 'linked_elsewhere' };
      return { kind: 'linked', sessionToken: result.sessionToken, stage: result.stage, locale: result.locale };
    },

    /** The second factor of the account being linked was just passed: link it. */
    async linkAfterSecondFactor(flow: Flow, accountId: string, origin: Origin, portal: Portal | null = null) {
      if (flow.stage !== 'second_factor' || flow.provingAccountId !== accountId) return 'out_of_sequence' as const;
      return linkIdentity(flow, accountId, origin, portal);
    },

    async endFlow(flow: Flow) {
      await db.delete(federationFlows).where(eq(federationFlows.id, flow.id));
    },

    /** What the confirm-identity page offers an account: its password, or its linked providers. */
    async confirmationMethods(accountId: string) {
      const { hasPassword, identities } = await this.waysIn(accountId);
      const providers = await this.enabledProviders();
      const linked = new Set(identities.map((i) => i.providerId));
      return { hasPassword, providers: providers.filter((p) => linked.has(p.id)) };
    },

    /** The account's ways in: its password (if any) and its linked identities. */
    async waysIn(accountId: string) {
      const [row] = await db.select({ hasPassword: sql<boolean>`${accounts.passwordHash} is not null` }).from(accounts).where(eq(accounts.id, accountId));
      const identities = await db
        .select({
          id: linkedIdentities.id,
          providerId: linkedIdentities.providerId,
          slug: identityProviders.slug,
          name: identityProviders.name,
          email: linkedIdentities.email,
          linkedAt: linkedIdentities.linkedAt,
          lastUsedAt: linkedIdentities.lastUsedAt,
        })
        .from(linkedIdentities)
        .innerJoin(identityProviders, eq(identityProviders.id, linkedIdentities.providerId))
        .where(eq(linkedIdentities.accountId, accountId))
        .orderBy(asc(linkedIdentities.linkedAt));
      return { hasPassword: Boolean(row?.hasPassword), identities };
    },

    /** Refused when it is the last way in: no password and no other linked identity. */
    async unlink(
      account: { id: string; authorityId: string; email: string; givenName: string; preferredLanguage: Locale },
      identityId: string,
      origin: Origin,
      portal: Portal | null = null,
    ): Promise<'unlinked' | 'not_found' | 'last_way_in'> {
      const now = clock.now();
      return db
        .transaction(async (tx): Promise<'unlinked' | 'not_found' | 'last_way_in'> => {
          // Lock the account row: two unlinks at once cannot both see "another way remains".
          const [owner] = await tx
            .select({ hasPassword: sql<boolean>`${accounts.passwordHash} is not null` })
            .from(accounts)
            .where(eq(accounts.id, account.id))
            .for('update');
          const [removed] = await tx
            .delete(linkedIdentities)
            .where(and(eq(linkedIdentities.id, identityId), eq(linkedIdentities.accountId, account.id)))
            .returning({ providerId: linkedIdentities.providerId });
          if (!removed) return 'not_found';
          // Another way in: a linked identity at a provider still offered.
          const others = await tx
            .select({ id: linkedIdentities.id })
            .from(linkedIdentities)
            .innerJoin(identityProviders, eq(identityProviders.id, linkedIdentities.providerId))
            .where(and(eq(linkedIdentities.accountId, account.id), ne(linkedIdentities.id, identityId), eq(identityProviders.enabled, true)));
          if (!owner?.hasPassword && others.length === 0) tx.rollback();
          const [provider] = await tx.select(providerColumns).from(identityProviders).where(eq(identityProviders.id, removed.providerId));
          await recordEvent(tx, {
            authorityId: account.authorityId,
            event: 'provider_unlinked',
            actorId: account.id,
            subjectId: account.id,
            origin,
            at: now,
            details: { provider: provider?.slug, identityId },
          });
          if (provider) await mail(tx, account, 'providerUnlinked', provider, now, portal);
          return 'unlinked';
        })
        .catch((error: unknown) => {
          if (error instanceof TransactionRollbackError) return 'last_way_in' as const;
          throw error;
        });
    },
  };
}

export type FederationService = ReturnType<typeof createFederationService>;
