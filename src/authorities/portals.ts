import { asc, eq } from 'drizzle-orm';
import { recordEvent } from '../audit/index.ts';
import type { StaffActor } from '../platform/actors.ts';
import type { Database, Executor } from '../platform/db.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import type { Origin } from '../platform/origin.ts';
import type { Mailer, MailTemplate } from '../mail/index.ts';
import { type Locale, type Translate, translator } from '../platform/i18n/index.ts';
import { href, type PageName } from '../platform/paths.ts';
import { type Portal, type PortalHint, portalUrl } from '../platform/portal.ts';
import { authorities, authorityPeople, type FirstAct } from './schema.ts';

type AuthorityRow = typeof authorities.$inferSelect;

/** Host name (lower case, with its port when it has one) → the slug of the authority it serves. */
export type PortalHosts = ReadonlyMap<string, string>;

/**
 * Parses PORTAL_HOSTS (`host=slug,host2=slug2`): null when it is not that shape, or when a host
 * is named twice (a host serves one portal; a portal may have several hosts).
 */
export function parsePortalHosts(value: string | undefined): PortalHosts | null {
  const hosts = new Map<string, string>();
  if (value === undefined) return hosts;
  for (const entry of value.split(',')) {
    const [host = '', slug = '', ...rest] = entry.split('=').map((part) => part.trim().toLowerCase());
    const validHost = /^(?=.{1,253}(?::\d{1,5})?$)[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*(?::\d{1,5})?$/.test(host);
    if (!validHost || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug) || rest.length > 0 || hosts.has(host)) return null;
    hosts.set(host, slug);
  }
  return hosts;
}

function toPortal(row: AuthorityRow, host: string | null, viaHost: boolean): Portal {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    welcome: row.welcome ?? null,
    contact: { email: row.contactEmail ?? null, phone: row.contactPhone ?? null, hours: row.contactHours ?? null },
    links: { privacy: row.privacyUrl ?? null, accessibility: row.accessibilityUrl ?? null, terms: row.termsUrl ?? null },
    host,
    viaHost,
  };
}

/** Bumped by every change to an authority in this process: the portals' cache reads again. */
let generation = 0;
export function authoritiesChanged(): void {
  generation++;
}

/** How long another process's change may take to show here (several servers behind one address). */
const CACHE_MS = 5_000;

/**
 * The portals of one app: a handful of rows, read once and kept a few seconds (every page asks for
 * its portal), read again at once after a change made in this process or for a slug not yet seen.
 */
export function createPortals(db: Database, hosts: PortalHosts) {
  let cached: { rows: AuthorityRow[]; at: number; generation: number } | null = null;
  const hostOf = (slug: string) => [...hosts].find(([, s]) => s === slug)?.[0] ?? null;

  async function rows(fresh = false): Promise<AuthorityRow[]> {
    const now = Date.now();
    if (!fresh && cached && cached.generation === generation && now - cached.at < CACHE_MS) return cached.rows;
    const read = await db.select().from(authorities).orderBy(asc(authorities.createdAt));
    cached = { rows: read, at: now, generation };
    return read;
  }

  async function bySlug(slug: string, viaHost = false): Promise<Portal | null> {
    let row = (await rows()).find((r) => r.slug === slug);
    if (!row) row = (await rows(true)).find((r) => r.slug === slug);
    return row ? toPortal(row, hostOf(row.slug), viaHost) : null;
  }

  return {
    /** Every authority's portal, oldest first (the list at /fr and /en). */
    async list(): Promise<Portal[]> {
      return (await rows()).map((row) => toPortal(row, hostOf(row.slug), false));
    },

    bySlug,

    /** The host name's portal when mapped; else the slug's; else the only authority's; else the one a signed-in person acts for; else none. */
    async resolve(hint: PortalHint): Promise<Portal | null> {
      const host = hint.host.toLowerCase();
      const mapped = hosts.get(host) ?? hosts.get(host.replace(/:\d+$/, ''));
      if (mapped) return bySlug(mapped, true);
      const named = hint.slug ? await bySlug(hint.slug) : null;
      if (named) return named;
      const all = await rows();
      const fallback = all.length === 1 ? all[0] : all.find((r) => r.id === hint.actingAuthorityId);
      return fallback ? toPortal(fallback, hostOf(fallback.slug), false) : null;
    },

    /** The slugs PORTAL_HOSTS names that no authority has (checked at start). */
    async unknownHostSlugs(): Promise<string[]> {
      const known = new Set((await rows(true)).map((r) => r.slug));
      return [...new Set(hosts.values())].filter((slug) => !known.has(slug));
    },
  };
}

export type Portals = ReturnType<typeof createPortals>;

/** One authority's portal (what a message sent on its behalf names), without its host name. */
export async function portalOf(db: Executor, authorityId: string): Promise<Portal | null> {
  const [row] = await db.select().from(authorities).where(eq(authorities.id, authorityId));
  return row ? toPortal(row, null, false) : null;
}

/**
 * Mails a notice to a person in the name of a portal, inside the caller's transaction: the portal
 * the request is in, else the authority given (the one the session acts for, or the account's own).
 * Its sender name and signature are the authority's, and its link opens that portal.
 */
export async function mailFromPortal(
  tx: Executor,
  mailer: Mailer,
  publicUrl: URL,
  from: { portal?: Portal | null | undefined; authorityId: string | null },
  message: { accountId: string | null; to: string; locale: Locale; template: MailTemplate; name: string; path: string; query?: Record<string, string>; detail?: string; at: Date },
): Promise<void> {
  const portal = from.portal ?? (from.authorityId ? await portalOf(tx, from.authorityId) : null);
  await mailer.queue(tx, {
    accountId: message.accountId,
    to: message.to,
    locale: message.locale,
    template: message.template,
    vars: { name: message.name, link: portalUrl(publicUrl, portal, message.path, message.query), ...(message.detail !== undefined ? { detail: message.detail } : {}) },
    at: message.at,
    portal,
  });
}

