/** This module's one page: a version's file, streamed after the subject's owner module says who may read it. */
export const paths = {
  'documents.download': { fr: '/fr/documents/:versionId', en: '/en/documents/:versionId' },
} as const;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
