import type { fr } from './fr.ts';

export const en: { readonly [K in keyof typeof fr]: string } = {
  'authority.role.staff': 'Staff',
  'authority.role.registrar': 'Registrar',
  'authority.role.administrator': 'Administrator',
};
