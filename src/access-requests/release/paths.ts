import type { PageTable } from '../../platform/paths.ts';

/** Records, release and fees (the institution's practitioners): the records gathered and their decisions, the release package, closing, the fee. */
export const paths = {
  'access.release.records': { fr: '/fr/institutions/:organizationId/demandes/:requestId/documents', en: '/en/institutions/:organizationId/requests/:requestId/records' },
  'access.release.record': { fr: '/fr/institutions/:organizationId/demandes/:requestId/documents/:recordId', en: '/en/institutions/:organizationId/requests/:requestId/records/:recordId' },
  'access.release.package': { fr: '/fr/institutions/:organizationId/demandes/:requestId/communication', en: '/en/institutions/:organizationId/requests/:requestId/release' },
  'access.release.close': { fr: '/fr/institutions/:organizationId/demandes/:requestId/fermeture', en: '/en/institutions/:organizationId/requests/:requestId/close' },
  'access.release.fee': { fr: '/fr/institutions/:organizationId/demandes/:requestId/droits', en: '/en/institutions/:organizationId/requests/:requestId/fee' },
} as const satisfies PageTable;

declare module '../../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
