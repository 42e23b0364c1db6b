import type { PageTable } from '../../platform/paths.ts';

/**
 * The statistics and summaries (an institution's practitioners), support requests (practitioners
 * ask, the ATIP office's staff answer from a queue) and the API keys of client systems (the office's administrators).
 */
export const paths = {
  'access.office.statistics': { fr: '/fr/institutions/:organizationId/statistiques', en: '/en/institutions/:organizationId/statistics' },
  'access.office.statisticsCsv': { fr: '/fr/institutions/:organizationId/statistiques.csv', en: '/en/institutions/:organizationId/statistics.csv' },
  'access.office.summaries': { fr: '/fr/institutions/:organizationId/sommaires', en: '/en/institutions/:organizationId/summaries' },
  'access.office.summariesCsv': { fr: '/fr/institutions/:organizationId/sommaires.csv', en: '/en/institutions/:organizationId/summaries.csv' },
  'access.office.support': { fr: '/fr/institutions/:organizationId/soutien', en: '/en/institutions/:organizationId/support' },
  'access.office.supportRequest': { fr: '/fr/institutions/:organizationId/soutien/:supportRequestId', en: '/en/institutions/:organizationId/support/:supportRequestId' },
  'access.office.queue': { fr: '/fr/personnel/aiprp/soutien', en: '/en/staff/atip/support' },
  'access.office.case': { fr: '/fr/personnel/aiprp/soutien/:supportRequestId', en: '/en/staff/atip/support/:supportRequestId' },
  'access.office.caseRefund': { fr: '/fr/personnel/aiprp/soutien/:supportRequestId/rembourser', en: '/en/staff/atip/support/:supportRequestId/refund' },
  'access.office.caseClose': { fr: '/fr/personnel/aiprp/soutien/:supportRequestId/fermer', en: '/en/staff/atip/support/:supportRequestId/close' },
  'access.office.apiClients': { fr: '/fr/personnel/aiprp/cles-api', en: '/en/staff/atip/api-keys' },
  'access.office.apiClientRevoke': { fr: '/fr/personnel/aiprp/cles-api/:clientId/revoquer', en: '/en/staff/atip/api-keys/:clientId/revoke' },
} as const satisfies PageTable;

declare module '../../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
