import type { PageTable } from '../../platform/paths.ts';

/**
 * The intake part's pages, all the department's (under the staff console): the notice form and
 * its receipt, the CSV import, the cannot-route queue and the API keys of its client systems.
 */
export const paths = {
  'surveillance.intake.newNotice': { fr: '/fr/personnel/surveillance/avis/nouveau', en: '/en/staff/surveillance/notices/new' },
  'surveillance.intake.received': { fr: '/fr/personnel/surveillance/avis/recu/:caseId', en: '/en/staff/surveillance/notices/received/:caseId' },
  'surveillance.intake.import': { fr: '/fr/personnel/surveillance/avis/importer', en: '/en/staff/surveillance/notices/import' },
  'surveillance.intake.unrouted': { fr: '/fr/personnel/surveillance/non-achemines', en: '/en/staff/surveillance/unrouted' },
  'surveillance.intake.route': { fr: '/fr/personnel/surveillance/non-achemines/:caseId', en: '/en/staff/surveillance/unrouted/:caseId' },
  'surveillance.intake.apiClients': { fr: '/fr/personnel/surveillance/cles-api', en: '/en/staff/surveillance/api-keys' },
  'surveillance.intake.apiClientRevoke': { fr: '/fr/personnel/surveillance/cles-api/:clientId/revoquer', en: '/en/staff/surveillance/api-keys/:clientId/revoke' },
} as const satisfies PageTable;

declare module '../../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
