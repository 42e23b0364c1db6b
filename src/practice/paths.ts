import type { PageTable } from '../platform/paths.ts';

/**
 * This module's pages: name → French and English addresses. Pages under `/pratique` are the
 * registrant's (the `practice` scope: a registrant of the portal's authority); pages under
 * `/personnel` are the authority's staff's.
 */
export const paths = {
  'practice.sites': { fr: '/fr/pratique/lieux', en: '/en/practice/sites' },
  'practice.notPractising': { fr: '/fr/pratique/lieux/non-pratiquant', en: '/en/practice/sites/not-practising' },
  'practice.newSite': { fr: '/fr/pratique/lieux/ajouter', en: '/en/practice/sites/add' },
  'practice.site': { fr: '/fr/pratique/lieux/:siteId', en: '/en/practice/sites/:siteId' },
  'practice.sitePrimary': { fr: '/fr/pratique/lieux/:siteId/principal', en: '/en/practice/sites/:siteId/primary' },
  'practice.siteRemove': { fr: '/fr/pratique/lieux/:siteId/retirer', en: '/en/practice/sites/:siteId/remove' },
  'practice.siteWithholding': { fr: '/fr/pratique/lieux/:siteId/retenue', en: '/en/practice/sites/:siteId/withholding' },
  'practice.hours': { fr: '/fr/pratique/heures', en: '/en/practice/hours' },
  'practice.newHours': { fr: '/fr/pratique/heures/ajouter', en: '/en/practice/hours/add' },
  'practice.hoursEntry': { fr: '/fr/pratique/heures/:entryId', en: '/en/practice/hours/:entryId' },
  'practice.hoursRemove': { fr: '/fr/pratique/heures/:entryId/retirer', en: '/en/practice/hours/:entryId/remove' },
  'practice.requestReview': { fr: '/fr/pratique/demande-examen', en: '/en/practice/request-review' },
  'practice.request': { fr: '/fr/pratique/demandes/:requestId', en: '/en/practice/requests/:requestId' },
  'practice.requestWithdraw': { fr: '/fr/pratique/demandes/:requestId/retirer', en: '/en/practice/requests/:requestId/withdraw' },
  // Staff: hours reviews, withholding requests, thresholds
  'practice.queue': { fr: '/fr/personnel/heures-de-pratique', en: '/en/staff/practice-hours' },
  'practice.review': { fr: '/fr/personnel/heures-de-pratique/:requestId', en: '/en/staff/practice-hours/:requestId' },
  'practice.reviewAssignment': { fr: '/fr/personnel/heures-de-pratique/:requestId/attribution', en: '/en/staff/practice-hours/:requestId/assignment' },
  'practice.reviewEntry': { fr: '/fr/personnel/heures-de-pratique/:requestId/entrees/:entryId', en: '/en/staff/practice-hours/:requestId/entries/:entryId' },
  'practice.reviewDecision': { fr: '/fr/personnel/heures-de-pratique/:requestId/decision', en: '/en/staff/practice-hours/:requestId/decision' },
  'practice.withholdingQueue': { fr: '/fr/personnel/retenues-de-lieux', en: '/en/staff/site-withholdings' },
  'practice.withholding': { fr: '/fr/personnel/retenues-de-lieux/:withholdingId', en: '/en/staff/site-withholdings/:withholdingId' },
  'practice.thresholds': { fr: '/fr/personnel/seuils-de-pratique', en: '/en/staff/practice-thresholds' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
