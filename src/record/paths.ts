import type { PageTable } from '../platform/paths.ts';

/**
 * The registrant's record: their pages (owner: the signed-in person, checked against each request)
 * and the staff's (`/personnel`: review queue, review, late reports, settings).
 */
export const paths = {
  'record.summary': { fr: '/fr/dossier', en: '/en/record' },
  'record.profile': { fr: '/fr/dossier/profil', en: '/en/record/profile' },
  'record.legalName': { fr: '/fr/dossier/nom-legal', en: '/en/record/legal-name' },
  'record.withholding': { fr: '/fr/dossier/noms-anterieurs/:nameId/retenue', en: '/en/record/previous-names/:nameId/withholding' },
  'record.email': { fr: '/fr/dossier/courriel', en: '/en/record/email' },
  'record.emailProof': { fr: '/fr/dossier/courriel/confirmer', en: '/en/record/email/confirm' },
  'record.other': { fr: '/fr/dossier/autres-organismes', en: '/en/record/other-regulators' },
  'record.otherEnd': { fr: '/fr/dossier/autres-organismes/:otherId/fin', en: '/en/record/other-regulators/:otherId/end' },
  'record.request': { fr: '/fr/dossier/changements/:requestId', en: '/en/record/changes/:requestId' },
  'record.requestDocument': { fr: '/fr/dossier/changements/:requestId/piece-identite', en: '/en/record/changes/:requestId/id-document' },
  'record.requestSubmit': { fr: '/fr/dossier/changements/:requestId/envoyer', en: '/en/record/changes/:requestId/send' },
  'record.requestWithdraw': { fr: '/fr/dossier/changements/:requestId/retirer', en: '/en/record/changes/:requestId/withdraw' },
  'record.queue': { fr: '/fr/personnel/changements-au-dossier', en: '/en/staff/record-changes' },
  'record.late': { fr: '/fr/personnel/changements-au-dossier/declarations-tardives', en: '/en/staff/record-changes/late-reports' },
  'record.settings': { fr: '/fr/personnel/changements-au-dossier/parametres', en: '/en/staff/record-changes/settings' },
  'record.review': { fr: '/fr/personnel/changements-au-dossier/:requestId', en: '/en/staff/record-changes/:requestId' },
  'record.reviewAssignment': { fr: '/fr/personnel/changements-au-dossier/:requestId/attribution', en: '/en/staff/record-changes/:requestId/assignment' },
  'record.reviewReturn': { fr: '/fr/personnel/changements-au-dossier/:requestId/demander-plus', en: '/en/staff/record-changes/:requestId/ask-for-more' },
  'record.reviewDecision': { fr: '/fr/personnel/changements-au-dossier/:requestId/decision', en: '/en/staff/record-changes/:requestId/decision' },
} as const satisfies PageTable;

declare module '../platform/paths.ts' { interface Pages extends Record<keyof typeof paths, true> {} }
