import type { LocalDate } from '../../platform/calendar.ts';
import type { Bilingual } from '../../platform/i18n/index.ts';
import type { ExamEvidence, ExamRule } from '../schema.ts';

/** The agency link that was active on the day the old certificate expired (src/agencies). */
export interface LinkAtExpiry {
  agency: Bilingual;
  startedOn: LocalDate;
  endedOn: LocalDate | null;
}

/** The person's newest passed exam result (src/exams), with the last day it is valid. */
export interface PassedExam {
  id: string;
  satOn: LocalDate;
  validUntil: LocalDate;
}

/** Why the exam result could not be carried over: each ground the office's rule checks, failed. */
export type RefusalReason = 'not_linked_at_expiry' | 'exam_too_old' | 'no_exam';

export type ExamRuleOutcome =
  | { rule: Exclude<ExamRule, 'not_met'>; resultId: string | null; evidence: ExamEvidence }
  | { rule: 'not_met'; reasons: RefusalReason[]; evidence: ExamEvidence };

/**
 * The office's rule for a new file after an expired certificate (seed 002): the exam result is
 * carried over when the person was linked to a collection agency on the day the certificate
 * expired, or passed the exam less than its validity ago (2 years by default: the result's
 * `validUntil` is still to come). The link is checked first: it carries over even an old result.
 * Otherwise the person is told each ground that failed, so that they know to sit the exam again.
 */
export function examRule(input: { previousNumber: string; expiredOn: LocalDate; linkAtExpiry: LinkAtExpiry | null; latestPassed: PassedExam | null; today: LocalDate }): ExamRuleOutcome {
  const { previousNumber, expiredOn, linkAtExpiry: link, latestPassed: exam, today } = input;
  const evidence: ExamEvidence = {
    previousNumber,
    expiredOn,
    ...(link ? { agency: link.agency, linkStartedOn: link.startedOn, linkEndedOn: link.endedOn } : {}),
    ...(exam ? { examSatOn: exam.satOn, examValidUntil: exam.validUntil } : {}),
  };
  if (link) return { rule: 'linked_at_expiry', resultId: exam?.id ?? null, evidence };
  if (exam && exam.validUntil >= today) return { rule: 'recent_exam', resultId: exam.id, evidence };
  return { rule: 'not_met', reasons: ['not_linked_at_expiry', exam ? 'exam_too_old' : 'no_exam'], evidence };
}
