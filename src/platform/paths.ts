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
  twoFactor: { fr: '/fr/compte/verification-en-deux-etapes', en: '/en/account/two-step-verification' },
  authenticatorApp: { fr: '/fr/compte/verification-en-deux-etapes/application', en: '/en/account/two-step-verification/app' },
  removeAuthenticatorApp: { fr: '/fr/compte/verification-en-deux-etapes/application/retirer', en: '/en/account/two-step-verification/app/remove' },
  recoveryCodes: { fr: '/fr/compte/verification-en-deux-etapes/codes-de-recuperation', en: '/en/account/two-step-verification/recovery-codes' },
  dismissTwoFactorNudge: { fr: '/fr/compte/verification-en-deux-etapes/rappel', en: '/en/account/two-step-verification/reminder' },
  confirmIdentity: { fr: '/fr/compte/confirmer-identite', en: '/en/account/confirm-identity' },
  signInSecondFactor: { fr: '/fr/connexion/verification', en: '/en/sign-in/verification' },
  factorRecovery: { fr: '/fr/connexion/aide-verification', en: '/en/sign-in/verification-help' },
  staffFactorRecoveries: { fr: '/fr/personnel/aide-verification', en: '/en/staff/verification-help' },
  staffFactorRecovery: { fr: '/fr/personnel/aide-verification/:id', en: '/en/staff/verification-help/:id' },
  staffAccounts: { fr: '/fr/personnel/comptes', en: '/en/staff/accounts' },
  staffAccount: { fr: '/fr/personnel/comptes/:id', en: '/en/staff/accounts/:id' },
  staffUnlock: { fr: '/fr/personnel/comptes/:id/deverrouiller', en: '/en/staff/accounts/:id/unlock' },
  devMail: { fr: '/fr/dev/courriels', en: '/en/dev/mail' },
  securityKeys: { fr: '/fr/compte/cles-de-securite', en: '/en/account/security-keys' },
  securityKeyOptions: { fr: '/fr/compte/cles-de-securite/options', en: '/en/account/security-keys/options' },
  securityKey: { fr: '/fr/compte/cles-de-securite/:id', en: '/en/account/security-keys/:id' },
  removeSecurityKey: { fr: '/fr/compte/cles-de-securite/:id/retirer', en: '/en/account/security-keys/:id/remove' },
  signInSecurityKey: { fr: '/fr/connexion/verification/cle-de-securite', en: '/en/sign-in/verification/security-key' },
  confirmIdentitySecurityKey: { fr: '/fr/compte/confirmer-identite/cle-de-securite', en: '/en/account/confirm-identity/security-key' },
  securityKeyChallenge: { fr: '/fr/cle-de-securite/defi', en: '/en/security-key/challenge' },
  // Organizations (src/organizations): the pages under /:organizationId are organization-scoped.
  organizations: { fr: '/fr/organisations', en: '/en/organizations' },
  requestOrganization: { fr: '/fr/organisations/demande', en: '/en/organizations/request' },
  joinOrganization: { fr: '/fr/organisations/rejoindre', en: '/en/organizations/join' },
  actFor: { fr: '/fr/organisations/agir-pour', en: '/en/organizations/act-for' },
  organization: { fr: '/fr/organisations/:organizationId', en: '/en/organizations/:organizationId' },
  organizationMembers: { fr: '/fr/organisations/:organizationId/membres', en: '/en/organizations/:organizationId/members' },
  organizationMemberRole: { fr: '/fr/organisations/:organizationId/membres/:accountId/role', en: '/en/organizations/:organizationId/members/:accountId/role' },
  removeOrganizationMember: { fr: '/fr/organisations/:organizationId/membres/:accountId/retirer', en: '/en/organizations/:organizationId/members/:accountId/remove' },
  securityCodes: { fr: '/fr/organisations/:organizationId/codes-de-securite', en: '/en/organizations/:organizationId/security-codes' },
  revokeSecurityCode: { fr: '/fr/organisations/:organizationId/codes-de-securite/:codeId/revoquer', en: '/en/organizations/:organizationId/security-codes/:codeId/revoke' },
  staffOrganizations: { fr: '/fr/personnel/organisations', en: '/en/staff/organizations' },
  staffOrganization: { fr: '/fr/personnel/organisations/:id', en: '/en/staff/organizations/:id' },
  staffSecurityCodes: { fr: '/fr/personnel/codes-de-securite', en: '/en/staff/security-codes' },
  staffRevokeSecurityCode: { fr: '/fr/personnel/codes-de-securite/:id/revoquer', en: '/en/staff/security-codes/:id/revoke' },
  staffOrganizationDecision: { fr: '/fr/personnel/organisations/:id/decision', en: '/en/staff/organizations/:id/decision' },
  // Identity providers (src/federation); the provider's callback is /oidc/callback/:slug, in no language.
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
  // Staff console
  staffAudit: { fr: '/fr/personnel/journal', en: '/en/staff/audit-log' },
  staffAuditCsv: { fr: '/fr/personnel/journal.csv', en: '/en/staff/audit-log.csv' },
  staffEndSessions: { fr: '/fr/personnel/comptes/:id/fermer-les-sessions', en: '/en/staff/accounts/:id/end-sessions' },
  staffPersonRoles: { fr: '/fr/personnel/comptes/:id/roles', en: '/en/staff/accounts/:id/roles' },
  staffSecurity: { fr: '/fr/personnel/securite', en: '/en/staff/security' },
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
