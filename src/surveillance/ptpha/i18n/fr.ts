/** The ptpha part's strings, French first (en.ts has exactly these keys). */
export const fr = {
  'surveillance.ptpha.placeholder': 'À venir',
} as const;

declare module '../../../platform/i18n/index.ts' { interface Messages extends Record<keyof typeof fr, true> {} }
