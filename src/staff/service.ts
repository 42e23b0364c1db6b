import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { recordEvent, eventNames, auditEvents } from '../audit/index.ts';
import type { Database, Executor } from '../platform/db.ts';
import { can } from './policies.ts';
import { csrf, line, msg, ticked } from '../platform/text.ts';
import type { Origin } from '../platform/origin.ts';
import type { SessionAccount, AuthorityRole, OrganizationRole } from '../platform/actors.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import { authorityRoles } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import { organizationMembers, organizations } from '../organizations/index.ts';
import { personOfAuthority } from './queries.ts';
import type { IdentityService } from '../identity/index.ts';
import { grantRoles, hasOtherAdministrator, lockAuthority, removeRoles, rolesHeld } from '../authorities/index.ts';

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_CAP = 10_000;
/** Filter dates are days on the authority's wall clock, the zone the pages show times in. */
export const AUDIT_TIME_ZONE = 'America/Toronto';


/** An empty form field means "no filter". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** A day that exists, in years PostgreSQL and people both read the same way (no year 0). */
const isCalendarDay = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  if (v < '1900') return false;
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
const day = optional(
  z
    .string(msg('invalid.staffAudit.date'))
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, msg('invalid.staffAudit.date'))
    .refine(isCalendarDay, msg('invalid.staffAudit.date')),
);
const eventId = optional(z.coerce.number(msg('invalid.staffAudit.page')).int(msg('invalid.staffAudit.page')).positive(msg('invalid.staffAudit.page')).max(Number.MAX_SAFE_INTEGER, msg('invalid.staffAudit.page')));

export const auditFilterSchema = z
  .object({
    who: optional(line('invalid.tooLong').max(254, msg('invalid.tooLong'))),
    event: optional(z.string(msg('invalid.staffAudit.event')).refine((v) => eventNames().includes(v), msg('invalid.staffAudit.event'))),
    from: day,
    to: day,
    organization: optional(z.uuid(msg('invalid.staffAudit.organization'))),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { ...msg('invalid.staffAudit.dateRange'), path: ['to'] });
export type AuditFilters = z.infer<typeof auditFilterSchema>;

/** Keyset pagination: `before` pages to older events, `after` back to newer ones. */
export const auditCursorSchema = z.object({ before: eventId, after: eventId });
export type AuditCursor = z.infer<typeof auditCursorSchema>;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const actor = alias(accounts, 'actor');
const subject = alias(accounts, 'subject');

function auditWhere(authorityId: string, f: AuditFilters & { subjectId?: string }, cursor: AuditCursor = {}): SQL | undefined {
  return and(
    eq(auditEvents.authorityId, authorityId),
    // Who acted, by email or by name (accents and capitals aside).
    f.who
      ? or(ilike(actor.email, `%${escapeLike(f.who)}%`), sql`unaccent(${actor.givenName} || ' ' || ${actor.familyName}) ilike unaccent(${`%${escapeLike(f.who)}%`})`)
      : undefined,
    f.event ? eq(auditEvents.event, f.event) : undefined,
    f.from ? sql`${auditEvents.occurredAt} >= (${f.from}::date)::timestamp at time zone ${AUDIT_TIME_ZONE}` : undefined,
    // Inclusive: up to the start of the next day.
    f.to ? sql`${auditEvents.occurredAt} < (${f.to}::date + 1)::timestamp at time zone ${AUDIT_TIME_ZONE}` : undefined,
    f.organization ? sql`${auditEvents.details} ->> 'organizationId' = ${f.organization}` : undefined,
    f.subjectId ? eq(auditEvents.subjectId, f.subjectId) : undefined,
    cursor.before ? lt(auditEvents.id, cursor.before) : undefined,
    cursor.after ? gt(auditEvents.id, cursor.after) : undefined,
  );
}

function auditSelect(db: Executor, authorityId: string, f: AuditFilters & { subjectId?: string }, cursor: AuditCursor = {}) {
  return db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      event: auditEvents.event,
      ip: auditEvents.ip,
      actorId: auditEvents.actorId,
      actorEmail: actor.email,
      actorName: sql<string | null>`${actor.givenName} || ' ' || ${actor.familyName}`,
      subjectId: auditEvents.subjectId,
      subjectEmail: subject.email,
      subjectName: sql<string | null>`${subject.givenName} || ' ' || ${subject.familyName}`,
      organizationName: organizations.name,
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorId))
    .leftJoin(subject, eq(subject.id, auditEvents.subjectId))
    .leftJoin(
      organizations,
      and(eq(organizations.authorityId, auditEvents.authorityId), sql`${organizations.id}::text = ${auditEvents.details} ->> 'organizationId'`),
    )
    .where(auditWhere(authorityId, f, cursor))
    .orderBy(cursor.after ? asc(auditEvents.id) : desc(auditEvents.id));
}

