import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { accounts } from '../identity/index.ts';
import { localDateAt } from '../platform/calendar.ts';
import type { Executor } from '../platform/db.ts';
import {
  type HoursKind,
  practiceHours,
  practiceHoursRequestEntries,
  practiceHoursRequests,
  practiceProfiles,
  practiceSites,
  practiceThresholds,
  practiceWithholdingRequests,
} from './schema.ts';

export type Site = typeof practiceSites.$inferSelect;
export type Entry = typeof practiceHours.$inferSelect;
export type HoursRequest = typeof practiceHoursRequests.$inferSelect;
export type SentEntry = typeof practiceHoursRequestEntries.$inferSelect;
export type WithholdingRequest = typeof practiceWithholdingRequests.$inferSelect;
export type Totals = Record<HoursKind, number>;

/** A site is current when not removed and not ended before today. */
export const isCurrent = (site: Pick<Site, 'removedAt' | 'endedOn'>, today: string) => site.removedAt === null && (site.endedOn === null || site.endedOn >= today);
export const todayAt = (now: Date) => localDateAt(now);

/** Who the mail goes to and the name the queue shows. */
export async function personOf(db: Executor, accountId: string) {
  const [person] = await db
    .select({ id: accounts.id, email: accounts.email, givenName: accounts.givenName, familyName: accounts.familyName, preferredLanguage: accounts.preferredLanguage })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return person ?? null;
}

/** The registrant's sites that are not removed, the primary first, then by start date. */
export function sitesOf(db: Executor, accountId: string, authorityId: string): Promise<Site[]> {
  return db
    .select()
    .from(practiceSites)
    .where(and(eq(practiceSites.accountId, accountId), eq(practiceSites.authorityId, authorityId), isNull(practiceSites.removedAt)))
    .orderBy(desc(practiceSites.isPrimary), asc(practiceSites.startedOn), asc(practiceSites.createdAt));
}

/** The latest withholding request of each of these sites. */
export async function withholdingRequestsOf(db: Executor, accountId: string, authorityId: string): Promise<Map<string, WithholdingRequest>> {
  const rows = await db
    .select()
    .from(practiceWithholdingRequests)
    .where(and(eq(practiceWithholdingRequests.accountId, accountId), eq(practiceWithholdingRequests.authorityId, authorityId)))
    .orderBy(asc(practiceWithholdingRequests.createdAt));
  return new Map(rows.map((r) => [r.siteId, r]));
}

export async function profileOf(db: Executor, accountId: string, authorityId: string) {
  const [row] = await db.select().from(practiceProfiles).where(and(eq(practiceProfiles.accountId, accountId), eq(practiceProfiles.authorityId, authorityId)));
  return row ?? { accountId, authorityId, notPractising: false, independentPractice: false, independentSince: null, updatedAt: new Date(0) };
}

/** The authority's thresholds, or null for a kind it has not set. */
export async function thresholdsOf(db: Executor, authorityId: string): Promise<Record<HoursKind, number | null>> {
  const rows = await db.select().from(practiceThresholds).where(eq(practiceThresholds.authorityId, authorityId));
  const of = (kind: HoursKind) => rows.find((r) => r.kind === kind)?.hundredths ?? null;
  return { direct_contact: of('direct_contact'), supervision: of('supervision') };
}

/** The registrant's entries that are not removed, newest period first. */
export function entriesOf(db: Executor, accountId: string, authorityId: string): Promise<Entry[]> {
  return db
    .select()
    .from(practiceHours)
    .where(and(eq(practiceHours.accountId, accountId), eq(practiceHours.authorityId, authorityId), isNull(practiceHours.removedAt)))
    .orderBy(desc(practiceHours.startedOn), asc(practiceHours.createdAt));
}

/** Sums per kind of the entries in a status (hundredths). */
export function totalsOf(entries: readonly Pick<Entry, 'kind' | 'hundredths'>[]): Totals {
  const totals: Totals = { direct_contact: 0, supervision: 0 };
  for (const e of entries) totals[e.kind] += e.hundredths;
  return totals;
}

export function requestsOf(db: Executor, accountId: string, authorityId: string): Promise<HoursRequest[]> {
  return db
    .select()
    .from(practiceHoursRequests)
    .where(and(eq(practiceHoursRequests.accountId, accountId), eq(practiceHoursRequests.authorityId, authorityId)))
    .orderBy(desc(practiceHoursRequests.createdAt));
}

/** What a request sent, as it was sent, with staff's decision on each entry. */
export function sentEntriesOf(db: Executor, requestId: string): Promise<SentEntry[]> {
  return db.select().from(practiceHoursRequestEntries).where(eq(practiceHoursRequestEntries.requestId, requestId)).orderBy(asc(practiceHoursRequestEntries.kind), asc(practiceHoursRequestEntries.startedOn));
}

/** "1 234,5" / "1,234.5": hundredths of an hour in the page's language, without trailing zeros. */
export function formatHours(locale: 'fr' | 'en', hundredths: number): string {
  return (hundredths / 100).toLocaleString(`${locale}-CA`, { maximumFractionDigits: 2 });
}
