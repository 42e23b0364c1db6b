import { createVerifiedAccount } from '../identity/index.ts';
import { and, eq } from 'drizzle-orm';
import { createApprovedOrganization, createOrganizationKind, organizationKinds } from '../organizations/index.ts';
import type { Database } from '../platform/db.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import { AGENCY_KIND } from './queries.ts';

export interface AgenciesDemo {
  kindId: string;
  /** Each agency with its manager and the password made for them (for the demo's sign-in list, replaced at first sign-in). */
  agencies: { id: string; name: Bilingual; manager: { id: string; email: string; password: string; givenName: string; familyName: string } }[];
}

const DEMO_AGENCIES = [
  { name: { fr: 'Recouvrement Laurentides inc.', en: 'Recouvrement Laurentides Inc.' }, manager: { givenName: 'Josée', familyName: 'Gagnon', local: 'josee.gagnon' } },
  { name: { fr: 'Agence de recouvrement Saint-Laurent', en: 'Saint-Laurent Collection Agency' }, manager: { givenName: 'Marc', familyName: 'Ouellet', local: 'marc.ouellet' } },
] as const;

/**
 * The authority's kind "collection agency" (the slug the agencies module looks for; made unless it
 * exists) and two
 * approved agencies, each with its manager account. `emailDomain` keeps the addresses apart when
 * the demo seeds several authorities.
 */
export async function seedAgenciesDemo(db: Database, authorityId: string, options: { password: () => string; emailDomain?: string }): Promise<AgenciesDemo> {
  // The office's demo may have made the kind already: one kind per slug.
  const [existing] = await db.select().from(organizationKinds).where(and(eq(organizationKinds.authorityId, authorityId), eq(organizationKinds.slug, AGENCY_KIND)));
  const kind = existing ?? (await createOrganizationKind(db, { authorityId, slug: AGENCY_KIND, name: { fr: 'Agence de recouvrement', en: 'Collection agency' } }));
  const agencies: AgenciesDemo['agencies'] = [];
  for (const demo of DEMO_AGENCIES) {
    const email = `${demo.manager.local}@${options.emailDomain ?? 'agence.example.ca'}`;
    const password = options.password();
    const manager = await createVerifiedAccount(db, { authorityId, email, givenName: demo.manager.givenName, familyName: demo.manager.familyName, preferredLanguage: 'fr', password, mustChangePassword: true });
    const organization = await createApprovedOrganization(db, { authorityId, kindId: kind.id, name: demo.name, people: [{ accountId: manager.id, role: 'manager' }] });
    agencies.push({ id: organization.id, name: demo.name, manager: { id: manager.id, email, password, givenName: demo.manager.givenName, familyName: demo.manager.familyName } });
  }
  return { kindId: kind.id, agencies };
}
