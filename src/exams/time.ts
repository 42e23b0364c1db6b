import { localDateAt, type LocalDate } from '../platform/calendar.ts';

const torontoTime = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * The instant a day and time of day are in America/Toronto (a session "on 2026-12-10 at 09:00"):
 * standard time or daylight time, whichever makes that local time. Null for a time the clocks skip.
 */
export function torontoInstant(day: LocalDate, time: string): Date | null {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const base = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), hours, minutes);
  for (const offsetHours of [5, 4]) {
    const candidate = new Date(base + offsetHours * 3_600_000);
    if (localDateAt(candidate) === day && torontoTime.format(candidate) === time) return candidate;
  }
  return null;
}
