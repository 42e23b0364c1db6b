import type { fr } from './fr.ts';

export const en: { readonly [K in keyof typeof fr]: string } = {};
