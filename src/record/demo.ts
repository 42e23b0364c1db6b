import { eq } from 'drizzle-orm';
import { authorityBySlug } from '../authorities/index.ts';
import { accounts } from '../identity/index.ts';
import type { Database } from '../platform/db.ts';
import { type ApplyMode, type EmailMode, otherRegistrations, previousNames, recordSettings, registrantProfiles } from './schema.ts';

/** How each demo authority takes changes: the psychotherapy college lets people change their email themselves; seed 001's college does it through staff. */
const SETTINGS: readonly { slug: string; otherRegistrations: ApplyMode; signInEmail: EmailMode }[] = [
  { slug: 'ordre-psychotherapeutes', otherRegistrations: 'immediate', signInEmail: 'self_service' },
  { slug: 'ordre-travailleurs-sociaux', otherRegistrations: 'staff', signInEmail: 'staff' },
  { slug: 'ministere-federal', otherRegistrations: 'immediate', signInEmail: 'staff' },
];

/**
 * The record's demo data, after the seed made the authorities and people: each authority's
 * settings, and the psychotherapy college's demo registrant's register profile, a previous name
 * and a registration with another regulator (what the register shows of her).
 */
export async function seedRecordDemo(db: Database): Promise<void> {
  for (const s of SETTINGS) {
    const authority = await authorityBySlug(db, s.slug);
    if (authority) await db.insert(recordSettings).values({ authorityId: authority.id, otherRegistrations: s.otherRegistrations, signInEmail: s.signInEmail }).onConflictDoNothing();
  }
  const college = await authorityBySlug(db, 'ordre-psychotherapeutes');
  const [amelie] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, 'amelie.gagnon@demo.guichet.ca'));
  if (!college || !amelie) return;
  const person = { accountId: amelie.id, authorityId: college.id };
  await db
    .insert(registrantProfiles)
    .values({
      ...person,
      practiceName: 'Amélie Gagnon, psychothérapeute',
      publicEmail: 'cabinet.gagnon@demo.guichet.ca',
      publicEmailShown: true,
      languages: ['fr', 'en', 'es'],
      languagesShown: true,
      englishProficiency: 'advanced',
      frenchProficiency: 'native',
    })
    .onConflictDoNothing();
  await db.insert(previousNames).values({ ...person, givenName: 'Amélie', familyName: 'Tremblay', usedUntil: '2019-06-15' });
  await db.insert(otherRegistrations).values({ ...person, regulator: 'College of Registered Psychotherapists of Ontario', jurisdiction: 'Ontario', registrationNumber: 'CRPO-004512', status: 'Active', startedOn: '2021-09-01' });
}
