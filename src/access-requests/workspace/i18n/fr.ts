export const fr = {} as const;

declare module '../../../platform/i18n/index.ts' { interface Messages extends Record<keyof typeof fr, true> {} }
