import { and, desc, eq, inArray } from 'drizzle-orm';
import { documentVersions } from '../../documents/index.ts';
import { organizations } from '../../organizations/index.ts';
import type { Executor } from '../../platform/db.ts';
import type { Bilingual } from '../../platform/i18n/index.ts';
import { accessNotices, accessRequests } from '../schema.ts';
import type { RecordDecision } from '../states.ts';

/** One file of a release package, as its contents froze it. */
export interface ReleasedFile {
  recordId: string;
  versionId: string;
  title: string;
  decision: RecordDecision;
  exemptions: string[];
  pages: number;
}

/** The names of institutions (organizations), by id. */
export async function institutionNames(db: Executor, ids: string[]): Promise<Map<string, Bilingual>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The latest version of each document (a letter), by document id. */
export async function latestVersions(db: Executor, documentIds: string[]): Promise<Map<string, string>> {
  if (documentIds.length === 0) return new Map();
  const rows = await db
    .select({ documentId: documentVersions.documentId, id: documentVersions.id })
    .from(documentVersions)
    .where(inArray(documentVersions.documentId, documentIds))
    .orderBy(desc(documentVersions.number));
  const latest = new Map<string, string>();
  for (const r of rows) if (!latest.has(r.documentId)) latest.set(r.documentId, r.id);
  return latest;
}

/** The notices sent about a request (extension, Commissioner, response), oldest first, with their letter's latest version. */
export async function noticesOf(db: Executor, requestId: string) {
  const rows = await db.select().from(accessNotices).where(eq(accessNotices.requestId, requestId)).orderBy(accessNotices.sentAt);
  // The Commissioner's notice is the institution's letter to the Commissioner: the requester is told of it, not sent it.
  const shown = rows.filter((n) => n.kind !== 'commissioner');
  const letters = await latestVersions(db, shown.map((n) => n.documentId).filter((d): d is string => d !== null));
  return rows.map((n) => ({ id: n.id, kind: n.kind, sentAt: n.sentAt, versionId: n.kind !== 'commissioner' && n.documentId ? (letters.get(n.documentId) ?? null) : null }));
}

/** A person's requests at an authority, newest first (at most 200). */
export function requestsOfRequester(db: Executor, accountId: string, authorityId: string) {
  return db
    .select()
    .from(accessRequests)
    .where(and(eq(accessRequests.requesterAccountId, accountId), eq(accessRequests.authorityId, authorityId)))
    .orderBy(desc(accessRequests.submittedAt))
    .limit(200);
}
