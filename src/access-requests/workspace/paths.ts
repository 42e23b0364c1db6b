import type { PageTable } from '../../platform/paths.ts';

/** The institution's workspace (its practitioners only): the dashboard, a request and its clock, clarification, extensions, transfers, consultations, paper requests. */
export const paths = {
  'access.workspace.dashboard': { fr: '/fr/institutions/:organizationId/demandes', en: '/en/institutions/:organizationId/requests' },
  'access.workspace.newRequest': { fr: '/fr/institutions/:organizationId/demandes/nouvelle', en: '/en/institutions/:organizationId/requests/new' },
  'access.workspace.request': { fr: '/fr/institutions/:organizationId/demandes/:requestId', en: '/en/institutions/:organizationId/requests/:requestId' },
  'access.workspace.assign': { fr: '/fr/institutions/:organizationId/demandes/:requestId/attribution', en: '/en/institutions/:organizationId/requests/:requestId/assignment' },
  'access.workspace.clarification': { fr: '/fr/institutions/:organizationId/demandes/:requestId/precisions', en: '/en/institutions/:organizationId/requests/:requestId/clarification' },
  'access.workspace.extension': { fr: '/fr/institutions/:organizationId/demandes/:requestId/prorogation', en: '/en/institutions/:organizationId/requests/:requestId/extension' },
  'access.workspace.transfer': { fr: '/fr/institutions/:organizationId/demandes/:requestId/transmission', en: '/en/institutions/:organizationId/requests/:requestId/transfer' },
  'access.workspace.consult': { fr: '/fr/institutions/:organizationId/demandes/:requestId/consultations', en: '/en/institutions/:organizationId/requests/:requestId/consultations' },
  'access.workspace.consultations': { fr: '/fr/institutions/:organizationId/consultations', en: '/en/institutions/:organizationId/consultations' },
  'access.workspace.consultation': { fr: '/fr/institutions/:organizationId/consultations/:consultationId', en: '/en/institutions/:organizationId/consultations/:consultationId' },
} as const satisfies PageTable;

declare module '../../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
