import { firstAuthority } from '../authorities/index.ts';
import { seedFeeSchedule } from '../billing/index.ts';
import { generatePassword } from '../identity/index.ts';
import { seedAgenciesDemo } from '../agencies/index.ts';
import { seedExamsDemo } from '../exams/index.ts';
import { seedRenewalsDemo } from '../renewals/index.ts';
import { addIdentityProvider } from '../federation/index.ts';
import { seedDemoRegistration, seedFileNumberFormat } from '../licensing/demo.ts';
import type { Sealer } from '../platform/secrets.ts';
import { DEMO_GCKEY_PROVIDER, DEMO_IDENTITY_PROVIDER } from './identity-provider.ts';
import { seedDemoSite, seedPracticeDemo } from '../practice/index.ts';
import { seedMailingList } from '../mailing-list/index.ts';
import { localDateAt } from '../platform/calendar.ts';
import type { Database } from '../platform/db.ts';
import { seedRecordDemo } from '../record/index.ts';
import { PTPHA_KIND, seedSurveillanceDemo } from '../surveillance/index.ts';
import { enableAccessDemo } from '../access-requests/index.ts';
import { answerQuestion, buildAccount, buildApplicationType, buildAuthority, buildOrganization, buildOrganizationKind, buildQuestion, buildRegistrationCategory } from './factories.ts';

type Person = (
  authorityId: string,
  p: { email: string; givenName: string; familyName: string; preferredLanguage: 'fr' | 'en'; role: string; roles?: ('staff' | 'registrar' | 'administrator')[] },
) => Promise<{ id: string }>;

export interface DemoSignIn {
  email: string;
  password: string;
  role: string;
}

/** The ATIP office of seed 004 (its requests are made once the app is built: main.ts). */
export const DEMO_ACCESS_OFFICE = 'ministere-federal';

/**
 * Loads the demo data when the database has no authority yet; returns the sign-in details once.
 * Three authorities: a college with its registrants, application types and eligibility
 * questionnaire; a federal department whose two member institutions each have a manager and a
 * member, so that isolation can be seen by hand; and a social-work college with its two
 * certificate categories. Every password is printed, so each person replaces theirs at first sign-in.
 */
