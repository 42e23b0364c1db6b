import type { PageTable } from '../platform/paths.ts';

/**
 * The exam pages: the person's under `/examens` (the sessions open in the portal's authority, their
 * registrations and results; each registration its owner's only) and the staff's under `/personnel`.
 */
export const paths = {
  'exams.sessions': { fr: '/fr/examens', en: '/en/exams' },
  'exams.register': { fr: '/fr/examens/seances/:sessionId/inscription', en: '/en/exams/sessions/:sessionId/register' },
  'exams.registration': { fr: '/fr/examens/inscriptions/:registrationId', en: '/en/exams/registrations/:registrationId' },
  'exams.cancel': { fr: '/fr/examens/inscriptions/:registrationId/annuler', en: '/en/exams/registrations/:registrationId/cancel' },
  'exams.results': { fr: '/fr/examens/resultats', en: '/en/exams/results' },
  // Staff: the sessions, a session's roster and its results, the import of a results file
  'exams.staffSessions': { fr: '/fr/personnel/examens', en: '/en/staff/exams' },
  'exams.newSession': { fr: '/fr/personnel/examens/nouvelle-seance', en: '/en/staff/exams/new-session' },
  'exams.settings': { fr: '/fr/personnel/examens/parametres', en: '/en/staff/exams/settings' },
  'exams.import': { fr: '/fr/personnel/examens/importer-des-resultats', en: '/en/staff/exams/import-results' },
  'exams.roster': { fr: '/fr/personnel/examens/:sessionId', en: '/en/staff/exams/:sessionId' },
  'exams.enterResult': { fr: '/fr/personnel/examens/:sessionId/resultats/:accountId', en: '/en/staff/exams/:sessionId/results/:accountId' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
