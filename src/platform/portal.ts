import type { Bilingual, Locale } from './i18n/index.ts';
import { href } from './paths.ts';

/**
 * One authority's portal, as every page and every message shows it: its names, welcome, contact and
 * the addresses of its privacy notice, accessibility statement and terms (null: the defaults).
 * The authorities module reads it (a port); platform only describes it and draws it.
 */
export interface Portal {
  id: string;
  slug: string;
  name: Bilingual;
  welcome: Bilingual | null;
  contact: { email: string | null; phone: string | null; hours: Bilingual | null };
  links: { privacy: Bilingual | null; accessibility: Bilingual | null; terms: Bilingual | null };
  /** The host name an operator gave the portal (PORTAL_HOSTS): where its mail links lead. */
  host: string | null;
  /** This request came through that host name: the portal home is the host's own `/fr` and `/en`. */
  viaHost: boolean;
}

/** What a request says about its portal: the host it came to, a slug it names (field, query or cookie), who is signed in. */
export interface PortalHint {
  host: string;
  slug: string | undefined;
  /** The authority a signed-in person acts for (their own, or the one they chose as staff): the last resort. */
  actingAuthorityId?: string | undefined;
}

/** The form field, query parameter (mail links) and cookie value that carry a portal's slug. */
export const PORTAL_FIELD = 'portal';

/** A slug as authorities have them: lower-case letters, digits and hyphens. */
export const isSlug = (value: unknown): value is string => typeof value === 'string' && /^[a-z0-9](?:[a-z0-9-]{0,62})$/.test(value);

/** The portal's home: the root of its host name when the request came through it, else `/fr/<slug>`. */
export function portalHomeHref(portal: Portal, locale: Locale): string {
  return portal.viaHost ? href('home', locale) : href('portalHome', locale, { slug: portal.slug });
}

export type PortalDocument = 'privacy' | 'accessibility' | 'terms';
const documentPages = { privacy: 'portalPrivacy', accessibility: 'portalAccessibility', terms: 'portalTerms' } as const;

/** The portal's privacy notice, accessibility statement or terms: its own address, else Guichet's default page. */
export function portalDocumentHref(portal: Portal, document: PortalDocument, locale: Locale): string {
  return portal.links[document]?.[locale] || href(documentPages[document], locale, { slug: portal.slug });
}

/**
 * An address in a message (a mailed link) that opens the portal it came from: on the portal's host
 * name when it has one, else on PUBLIC_URL with `?portal=<slug>` (which the next page remembers).
 */
export function portalUrl(publicUrl: URL, portal: Portal | null | undefined, path: string, query: Record<string, string> = {}): string {
  const url = new URL(path, portal?.host ? `${publicUrl.protocol}//${portal.host}` : publicUrl);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  if (portal && !portal.host) url.searchParams.set(PORTAL_FIELD, portal.slug);
  return url.toString();
}
