import type { PageTable } from '../platform/paths.ts';

/** This module's pages: name → French and English addresses. */
export const paths = {
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
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
