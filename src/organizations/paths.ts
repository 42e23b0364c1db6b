import type { PageTable } from '../platform/paths.ts';

/** This module's pages: name → French and English addresses. */
// The pages under /:organizationId are organization-scoped (the isolation test walks them).
export const paths = {
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
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
