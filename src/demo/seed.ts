import { createAuthority, createVerifiedAccount, generatePassword } from '../authorities/service.ts';
import type { Database } from '../platform/db.ts';
import { authorities } from '../platform/schema.ts';

/** Loads the demo data when the database has no authority yet; returns the sign-in details once. */
export async function seedDemoData(db: Database): Promise<{ email: string; password: string; role: string }[] | null> {
  const existing = await db.select({ id: authorities.id }).from(authorities).limit(1);
  if (existing.length > 0) return null;
  const college = await createAuthority(db, {
    slug: 'ordre-psychotherapeutes',
    name: { fr: 'Ordre des psychothérapeutes autorisés (démo)', en: 'College of Registered Psychotherapists (demo)' },
    lockoutThreshold: 5,
  });
  const people = [
    { email: 'personnel@demo.guichet.ca', givenName: 'Sylvie', familyName: 'Tremblay', preferredLanguage: 'fr', staff: true, role: 'staff' },
    { email: 'amelie.gagnon@demo.guichet.ca', givenName: 'Amélie', familyName: 'Gagnon', preferredLanguage: 'fr', staff: false, role: 'registrant' },
    { email: 'daniel.wong@demo.guichet.ca', givenName: 'Daniel', familyName: 'Wong', preferredLanguage: 'en', staff: false, role: 'registrant' },
  ] as const;
  const details = [];
  for (const person of people) {
    const password = generatePassword();
    await createVerifiedAccount(db, { ...person, authorityId: college.id, password });
    details.push({ email: person.email, password, role: person.role });
  }
  return details;
}
