import { calendarDays, type Deadline, deadline, type Jurisdiction, type LocalDate } from '../platform/calendar.ts';
import { type Province, provinces } from '../platform/canada.ts';
import type { SurveillanceCode } from './states.ts';

export interface TimeLimits {
  routineDays: number;
  urgentDays: number;
}

/**
 * When the compliance report on a case is due: the arrival day (not counted) plus the code's
 * calendar days (routine 30, urgent 7), moved to the next business day of the province of
 * residence when it falls on a weekend or holiday there (the federal calendar for a case with no
 * province). The result shows its work: the start, the rule, the day reached and the closed days skipped.
 */
export function reportDeadline(arrivalDate: LocalDate, code: SurveillanceCode, province: string | null, limits: TimeLimits): Deadline {
  const jurisdiction: Jurisdiction = province && (provinces as readonly string[]).includes(province) ? (province as Province) : 'federal';
  return deadline(jurisdiction, arrivalDate, calendarDays(code === 'urgent' ? limits.urgentDays : limits.routineDays));
}
