import { and, eq, inArray } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import { mailAccount } from '../authorities/index.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import type { Membership, OrganizationService } from '../organizations/index.ts';
import type { SessionAccount, StaffActor } from '../platform/actors.ts';
import { type LocalDate, localDateAt } from '../platform/calendar.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, Executor } from '../platform/db.ts';
import { type Locale, translator } from '../platform/i18n/index.ts';
import type { Origin } from '../platform/origin.ts';
import type { PageName } from '../platform/paths.ts';
import { can } from './policies.ts';
import * as queries from './queries.ts';
import { agencyLinks, type LinkStatus } from './schema.ts';
import { type LinkAction, linkTransitions, OPEN_STATUSES } from './states.ts';

/** Called in the transaction that makes a link active (licensing issues a waiting certificate from it). */
export type OnLinked = (tx: Executor, link: { accountId: string; authorityId: string; at: Date }) => Promise<void>;

export type RequestResult = 'ok' | 'not_found' | 'already_linked';
export type RedeemResult =
  | { kind: 'linked'; organizationId: string }
  | { kind: 'already_linked' | 'not_agency' | 'throttled' | 'unknown' | 'used' | 'expired' | 'revoked' | 'organization_inactive' };
export type DecisionResult = 'ok' | 'not_found' | 'forbidden' | 'not_allowed';

type Person = Pick<SessionAccount, 'id' | 'staffAuthorityId' | 'authorityRoles'>;

