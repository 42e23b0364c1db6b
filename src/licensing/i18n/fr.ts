import { questionnaireFr } from './questionnaire.fr.ts';

/** The strings of the licensing module, in French: the source; `en.ts` has exactly its keys. */
export const fr = {
  ...questionnaireFr,
} as const;

declare module '../../platform/i18n/index.ts' { interface Messages extends Record<keyof typeof fr, true> {} }