export type AuditRow = Awaited<ReturnType<typeof auditSelect>>[number];

/** One page of the authority's events, newest first, with the ids to page on (if any). */
export async function auditPage(db: Executor, authorityId: string, filters: AuditFilters, cursor: AuditCursor) {
  const found = await auditSelect(db, authorityId, filters, cursor).limit(AUDIT_PAGE_SIZE + 1);
  const more = found.length > AUDIT_PAGE_SIZE;
  const rows = found.slice(0, AUDIT_PAGE_SIZE);
  if (cursor.after) rows.reverse();
  const newest = rows[0]?.id;
  const oldest = rows.at(-1)?.id;
  return {
    rows,
    // Coming back from older events means there are older ones; the first page has nothing newer.
    older: cursor.after || more ? oldest : undefined,
    newer: (cursor.after ? more : cursor.before !== undefined) ? newest : undefined,
  };
}

/** The events about one person, inside the authority only: other authorities' records stay theirs. */
export function eventsAboutPerson(db: Executor, authorityId: string, subjectId: string, limit = 100) {
  return auditSelect(db, authorityId, { subjectId }).limit(limit);
}

/** The rows of an export, capped, and the export itself recorded in the same transaction. */
export async function exportAudit(db: Database, staff: SessionAccount, filters: AuditFilters, origin: Origin, now: Date) {
  return db.transaction(async (tx) => {
    const found = await auditSelect(tx, staff.staffAuthorityId, filters).limit(AUDIT_EXPORT_CAP + 1);
    const rows = found.slice(0, AUDIT_EXPORT_CAP);
    const truncated = found.length > AUDIT_EXPORT_CAP;
    await recordEvent(tx, {
      authorityId: staff.staffAuthorityId,
      event: 'audit_exported',
      actorId: staff.id,
      subjectId: null,
      origin,
      at: now,
      details: { filters, rows: rows.length, truncated },
    });
    return { rows, truncated };
  });
}

/** The authority's organizations, for the filter and to check a chosen one is its own. */
export function organizationsOf(db: Executor, authorityId: string) {
  return db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.authorityId, authorityId));
}

/**
 * Where a spreadsheet may start a cell that runs a formula (=, +, -, @, tab, carriage return, after
 * any spaces): the cell's start, and after a `,` or `;` or a line break, for a program that splits
 * there despite the quotes (French-Canadian Excel splits on `;`).
 */
const FORMULA_START = /(^|[,;\r\n])([ \t]*)(?=[=+\-@\t\r])/g;

/**
 * Each such start gets an apostrophe, which spreadsheets read as "text follows" and hide (CSV
 * injection); the rest of the value is kept as it was. Every cell is quoted.
 */
export function csvCell(value: string): string {
  return `"${value.replace(FORMULA_START, "$1'$2").replaceAll('"', '""')}"`;
}