export async function seedDemoData(db: Database, options: { sealer?: Sealer } = {}): Promise<DemoSignIn[] | null> {
  if (await firstAuthority(db)) return null;
  const details: DemoSignIn[] = [];
  const person: Person = async (authorityId, p) => {
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
  await person(college.id, { email: 'administration@demo.guichet.ca', givenName: 'Louise', familyName: 'Bergeron', preferredLanguage: 'fr', role: 'administrator', roles: ['staff', 'administrator'] });
  await seedFeeSchedule(db, college.id, 'college');
  await collegeTypes(db, college.id);
  await seedMailingList(db, college.id);
  const amelie = await person(college.id, { email: 'amelie.gagnon@demo.guichet.ca', givenName: 'Amélie', familyName: 'Gagnon', preferredLanguage: 'fr', role: 'registrant' });
  // Amélie holds a registration already (registrations run a year: every demo one starts within it), so that her practice pages, her record and the public
  // register have someone to show from the first start. It ends in about 55 days: her renewal window is open.
  await seedDemoRegistration(db, { authorityId: college.id, accountId: amelie.id, givenName: 'Amélie', familyName: 'Gagnon', typeCode: 'new_applicant', since: daysAgo(310) });
  await seedRenewalsDemo(db, college.id, { feeCodes: ['registration_fee'], lateFeeCode: 'late_fee' });
  await seedPracticeDemo(db, college.id, amelie.id);
  await registerDemo(db, college.id);
  // Daniel has not applied yet: the README's walk through an application starts with him.
  await person(college.id, { email: 'daniel.wong@demo.guichet.ca', givenName: 'Daniel', familyName: 'Wong', preferredLanguage: 'en', role: 'applicant' });

  const department = await buildAuthority(db, {
    slug: DEMO_ACCESS_OFFICE,
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
  await seedFeeSchedule(db, department.id, 'access_to_information');
  await enableAccessDemo(db, department.id);
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

  const socialWork = await buildAuthority(db, {
    slug: 'ordre-travailleurs-sociaux',
    name: { fr: 'Ordre des travailleurs sociaux (démo)', en: 'College of Social Workers (demo)' },
    lockoutThreshold: 5,
    welcome: {
      fr: 'Bienvenue au portail en ligne de l’Ordre. Présentez votre demande d’inscription, téléversez vos pièces justificatives et suivez l’état de votre demande.',
      en: 'Welcome to the College’s online portal. Apply for registration, upload your supporting documents and follow your application.',
    },
    contactEmail: 'info@ordre-travailleurs-sociaux.demo.guichet.ca',
    contactPhone: '416 555-0163',
    contactHours: { fr: 'Du lundi au vendredi, de 9 h à 17 h', en: 'Monday to Friday, 9 a.m. to 5 p.m.' },
  });
  await person(socialWork.id, { email: 'inscriptions.ots@demo.guichet.ca', givenName: 'Hélène', familyName: 'Ouellet', preferredLanguage: 'fr', role: 'administrator', roles: ['staff', 'administrator'] });
  await seedFeeSchedule(db, socialWork.id, 'college');
  await socialWorkTypes(db, socialWork.id);
  await seedRecordDemo(db);
  await officeDemo(db, person, details, options.sealer);
  await surveillanceDemo(db, person, options.sealer);
  return details;
}

/**
 * Seed 003, the immigration department's portal for provincial and territorial public health
 * authorities (PTPHAs): an officer of the department, the PTPHAs of Ontario and Québec with a
 * manager each, and cases in every state. Two-step verification is required of staff and of
 * organization members (the authority's default), so each sets it up at first sign-in.
 */
async function surveillanceDemo(db: Database, person: Person, sealer: Sealer | undefined) {
  const department = await buildAuthority(db, {
    slug: 'immigration-sante-publique',
    name: { fr: 'Ministère fédéral de l’Immigration — surveillance médicale (démo)', en: 'Federal Immigration Department — Medical Surveillance (demo)' },
    welcome: {
      fr: 'Portail des autorités de santé publique provinciales et territoriales\u00a0: avis d’arrivée des personnes sous surveillance médicale, suivi des dossiers, échange de documents médicaux et rapports de conformité. Réservé aux autorités approuvées.',
      en: 'The portal of provincial and territorial public health authorities: arrival notices of people under medical surveillance, case follow-up, medical document exchange and compliance reports. For approved authorities only.',
    },
    contactEmail: 'surveillance@immigration.demo.guichet.ca',
    contactPhone: '613 555-0177',
    contactHours: { fr: 'Du lundi au vendredi, de 8 h 30 à 16 h 30 (heure de l’Est)', en: 'Monday to Friday, 8:30 a.m. to 4:30 p.m. (Eastern time)' },
  });
  const officer = await person(department.id, { email: 'agent.surveillance@demo.guichet.ca', givenName: 'Claire', familyName: 'Fortin', preferredLanguage: 'fr', role: 'surveillance officer and administrator', roles: ['staff', 'administrator'] });
  const kind = await buildOrganizationKind(db, department.id, { slug: PTPHA_KIND, name: { fr: 'Autorité de santé publique', en: 'Public health authority' } });
  const ptphas = [
    {
      province: 'ON' as const,
      name: { fr: 'Santé publique Ontario (démo)', en: 'Public Health Ontario (demo)' },
      address: { addressLine1: '480 University Avenue', city: 'Toronto', province: 'ON', postalCode: 'M5G 1V2' },
      manager: { email: 'sante.ontario@demo.guichet.ca', givenName: 'Aisha', familyName: 'Bello', preferredLanguage: 'en' as const },
    },
    {
      province: 'QC' as const,
      name: { fr: 'Direction de santé publique du Québec (démo)', en: 'Québec Public Health Directorate (demo)' },
      address: { addressLine1: '1075 chemin Sainte-Foy', city: 'Québec', province: 'QC', postalCode: 'G1S 2M1' },
      manager: { email: 'sante.quebec@demo.guichet.ca', givenName: 'Mathieu', familyName: 'Pelletier', preferredLanguage: 'fr' as const },
    },
  ];
  const members = { ON: '', QC: '' };
  for (const p of ptphas) {
    const manager = await person(department.id, { ...p.manager, role: `manager, ${p.name.en}` });
    await buildOrganization(db, department.id, { kindId: kind.id, name: p.name, address: p.address, people: [{ accountId: manager.id, role: 'manager' }] });
    members[p.province] = manager.id;
  }
  await seedSurveillanceDemo(db, department.id, { officerId: officer.id, members });
  // Seed 003: the department's people sign in with the government's credentials (GCKey) too.
  if (sealer) await addIdentityProvider(db, sealer, { authorityId: department.id, ...DEMO_GCKEY_PROVIDER, name: { ...DEMO_GCKEY_PROVIDER.name } });
}

/**
 * Seed 002, the consumer-protection office: 2-year certificates of collection-agent
 * representatives on files numbered CAR + year + sequence, issued when the invoice is paid and the
 * person is linked to an agency, with an exam valid 2 years; two agencies with their managers; exam
 * sessions; and Rémi, whose certificate expired 40 days ago and whose exam, passed 23 months ago,
 * carries over to his new file. Representatives sign in with the office's identity provider too.
 */
async function officeDemo(db: Database, person: Person, details: DemoSignIn[], sealer: Sealer | undefined) {
  const office = await buildAuthority(db, {
    slug: 'office-protection-consommateur',
    name: { fr: 'Office de la protection du consommateur (démo)', en: 'Consumer Protection Office (demo)' },
    lockoutThreshold: 5,
    welcome: {
      fr: 'Portail des représentants d’agents de recouvrement\u00a0: demandez ou renouvelez votre certificat, inscrivez-vous à l’examen et liez votre certificat à votre agence.',
      en: 'The portal of collection agents’ representatives: apply for or renew your certificate, register for the exam and link your certificate to your agency.',
    },
    contactEmail: 'certificats@office-protection-consommateur.demo.guichet.ca',
    contactPhone: '418 555-0150',
    contactHours: { fr: 'Du lundi au vendredi, de 8 h 30 à 16 h 30', en: 'Monday to Friday, 8:30 a.m. to 4:30 p.m.' },
  });
  await person(office.id, { email: 'certificats.opc@demo.guichet.ca', givenName: 'Claudine', familyName: 'Morin', preferredLanguage: 'fr', role: 'administrator', roles: ['staff', 'administrator'] });
  await seedFeeSchedule(db, office.id, 'consumer_protection');
  await seedFileNumberFormat(db, office.id, 'CAR{year}{seq:8}');
  const category = await buildRegistrationCategory(db, office.id, {
    code: 'collection_agent_representative',
    name: { fr: 'Représentant d’agent de recouvrement', en: 'Collection agent representative' },
    validityMonths: 24,
    requiresExam: true,
    requiresAgencyLink: true,
  });
  await buildApplicationType(db, office.id, {
    code: 'representative_certificate',
    name: { fr: 'Certificat de représentant d’agent de recouvrement', en: 'Collection agent representative certificate' },
    description: {
      fr: 'Pour agir comme représentant d’un agent de recouvrement. Le certificat est délivré, pour 2 ans, dès que la facture est payée, l’examen réussi et votre lien avec une agence confirmé.',
      en: 'To act as a collection agent’s representative. The certificate is issued, for 2 years, as soon as the invoice is paid, the exam passed and your link with an agency confirmed.',
    },
    categoryId: category.id,
    sections: ['personal', 'declarations'],
    declarations: [criminalOffence],
    feeCodes: ['certificate_fee'],
    decision: 'automatic',
    position: 10,
  });
  const { agencies } = await seedAgenciesDemo(db, office.id, { password: generatePassword, emailDomain: 'agences.demo.guichet.ca' });
  for (const a of agencies) details.push({ email: a.manager.email, password: a.manager.password, role: `manager, ${a.name.en}` });
  const exams = await seedExamsDemo(db, office.id);
  const remi = await person(office.id, { email: 'remi.lefebvre@demo.guichet.ca', givenName: 'Rémi', familyName: 'Lefebvre', preferredLanguage: 'fr', role: 'representative, certificate expired' });
  // Two years and 40 days ago: his certificate ended 40 days ago.
  await seedDemoRegistration(db, { authorityId: office.id, accountId: remi.id, givenName: 'Rémi', familyName: 'Lefebvre', typeCode: 'representative_certificate', since: daysAgo(770), expired: true });
  await exams.givePassed(remi.id, daysAgo(700));
  // Certificates renew every 2 years for the certificate fee; the office charges no late fee.
  await seedRenewalsDemo(db, office.id, { feeCodes: ['certificate_fee'], lateFeeCode: null });
  if (sealer) await addIdentityProvider(db, sealer, { authorityId: office.id, ...DEMO_IDENTITY_PROVIDER, name: { ...DEMO_IDENTITY_PROVIDER.name } });
}

const criminalOffence = {
  code: 'criminal_offence',
  question: { fr: 'Avez-vous déjà fait l’objet d’une déclaration de culpabilité pour une infraction criminelle\u00a0?', en: 'Have you ever been found guilty of a criminal offence?' },
};
const otherRegulator = {
  code: 'other_regulator',
  question: { fr: 'Détenez-vous ou avez-vous détenu une inscription auprès d’un autre organisme de réglementation\u00a0?', en: 'Are you or have you been registered with another regulator?' },
};
const governmentId = {
  code: 'government_id',
  name: { fr: 'Pièce d’identité délivrée par un gouvernement', en: 'Government-issued ID' },
  hint: { fr: 'Passeport, permis de conduire ou carte de citoyenneté, en cours de validité', en: 'A valid passport, driver’s licence or citizenship card' },
  providedBy: 'applicant' as const,
};
const transcript = {
  code: 'official_transcript',
  name: { fr: 'Relevé de notes officiel', en: 'Official transcript' },
  hint: { fr: 'Votre établissement l’envoie directement à l’Ordre\u00a0; le personnel l’ajoute à votre demande à sa réception.', en: 'Your school sends it directly to the College; staff add it to your application when it arrives.' },
  providedBy: 'school' as const,
};

/** The psychotherapy college: three application types and a two-question questionnaire leading to them. */
async function collegeTypes(db: Database, authorityId: string) {
  const qualifying = await buildRegistrationCategory(db, authorityId, { code: 'qualifying', name: { fr: 'Inscrit admissible', en: 'Qualifying registrant' } });
  const registered = await buildRegistrationCategory(db, authorityId, { code: 'registered', name: { fr: 'Psychothérapeute autorisé', en: 'Registered psychotherapist' } });
  const newApplicant = await buildApplicationType(db, authorityId, {
    code: 'new_applicant',
    name: { fr: 'Nouvelle demande — première inscription', en: 'New applicant — first registration' },
    description: {
      fr: 'Pour une première inscription au tableau de l’Ordre, après un programme de niveau maîtrise en psychothérapie ou dans un domaine connexe.',
      en: 'For a first registration with the College, after a master’s-level program in psychotherapy or a related field.',
    },
    categoryId: qualifying.id,
    sections: ['personal', 'education', 'declarations', 'documents'],
    requiredDocuments: [
      governmentId,
      transcript,
      { code: 'resume', name: { fr: 'Curriculum vitæ', en: 'Résumé' }, hint: { fr: 'Facultatif', en: 'Optional' }, providedBy: 'applicant', optional: true },
      { code: 'clinical_training', name: { fr: 'Preuve de formation clinique', en: 'Proof of clinical training' }, hint: { fr: 'Attestation des heures de stage supervisé', en: 'Attestation of supervised placement hours' }, providedBy: 'applicant' },
    ],
    declarations: [criminalOffence, otherRegulator],
    feeCodes: ['application_fee', 'registration_fee'],
    position: 10,
  });
  const transfer = await buildApplicationType(db, authorityId, {
    code: 'category_transfer',
    name: { fr: 'Changement de catégorie', en: 'Category transfer' },
    description: { fr: 'Pour passer de la catégorie d’inscrit admissible à celle de psychothérapeute autorisé.', en: 'To move from the qualifying registrant category to registered psychotherapist.' },
    categoryId: registered.id,
    sections: ['personal', 'declarations', 'documents'],
    requiredDocuments: [{ code: 'clinical_hours', name: { fr: 'Attestation des heures cliniques', en: 'Attestation of clinical hours' }, hint: { fr: 'Signée par votre superviseur clinique', en: 'Signed by your clinical supervisor' }, providedBy: 'applicant' }],
    declarations: [criminalOffence],
    feeCodes: ['application_fee'],
    eligibility: 'registered',
    // Approved, it moves the person's registration to the new category (its number and validity kept).
    kind: 'category_transfer',
    position: 20,
  });
  const reinstatement = await buildApplicationType(db, authorityId, {
    code: 'reinstatement',
    name: { fr: 'Réinscription', en: 'Reinstatement' },
    description: { fr: 'Pour revenir au tableau après la fin de votre inscription.', en: 'To return to the register after your registration ended.' },
    categoryId: registered.id,
    sections: ['personal', 'declarations', 'documents'],
    requiredDocuments: [governmentId],
    declarations: [criminalOffence, otherRegulator],
    feeCodes: ['application_fee'],
    eligibility: 'formerly_registered',
    position: 30,
  });
  const masters = await buildQuestion(db, authorityId, {
    code: 'masters',
    position: 2,
    text: { fr: 'Avez-vous terminé un programme de niveau maîtrise en psychothérapie ou dans un domaine connexe\u00a0?', en: 'Have you completed a master’s-level program in psychotherapy or a related field?' },
    answers: [
      { code: 'yes', label: { fr: 'Oui', en: 'Yes' }, outcome: { kind: 'type', typeId: newApplicant.id } },
      {
        code: 'no',
        label: { fr: 'Non, pas encore', en: 'No, not yet' },
        outcome: {
          kind: 'not_eligible',
          reason: { fr: 'L’inscription exige un programme de niveau maîtrise en psychothérapie ou dans un domaine connexe.', en: 'Registration requires a master’s-level program in psychotherapy or a related field.' },
          whatToDo: { fr: 'Terminez un programme reconnu, puis revenez à ce questionnaire. La liste des programmes reconnus est sur le site de l’Ordre.', en: 'Complete a recognized program, then come back to this questionnaire. The list of recognized programs is on the College’s website.' },
        },
      },
    ],
  });
  const status = await buildQuestion(db, authorityId, {
    code: 'registration_status',
    position: 1,
    text: { fr: 'Avez-vous déjà eu une inscription au tableau de l’Ordre\u00a0?', en: 'Are you or have you been registered with the College?' },
    hint: { fr: 'Choisissez ce qui décrit votre situation aujourd’hui.', en: 'Choose what describes you today.' },
  });
  await answerQuestion(db, status.id, [
    { code: 'never', label: { fr: 'Non, jamais', en: 'No, never' }, outcome: { kind: 'question', questionId: masters.id } },
    { code: 'qualifying', label: { fr: 'Oui, dans la catégorie Inscrit admissible', en: 'Yes, as a qualifying registrant' }, outcome: { kind: 'type', typeId: transfer.id } },
    { code: 'ended', label: { fr: 'Oui, mais mon inscription a pris fin', en: 'Yes, but my registration has ended' }, outcome: { kind: 'type', typeId: reinstatement.id } },
  ]);
}

/** The social-work college: its two certificate categories, a type for each, and one question. */
async function socialWorkTypes(db: Database, authorityId: string) {
  const categories = [
    { code: 'social_worker', name: { fr: 'Travailleuse sociale ou travailleur social', en: 'Social worker' }, credential: { fr: 'un baccalauréat ou une maîtrise en travail social', en: 'a bachelor’s or master’s degree in social work' } },
    { code: 'social_service_worker', name: { fr: 'Technicienne ou technicien en travail social', en: 'Social service worker' }, credential: { fr: 'un diplôme d’études collégiales en techniques de travail social', en: 'a social service worker diploma' } },
  ];
  const types = [];
  for (const [i, c] of categories.entries()) {
    const category = await buildRegistrationCategory(db, authorityId, { code: c.code, name: c.name });
    types.push(
      await buildApplicationType(db, authorityId, {
        code: `${c.code}_certificate`,
        name: { fr: `Certificat d’inscription — ${c.name.fr}`, en: `Certificate of registration — ${c.name.en}` },
        description: { fr: `Pour les personnes titulaires d’${c.credential.fr}.`, en: `For people who hold ${c.credential.en}.` },
        categoryId: category.id,
        sections: ['personal', 'education', 'declarations', 'documents'],
        requiredDocuments: [governmentId, transcript],
        declarations: [criminalOffence, otherRegulator],
        feeCodes: ['application_fee', 'registration_fee'],
        position: (i + 1) * 10,
      }),
    );
  }
  const [socialWorker, socialServiceWorker] = types;
  if (!socialWorker || !socialServiceWorker) return;
  await buildQuestion(db, authorityId, {
    code: 'credential',
    position: 1,
    text: { fr: 'Quel diplôme en travail social détenez-vous\u00a0?', en: 'Which social work credential do you hold?' },
    answers: [
      { code: 'degree', label: { fr: 'Un baccalauréat ou une maîtrise en travail social', en: 'A bachelor’s or master’s degree in social work' }, outcome: { kind: 'type', typeId: socialWorker.id } },
      { code: 'diploma', label: { fr: 'Un diplôme en techniques de travail social', en: 'A social service worker diploma' }, outcome: { kind: 'type', typeId: socialServiceWorker.id } },
      {
        code: 'none',
        label: { fr: 'Aucun des deux', en: 'Neither' },
        outcome: {
          kind: 'not_eligible',
          reason: { fr: 'Un certificat d’inscription exige un diplôme en travail social ou en techniques de travail social.', en: 'A certificate of registration requires a social work degree or a social service worker diploma.' },
          whatToDo: { fr: 'Consultez la page des exigences d’inscription sur le site de l’Ordre, ou écrivez au Service des inscriptions.', en: 'Read the registration requirements on the College’s website, or write to the Registration Service.' },
        },
      },
    ],
  });
}


/**
 * Registrants the public register shows, beside Amélie: accents, hyphens, French and English
 * names, sites across Quebec and Ontario. They never sign in (their password is never printed),
 * so they are not in the demo's sign-in list.
 */
/** A calendar date this many days before the seed runs. */
const daysAgo = (days: number) => localDateAt(new Date(Date.now() - days * 86_400_000));

export const REGISTER_DEMO_DOMAIN = 'registre.demo.guichet.ca';
async function registerDemo(db: Database, authorityId: string) {
  const people = [
    { givenName: 'Éloïse', familyName: 'Côté-Lefebvre', preferredLanguage: 'fr', typeCode: 'category_transfer', since: daysAgo(300), site: { name: 'Clinique du Vieux-Québec', addressLine1: '12, rue Saint-Jean', city: 'Québec', province: 'QC', postalCode: 'G1R 1N7' } },
    { givenName: 'François', familyName: 'Bélanger', preferredLanguage: 'fr', typeCode: 'category_transfer', since: daysAgo(250), site: { name: 'Centre de psychothérapie de l’Estrie', addressLine1: '250, rue King Ouest', city: 'Sherbrooke', province: 'QC', postalCode: 'J1H 1P9' } },
    { givenName: 'Margaret', familyName: 'O’Connor', preferredLanguage: 'en', typeCode: 'category_transfer', since: daysAgo(200), site: { name: 'Westmount Counselling Centre', addressLine1: '4150 Sainte-Catherine Street West', city: 'Westmount', province: 'QC', postalCode: 'H3Z 2Y5' } },
    { givenName: 'Jean-Sébastien', familyName: 'Nguyen', preferredLanguage: 'fr', typeCode: 'new_applicant', since: daysAgo(45), site: { name: 'Clinique Rosemont', addressLine1: '3100, rue Masson', city: 'Montréal', province: 'QC', postalCode: 'H1Y 1X7' } },
    { givenName: 'Priya', familyName: 'Raman', preferredLanguage: 'en', typeCode: 'category_transfer', since: daysAgo(150), site: { name: 'Ottawa River Therapy', addressLine1: '180 Rideau Street', city: 'Ottawa', province: 'ON', postalCode: 'K1N 5X6' } },
    { givenName: 'Noémie', familyName: 'Gagnon-Tremblay', preferredLanguage: 'fr', typeCode: 'new_applicant', since: daysAgo(20), site: { name: 'Cabinet Saguenay', addressLine1: '1200, boulevard Talbot', city: 'Chicoutimi', province: 'QC', postalCode: 'G7H 4B5' } },
  ] as const;
  for (const p of people) {
    const email = `${p.givenName}.${p.familyName}`.normalize('NFD').replace(/[^A-Za-z.-]/g, '').toLowerCase();
    const account = await buildAccount(db, authorityId, { email: `${email}@${REGISTER_DEMO_DOMAIN}`, givenName: p.givenName, familyName: p.familyName, preferredLanguage: p.preferredLanguage, password: generatePassword(), mustChangePassword: true });
    await seedDemoRegistration(db, { authorityId, accountId: account.id, givenName: p.givenName, familyName: p.familyName, typeCode: p.typeCode, since: p.since });
    await seedDemoSite(db, { authorityId, accountId: account.id, ...p.site, startedOn: p.since });
  }
}
