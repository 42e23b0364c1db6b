import type { PageTable } from '../platform/paths.ts';

/** This module's pages: name → French and English addresses. */
export const paths = {
  staffAccounts: { fr: '/fr/personnel/comptes', en: '/en/staff/accounts' },
  staffAccount: { fr: '/fr/personnel/comptes/:id', en: '/en/staff/accounts/:id' },
  staffUnlock: { fr: '/fr/personnel/comptes/:id/deverrouiller', en: '/en/staff/accounts/:id/unlock' },
  staffAudit: { fr: '/fr/personnel/journal', en: '/en/staff/audit-log' },
  staffAuditCsv: { fr: '/fr/personnel/journal.csv', en: '/en/staff/audit-log.csv' },
  staffEndSessions: { fr: '/fr/personnel/comptes/:id/fermer-les-sessions', en: '/en/staff/accounts/:id/end-sessions' },
  staffPersonRoles: { fr: '/fr/personnel/comptes/:id/roles', en: '/en/staff/accounts/:id/roles' },
  staffSecurity: { fr: '/fr/personnel/securite', en: '/en/staff/security' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
