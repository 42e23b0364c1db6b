import type { Bilingual } from '../platform/i18n/index.ts';
import type { ChangeKind } from './schema.ts';

/** Each kind's name in the staff queue (casework keeps it with the review, as a type's name). */
export const KIND_NAMES: Readonly<Record<ChangeKind, Bilingual>> = {
  legal_name: { fr: 'Changement de nom légal', en: 'Legal name change' },
  name_withholding: { fr: 'Retenue d’un nom antérieur', en: 'Withholding a previous name' },
  sign_in_email: { fr: 'Changement du courriel de connexion', en: 'Sign-in email change' },
  other_registration: { fr: 'Inscription auprès d’un autre organisme', en: 'Registration with another regulator' },
};

/** The days the law gives to report a change (seed 000: within 30 days). */
export const REPORT_WITHIN_DAYS = 30;
/** Reminders go out when this many days are left, then at each lower milestone, then once overdue (0). */
export const REMINDER_MILESTONES = [14, 7, 1, 0] as const;

/** The milestone reached with `daysLeft` to go, or null while more than the first is left. */
export function milestoneOf(daysLeft: number): number | null {
  let reached: number | null = null;
  for (const m of REMINDER_MILESTONES) if (daysLeft <= m) reached = m;
  return reached;
}
