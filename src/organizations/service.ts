import { createHash, randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gt, ilike, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordEvent } from '../audit/index.ts';
import type { Database, Executor } from '../platform/db.ts';
import { can, type Membership } from './policies.ts';
import type { Clock } from '../platform/clock.ts';
import type { Origin } from '../platform/origin.ts';
import type { SessionAccount, OrganizationRole, OrganizationStatus, StaffActor } from '../platform/actors.ts';
import { type Bilingual, type Locale, translator } from '../platform/i18n/index.ts';
import type { PageName } from '../platform/paths.ts';
import type { Mailer } from '../mail/index.ts';
import type { MailTemplate } from '../mail/index.ts';
import { authorities, authorityRoles, mailAccount, type Recipient, recordRelation } from '../authorities/index.ts';
import type { Portal } from '../platform/portal.ts';
import { accounts } from '../identity/index.ts';
import { organizationKinds, organizationMembers, organizations, securityCodeFailures, securityCodes } from './schema.ts';
import type { IdentityService } from '../identity/index.ts';
import { type Decision, organizationTransitions } from './states.ts';

export const SECURITY_CODE_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** Wrong codes tolerated in the window, per account and per IP, before redemption is refused. */
export const FAILURES_PER_ACCOUNT = 5;
export const FAILURES_PER_IP = 20;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** A manager is told on their dashboard about codes not yet used that expire within this time. */
export const CODE_EXPIRY_WARNING_MS = 3 * 24 * 60 * 60 * 1000;
/** Requests one person may have waiting for review at once: staff queues stay readable. */
export const PENDING_REQUESTS_PER_ACCOUNT = 5;

// Crockford's base32: no I, L, O or U to misread; 20 characters carry 100 random bits.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newSecurityCode(): string {
  const chars = [...randomBytes(20)].map((byte) => ALPHABET[byte & 31]).join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

/** The code as typed, read the way Crockford's base32 reads it: case, spaces and dashes ignored, I/L as 1, O as 0. */
export function normalizeSecurityCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

const hashCode = (normalized: string) => createHash('sha256').update(normalized).digest('hex');

export type RedeemResult =
  | { kind: 'joined'; organizationId: string; role: OrganizationRole }
  | { kind: 'throttled' }
  | { kind: 'unknown' | 'used' | 'expired' | 'revoked' | 'organization_inactive' | 'already_member' };

export type DecisionResult = 'ok' | 'not_found' | 'forbidden' | 'not_allowed';
export type { Decision };

export interface OrganizationRequest {
  kindId: string;
  nameFr: string;
  nameEn: string;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  province: string;
  postalCode: string;
}

/** A new security code, kept for the one page that shows it. */
const SECURITY_CODE_SHOWN = 'organizations.securityCode';
interface ShownCode {
  organizationId: string;
  code: string;
  expiresAt: string;
  role: OrganizationRole;
}

/** Thrown to roll back a spent code when the caller's use of it is refused, carrying the refusal. */
class SpendingUndone extends Error {
  constructor(readonly refusal: string) {
    super(refusal);
  }
}

