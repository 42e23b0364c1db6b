import type { PageTable } from '../../platform/paths.ts';

/**
 * The department part's pages: name → French and English addresses. The case page's name and
 * addresses are the contract with intake (it redirects there after a notice).
 */
export const paths = {
  'surveillance.department.cases': { fr: '/fr/personnel/surveillance/dossiers', en: '/en/staff/surveillance/cases' },
  'surveillance.department.case': { fr: '/fr/personnel/surveillance/dossiers/:caseId', en: '/en/staff/surveillance/cases/:caseId' },
  'surveillance.department.attach': { fr: '/fr/personnel/surveillance/dossiers/:caseId/documents', en: '/en/staff/surveillance/cases/:caseId/documents' },
  'surveillance.department.answer': { fr: '/fr/personnel/surveillance/dossiers/:caseId/demandes/:requestId', en: '/en/staff/surveillance/cases/:caseId/requests/:requestId' },
  'surveillance.department.closeRequest': { fr: '/fr/personnel/surveillance/dossiers/:caseId/demandes/:requestId/fermer', en: '/en/staff/surveillance/cases/:caseId/requests/:requestId/close' },
  'surveillance.department.transfer': { fr: '/fr/personnel/surveillance/dossiers/:caseId/transfert', en: '/en/staff/surveillance/cases/:caseId/transfer' },
  'surveillance.department.requests': { fr: '/fr/personnel/surveillance/demandes', en: '/en/staff/surveillance/requests' },
  'surveillance.department.reports': { fr: '/fr/personnel/surveillance/rapports', en: '/en/staff/surveillance/reports' },
  'surveillance.department.figures': { fr: '/fr/personnel/surveillance/indicateurs', en: '/en/staff/surveillance/figures' },
  'surveillance.department.figuresCsv': { fr: '/fr/personnel/surveillance/indicateurs.csv', en: '/en/staff/surveillance/figures.csv' },
} as const satisfies PageTable;

declare module '../../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