/** RFC 4180, with a byte-order mark so spreadsheet software reads UTF-8 accents right. */
export function toCsv(rows: string[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const personStates = ['all', 'active', 'locked', 'unverified'] as const;
export type PersonState = (typeof personStates)[number];

export const peopleSearchSchema = z.object({
  q: optional(line('invalid.tooLong').max(100, msg('invalid.tooLong'))),
  state: optional(z.enum(personStates, msg('invalid.staffPeople.state'))),
});

const stateCondition: Record<PersonState, SQL | undefined> = {
  all: undefined,
  active: and(isNull(accounts.lockedAt), isNotNull(accounts.emailVerifiedAt)),
  locked: isNotNull(accounts.lockedAt),
  unverified: and(isNull(accounts.lockedAt), isNull(accounts.emailVerifiedAt)),
};

export function findPeople(db: Executor, authorityId: string, search: { q?: string | undefined; state?: PersonState | undefined }) {
  const pattern = `%${escapeLike(search.q ?? '')}%`;
  return db
    .select()
    .from(accounts)
    .where(
      and(
        personOfAuthority(authorityId),
        search.q
          ? or(ilike(accounts.email, pattern), sql`unaccent(${accounts.givenName} || ' ' || ${accounts.familyName}) ilike unaccent(${pattern})`)
          : undefined,
        stateCondition[search.state ?? 'all'],
      ),
    )
    .orderBy(accounts.familyName, accounts.givenName)
    .limit(50);
}

export function personState(account: { lockedAt: Date | null; emailVerifiedAt: Date | null }): Exclude<PersonState, 'all'> {
  return account.lockedAt ? 'locked' : account.emailVerifiedAt ? 'active' : 'unverified';
}

export interface PersonRoles {
  authority: AuthorityRole[];
  organizations: { id: string; name: Bilingual; role: OrganizationRole }[];
}

/** The roles people hold in this authority and in its organizations, by account. */
export async function rolesOf(db: Executor, authorityId: string, accountIds: string[]): Promise<Map<string, PersonRoles>> {
  const out = new Map<string, PersonRoles>(accountIds.map((id) => [id, { authority: [], organizations: [] }]));
  if (accountIds.length === 0) return out;
  const [held, memberships] = await Promise.all([
    db
      .select({ accountId: authorityRoles.accountId, role: authorityRoles.role })
      .from(authorityRoles)
      .where(and(eq(authorityRoles.authorityId, authorityId), inArray(authorityRoles.accountId, accountIds)))
      .orderBy(authorityRoles.role),
    db
      .select({ accountId: organizationMembers.accountId, role: organizationMembers.role, id: organizations.id, name: organizations.name })
      .from(organizationMembers)
      .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
      .where(and(eq(organizations.authorityId, authorityId), inArray(organizationMembers.accountId, accountIds))),
  ]);
  for (const r of held) out.get(r.accountId)?.authority.push(r.role);
  for (const m of memberships) out.get(m.accountId)?.organizations.push({ id: m.id, name: m.name, role: m.role });
  return out;
}

/** Signs a person out everywhere; false when they are not one of the authority's people. */
export async function endSessions(db: Database, identity: IdentityService, staff: SessionAccount, accountId: string, origin: Origin, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.id, accountId), personOfAuthority(staff.staffAuthorityId)));
    if (!person) return false;
    const ended = await identity.sessions.endAll(tx, accountId);
    await recordEvent(tx, {
      authorityId: staff.staffAuthorityId,
      event: 'sessions_ended_by_staff',
      actorId: staff.id,
      subjectId: accountId,
      origin,
      at: now,
      details: { sessions: ended },
    });
    return true;
  });
}

export const authorityRoleNames = ['staff', 'registrar', 'administrator'] as const satisfies readonly AuthorityRole[];

/** The roles ticked on a person's page: absent, one value or several, each one of the three. */
export const authorityRolesSchema = z.object({ ...csrf, roles: ticked(authorityRoleNames) });

export type RolesResult = 'ok' | 'not_found' | 'forbidden' | 'last_administrator';

/**
 * An administrator sets the roles a person holds in the authority: each one given or taken is its
 * own audit row, in the one transaction. The authority keeps at least one administrator.
 */
export async function setAuthorityRoles(db: Database, staff: SessionAccount, accountId: string, wanted: AuthorityRole[], origin: Origin, now: Date): Promise<RolesResult> {
  if (!can(staff, 'manage_roles')) return 'forbidden';
  const authorityId = staff.staffAuthorityId;
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.id, accountId), personOfAuthority(authorityId)));
    if (!person) return 'not_found';
    // Two administrators demoting each other at once: the second waits here and sees the first's change.
    await lockAuthority(tx, authorityId);
    const held = await rolesHeld(tx, authorityId, accountId);
    const given = wanted.filter((r) => !held.includes(r));
    const taken = held.filter((r) => !wanted.includes(r));
    if (taken.includes('administrator') && !(await hasOtherAdministrator(tx, authorityId, accountId))) return 'last_administrator';
    await grantRoles(tx, authorityId, accountId, given, now);
    await removeRoles(tx, authorityId, accountId, taken);
    const base = { authorityId, actorId: staff.id, subjectId: accountId, origin, at: now };
    for (const role of given) await recordEvent(tx, { ...base, event: 'authority_role_granted', details: { role } });
    for (const role of taken) await recordEvent(tx, { ...base, event: 'authority_role_removed', details: { role } });
    return 'ok';
  });
}
