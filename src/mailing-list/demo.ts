import { randomBytes } from 'node:crypto';
import type { Executor } from '../platform/db.ts';
import { mailingListSubscribers } from './schema.ts';
import type { ListLanguage } from './states.ts';

const demoSubscribers: { email: string; languages: ListLanguage[] }[] = [
  { email: 'nouvelles.lavoie@demo.guichet.ca', languages: ['fr'] },
  { email: 'k.okafor@demo.guichet.ca', languages: ['en'] },
  { email: 'marie-eve.cote@demo.guichet.ca', languages: ['fr', 'en'] },
  { email: 'j.thompson@demo.guichet.ca', languages: ['en'] },
];

/** A few confirmed subscribers on an authority's list (the demo's psychotherapy college). */
export async function seedMailingList(db: Executor, authorityId: string, now = new Date()): Promise<void> {
  await db
    .insert(mailingListSubscribers)
    .values(demoSubscribers.map((s) => ({ authorityId, ...s, status: 'confirmed' as const, locale: s.languages[0] ?? 'fr', linkNonce: randomBytes(16).toString('base64url'), confirmedAt: now, createdAt: now, updatedAt: now })))
    .onConflictDoNothing();
}