export function createAgencyService(deps: { db: Database; clock: Clock; mailer: Mailer; publicUrl: URL; organizations: OrganizationService }) {
  const { db, clock, mailer, organizations } = deps;
  const linkedHandlers: OnLinked[] = [];

  /** Everyone listening hears of the new active link, in its transaction: their failure undoes it. */
  async function linked(tx: Executor, link: { accountId: string; authorityId: string }, at: Date) {
    for (const handler of linkedHandlers) await handler(tx, { ...link, at });
  }

  /** A message about a link, in its reader's language, linking to the page they act on; in the caller's transaction. */
  function notify(
    tx: Executor,
    to: { id: string; email: string; givenName: string; preferredLanguage: Locale },
    template: MailTemplate,
    link: { page: PageName; params?: Record<string, string>; authorityId: string },
    detail: (t: ReturnType<typeof translator>, locale: Locale) => string,
    at: Date,
  ) {
    return mailAccount(tx, mailer, deps.publicUrl, to, { authorityId: link.authorityId, template, page: link.page, ...(link.params ? { params: link.params } : {}), detail, at });
  }

  /** The link under a lock, with the agency's name: one decision at a time. */
  async function locked(tx: Executor, where: ReturnType<typeof and>) {
    const [row] = await tx.select().from(agencyLinks).where(where).for('update');
    return row ?? null;
  }

  /** A manager's confirm, refuse or end, or the person's withdraw or end: the row locked, the table checked, the audit row and mail written. */
  async function transition(
    tx: Executor,
    row: typeof agencyLinks.$inferSelect,
    action: LinkAction,
    by: { accountId: string; role: 'manager' | 'representative' },
    reason: string | null,
    origin: Origin,
    now: Date,
  ): Promise<'ok' | 'not_allowed' | 'forbidden'> {
    const rule = linkTransitions.check(row.status, action, [by.role]);
    if (rule === 'forbidden') return 'forbidden';
    if (rule === 'not_allowed_from') return 'not_allowed';
    const today = localDateAt(now);
    const ref = { linkId: row.id, organizationId: row.organizationId };
    if (action === 'confirm') {
      await tx.update(agencyLinks).set({ status: rule.to, decidedAt: now, decidedBy: by.accountId, startedOn: today }).where(eq(agencyLinks.id, row.id));
      await recordEvent(tx, { authorityId: row.authorityId, event: 'agency_link_started', actorId: by.accountId, subjectId: row.accountId, origin, at: now, details: { ...ref, via: 'manager', startedOn: today } });
      await linked(tx, row, now);
    } else if (action === 'refuse') {
      await tx.update(agencyLinks).set({ status: rule.to, decidedAt: now, decidedBy: by.accountId, endReason: reason }).where(eq(agencyLinks.id, row.id));
      await recordEvent(tx, { authorityId: row.authorityId, event: 'agency_link_refused', actorId: by.accountId, subjectId: row.accountId, origin, at: now, details: { ...ref, reason } });
    } else if (action === 'withdraw') {
      await tx.update(agencyLinks).set({ status: rule.to, decidedAt: now, decidedBy: by.accountId }).where(eq(agencyLinks.id, row.id));
      await recordEvent(tx, { authorityId: row.authorityId, event: 'agency_link_withdrawn', actorId: by.accountId, subjectId: row.accountId, origin, at: now, details: ref });
    } else {
      await tx.update(agencyLinks).set({ status: rule.to, endedOn: today, endedBy: by.accountId, endReason: reason }).where(eq(agencyLinks.id, row.id));
      await recordEvent(tx, {
        authorityId: row.authorityId,
        event: 'agency_link_ended',
        actorId: by.accountId,
        subjectId: row.accountId,
        origin,
        at: now,
        details: { ...ref, endedOn: today, by: by.role === 'manager' ? 'agency' : 'representative', reason },
      });
    }
    // The person hears of what the agency decided; what they did themselves, they know.
    if (by.role === 'manager') {
      const template = ({ confirm: 'agencyLinkConfirmed', refuse: 'agencyLinkRefused', end: 'agencyLinkEnded' } as const satisfies Partial<Record<LinkAction, MailTemplate>>)[action as 'confirm' | 'refuse' | 'end'];
      const [agency] = await queries.linksWhere(tx, eq(agencyLinks.id, row.id));
      await notify(tx, await queries.personOf(tx, row.accountId), template, { page: 'agencies.link', authorityId: row.authorityId }, (t, locale) => {
        const name = agency?.agency[locale] ?? '';
        if (action === 'confirm') return t('agencies.mail.confirmedDetail', { agency: name, date: today });
        return reason ? t('agencies.mail.reasonDetail', { agency: name, reason }) : name;
      }, now);
    }
    return 'ok';
  }

  /** A manager acts on one of the agency's links: locked, checked against the policy and the table. */
  async function act(m: Membership, linkId: string, action: 'confirm' | 'refuse' | 'end', reason: string | null, origin: Origin): Promise<DecisionResult> {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const row = await locked(tx, and(eq(agencyLinks.id, linkId), eq(agencyLinks.organizationId, m.organizationId), eq(agencyLinks.authorityId, m.authorityId)));
      if (!row) return 'not_found';
      if (!can(m, 'decide', row)) return 'forbidden';
      return transition(tx, row, action, { accountId: m.accountId, role: 'manager' }, reason, origin, now);
    });
  }

  return {
    /** The authority's approved agencies a person may ask to be linked to. */
    agencies: (authorityId: string, q = '') => queries.approvedAgencies(db, authorityId, q),

    /** The person's page: their request or link now, and every earlier one. */
    async mine(person: Person, authorityId: string) {
      const links = await queries.linksWhere(db, and(eq(agencyLinks.accountId, person.id), eq(agencyLinks.authorityId, authorityId)));
      const open = links.find((l) => (OPEN_STATUSES as readonly LinkStatus[]).includes(l.status)) ?? null;
      return { open, history: links.filter((l) => l !== open) };
    },

    /** A person asks an approved agency of the authority to link them; its managers hear of it. */
    async request(person: SessionAccount, authorityId: string, organizationId: string, origin: Origin): Promise<RequestResult> {
      if (!can(person, 'act', { accountId: person.id, authorityId })) return 'not_found';
      const now = clock.now();
      return db.transaction(async (tx) => {
        const agency = await queries.agencyOf(tx, authorityId, organizationId);
        if (!agency || agency.status !== 'approved') return 'not_found';
        // The partial unique index keeps one open link: a second one (or a race) inserts nothing.
        const [row] = await tx
          .insert(agencyLinks)
          .values({ authorityId, accountId: person.id, organizationId, status: 'requested', via: 'manager', requestedAt: now, createdAt: now })
          .onConflictDoNothing()
          .returning({ id: agencyLinks.id });
        if (!row) return 'already_linked';
        await recordEvent(tx, { authorityId, event: 'agency_link_requested', actorId: person.id, subjectId: person.id, origin, at: now, details: { linkId: row.id, organizationId } });
        for (const manager of await queries.managersOf(tx, organizationId)) {
          await notify(tx, manager, 'agencyLinkRequested', { page: 'agencies.manage', params: { organizationId }, authorityId }, (t, locale) =>
            t('agencies.mail.requestedDetail', { name: `${person.givenName} ${person.familyName}`, email: person.email, agency: agency.name[locale] }), now);
        }
        return 'ok';
      });
    },

    /**
     * A person links themselves at once with the agency's security code (organizations' codes:
     * hashed, expiring, one use, wrong tries throttled). A code of something that is not an agency
     * of this authority, or a person already linked, leaves the code unspent.
     */
    async redeem(person: SessionAccount, authorityId: string, typed: string, origin: Origin): Promise<RedeemResult> {
      const result = await organizations.spendCode(person, typed, origin, async (tx, code) => {
        const agency = await queries.agencyOf(tx, authorityId, code.organizationId);
        if (!agency || code.authorityId !== authorityId) return { ok: false, refusal: 'not_agency' as const };
        const startedOn = localDateAt(code.at);
        const [row] = await tx
          .insert(agencyLinks)
          .values({ authorityId, accountId: person.id, organizationId: code.organizationId, status: 'active', via: 'security_code', requestedAt: code.at, decidedAt: code.at, decidedBy: person.id, startedOn, createdAt: code.at })
          .onConflictDoNothing()
          .returning({ id: agencyLinks.id });
        if (!row) return { ok: false, refusal: 'already_linked' as const };
        await recordEvent(tx, {
          authorityId,
          event: 'agency_link_started',
          actorId: person.id,
          subjectId: person.id,
          origin,
          at: code.at,
          details: { linkId: row.id, organizationId: code.organizationId, via: 'security_code', startedOn, codeId: code.id },
        });
        await linked(tx, { accountId: person.id, authorityId }, code.at);
        return { ok: true, value: code.organizationId };
      });
      if (result.kind === 'spent') return { kind: 'linked', organizationId: result.value };
      if (result.kind === 'refused') return { kind: result.refusal };
      return result;
    },

    /** The person withdraws their request or ends their link (the reason is theirs to give or not). */
    async endMine(person: SessionAccount, authorityId: string, reason: string | null, origin: Origin): Promise<'ok' | 'not_found'> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await locked(tx, and(eq(agencyLinks.accountId, person.id), eq(agencyLinks.authorityId, authorityId), inArray(agencyLinks.status, [...OPEN_STATUSES])));
        if (!row || !can(person, 'act', row)) return 'not_found';
        const result = await transition(tx, row, row.status === 'requested' ? 'withdraw' : 'end', { accountId: person.id, role: 'representative' }, row.status === 'requested' ? null : reason, origin, now);
        return result === 'ok' ? 'ok' : 'not_found';
      });
    },

    /** The agency's links, for its manager: requests first, then active links, then the past. */
    async forAgency(m: Membership) {
      if (!can(m, 'view', m)) return null;
      const links = await queries.linksWhere(db, eq(agencyLinks.organizationId, m.organizationId));
      return {
        requested: links.filter((l) => l.status === 'requested'),
        active: links.filter((l) => l.status === 'active'),
        past: links.filter((l) => l.status !== 'requested' && l.status !== 'active'),
      };
    },

    /** Whether the organization is a collection agency of its authority (its manager pages exist only then). */
    isAgency: async (m: Membership) => (await queries.agencyOf(db, m.authorityId, m.organizationId)) !== null,

    /** The manager confirms (the link starts today) or refuses (with the reason the person reads) a request. */
    async decide(m: Membership, linkId: string, decision: 'confirm' | 'refuse', reason: string | null, origin: Origin): Promise<DecisionResult> {
      return act(m, linkId, decision, reason, origin);
    },

    /** The manager ends an active link, with the reason the person reads. */
    async end(m: Membership, linkId: string, reason: string, origin: Origin): Promise<DecisionResult> {
      return act(m, linkId, 'end', reason, origin);
    },

    /** One link of the agency, for the page that ends it. */
    async linkOfAgency(m: Membership, linkId: string) {
      if (!can(m, 'view', m)) return null;
      const [row] = await queries.linksWhere(db, and(eq(agencyLinks.id, linkId), eq(agencyLinks.organizationId, m.organizationId)));
      return row ?? null;
    },

    /** Staff: the authority's agencies with their requests and active links counted. */
    staffAgencies(staff: StaffActor) {
      if (!can(staff, 'view_links', { authorityId: staff.staffAuthorityId })) return Promise.resolve([]);
      return queries.agenciesWithCounts(db, staff.staffAuthorityId);
    },

    /** Staff: one organization of their authority and its links (none when it is not an agency); null for any other. */
    async staffLinks(staff: StaffActor, organizationId: string) {
      if (!can(staff, 'view_links', { authorityId: staff.staffAuthorityId })) return null;
      const organization = await queries.organizationOf(db, staff.staffAuthorityId, organizationId);
      if (!organization) return null;
      const links = await queries.linksWhere(db, and(eq(agencyLinks.organizationId, organizationId), eq(agencyLinks.authorityId, staff.staffAuthorityId)));
      return { organization, links };
    },

    // ---- For other modules (kit.services.agencies): the contract of issue 15.
    /** The link active on that day (ended ones included): "linked to an agency at expiry". */
    linkOn: (tx: Executor, accountId: string, authorityId: string, day: LocalDate) => queries.linkOn(tx, accountId, authorityId, day),
    /** The person's active link at the authority, now. */
    activeLink: (tx: Executor, accountId: string, authorityId: string) => queries.activeLink(tx, accountId, authorityId),
    /** Runs the handler in every transaction that makes a link active. */
    onLinked(handler: OnLinked): void {
      linkedHandlers.push(handler);
    },
  };
}

export type AgencyService = ReturnType<typeof createAgencyService>;
export type { Link, LinkRow } from './queries.ts';
