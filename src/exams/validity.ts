import { addCalendarDays, type LocalDate } from '../platform/calendar.ts';

/**
 * The last day a result sat on `satOn` counts, when the authority counts it `months` months: the
 * day before the same date `months` later (2024-03-15, 24 months: valid through 2026-03-14). A
 * sitting on the 31st ends on the last day of a shorter month, less one.
 */
export function validUntil(satOn: LocalDate, months: number): LocalDate {
  const year = Number(satOn.slice(0, 4));
  const month = Number(satOn.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = (month % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const day = Math.min(Number(satOn.slice(8, 10)), lastDay);
  const same = `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}` as LocalDate;
  return addCalendarDays(same, -1);
}
