import type { PageTable } from '../../platform/paths.ts';

export const paths = {} as const satisfies PageTable;
