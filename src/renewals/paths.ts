import type { PageTable } from '../platform/paths.ts';

/** Renewals: the registrant's form (owner: checked against each request) and the staff's list and settings. */
export const paths = {
  'renewals.form': { fr: '/fr/renouvellements/:renewalId', en: '/en/renewals/:renewalId' },
  'renewals.attestation': { fr: '/fr/renouvellements/:renewalId/attestations/:code', en: '/en/renewals/:renewalId/attestations/:code' },
  'renewals.staff': { fr: '/fr/personnel/renouvellements', en: '/en/staff/renewals' },
  'renewals.settings': { fr: '/fr/personnel/renouvellements/parametres', en: '/en/staff/renewals/settings' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
