/**
 * node --import tsx bench/calendar.ts: how many 30-business-day deadlines the calendar computes
 * per second once its years are cached (the first call per jurisdiction and year builds them).
 */
import { addBusinessDays, addCalendarDays, type LocalDate } from '../src/platform/calendar.ts';

const starts: LocalDate[] = Array.from({ length: 365 * 4 }, (_, day) => addCalendarDays('2026-01-01', day));
const cold = performance.now();
addBusinessDays('federal', '2026-01-01', 30);
console.log(`first call (builds the 2026 calendar): ${(performance.now() - cold).toFixed(1)} ms`);
for (const start of starts) addBusinessDays('federal', start, 30);

const DURATION_MS = 2000;
let calls = 0;
const begin = performance.now();
while (performance.now() - begin < DURATION_MS) {
  for (const start of starts) addBusinessDays('federal', start, 30);
  calls += starts.length;
}
const elapsed = (performance.now() - begin) / 1000;
console.log(`addBusinessDays(federal, 2026–2029, 30): ${Math.round(calls / elapsed).toLocaleString('en-CA')} calls/s`);
