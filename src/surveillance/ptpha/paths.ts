import type { PageTable } from '../../platform/paths.ts';

/**
 * The PTPHA's pages: its cases under `/sante-publique/:organizationId` (the `surveillance` scope:
 * a member of that approved public health authority); a case's pages under `…/dossiers/:caseId`,
 * only while the case is with that PTPHA. Search terms (name, client ID, date of birth) are
 * posted, never put in an address.
 */
export const paths = {
  'surveillance.ptpha.cases': { fr: '/fr/sante-publique/:organizationId/dossiers', en: '/en/public-health/:organizationId/cases' },
  'surveillance.ptpha.case': { fr: '/fr/sante-publique/:organizationId/dossiers/:caseId', en: '/en/public-health/:organizationId/cases/:caseId' },
  'surveillance.ptpha.acknowledge': { fr: '/fr/sante-publique/:organizationId/dossiers/:caseId/prise-en-charge', en: '/en/public-health/:organizationId/cases/:caseId/acknowledge' },
  'surveillance.ptpha.contact': { fr: '/fr/sante-publique/:organizationId/dossiers/:caseId/contacts', en: '/en/public-health/:organizationId/cases/:caseId/contacts' },
  'surveillance.ptpha.followUp': { fr: '/fr/sante-publique/:organizationId/dossiers/:caseId/suivi', en: '/en/public-health/:organizationId/cases/:caseId/follow-up' },
  'surveillance.ptpha.report': { fr: '/fr/sante-publique/:organizationId/dossiers/:caseId/rapport', en: '/en/public-health/:organizationId/cases/:caseId/report' },
  'surveillance.ptpha.upload': { fr: '/fr/sante-publique/:organizationId/dossiers/:caseId/documents', en: '/en/public-health/:organizationId/cases/:caseId/documents' },
  'surveillance.ptpha.requestDocument': { fr: '/fr/sante-publique/:organizationId/dossiers/:caseId/demandes', en: '/en/public-health/:organizationId/cases/:caseId/requests' },
} as const satisfies PageTable;


declare module '../../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