export function createOrganizationService(deps: { db: Database; clock: Clock; identity: IdentityService; mailer: Mailer; publicUrl: URL }) {
  const { db, clock, identity, mailer } = deps;

  /**
   * A message about an organization to one person, in their language, linking to one of its pages;
   * in the caller's transaction, in the name of the organization's authority (its portal).
   */
  function notify(
    tx: Executor,
    to: { id: string; email: string; givenName: string; preferredLanguage: Locale },
    template: MailTemplate,
    link: { page: PageName; organizationId: string; authorityId: string },
    detail: (t: ReturnType<typeof translator>, locale: Locale) => string,
    at: Date,
  ) {
    return mailAccount(tx, mailer, deps.publicUrl, to, { authorityId: link.authorityId, template, page: link.page, params: { organizationId: link.organizationId }, detail, at });
  }
  const creator = alias(accounts, 'creator');
  const user = alias(accounts, 'code_user');

  /** The person's membership in an organization, read with the organization's state. */
  async function membership(accountId: string, organizationId: string, tx: Executor = db): Promise<Membership | null> {
    const [row] = await tx
      .select({ role: organizationMembers.role, status: organizations.status, authorityId: organizations.authorityId, name: organizations.name })
      .from(organizationMembers)
      .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
      .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.accountId, accountId)));
    return row ? { accountId, organizationId, ...row } : null;
  }

  /** What a session acts for (identity owns the session). */
  const setActingFor = (tx: Executor, sessionId: string, target: { organizationId?: string; authorityId?: string }) => identity.sessions.actFor(tx, sessionId, target);

  /** Managers are counted under a lock on the organization's row: two managers cannot both step down at once. */
  async function managersLeft(tx: Executor, organizationId: string, without: string): Promise<number> {
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for('update');
    const [row] = await tx
      .select({ n: count() })
      .from(organizationMembers)
      .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.role, 'manager'), sql`${organizationMembers.accountId} <> ${without}`));
    return row?.n ?? 0;
  }

  async function overviewOf(organizationId: string) {
    const [row] = await db
      .select({
        id: organizations.id,
        name: organizations.name,
        status: organizations.status,
        statusReason: organizations.statusReason,
        addressLine1: organizations.addressLine1,
        addressLine2: organizations.addressLine2,
        city: organizations.city,
        province: organizations.province,
        postalCode: organizations.postalCode,
        kindName: organizationKinds.name,
        authorityName: authorities.name,
        members: sql<number>`(select count(*)::int from organization_members m where m.organization_id = ${organizations.id})`,
      })
      .from(organizations)
      .innerJoin(organizationKinds, eq(organizationKinds.id, organizations.kindId))
      .innerJoin(authorities, eq(authorities.id, organizations.authorityId))
      .where(eq(organizations.id, organizationId));
    if (!row) throw new Error('organization not found');
    return row;
  }

  function membersOf(organizationId: string) {
    return db
      .select({ accountId: accounts.id, givenName: accounts.givenName, familyName: accounts.familyName, email: accounts.email, role: organizationMembers.role, since: organizationMembers.createdAt })
      .from(organizationMembers)
      .innerJoin(accounts, eq(accounts.id, organizationMembers.accountId))
      .where(eq(organizationMembers.organizationId, organizationId))
      .orderBy(asc(accounts.familyName), asc(accounts.givenName));
  }

  /** Codes, newest first, with their organization, who made them and who used them. */
  function codesWhere(condition: SQL, limit: number) {
    return db
      .select({
        id: securityCodes.id,
        role: securityCodes.role,
        createdAt: securityCodes.createdAt,
        expiresAt: securityCodes.expiresAt,
        revokedAt: securityCodes.revokedAt,
        usedAt: securityCodes.usedAt,
        createdBy: sql<string>`${creator.givenName} || ' ' || ${creator.familyName}`,
        usedBy: sql<string | null>`${user.givenName} || ' ' || ${user.familyName}`,
        organizationName: organizations.name,
      })
      .from(securityCodes)
      .innerJoin(organizations, eq(organizations.id, securityCodes.organizationId))
      .innerJoin(creator, eq(creator.id, securityCodes.createdBy))
      .leftJoin(user, eq(user.id, securityCodes.usedBy))
      .where(condition)
      .orderBy(desc(securityCodes.createdAt))
      .limit(limit);
  }
  const codesOf = (organizationId: string, limit = 100) => codesWhere(eq(securityCodes.organizationId, organizationId), limit);

  /** Too many wrong codes lately from this account or this address. */
  async function throttled(account: SessionAccount, origin: Origin, now: Date): Promise<boolean> {
    const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
    const [byAccount, byIp] = await Promise.all([
      db.select({ n: count() }).from(securityCodeFailures).where(and(eq(securityCodeFailures.accountId, account.id), gt(securityCodeFailures.failedAt, since))),
      origin.ip
        ? db.select({ n: count() }).from(securityCodeFailures).where(and(eq(securityCodeFailures.ip, origin.ip), gt(securityCodeFailures.failedAt, since)))
        : Promise.resolve([{ n: 0 }]),
    ]);
    return (byAccount[0]?.n ?? 0) >= FAILURES_PER_ACCOUNT || (byIp[0]?.n ?? 0) >= FAILURES_PER_IP;
  }

  /** The code as typed, if it can still be used, with its organization; otherwise why not. */
  async function usableCode(tx: Executor, typed: string, now: Date) {
    const [code] = await tx
      .select({ id: securityCodes.id, organizationId: securityCodes.organizationId, role: securityCodes.role, usedAt: securityCodes.usedAt, revokedAt: securityCodes.revokedAt, expiresAt: securityCodes.expiresAt, status: organizations.status, authorityId: organizations.authorityId })
      .from(securityCodes)
      .innerJoin(organizations, eq(organizations.id, securityCodes.organizationId))
      .where(eq(securityCodes.codeHash, hashCode(normalizeSecurityCode(typed))));
    if (!code) return 'unknown' as const;
    if (code.revokedAt) return 'revoked' as const;
    if (code.usedAt) return 'used' as const;
    if (code.expiresAt <= now) return 'expired' as const;
    if (code.status !== 'approved') return 'organization_inactive' as const;
    return code;
  }

  /** Spends a code by one conditional update: of two people racing with it, one gets it. */
  async function spend(tx: Executor, codeId: string, accountId: string, now: Date): Promise<boolean> {
    const [spent] = await tx
      .update(securityCodes)
      .set({ usedAt: now, usedBy: accountId })
      .where(and(eq(securityCodes.id, codeId), isNull(securityCodes.usedAt), isNull(securityCodes.revokedAt)))
      .returning({ id: securityCodes.id });
    return spent !== undefined;
  }

  /** A wrong code, for the throttle and the audit log: in its own transaction, which nothing rolls back. */
  function recordFailure(account: SessionAccount, origin: Origin, reason: string, now: Date) {
    return db.transaction(async (tx) => {
      await tx.insert(securityCodeFailures).values({ accountId: account.id, ip: origin.ip, failedAt: now });
      await recordEvent(tx, { authorityId: account.authorityId, event: 'security_code_failed', actorId: account.id, subjectId: account.id, origin, at: now, details: { reason } });
    });
  }

  return {
    membership,

    /** The kinds of organization the request form offers: the portal's own, else those of every authority. */
    kinds(portal: Portal | null = null) {
      return db
        .select({ id: organizationKinds.id, name: organizationKinds.name, authorityName: authorities.name })
        .from(organizationKinds)
        .innerJoin(authorities, eq(authorities.id, organizationKinds.authorityId))
        .where(portal ? eq(organizationKinds.authorityId, portal.id) : undefined)
        .orderBy(asc(authorities.createdAt), asc(organizationKinds.slug));
    },

    /**
     * An organization asks to join an authority; the person asking becomes its first manager. Made
     * within a portal, it goes to that portal's authority (its staff review it): a kind another
     * authority takes is refused.
     */
    async request(account: SessionAccount, input: OrganizationRequest, origin: Origin, portal: Portal | null = null): Promise<{ id: string } | 'unknown_kind' | 'too_many'> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [kind] = await tx.select().from(organizationKinds).where(eq(organizationKinds.id, input.kindId));
        if (!kind || (portal && kind.authorityId !== portal.id)) return 'unknown_kind';
        const [pending] = await tx
          .select({ n: count() })
          .from(organizations)
          .where(and(eq(organizations.requestedBy, account.id), eq(organizations.status, 'requested')));
        if ((pending?.n ?? 0) >= PENDING_REQUESTS_PER_ACCOUNT) return 'too_many';
        const [organization] = await tx
          .insert(organizations)
          .values({
            authorityId: kind.authorityId,
            kindId: kind.id,
            name: { fr: input.nameFr, en: input.nameEn },
            addressLine1: input.addressLine1,
            addressLine2: input.addressLine2,
            city: input.city,
            province: input.province,
            postalCode: input.postalCode,
            requestedBy: account.id,
            createdAt: now,
          })
          .returning({ id: organizations.id });
        if (!organization) throw new Error('organization not created');
        await tx.insert(organizationMembers).values({ organizationId: organization.id, accountId: account.id, role: 'manager', createdAt: now });
        await recordRelation(tx, kind.authorityId, account.id, 'member', now);
        await setActingFor(tx, account.sessionId, { organizationId: organization.id });
        await recordEvent(tx, {
          authorityId: kind.authorityId,
          event: 'organization_requested',
          actorId: account.id,
          subjectId: account.id,
          origin,
          at: now,
          details: { organizationId: organization.id },
        });
        await notify(tx, account, 'organizationReceived', { page: 'organization', organizationId: organization.id, authorityId: kind.authorityId }, (_, locale) => (locale === 'fr' ? input.nameFr : input.nameEn), now);
        return { id: organization.id };
      });
    },

    /** Everything a person can act for: their organizations and the authorities they hold roles in. */
    async places(accountId: string) {
      const [memberships, roles] = await Promise.all([
        db
          .select({ id: organizations.id, name: organizations.name, status: organizations.status, role: organizationMembers.role, authorityName: authorities.name })
          .from(organizationMembers)
          .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
          .innerJoin(authorities, eq(authorities.id, organizations.authorityId))
          .where(eq(organizationMembers.accountId, accountId))
          .orderBy(asc(organizationMembers.createdAt)),
        db
          .select({ id: authorities.id, name: authorities.name, role: authorityRoles.role })
          .from(authorityRoles)
          .innerJoin(authorities, eq(authorities.id, authorityRoles.authorityId))
          .where(eq(authorityRoles.accountId, accountId))
          .orderBy(asc(authorities.createdAt), asc(authorityRoles.role)),
      ]);
      const byAuthority = new Map<string, { id: string; name: Bilingual; roles: string[] }>();
      for (const r of roles) {
        const entry = byAuthority.get(r.id) ?? { id: r.id, name: r.name, roles: [] };
        entry.roles.push(r.role);
        byAuthority.set(r.id, entry);
      }
      return { organizations: memberships, authorities: [...byAuthority.values()] };
    },

    /** Makes the session act for one of the person's organizations, an authority they have a role in, or themselves. */
    async actFor(session: SessionAccount, target: { organizationId: string } | { authorityId: string } | 'self'): Promise<boolean> {
      if (target === 'self') {
        await setActingFor(db, session.sessionId, {});
        return true;
      }
      if ('organizationId' in target) {
        if (!(await membership(session.id, target.organizationId))) return false;
        await setActingFor(db, session.sessionId, target);
        return true;
      }
      const [role] = await db
        .select({ role: authorityRoles.role })
        .from(authorityRoles)
        .where(and(eq(authorityRoles.accountId, session.id), eq(authorityRoles.authorityId, target.authorityId)))
        .limit(1);
      if (!role) return false;
      await setActingFor(db, session.sessionId, target);
      return true;
    },

    /** Acts for the organization of a membership already checked (opening one of its pages). */
    enter(session: SessionAccount, m: Membership) {
      return setActingFor(db, session.sessionId, { organizationId: m.organizationId });
    },

    /** The organization a membership opens, with its kind and how many people are in it. */
    overview: (m: Membership) => overviewOf(m.organizationId),
    members: (m: Membership) => membersOf(m.organizationId),



    async changeRole(m: Membership, accountId: string, role: OrganizationRole, origin: Origin): Promise<'ok' | 'not_found' | 'last_manager' | 'forbidden'> {
      if (!can(m, 'manage_members')) return 'forbidden';
      const now = clock.now();
      return db.transaction(async (tx) => {
        if (role === 'member' && (await managersLeft(tx, m.organizationId, accountId)) === 0) return 'last_manager';
        const [changed] = await tx
          .update(organizationMembers)
          .set({ role })
          .where(and(eq(organizationMembers.organizationId, m.organizationId), eq(organizationMembers.accountId, accountId)))
          .returning({ accountId: organizationMembers.accountId });
        if (!changed) return 'not_found';
        await recordEvent(tx, { authorityId: m.authorityId, event: 'member_role_changed', actorId: m.accountId, subjectId: accountId, origin, at: now, details: { organizationId: m.organizationId, role } });
        return 'ok';
      });
    },

    async removeMember(m: Membership, accountId: string, origin: Origin): Promise<'ok' | 'not_found' | 'last_manager' | 'forbidden'> {
      if (!can(m, 'manage_members')) return 'forbidden';
      const now = clock.now();
      return db.transaction(async (tx) => {
        if ((await managersLeft(tx, m.organizationId, accountId)) === 0) return 'last_manager';
        const [removed] = await tx
          .delete(organizationMembers)
          .where(and(eq(organizationMembers.organizationId, m.organizationId), eq(organizationMembers.accountId, accountId)))
          .returning({ accountId: organizationMembers.accountId });
        if (!removed) return 'not_found';
        // Whoever was acting for it stops at once.
        await identity.sessions.stopActingFor(tx, accountId, m.organizationId);
        await recordEvent(tx, { authorityId: m.authorityId, event: 'member_removed', actorId: m.accountId, subjectId: accountId, origin, at: now, details: { organizationId: m.organizationId } });
        return 'ok';
      });
    },

    /** A new code for a role, shown once: only its hash is kept. */
    async createCode(m: Membership, role: OrganizationRole, origin: Origin, sessionId: string): Promise<{ code: string; expiresAt: Date } | null> {
      if (!can(m, 'manage_security_codes')) return null;
      const now = clock.now();
      const code = newSecurityCode();
      const expiresAt = new Date(now.getTime() + SECURITY_CODE_TTL_MS);
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(securityCodes)
          .values({ organizationId: m.organizationId, role, codeHash: hashCode(normalizeSecurityCode(code)), createdBy: m.accountId, createdAt: now, expiresAt })
          .returning({ id: securityCodes.id });
        await recordEvent(tx, { authorityId: m.authorityId, event: 'security_code_created', actorId: m.accountId, subjectId: null, origin, at: now, details: { organizationId: m.organizationId, codeId: row?.id, role } });
        // The page it redirects to shows it once, from this record, then it is gone.
        const shown: ShownCode = { organizationId: m.organizationId, code, expiresAt: expiresAt.toISOString(), role };
        await identity.sessions.showOnce(tx, sessionId, SECURITY_CODE_SHOWN, shown, now);
      });
      return { code, expiresAt };
    },

    /** The code just created in this session, for the page that shows it once; null after that. */
    async takeCreatedCode(m: Membership, sessionId: string): Promise<{ code: string; expiresAt: Date; role: OrganizationRole } | null> {
      const shown = (await identity.sessions.takeShownOnce(sessionId, SECURITY_CODE_SHOWN)) as ShownCode | null;
      if (!shown || shown.organizationId !== m.organizationId) return null;
      return { code: shown.code, expiresAt: new Date(shown.expiresAt), role: shown.role };
    },

    codes: (m: Membership) => codesOf(m.organizationId),


    async revokeCode(m: Membership, codeId: string, origin: Origin): Promise<boolean> {
      if (!can(m, 'manage_security_codes')) return false;
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [revoked] = await tx
          .update(securityCodes)
          .set({ revokedAt: now, revokedBy: m.accountId })
          .where(and(eq(securityCodes.id, codeId), eq(securityCodes.organizationId, m.organizationId), isNull(securityCodes.usedAt), isNull(securityCodes.revokedAt)))
          .returning({ id: securityCodes.id });
        if (!revoked) return false;
        await recordEvent(tx, { authorityId: m.authorityId, event: 'security_code_revoked', actorId: m.accountId, subjectId: null, origin, at: now, details: { organizationId: m.organizationId, codeId } });
        return true;
      });
    },

    /**
     * Joins the organization a code is for. The code is spent by one conditional update, so two
     * people racing with it make exactly one member; a failure is recorded for the throttle.
     */
    async redeem(account: SessionAccount, typed: string, origin: Origin): Promise<RedeemResult> {
      const now = clock.now();
      if (await throttled(account, origin, now)) return { kind: 'throttled' };
      const result = await db.transaction(async (tx): Promise<RedeemResult> => {
        const code = await usableCode(tx, typed, now);
        if (typeof code === 'string') return { kind: code };
        if (await membership(account.id, code.organizationId, tx)) return { kind: 'already_member' };
        if (!(await spend(tx, code.id, account.id, now))) return { kind: 'used' };
        await tx.insert(organizationMembers).values({ organizationId: code.organizationId, accountId: account.id, role: code.role, createdAt: now });
        await recordRelation(tx, code.authorityId, account.id, 'member', now);
        await setActingFor(tx, account.sessionId, { organizationId: code.organizationId });
        // Members may have to use two-step verification: someone without it enrols before going on.
        await identity.sessions.enrolIfRequired(tx, account.id);
        await recordEvent(tx, { authorityId: code.authorityId, event: 'security_code_redeemed', actorId: account.id, subjectId: account.id, origin, at: now, details: { organizationId: code.organizationId, codeId: code.id, role: code.role } });
        // The manager who made the code hears who used it, while they are still a manager of it.
        const [maker] = await tx
          .select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, preferredLanguage: accounts.preferredLanguage, organizationName: organizations.name })
          .from(securityCodes)
          .innerJoin(accounts, eq(accounts.id, securityCodes.createdBy))
          .innerJoin(organizationMembers, and(eq(organizationMembers.accountId, securityCodes.createdBy), eq(organizationMembers.organizationId, securityCodes.organizationId), eq(organizationMembers.role, 'manager')))
          .innerJoin(organizations, eq(organizations.id, securityCodes.organizationId))
          .where(eq(securityCodes.id, code.id));
        if (maker) {
          await notify(tx, maker, 'memberJoined', { page: 'organizationMembers', organizationId: code.organizationId, authorityId: code.authorityId }, (t, locale) =>
            t('mail.memberJoinedDetail', {
              name: `${account.givenName} ${account.familyName}`,
              email: account.email,
              organization: maker.organizationName[locale],
              role: t(code.role === 'manager' ? 'organization.role.manager' : 'organization.role.member').toLocaleLowerCase(locale),
            }), now);
        }
        return { kind: 'joined', organizationId: code.organizationId, role: code.role };
      });
      if (result.kind !== 'joined') await recordFailure(account, origin, result.kind, now);
      return result;
    },

    /**
     * Another module's use of a code (agencies: a representative's link to the agency that gave it):
     * throttled, checked and spent as `redeem` does, with no membership. `use` makes the caller's
     * change in the same transaction; a refusal it returns rolls the spending back (the code stays
     * usable) and is not counted as a wrong code.
     */
    async spendCode<R, F extends string>(
      account: SessionAccount,
      typed: string,
      origin: Origin,
      use: (tx: Executor, code: { id: string; organizationId: string; authorityId: string; at: Date }) => Promise<{ ok: true; value: R } | { ok: false; refusal: F }>,
    ): Promise<{ kind: 'spent'; value: R } | { kind: 'refused'; refusal: F } | { kind: Exclude<RedeemResult['kind'], 'joined' | 'already_member'> }> {
      const now = clock.now();
      if (await throttled(account, origin, now)) return { kind: 'throttled' };
      type Outcome = { kind: 'spent'; value: R } | { kind: 'refused'; refusal: F } | { kind: Exclude<RedeemResult['kind'], 'joined' | 'already_member' | 'throttled'> };
      let outcome: Outcome;
      try {
        outcome = await db.transaction(async (tx): Promise<Outcome> => {
          const code = await usableCode(tx, typed, now);
          if (typeof code === 'string') return { kind: code };
          if (!(await spend(tx, code.id, account.id, now))) return { kind: 'used' };
          const used = await use(tx, { id: code.id, organizationId: code.organizationId, authorityId: code.authorityId, at: now });
          if (used.ok) return { kind: 'spent', value: used.value };
          // Thrown, so that the spending and whatever `use` wrote roll back.
          throw new SpendingUndone(used.refusal);
        });
      } catch (error) {
        if (!(error instanceof SpendingUndone)) throw error;
        return { kind: 'refused', refusal: error.refusal as F };
      }
      if (outcome.kind !== 'spent') await recordFailure(account, origin, outcome.kind, now);
      return outcome;
    },

    /** The organizations a person is a member of, with their authority, oldest membership first (the dashboard). */
    memberships(accountId: string) {
      return db
        .select({ id: organizations.id, authorityId: organizations.authorityId, name: organizations.name, role: organizationMembers.role, status: organizations.status })
        .from(organizationMembers)
        .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
        .where(eq(organizationMembers.accountId, accountId))
        .orderBy(asc(organizationMembers.createdAt), asc(organizations.id));
    },

    /** When the person's organization is still under review: the day it was asked for; null otherwise. */
    async underReviewSince(accountId: string, organizationId: string): Promise<Date | null> {
      const [row] = await db
        .select({ at: organizations.createdAt })
        .from(organizations)
        .innerJoin(organizationMembers, and(eq(organizationMembers.organizationId, organizations.id), eq(organizationMembers.accountId, accountId)))
        .where(and(eq(organizations.id, organizationId), eq(organizations.status, 'requested')));
      return row?.at ?? null;
    },

    /**
     * A manager's security codes that nobody used or cancelled and that expire within
     * CODE_EXPIRY_WARNING_MS: how many, and the first to expire. Nothing for anyone else.
     */
    async codesExpiringSoon(accountId: string, organizationId: string): Promise<{ count: number; first: Date | null }> {
      const now = clock.now();
      const [row] = await db
        .select({ n: count(), first: sql<Date | null>`min(${securityCodes.expiresAt})`.mapWith(securityCodes.expiresAt) })
        .from(securityCodes)
        .innerJoin(organizations, and(eq(organizations.id, securityCodes.organizationId), eq(organizations.status, 'approved')))
        .innerJoin(
          organizationMembers,
          and(eq(organizationMembers.organizationId, securityCodes.organizationId), eq(organizationMembers.accountId, accountId), eq(organizationMembers.role, 'manager')),
        )
        .where(
          and(
            eq(securityCodes.organizationId, organizationId),
            isNull(securityCodes.usedAt),
            isNull(securityCodes.revokedAt),
            gt(securityCodes.expiresAt, now),
            lte(securityCodes.expiresAt, new Date(now.getTime() + CODE_EXPIRY_WARNING_MS)),
          ),
        );
      return { count: row?.n ?? 0, first: row?.first ?? null };
    },

    /** Whether an authority takes member organizations (it has a kind of them): people may ask for one. */
    async takesOrganizations(authorityId: string): Promise<boolean> {
      const [row] = await db.select({ id: organizationKinds.id }).from(organizationKinds).where(eq(organizationKinds.authorityId, authorityId)).limit(1);
      return row !== undefined;
    },

    /** Staff: how many organizations of their authority wait for a decision. */
    async staffPendingCount(staff: StaffActor): Promise<number> {
      if (!can(staff, 'view', { authorityId: staff.staffAuthorityId })) return 0;
      const [row] = await db
        .select({ n: count() })
        .from(organizations)
        .where(and(eq(organizations.authorityId, staff.staffAuthorityId), eq(organizations.status, 'requested')));
      return row?.n ?? 0;
    },

    /** Staff: the authority's organizations, by name or state. */
    staffList(staff: StaffActor, filter: { q: string; status: OrganizationStatus | null }) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return db
        .select({ id: organizations.id, name: organizations.name, status: organizations.status, createdAt: organizations.createdAt, kindName: organizationKinds.name })
        .from(organizations)
        .innerJoin(organizationKinds, eq(organizationKinds.id, organizations.kindId))
        .where(
          and(
            eq(organizations.authorityId, staff.staffAuthorityId),
            filter.status ? eq(organizations.status, filter.status) : undefined,
            filter.q ? or(ilike(sql`${organizations.name} ->> 'fr'`, pattern), ilike(sql`${organizations.name} ->> 'en'`, pattern)) : undefined,
          ),
        )
        .orderBy(sql`case ${organizations.status} when 'requested' then 0 else 1 end`, desc(organizations.createdAt))
        .limit(200);
    },

    /** Staff: one organization of their authority, or null. */
    async staffView(staff: StaffActor, organizationId: string) {
      const [row] = await db
        .select({ authorityId: organizations.authorityId })
        .from(organizations)
        .where(and(eq(organizations.id, organizationId), eq(organizations.authorityId, staff.staffAuthorityId)));
      if (!row || !can(staff, 'view', row)) return null;
      const [organization, people, codes] = await Promise.all([overviewOf(organizationId), membersOf(organizationId), codesOf(organizationId, 50)]);
      return { organization, people, codes, mayDecide: can(staff, 'decide', row) };
    },

    /** Staff: the codes of every organization of their authority, newest first. */
    staffCodes(staff: StaffActor) {
      return codesWhere(eq(organizations.authorityId, staff.staffAuthorityId), 200);
    },

    /** Staff cancel a code of one of their authority's organizations (a code given to the wrong person, say). */
    async staffRevokeCode(staff: StaffActor, codeId: string, origin: Origin): Promise<boolean> {
      if (!can(staff, 'view', { authorityId: staff.staffAuthorityId })) return false;
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [revoked] = await tx
          .update(securityCodes)
          .set({ revokedAt: now, revokedBy: staff.id })
          .where(
            and(
              eq(securityCodes.id, codeId),
              isNull(securityCodes.usedAt),
              isNull(securityCodes.revokedAt),
              sql`${securityCodes.organizationId} in (select o.id from organizations o where o.authority_id = ${staff.staffAuthorityId})`,
            ),
          )
          .returning({ organizationId: securityCodes.organizationId });
        if (!revoked) return false;
        await recordEvent(tx, { authorityId: staff.staffAuthorityId, event: 'security_code_revoked', actorId: staff.id, subjectId: null, origin, at: now, details: { organizationId: revoked.organizationId, codeId, by: 'staff' } });
        return true;
      });
    },

    /** Approve, refuse (with the reason the organization sees) or suspend; one transaction with its audit row. */
    async decide(staff: StaffActor, organizationId: string, decision: Decision, reason: string | null, origin: Origin): Promise<DecisionResult> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ authorityId: organizations.authorityId, status: organizations.status, name: organizations.name, requestedBy: organizations.requestedBy })
          .from(organizations)
          .where(and(eq(organizations.id, organizationId), eq(organizations.authorityId, staff.staffAuthorityId)))
          .for('update');
        if (!row) return 'not_found';
        if (!can(staff, 'decide', row)) return 'forbidden';
        const rule = organizationTransitions.check(row.status, decision, staff.authorityRoles);
        if (rule === 'forbidden') return 'forbidden';
        if (rule === 'not_allowed_from') return 'not_allowed';
        await tx
          .update(organizations)
          .set({ status: rule.to, statusReason: decision === 'approve' ? null : reason, decidedBy: staff.id, decidedAt: now })
          .where(eq(organizations.id, organizationId));
        await recordEvent(tx, { authorityId: row.authorityId, event: rule.event, actorId: staff.id, subjectId: null, origin, at: now, details: { organizationId, from: row.status, ...(reason ? { reason } : {}) } });
        // The person who asked hears of the decision, with the reason staff gave.
        const [asker] = row.requestedBy
          ? await tx.select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, preferredLanguage: accounts.preferredLanguage }).from(accounts).where(eq(accounts.id, row.requestedBy))
          : [];
        if (asker) {
          const template = ({ approve: 'organizationApproved', refuse: 'organizationRefused', suspend: 'organizationSuspended' } as const satisfies Record<Decision, MailTemplate>)[decision];
          await notify(tx, asker, template, { page: 'organization', organizationId, authorityId: row.authorityId }, (t, locale) => {
            const name = row.name[locale];
            if (decision === 'approve' || !reason) return name;
            return t(decision === 'refuse' ? 'mail.decisionDetail' : 'mail.suspensionDetail', { name, reason });
          }, now);
        }
        return 'ok';
      });
    },
  };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;

