import { createAuthority, authorities, authorityRoles } from '../authorities/index.ts';
import { createApprovedOrganization, createOrganizationKind } from '../organizations/index.ts';
import type { Database } from '../platform/db.ts';
import { createVerifiedAccount, generatePassword } from '../identity/index.ts';

export interface DemoSignIn {
  email: string;
  password: string;
  role: string;
}

/**
 * Loads the demo data when the database has no authority yet; returns the sign-in details once.
 * Two authorities: a college with its registrants, and a federal department whose two member
 * institutions each have a manager and a member, so that isolation can be seen by hand.
 */
export async function seedDemoData(db: Database): Promise<DemoSignIn[] | null> {
  const existing = await db.select({ id: authorities.id }).from(authorities).limit(1);
  if (existing.length > 0) return null;
  const details: DemoSignIn[] = [];
  const person = async (authorityId: string, p: { email: string; givenName: string; familyName: string; preferredLanguage: 'fr' | 'en'; role: string; staff?: boolean }) => {
    const password = generatePassword();
    const account = await createVerifiedAccount(db, { ...p, authorityId, password, staff: p.staff ?? false, mustChangePassword: true });
    details.push({ email: p.email, password, role: p.role });
    return account;
  };

  const college = await createAuthority(db, {
    slug: 'ordre-psychotherapeutes',
    name: { fr: 'Ordre des psychothérapeutes autorisés (démo)', en: 'College of Registered Psychotherapists (demo)' },
    lockoutThreshold: 5,
  });
  await person(college.id, { email: 'personnel@demo.guichet.ca', givenName: 'Sylvie', familyName: 'Tremblay', preferredLanguage: 'fr', role: 'staff', staff: true });
  await person(college.id, { email: 'amelie.gagnon@demo.guichet.ca', givenName: 'Amélie', familyName: 'Gagnon', preferredLanguage: 'fr', role: 'registrant' });
  await person(college.id, { email: 'daniel.wong@demo.guichet.ca', givenName: 'Daniel', familyName: 'Wong', preferredLanguage: 'en', role: 'registrant' });

  const department = await createAuthority(db, {
    slug: 'ministere-federal',
    name: { fr: 'Ministère fédéral de l’accès à l’information (démo)', en: 'Federal Access to Information Department (demo)' },
  });
  const registrar = await person(department.id, { email: 'registraire@demo.guichet.ca', givenName: 'Marc', familyName: 'Lavoie', preferredLanguage: 'fr', role: 'registrar and administrator', staff: true });
  await db.insert(authorityRoles).values([
    { authorityId: department.id, accountId: registrar.id, role: 'registrar' },
    { authorityId: department.id, accountId: registrar.id, role: 'administrator' },
  ]);
  const institution = await createOrganizationKind(db, { authorityId: department.id, slug: 'institution', name: { fr: 'Institution fédérale', en: 'Federal institution' } });
  const institutions = [
    {
      name: { fr: 'Agence des parcs (démo)', en: 'Parks Agency (demo)' },
      manager: { email: 'gestion.parcs@demo.guichet.ca', givenName: 'Nadia', familyName: 'Roy', preferredLanguage: 'fr' as const },
      member: { email: 'membre.parcs@demo.guichet.ca', givenName: 'Kevin', familyName: 'Martin', preferredLanguage: 'en' as const },
    },
    {
      name: { fr: 'Office des pêches (démo)', en: 'Fisheries Office (demo)' },
      manager: { email: 'manager.fisheries@demo.guichet.ca', givenName: 'Grace', familyName: 'Chen', preferredLanguage: 'en' as const },
      member: { email: 'membre.peches@demo.guichet.ca', givenName: 'Julie', familyName: 'Bouchard', preferredLanguage: 'fr' as const },
    },
  ];
  for (const i of institutions) {
    const manager = await person(department.id, { ...i.manager, role: `manager, ${i.name.en}` });
    const member = await person(department.id, { ...i.member, role: `member, ${i.name.en}` });
    await createApprovedOrganization(db, {
      authorityId: department.id,
      kindId: institution.id,
      name: i.name,
      people: [
        { accountId: manager.id, role: 'manager' },
        { accountId: member.id, role: 'member' },
      ],
    });
  }
  return details;
}
