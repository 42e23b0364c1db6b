/** The strings of the audit module, in French: the source; `en.ts` has exactly its keys. */
export const fr = {
  'event.secrets_resealed': 'Valeurs scellées de nouveau sous le nouveau SESSION_SECRET',
} as const;

declare module '../../platform/i18n/index.ts' { interface Messages extends Record<keyof typeof fr, true> {} }
