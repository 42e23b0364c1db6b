import type { Declaration, RequiredDocument } from '../licensing/index.ts';
import type { Database } from '../platform/db.ts';
import { renewalSettings } from './schema.ts';

/** The office's renewals (seed 002): two-year certificates, a window of 90 days, reminders at 60, 30 and 7 days and the day after. */
const DECLARATIONS: Declaration[] = [{ code: 'discipline', question: { fr: 'Avez-vous fait l’objet d’une décision disciplinaire depuis votre dernier renouvellement?', en: 'Have you been the subject of a disciplinary decision since your last renewal?' } }];
const ATTESTATIONS: RequiredDocument[] = [
  { code: 'insurance', name: { fr: 'Attestation d’assurance responsabilité', en: 'Liability insurance certificate' }, hint: { fr: '', en: '' }, providedBy: 'applicant' },
  { code: 'continuing_education', name: { fr: 'Attestation de formation continue', en: 'Continuing-education attestation' }, hint: { fr: '', en: '' }, providedBy: 'applicant', optional: true },
];

/**
 * Turns renewals on for a demo authority (the lead's office demo calls it): the settings row the
 * daily job walks. `lateFeeCode` must be a fee of the authority's schedule (none: no late fee).
 */
export async function seedRenewalsDemo(db: Database, authorityId: string, options: { feeCodes?: string[]; lateFeeCode?: string | null } = {}): Promise<void> {
  await db
    .insert(renewalSettings)
    .values({ authorityId, feeCodes: options.feeCodes ?? ['registration_fee'], lateFeeCode: options.lateFeeCode ?? null, declarations: DECLARATIONS, requiredDocuments: ATTESTATIONS })
    .onConflictDoNothing();
}
