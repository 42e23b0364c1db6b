import type { PageTable } from '../platform/paths.ts';

/** This module's pages: name → French and English addresses. */
export const paths = {
  signIn: { fr: '/fr/connexion', en: '/en/sign-in' },
  signOut: { fr: '/fr/deconnexion', en: '/en/sign-out' },
  signUp: { fr: '/fr/inscription', en: '/en/sign-up' },
  checkEmail: { fr: '/fr/courriel-envoye', en: '/en/email-sent' },
  verifyEmail: { fr: '/fr/confirmer-courriel', en: '/en/confirm-email' },
  resendVerification: { fr: '/fr/nouveau-lien', en: '/en/new-link' },
  forgotPassword: { fr: '/fr/mot-de-passe-oublie', en: '/en/forgot-password' },
  resetPassword: { fr: '/fr/reinitialiser', en: '/en/reset-password' },
  account: { fr: '/fr/compte', en: '/en/account' },
  accountDetails: { fr: '/fr/compte/renseignements', en: '/en/account/details' },
  changePassword: { fr: '/fr/compte/mot-de-passe', en: '/en/account/password' },
  signOutEverywhere: { fr: '/fr/compte/deconnexion-partout', en: '/en/account/sign-out-everywhere' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
