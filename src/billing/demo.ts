import type { Province } from '../platform/canada.ts';
import type { Database } from '../platform/db.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import { billingSettings, type FeeKind, fees, type TaxTreatment } from './schema.ts';

type Preset = 'college' | 'consumer_protection' | 'access_to_information';
interface DefaultFee {
  code: string;
  label: Bilingual;
  kind: FeeKind;
  amountCents: number;
  tax: TaxTreatment;
  glCode: string;
}

/** Realistic schedules for the demo authorities (amounts of 2026, before taxes). */
export const DEFAULT_FEES: Readonly<Record<Preset, { province: Province; nonRefundable: boolean; fees: DefaultFee[] }>> = {
  college: {
    province: 'QC',
    nonRefundable: true,
    fees: [
      { code: 'application_fee', label: { fr: 'Frais d’ouverture de dossier', en: 'Application fee' }, kind: 'application', amountCents: 15_000, tax: 'taxable', glCode: '4100' },
      { code: 'registration_fee', label: { fr: 'Cotisation annuelle', en: 'Annual registration fee' }, kind: 'registration', amountCents: 72_500, tax: 'taxable', glCode: '4200' },
      { code: 'late_fee', label: { fr: 'Frais de retard', en: 'Late fee' }, kind: 'late', amountCents: 5_000, tax: 'taxable', glCode: '4900' },
    ],
  },
  consumer_protection: {
    province: 'QC',
    nonRefundable: false,
    fees: [
      { code: 'certificate_fee', label: { fr: 'Droits de délivrance du certificat', en: 'Certificate fee' }, kind: 'registration', amountCents: 41_300, tax: 'exempt', glCode: '4300' },
      { code: 'exam_fee', label: { fr: 'Droits d’examen', en: 'Exam fee' }, kind: 'exam', amountCents: 9_800, tax: 'exempt', glCode: '4310' },
    ],
  },
  access_to_information: {
    province: 'ON',
    nonRefundable: false,
    fees: [{ code: 'request_fee', label: { fr: 'Droits de demande d’accès', en: 'Access request fee' }, kind: 'application', amountCents: 500, tax: 'exempt', glCode: '4400' }],
  },
};

/** Gives an authority a default fee schedule from a day on, and its billing settings (the demo seed calls it). */
export async function seedFeeSchedule(db: Database, authorityId: string, preset: Preset, validFrom = '2026-01-01'): Promise<void> {
  const schedule = DEFAULT_FEES[preset];
  await db.insert(billingSettings).values({ authorityId, province: schedule.province, nonRefundable: schedule.nonRefundable }).onConflictDoNothing();
  await db.insert(fees).values(schedule.fees.map((f) => ({ ...f, authorityId, validFrom }))).onConflictDoNothing();
}
