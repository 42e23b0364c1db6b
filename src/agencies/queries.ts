import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { accounts } from '../identity/index.ts';
import { organizationKinds, organizationMembers, organizations } from '../organizations/index.ts';
import type { LocalDate } from '../platform/calendar.ts';
import type { Executor } from '../platform/db.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import { agencyLinks } from './schema.ts';

/** The kind of organization (its slug, per authority) that makes an organization a collection agency. */
export const AGENCY_KIND = 'collection_agency';

/** What `linkOn` and `activeLink` answer: the link, its agency's name and its dates. */
export interface Link {
  id: string;
  organizationId: string;
  agency: Bilingual;
  startedOn: LocalDate;
  endedOn: LocalDate | null;
}

const isAgency = and(eq(organizationKinds.id, organizations.kindId), eq(organizationKinds.slug, AGENCY_KIND));

/** The authority's approved collection agencies, by name (a search on either language when `q` is given). */
export function approvedAgencies(db: Executor, authorityId: string, q = '') {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({ id: organizations.id, name: organizations.name, city: organizations.city })
    .from(organizations)
    .innerJoin(organizationKinds, isAgency)
    .where(
      and(
        eq(organizations.authorityId, authorityId),
        eq(organizations.status, 'approved'),
        q ? or(ilike(sql`${organizations.name} ->> 'fr'`, pattern), ilike(sql`${organizations.name} ->> 'en'`, pattern)) : undefined,
      ),
    )
    .orderBy(sql`${organizations.name} ->> 'fr'`)
    .limit(200);
}

/** One organization of the authority if it is a collection agency, with its state; else nothing. */
export async function agencyOf(db: Executor, authorityId: string, organizationId: string) {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name, status: organizations.status, authorityId: organizations.authorityId })
    .from(organizations)
    .innerJoin(organizationKinds, isAgency)
    .where(and(eq(organizations.id, organizationId), eq(organizations.authorityId, authorityId)));
  return row ?? null;
}

/** An organization of the authority, agency or not (staff's page of its links): its name, or nothing. */
export async function organizationOf(db: Executor, authorityId: string, organizationId: string) {
  const [row] = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(eq(organizations.id, organizationId), eq(organizations.authorityId, authorityId)));
  return row ?? null;
}

/** The agency's managers, who hear of a new request. */
export function managersOf(db: Executor, organizationId: string) {
  return db
    .select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, preferredLanguage: accounts.preferredLanguage })
    .from(organizationMembers)
    .innerJoin(accounts, eq(accounts.id, organizationMembers.accountId))
    .where(and(eq(organizationMembers.organizationId, organizationId), eq(organizationMembers.role, 'manager')));
}

/** The person a link is for, as their mail needs them. */
export async function personOf(db: Executor, accountId: string) {
  const [row] = await db
    .select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, familyName: accounts.familyName, preferredLanguage: accounts.preferredLanguage })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!row) throw new Error('account not found');
  return row;
}

/** Links with their agency's name and their person, newest first: a person's, an agency's. */
export function linksWhere(db: Executor, condition: SQL | undefined) {
  return db
    .select({
      id: agencyLinks.id,
      authorityId: agencyLinks.authorityId,
      accountId: agencyLinks.accountId,
      organizationId: agencyLinks.organizationId,
      status: agencyLinks.status,
      via: agencyLinks.via,
      requestedAt: agencyLinks.requestedAt,
      decidedAt: agencyLinks.decidedAt,
      startedOn: agencyLinks.startedOn,
      endedOn: agencyLinks.endedOn,
      endReason: agencyLinks.endReason,
      agency: organizations.name,
      givenName: accounts.givenName,
      familyName: accounts.familyName,
      email: accounts.email,
    })
    .from(agencyLinks)
    .innerJoin(organizations, eq(organizations.id, agencyLinks.organizationId))
    .innerJoin(accounts, eq(accounts.id, agencyLinks.accountId))
    .where(condition)
    .orderBy(desc(agencyLinks.requestedAt), desc(agencyLinks.id))
    .limit(500);
}
export type LinkRow = Awaited<ReturnType<typeof linksWhere>>[number];

/**
 * The link active on that day, ended ones included: started on or before it and not ended before
 * it (the day a link ends still counts as linked). Of two links touching that day, the later.
 */
export async function linkOn(db: Executor, accountId: string, authorityId: string, day: LocalDate): Promise<Link | null> {
  const [row] = await db
    .select({ id: agencyLinks.id, organizationId: agencyLinks.organizationId, agency: organizations.name, startedOn: agencyLinks.startedOn, endedOn: agencyLinks.endedOn })
    .from(agencyLinks)
    .innerJoin(organizations, eq(organizations.id, agencyLinks.organizationId))
    .where(
      and(
        eq(agencyLinks.accountId, accountId),
        eq(agencyLinks.authorityId, authorityId),
        inArray(agencyLinks.status, ['active', 'ended']),
        lte(agencyLinks.startedOn, day),
        or(isNull(agencyLinks.endedOn), gte(agencyLinks.endedOn, day)),
      ),
    )
    .orderBy(desc(agencyLinks.startedOn), desc(agencyLinks.requestedAt))
    .limit(1);
  return row?.startedOn ? { ...row, startedOn: row.startedOn } : null;
}

/** The person's active link at the authority now, whatever the day. */
export async function activeLink(db: Executor, accountId: string, authorityId: string): Promise<Link | null> {
  const [row] = await db
    .select({ id: agencyLinks.id, organizationId: agencyLinks.organizationId, agency: organizations.name, startedOn: agencyLinks.startedOn, endedOn: agencyLinks.endedOn })
    .from(agencyLinks)
    .innerJoin(organizations, eq(organizations.id, agencyLinks.organizationId))
    .where(and(eq(agencyLinks.accountId, accountId), eq(agencyLinks.authorityId, authorityId), eq(agencyLinks.status, 'active')));
  return row?.startedOn ? { ...row, startedOn: row.startedOn } : null;
}

/** Staff: the authority's agencies, each with how many links are requested and active. */
export function agenciesWithCounts(db: Executor, authorityId: string) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      status: organizations.status,
      requested: sql<number>`(select count(*)::int from agency_links l where l.organization_id = ${organizations.id} and l.status = 'requested')`,
      active: sql<number>`(select count(*)::int from agency_links l where l.organization_id = ${organizations.id} and l.status = 'active')`,
    })
    .from(organizations)
    .innerJoin(organizationKinds, isAgency)
    .where(eq(organizations.authorityId, authorityId))
    .orderBy(asc(sql`${organizations.name} ->> 'fr'`));
}
