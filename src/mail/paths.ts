import type { PageTable } from '../platform/paths.ts';

/** This module's pages: name → French and English addresses. */
export const paths = {
  devMail: { fr: '/fr/dev/courriels', en: '/en/dev/mail' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
