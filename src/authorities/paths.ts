import type { PageTable } from '../platform/paths.ts';

/**
 * This module's pages: name → French and English addresses. A portal's pages take its slug; the
 * other pages' fixed addresses win over `/:slug` (an authority's slug never shadows them).
 */
export const paths = {
  home: { fr: '/fr', en: '/en' },
  portalHome: { fr: '/fr/:slug', en: '/en/:slug' },
  portalPrivacy: { fr: '/fr/:slug/confidentialite', en: '/en/:slug/privacy' },
  portalAccessibility: { fr: '/fr/:slug/accessibilite', en: '/en/:slug/accessibility' },
  portalTerms: { fr: '/fr/:slug/conditions-utilisation', en: '/en/:slug/terms-of-use' },
  staffPortal: { fr: '/fr/personnel/portail', en: '/en/staff/portal' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
