import type { PageTable } from '../platform/paths.ts';

/** This module's pages: name → French and English addresses. */
export const paths = {
  securityKeys: { fr: '/fr/compte/cles-de-securite', en: '/en/account/security-keys' },
  securityKeyOptions: { fr: '/fr/compte/cles-de-securite/options', en: '/en/account/security-keys/options' },
  securityKey: { fr: '/fr/compte/cles-de-securite/:id', en: '/en/account/security-keys/:id' },
  removeSecurityKey: { fr: '/fr/compte/cles-de-securite/:id/retirer', en: '/en/account/security-keys/:id/remove' },
  signInSecurityKey: { fr: '/fr/connexion/verification/cle-de-securite', en: '/en/sign-in/verification/security-key' },
  confirmIdentitySecurityKey: { fr: '/fr/compte/confirmer-identite/cle-de-securite', en: '/en/account/confirm-identity/security-key' },
  securityKeyChallenge: { fr: '/fr/cle-de-securite/defi', en: '/en/security-key/challenge' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