/** Demo data and tests: an authority's kind of organization. */
export async function createOrganizationKind(db: Executor, input: { authorityId: string; slug: string; name: Bilingual }) {
  const [row] = await db.insert(organizationKinds).values(input).returning();
  if (!row) throw new Error('kind not created');
  return row;
}

/** Demo data and tests: an organization already approved, with its people. */
/** Where an organization is: a public health authority's province routes the notices of that province to it. */
export interface OrganizationAddress {
  addressLine1: string;
  city: string;
  province: string;
  postalCode: string;
}

export async function createApprovedOrganization(
  db: Database,
  input: { kindId: string; authorityId: string; name: Bilingual; people: { accountId: string; role: OrganizationRole }[]; address?: OrganizationAddress },
) {
  const address = input.address ?? { addressLine1: '90 Elgin', city: 'Ottawa', province: 'ON', postalCode: 'K1A 0A1' };
  return db.transaction(async (tx) => {
    const [organization] = await tx
      .insert(organizations)
      .values({ authorityId: input.authorityId, kindId: input.kindId, name: input.name, ...address, status: 'approved', decidedAt: new Date() })
      .returning();
    if (!organization) throw new Error('organization not created');
    for (const person of input.people) {
      await tx.insert(organizationMembers).values({ organizationId: organization.id, ...person });
      await recordRelation(tx, input.authorityId, person.accountId, 'member', new Date());
    }
    return organization;
  });
}

/** Every member of an organization (managers and members alike), to write to, by address. */
export function memberRecipients(executor: Executor, organizationId: string): Promise<Recipient[]> {
  return executor
    .select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, locale: accounts.preferredLanguage })
    .from(organizationMembers)
    .innerJoin(accounts, eq(accounts.id, organizationMembers.accountId))
    .where(eq(organizationMembers.organizationId, organizationId))
    .orderBy(accounts.email);
}
