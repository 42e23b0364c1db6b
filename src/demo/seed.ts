import { firstAuthority } from '../authorities/index.ts';
import { generatePassword } from '../identity/index.ts';
import type { Database } from '../platform/db.ts';
import { buildAccount, buildAuthority, buildOrganization, buildOrganizationKind } from './factories.ts';

export interface DemoSignIn {
  email: string;
  password: string;
  role: string;
}

/**
 * Loads the demo data when the database has no authority yet; returns the sign-in details once.
 * Two authorities: a college with its registrants, and a federal department whose two member
 * institutions each have a manager and a member, so that isolation can be seen by hand. Every
 * password is printed, so each person replaces theirs at first sign-in.
 */
export async function seedDemoData(db: Database): Promise<DemoSignIn[] | null> {
  if (await firstAuthority(db)) return null;
  const details: DemoSignIn[] = [];
  const person = async (
    authorityId: string,
    p: { email: string; givenName: string; familyName: string; preferredLanguage: 'fr' | 'en'; role: string; roles?: ('staff' | 'registrar' | 'administrator')[] },
  ) => {
    const password = generatePassword();
    const { role, roles, ...names } = p;
    const account = await buildAccount(db, authorityId, { ...names, password, roles: roles ?? [], mustChangePassword: true });
    details.push({ email: p.email, password, role });
    return account;
  };

  const college = await buildAuthority(db, {
    slug: 'ordre-psychotherapeutes',
    name: { fr: 'Ordre des psychothérapeutes autorisés (démo)', en: 'College of Registered Psychotherapists (demo)' },
    lockoutThreshold: 5,
    welcome: {
      fr: 'Bienvenue au portail de l’Ordre. Inscrivez-vous au tableau, renouvelez votre permis et tenez votre dossier à jour en ligne.',
      en: 'Welcome to the College’s portal. Apply for registration, renew your licence and keep your file up to date online.',
    },
    contactEmail: 'info@ordre-psychotherapeutes.demo.guichet.ca',
    contactPhone: '514 555-0100',
    contactHours: { fr: 'Du lundi au vendredi, de 9 h à 16 h 30', en: 'Monday to Friday, 9 a.m. to 4:30 p.m.' },
  });
  await person(college.id, { email: 'personnel@demo.guichet.ca', givenName: 'Sylvie', familyName: 'Tremblay', preferredLanguage: 'fr', role: 'staff', roles: ['staff'] });
  await person(college.id, { email: 'amelie.gagnon@demo.guichet.ca', givenName: 'Amélie', familyName: 'Gagnon', preferredLanguage: 'fr', role: 'registrant' });
  await person(college.id, { email: 'daniel.wong@demo.guichet.ca', givenName: 'Daniel', familyName: 'Wong', preferredLanguage: 'en', role: 'registrant' });

  const department = await buildAuthority(db, {
    slug: 'ministere-federal',
    name: { fr: 'Ministère fédéral de l’accès à l’information (démo)', en: 'Federal Access to Information Department (demo)' },
    welcome: {
      fr: 'Portail des institutions fédérales\u00a0: inscrivez votre institution, gérez ses membres et suivez vos demandes auprès du Ministère.',
      en: 'The federal institutions’ portal: register your institution, manage its members and follow your requests with the Department.',
    },
    contactEmail: 'acces@ministere-federal.demo.guichet.ca',
    contactPhone: '613 555-0142',
    contactHours: { fr: 'Du lundi au vendredi, de 8 h 30 à 17 h (heure de l’Est)', en: 'Monday to Friday, 8:30 a.m. to 5 p.m. (Eastern time)' },
  });
  await person(department.id, {
    email: 'registraire@demo.guichet.ca',
    givenName: 'Marc',
    familyName: 'Lavoie',
    preferredLanguage: 'fr',
    role: 'registrar and administrator',
    roles: ['staff', 'registrar', 'administrator'],
  });
  const institution = await buildOrganizationKind(db, department.id, { slug: 'institution', name: { fr: 'Institution fédérale', en: 'Federal institution' } });
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
    await buildOrganization(db, department.id, {
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