/** An account written to in the language it chose. */
export interface Addressee {
  id: string;
  email: string;
  givenName: string;
  preferredLanguage: Locale;
}

/**
 * Mails one account about a page of an authority's portal, in the account's language, in the
 * caller's transaction: the link to `page` (with its parameters and query), and the detail the
 * caller writes in that language.
 */
export function mailAccount(
  tx: Executor,
  mailer: Mailer,
  publicUrl: URL,
  to: Addressee,
  message: { authorityId: string; template: MailTemplate; page: PageName; params?: Record<string, string>; query?: Record<string, string>; detail: (t: Translate, locale: Locale) => string; at: Date },
): Promise<void> {
  const locale = to.preferredLanguage;
  return mailFromPortal(tx, mailer, publicUrl, { authorityId: message.authorityId }, {
    accountId: to.id,
    to: to.email,
    locale,
    template: message.template,
    name: to.givenName,
    path: href(message.page, locale, message.params ?? {}),
    ...(message.query ? { query: message.query } : {}),
    detail: message.detail(translator(locale), locale),
    at: message.at,
  });
}

/** A person written to about a thing of an authority (a case, a request), in their language. */
export interface Recipient {
  id: string;
  email: string;
  givenName: string;
  locale: Locale;
}

/**
 * Mails each recipient the same message in their language, in the caller's transaction, reading
 * the portal once for all of them (mailFromPortal would read it for each).
 */
export async function mailEachFromPortal(tx: Executor, mailer: Mailer, publicUrl: URL, authorityId: string, recipients: readonly Recipient[], message: { template: MailTemplate; path: (locale: Locale) => string; detail: (locale: Locale) => string; at: Date }): Promise<void> {
  if (recipients.length === 0) return;
  const portal = await portalOf(tx, authorityId);
  for (const r of recipients) {
    await mailFromPortal(tx, mailer, publicUrl, { portal, authorityId }, { accountId: r.id, to: r.email, locale: r.locale, template: message.template, name: r.givenName, path: message.path(r.locale), detail: message.detail(r.locale), at: message.at });
  }
}

/**
 * A person's relation to an authority, recorded the first time: when they sign up in its portal,
 * or first act there (sign in, ask for help). Later acts change nothing.
 */
export async function recordRelation(tx: Executor, authorityId: string, accountId: string, firstAct: FirstAct, now: Date): Promise<void> {
  await tx.insert(authorityPeople).values({ authorityId, accountId, since: now, firstAct }).onConflictDoNothing();
}

/** The authorities a person deals with, in the order they began (for the dashboard, one entry each). */
export function authoritiesOf(db: Executor, accountId: string) {
  return db
    .select({ id: authorities.id, slug: authorities.slug, name: authorities.name, since: authorityPeople.since, firstAct: authorityPeople.firstAct })
    .from(authorityPeople)
    .innerJoin(authorities, eq(authorities.id, authorityPeople.authorityId))
    .where(eq(authorityPeople.accountId, accountId))
    .orderBy(asc(authorityPeople.since), asc(authorities.createdAt));
}

/** What an administrator edits about the portal (empty: the default). */
export interface PortalSettings {
  name: Bilingual;
  welcome: Bilingual | null;
  contactEmail: string | null;
  contactPhone: string | null;
  contactHours: Bilingual | null;
  privacyUrl: Bilingual | null;
  accessibilityUrl: Bilingual | null;
  termsUrl: Bilingual | null;
}

export function portalSettingsOf(row: AuthorityRow): PortalSettings {
  return {
    name: row.name,
    welcome: row.welcome ?? null,
    contactEmail: row.contactEmail ?? null,
    contactPhone: row.contactPhone ?? null,
    contactHours: row.contactHours ?? null,
    privacyUrl: row.privacyUrl ?? null,
    accessibilityUrl: row.accessibilityUrl ?? null,
    termsUrl: row.termsUrl ?? null,
  };
}

export async function portalSettings(db: Executor, authorityId: string): Promise<PortalSettings | null> {
  const [row] = await db.select().from(authorities).where(eq(authorities.id, authorityId));
  return row ? portalSettingsOf(row) : null;
}

/**
 * An administrator saves the portal of the authority they act for: one transaction, the row
 * locked, audited with the names of the fields that changed (saving the same values records nothing).
 */
export async function updatePortal(db: Database, staff: StaffActor, next: PortalSettings, origin: Origin, now: Date): Promise<'ok' | 'forbidden'> {
  if (!staff.authorityRoles.includes('administrator')) return 'forbidden';
  const authorityId = staff.staffAuthorityId;
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(authorities).where(eq(authorities.id, authorityId)).for('update');
    if (!row) return;
    const before = portalSettingsOf(row);
    // jsonb keeps its own key order: compare bilingual values language by language.
    const flat = (v: PortalSettings[keyof PortalSettings]) => (v !== null && typeof v === 'object' ? `${v.fr}\u0000${v.en}` : v);
    const changed = (Object.keys(next) as (keyof PortalSettings)[]).filter((key) => flat(before[key]) !== flat(next[key]));
    if (changed.length === 0) return;
    await tx.update(authorities).set(next).where(eq(authorities.id, authorityId));
    await recordEvent(tx, { authorityId, event: 'portal_updated', actorId: staff.id, subjectId: null, origin, at: now, details: { changed } });
  });
  authoritiesChanged();
  return 'ok';
}
