import type { PageTable } from '../platform/paths.ts';

/**
 * This module's pages: name → French and English addresses. The person's are under
 * `/agence-de-recouvrement` (their own link at the portal's authority); the agency manager's are
 * organization pages (under `/organisations/:organizationId`, the `agency` scope: a manager of that agency); staff's
 * under `/personnel`.
 */
export const paths = {
  'agencies.link': { fr: '/fr/agence-de-recouvrement', en: '/en/collection-agency' },
  'agencies.request': { fr: '/fr/agence-de-recouvrement/demande', en: '/en/collection-agency/request' },
  'agencies.redeem': { fr: '/fr/agence-de-recouvrement/code', en: '/en/collection-agency/code' },
  'agencies.end': { fr: '/fr/agence-de-recouvrement/fin', en: '/en/collection-agency/end' },
  // The agency's manager
  'agencies.manage': { fr: '/fr/organisations/:organizationId/representants', en: '/en/organizations/:organizationId/representatives' },
  'agencies.decide': { fr: '/fr/organisations/:organizationId/representants/:linkId/decision', en: '/en/organizations/:organizationId/representatives/:linkId/decision' },
  'agencies.endLink': { fr: '/fr/organisations/:organizationId/representants/:linkId/fin', en: '/en/organizations/:organizationId/representatives/:linkId/end' },
  // Staff
  'agencies.staffAgencies': { fr: '/fr/personnel/agences-de-recouvrement', en: '/en/staff/collection-agencies' },
  'agencies.staffLinks': { fr: '/fr/personnel/organisations/:id/representants', en: '/en/staff/organizations/:id/representatives' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
