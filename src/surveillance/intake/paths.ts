import type { PageTable } from '../../platform/paths.ts';

/** The intake part's pages: name → French and English addresses. */
export const paths = {} as const satisfies PageTable;

declare module '../../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
