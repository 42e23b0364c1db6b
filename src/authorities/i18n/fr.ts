/** The strings of the authorities module, in French: the source; `en.ts` has exactly its keys. */
export const fr = {
  'authority.role.staff': 'Personnel',
  'authority.role.registrar': 'Registraire',
  'authority.role.administrator': 'Administrateur',
} as const;

declare module '../../platform/i18n/index.ts' { interface Messages extends Record<keyof typeof fr, true> {} }
