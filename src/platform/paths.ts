import type { Locale } from './i18n/index.ts';

/** Every page's address in both languages: the language link goes from one to its twin. */
export const paths = {
  home: { fr: '/fr', en: '/en' },
  signIn: { fr: '/fr/connexion', en: '/en/sign-in' },
  signOut: { fr: '/fr/deconnexion', en: '/en/sign-out' },
  signUp: { fr: '/fr/inscription', en: '/en/sign-up' },
  verifyEmail: { fr: '/fr/confirmer-courriel', en: '/en/confirm-email' },
  resendVerification: { fr: '/fr/nouveau-lien', en: '/en/new-link' },
  forgotPassword: { fr: '/fr/mot-de-passe-oublie', en: '/en/forgot-password' },
  resetPassword: { fr: '/fr/reinitialiser', en: '/en/reset-password' },
  account: { fr: '/fr/compte', en: '/en/account' },
  accountDetails: { fr: '/fr/compte/renseignements', en: '/en/account/details' },
  changePassword: { fr: '/fr/compte/mot-de-passe', en: '/en/account/password' },
  signOutEverywhere: { fr: '/fr/compte/deconnexion-partout', en: '/en/account/sign-out-everywhere' },
  staffAccounts: { fr: '/fr/personnel/comptes', en: '/en/staff/accounts' },
  staffAccount: { fr: '/fr/personnel/comptes/:id', en: '/en/staff/accounts/:id' },
  staffUnlock: { fr: '/fr/personnel/comptes/:id/deverrouiller', en: '/en/staff/accounts/:id/unlock' },
  devMail: { fr: '/fr/dev/courriels', en: '/en/dev/mail' },
} as const satisfies Record<string, Record<Locale, string>>;

export type PageName = keyof typeof paths;

/** The address of a page, with its `:params` filled. */
export function href(name: PageName, locale: Locale, params: Record<string, string> = {}): string {
  return paths[name][locale].replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
}

const byPattern = new Map<string, { name: PageName; locale: Locale }>();
for (const [name, pair] of Object.entries(paths) as [PageName, Record<Locale, string>][]) {
  byPattern.set(pair.fr, { name, locale: 'fr' });
  byPattern.set(pair.en, { name, locale: 'en' });
}

export function pageFor(pattern: string): { name: PageName; locale: Locale } | undefined {
  return byPattern.get(pattern);
}
