import type { PageTable } from '../platform/paths.ts';

/** This module's pages: name → French and English addresses. */
// The provider's callback is /oidc/callback/:slug, in no language (registered apart).
export const paths = {
  federationStart: { fr: '/fr/connexion/avec/:slug', en: '/en/sign-in/with/:slug' },
  federationFirstTime: { fr: '/fr/connexion/fournisseur', en: '/en/sign-in/provider' },
  federationCreate: { fr: '/fr/connexion/fournisseur/nouveau-compte', en: '/en/sign-in/provider/new-account' },
  federationLink: { fr: '/fr/connexion/fournisseur/lier', en: '/en/sign-in/provider/link' },
  federationSecondStep: { fr: '/fr/connexion/fournisseur/verification', en: '/en/sign-in/provider/verification' },
  federationEmail: { fr: '/fr/connexion/fournisseur/courriel', en: '/en/sign-in/provider/email' },
  federationConfirmEmail: { fr: '/fr/connexion/fournisseur/confirmer-courriel', en: '/en/sign-in/provider/confirm-email' },
  waysToSignIn: { fr: '/fr/compte/facons-de-se-connecter', en: '/en/account/ways-to-sign-in' },
  linkProvider: { fr: '/fr/compte/facons-de-se-connecter/:slug/lier', en: '/en/account/ways-to-sign-in/:slug/link' },
  confirmWithProvider: { fr: '/fr/compte/confirmer-identite/avec/:slug', en: '/en/account/confirm-identity/with/:slug' },
  unlinkProvider: { fr: '/fr/compte/facons-de-se-connecter/identites/:id/retirer', en: '/en/account/ways-to-sign-in/identities/:id/unlink' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
