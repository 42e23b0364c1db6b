import type { PageTable } from '../platform/paths.ts';

/** This module's pages: the public register (search, entry, open data), the registrant's outcomes, and staff's pages. */
export const paths = {
  'register.search': { fr: '/fr/registre', en: '/en/register' },
  'register.openData': { fr: '/fr/registre/donnees-ouvertes', en: '/en/register/open-data' },
  'register.openDataFile': { fr: '/fr/registre/donnees-ouvertes/:file', en: '/en/register/open-data/:file' },
  'register.entry': { fr: '/fr/registre/:number', en: '/en/register/:number' },
  'register.mine': { fr: '/fr/mon-inscription-au-tableau', en: '/en/my-register-entry' },
  'register.removal': { fr: '/fr/mon-inscription-au-tableau/decisions/:id/retrait', en: '/en/my-register-entry/outcomes/:id/removal' },
  'register.staffOutcomes': { fr: '/fr/personnel/registre/decisions', en: '/en/staff/register/outcomes' },
  'register.staffRemovals': { fr: '/fr/personnel/registre/demandes-de-retrait', en: '/en/staff/register/removal-requests' },
  'register.staffRemoval': { fr: '/fr/personnel/registre/demandes-de-retrait/:id', en: '/en/staff/register/removal-requests/:id' },
  'register.staffApiClients': { fr: '/fr/personnel/registre/cles-api', en: '/en/staff/register/api-keys' },
  'register.staffApiClientRevoke': { fr: '/fr/personnel/registre/cles-api/:id/revoquer', en: '/en/staff/register/api-keys/:id/revoke' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
