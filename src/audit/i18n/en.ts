import type { fr } from './fr.ts';

export const en: { readonly [K in keyof typeof fr]: string } = {
  'event.secrets_resealed': 'Sealed values sealed again under the new SESSION_SECRET',
};
