import type { PageTable } from '../platform/paths.ts';

/**
 * This module's pages: name → French and English addresses. Pages under `/:applicationId` are the
 * applicant's (owner scope); pages under `/personnel` are the authority's staff's.
 */
export const paths = {
  // The eligibility questionnaire and the person's applications (types/routes.tsx, routes.tsx)
  'licensing.questionnaire': { fr: '/fr/admissibilite', en: '/en/eligibility' },
  'licensing.applications': { fr: '/fr/demandes', en: '/en/applications' },
  'licensing.start': { fr: '/fr/demandes/commencer', en: '/en/applications/start' },
  'licensing.application': { fr: '/fr/demandes/:applicationId', en: '/en/applications/:applicationId' },
  'licensing.personal': { fr: '/fr/demandes/:applicationId/renseignements-personnels', en: '/en/applications/:applicationId/personal-details' },
  'licensing.education': { fr: '/fr/demandes/:applicationId/formation', en: '/en/applications/:applicationId/education' },
  'licensing.educationEntry': { fr: '/fr/demandes/:applicationId/formation/ajouter', en: '/en/applications/:applicationId/education/add' },
  'licensing.educationRemove': { fr: '/fr/demandes/:applicationId/formation/:entryId/retirer', en: '/en/applications/:applicationId/education/:entryId/remove' },
  'licensing.declarations': { fr: '/fr/demandes/:applicationId/declarations', en: '/en/applications/:applicationId/declarations' },
  'licensing.documents': { fr: '/fr/demandes/:applicationId/documents', en: '/en/applications/:applicationId/documents' },
  'licensing.upload': { fr: '/fr/demandes/:applicationId/documents/:typeCode', en: '/en/applications/:applicationId/documents/:typeCode' },
  'licensing.noLongerNeeded': { fr: '/fr/demandes/:applicationId/documents/:typeCode/plus-necessaire', en: '/en/applications/:applicationId/documents/:typeCode/no-longer-needed' },
  'licensing.check': { fr: '/fr/demandes/:applicationId/verifier', en: '/en/applications/:applicationId/check' },
  'licensing.withdraw': { fr: '/fr/demandes/:applicationId/retirer', en: '/en/applications/:applicationId/withdraw' },
  // The certificate of registration, and its public verification (routes.tsx)
  'licensing.certificate': { fr: '/fr/inscriptions/:registrationId/certificat', en: '/en/registrations/:registrationId/certificate' },
  'licensing.verify': { fr: '/fr/verifier', en: '/en/verify' },
  'licensing.verifyCode': { fr: '/fr/verifier/:code', en: '/en/verify/:code' },
  // Staff: review (routes.tsx) and the definitions of types and questionnaire (types/routes.tsx)
  'licensing.queue': { fr: '/fr/personnel/demandes', en: '/en/staff/applications' },
  'licensing.review': { fr: '/fr/personnel/demandes/:applicationId', en: '/en/staff/applications/:applicationId' },
  'licensing.reviewAssignment': { fr: '/fr/personnel/demandes/:applicationId/attribution', en: '/en/staff/applications/:applicationId/assignment' },
  'licensing.reviewDocument': { fr: '/fr/personnel/demandes/:applicationId/documents/:documentId', en: '/en/staff/applications/:applicationId/documents/:documentId' },
  'licensing.reviewUpload': { fr: '/fr/personnel/demandes/:applicationId/documents/ajouter', en: '/en/staff/applications/:applicationId/documents/add' },
  'licensing.reviewReturn': { fr: '/fr/personnel/demandes/:applicationId/demander-plus', en: '/en/staff/applications/:applicationId/ask-for-more' },
  'licensing.reviewDecision': { fr: '/fr/personnel/demandes/:applicationId/decision', en: '/en/staff/applications/:applicationId/decision' },
  'licensing.staffFiles': { fr: '/fr/personnel/dossiers', en: '/en/staff/files' },
  'licensing.staffTypes': { fr: '/fr/personnel/types-de-demande', en: '/en/staff/application-types' },
  'licensing.staffNewType': { fr: '/fr/personnel/types-de-demande/nouveau', en: '/en/staff/application-types/new' },
  'licensing.staffType': { fr: '/fr/personnel/types-de-demande/:typeId', en: '/en/staff/application-types/:typeId' },
  'licensing.staffQuestionnaire': { fr: '/fr/personnel/questionnaire', en: '/en/staff/questionnaire' },
  'licensing.staffNewQuestion': { fr: '/fr/personnel/questionnaire/nouvelle-question', en: '/en/staff/questionnaire/new-question' },
  'licensing.staffQuestion': { fr: '/fr/personnel/questionnaire/:questionId', en: '/en/staff/questionnaire/:questionId' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
