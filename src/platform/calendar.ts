import Holidays from 'date-holidays';
import { type Province } from './canada.ts';
import type { Bilingual } from './i18n/index.ts';

/**
 * The legal calendars: which days are business days for a federal body or in a province or
 * territory, and the deadlines counted on them. Dates are local calendar days (`YYYY-MM-DD`),
 * never `Date`s: a deadline is a day, and a `Date` near midnight or a DST change is the day before
 * or after depending on who reads it. `today(clock)` is the one place an instant becomes a day,
 * in America/Toronto.
 */

export type LocalDate = `${number}-${number}-${number}`;

export type Jurisdiction = 'federal' | Province;

const ZONE = 'America/Toronto';
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` string that names a real day (2026-02-30 does not), or null. */
export function parseLocalDate(text: string): LocalDate | null {
  const match = LOCAL_DATE.exec(text);
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? (text as LocalDate) : null;
}

// Arithmetic runs on day numbers (days since 1970-01-01), where every day is one step: no DST,
// no offset, and no Date to build in the loops (Howard Hinnant's civil-date algorithms).
function toDay(date: LocalDate): number {
  const month = Number(date.slice(5, 7));
  const year = Number(date.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + Number(date.slice(8, 10)) - 1;
  return era * 146097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719468;
}

function civil(day: number): { year: number; month: number; date: number } {
  const shifted = day + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, date: dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1 };
}

const pad = (value: number) => String(value).padStart(2, '0');
function fromDay(day: number): LocalDate {
  const { year, month, date } = civil(day);
  return `${year}-${pad(month)}-${pad(date)}` as LocalDate;
}

// 1970-01-01 was a Thursday; 0 is Sunday as in Date.getDay.
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;
const isWeekend = (day: number) => weekday(day) === 0 || weekday(day) === 6;

const torontoDay = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day it is in America/Toronto at this instant: the day a request received at 23:30 was received. */
export function localDateAt(instant: Date): LocalDate {
  const parts = Object.fromEntries(torontoDay.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}` as LocalDate;
}

/** Today in America/Toronto, by the application's clock. */
export const today = (clock: { now(): Date }) => localDateAt(clock.now());

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return fromDay(toDay(date) + days);
}

/** Read-only: the calendar hands out the cached days themselves. */
export interface Holiday {
  /** The day off: the holiday itself, or the weekday it is observed on when it falls on a weekend. */
  readonly date: LocalDate;
  readonly name: Readonly<Bilingual>;
  /** When the day off was moved, the date the holiday falls on. */
  readonly movedFrom?: LocalDate;
}

/**
 * One statutory holiday: the date-holidays rule that dates it (the library's own grammar and
 * rule string, so its dates are the ones we use), its official names, and the first year the
 * jurisdiction made it a holiday when that is later than the rule itself says.
 */
interface Statutory {
  rule: string;
  name: Bilingual;
  since?: number;
  /** Québec's way: this one, and only this one, moves to Monday when it falls on a Sunday. */
  sundayToMonday?: true;
}

const newYear: Statutory = { rule: '01-01', name: { fr: 'Jour de l’An', en: 'New Year’s Day' } };
const goodFriday: Statutory = { rule: 'easter -2', name: { fr: 'Vendredi saint', en: 'Good Friday' } };
const easterMonday: Statutory = { rule: 'easter 1', name: { fr: 'Lundi de Pâques', en: 'Easter Monday' } };
const familyDay = (name: Bilingual): Statutory => ({ rule: '3rd monday after 02-01', name });
const victoriaDay: Statutory = { rule: 'monday before 05-25', name: { fr: 'Fête de Victoria', en: 'Victoria Day' } };
// date-holidays dates it from the year each territory made it a holiday: the rule says which.
const indigenousPeoplesDay = (rule: '06-21 since 2001' | '06-21 since 2017'): Statutory => ({ rule, name: { fr: 'Journée nationale des peuples autochtones', en: 'National Indigenous Peoples Day' } });
const canadaDay: Statutory = { rule: '07-01', name: { fr: 'Fête du Canada', en: 'Canada Day' } };
const firstMondayOfAugust = (name: Bilingual): Statutory => ({ rule: '1st monday in August', name });
const labourDay: Statutory = { rule: '1st monday in September', name: { fr: 'Fête du Travail', en: 'Labour Day' } };
const truthAndReconciliation = (since: number): Statutory => ({
  rule: '09-30 since 2021',
  since,
  name: { fr: 'Journée nationale de la vérité et de la réconciliation', en: 'National Day for Truth and Reconciliation' },
});
const thanksgiving: Statutory = { rule: '2nd monday after 10-01', name: { fr: 'Action de grâce', en: 'Thanksgiving Day' } };
const remembranceDay: Statutory = { rule: '11-11', name: { fr: 'Jour du Souvenir', en: 'Remembrance Day' } };
const christmas: Statutory = { rule: '12-25', name: { fr: 'Noël', en: 'Christmas Day' } };
const boxingDay: Statutory = { rule: '12-26', name: { fr: 'Lendemain de Noël', en: 'Boxing Day' } };

/**
 * Which days each jurisdiction's law makes a paid day off, and whether a holiday falling on a
 * weekend gives a weekday off instead (`moves`).
 *
 * federal: the ten general holidays of the Canada Labour Code (s. 166), Boxing Day among them,
 *   plus Easter Monday, a holiday under the Interpretation Act (s. 35) on which federal offices
 *   close. The Interpretation Act's own list, the one that moves a time limit (s. 26), has Easter
 *   Monday and not Boxing Day: we count Boxing Day closed because the offices are. The Treasury
 *   Board agreements' extra "provincial or civic holiday" depends on where the office is, so it is
 *   not here. A holiday on a Saturday or Sunday is observed on the next working day (Canada Labour
 *   Code s. 195–196, Treasury Board agreements), which is the day the offices close.
 * ON: the nine public holidays of the Employment Standards Act, 2000 (no Easter Monday, Civic
 *   Holiday or Remembrance Day, which date-holidays lists as public or optional); moved like
 *   federal ones, as the Ontario Public Service observes them.
 * QC: the Act respecting labour standards (s. 60) and the National Holiday Act: Good Friday is the
 *   holiday (the Act lets the employer pick Easter Monday instead; we take the day date-holidays
 *   and most employers take), no Boxing Day or Remembrance Day. Nothing moves except what the
 *   Acts move: June 24 and July 1 falling on a Sunday give the Monday.
 * Other provinces and territories: their employment standards statutes as of 2026 (September 30
 *   since 2022 in NT, NU and PE, 2023 in BC and YT, 2024 in MB); we did not check each one's
 *   weekend rule and apply the next-working-day practice of their public services.
 *
 * date-holidays differs from these lists in places (Ontario's, Yukon's and the Northwest
 * Territories' Easter Monday and PE's Gold Cup Parade Day are public days there, September 30
 * only an observance, Victoria Day and Boxing Day missing from Canada itself), which is why the
 * lists are ours and the library only dates them.
 *
 * These are the days off the labour laws give. The lists courts and tribunals count time limits
 * on are longer in places (Québec's add January 2 and December 24 to 26 and 31, for instance): a
 * module whose deadlines follow such a list declares it here as its own jurisdiction.
 */
const legal: Record<Jurisdiction, { days: Statutory[]; moves: boolean }> = {
  federal: { days: [newYear, goodFriday, easterMonday, victoriaDay, canadaDay, labourDay, truthAndReconciliation(2021), thanksgiving, remembranceDay, christmas, boxingDay], moves: true },
  AB: { days: [newYear, familyDay({ fr: 'Fête de la famille', en: 'Family Day' }), goodFriday, victoriaDay, canadaDay, labourDay, thanksgiving, remembranceDay, christmas], moves: true },
  BC: {
    days: [newYear, familyDay({ fr: 'Fête de la famille', en: 'Family Day' }), goodFriday, victoriaDay, canadaDay, firstMondayOfAugust({ fr: 'Jour de la Colombie-Britannique', en: 'British Columbia Day' }), labourDay, truthAndReconciliation(2023), thanksgiving, remembranceDay, christmas],
    moves: true,
  },
  MB: { days: [newYear, familyDay({ fr: 'Journée Louis-Riel', en: 'Louis Riel Day' }), goodFriday, victoriaDay, canadaDay, labourDay, truthAndReconciliation(2024), thanksgiving, christmas], moves: true },
  NB: { days: [newYear, familyDay({ fr: 'Fête de la famille', en: 'Family Day' }), goodFriday, canadaDay, firstMondayOfAugust({ fr: 'Fête du Nouveau-Brunswick', en: 'New Brunswick Day' }), labourDay, remembranceDay, christmas], moves: true },
  // Newfoundland and Labrador: July 1 is Memorial Day; the government's own days off (St. Patrick's, St. George's, Discovery, Orangemen's) are not statutory.
  NL: { days: [newYear, goodFriday, { ...canadaDay, name: { fr: 'Jour commémoratif', en: 'Memorial Day' } }, labourDay, { ...remembranceDay, name: { fr: 'Jour de l’Armistice', en: 'Armistice Day' } }, christmas], moves: true },
  NS: { days: [newYear, familyDay({ fr: 'Fête du patrimoine', en: 'Heritage Day' }), goodFriday, canadaDay, labourDay, remembranceDay, christmas], moves: true },
  NT: { days: [newYear, goodFriday, victoriaDay, indigenousPeoplesDay('06-21 since 2001'), canadaDay, firstMondayOfAugust({ fr: 'Premier lundi d’août', en: 'Civic Holiday' }), labourDay, truthAndReconciliation(2022), thanksgiving, remembranceDay, christmas], moves: true },
  NU: { days: [newYear, goodFriday, victoriaDay, canadaDay, { rule: '07-09', name: { fr: 'Jour du Nunavut', en: 'Nunavut Day' } }, firstMondayOfAugust({ fr: 'Premier lundi d’août', en: 'Civic Holiday' }), labourDay, truthAndReconciliation(2022), thanksgiving, remembranceDay, christmas], moves: true },
  ON: { days: [newYear, familyDay({ fr: 'Jour de la Famille', en: 'Family Day' }), goodFriday, victoriaDay, canadaDay, labourDay, thanksgiving, christmas, boxingDay], moves: true },
  PE: { days: [newYear, familyDay({ fr: 'Fête des Insulaires', en: 'Islander Day' }), goodFriday, canadaDay, labourDay, truthAndReconciliation(2022), remembranceDay, christmas], moves: true },
  QC: {
    days: [
      newYear,
      goodFriday,
      { rule: 'monday before 05-25', name: { fr: 'Journée nationale des patriotes', en: 'National Patriots’ Day' } },
      { rule: '06-24', name: { fr: 'Fête nationale du Québec', en: 'National Holiday' }, sundayToMonday: true },
      { ...canadaDay, sundayToMonday: true },
      labourDay,
      thanksgiving,
      christmas,
    ],
    moves: false,
  },
  SK: { days: [newYear, familyDay({ fr: 'Fête de la famille', en: 'Family Day' }), goodFriday, victoriaDay, canadaDay, firstMondayOfAugust({ fr: 'Fête de la Saskatchewan', en: 'Saskatchewan Day' }), labourDay, thanksgiving, remembranceDay, christmas], moves: true },
  YT: {
    days: [newYear, goodFriday, victoriaDay, indigenousPeoplesDay('06-21 since 2017'), canadaDay, { rule: '3rd monday in August', name: { fr: 'Jour de la Découverte', en: 'Discovery Day' } }, labourDay, truthAndReconciliation(2023), thanksgiving, remembranceDay, christmas],
    moves: true,
  },
};

// date-holidays takes ~10 ms to build a calendar and more to list a year: one engine per
// jurisdiction, one list per jurisdiction and year, each built the first time it is asked for.
const engines = new Map<Jurisdiction, Holidays>();
const years = new Map<Jurisdiction, Map<number, { list: Holiday[]; byDay: Map<number, Holiday> }>>();

function engine(jurisdiction: Jurisdiction): Holidays {
  let holidays = engines.get(jurisdiction);
  if (!holidays) {
    holidays = jurisdiction === 'federal' ? new Holidays('CA') : new Holidays('CA', jurisdiction);
    // The library's Canada lacks some of our days here or there (federal Victoria Day, PE's
    // September 30…): those rules are added in the same grammar, so one engine dates them all.
    for (const day of legal[jurisdiction].days) if (!holidays.getRule(day.rule)) holidays.setHoliday(day.rule, { name: { ...day.name }, type: 'public' });
    engines.set(jurisdiction, holidays);
  }
  return holidays;
}

function yearOfHolidays(jurisdiction: Jurisdiction, year: number) {
  const cached = years.get(jurisdiction)?.get(year);
  if (cached) return cached;
  const { days, moves } = legal[jurisdiction];
  const dated = new Map(engine(jurisdiction).getHolidays(year).map((found) => [found.rule, found.date.slice(0, 10) as LocalDate]));
  const falls = days
    .filter((day) => !day.since || year >= day.since)
    .flatMap((day) => {
      const date = dated.get(day.rule);
      return date ? [{ day, date }] : [];
    });
  // A weekend holiday is observed on the next weekday that is not already a holiday, so
  // Christmas on a Saturday gives Monday and Boxing Day on the Sunday gives Tuesday.
  const taken = new Set(falls.map(({ date }) => toDay(date)).filter((day) => !isWeekend(day)));
  const list = falls.map(({ day, date }): Holiday => {
    const falling = toDay(date);
    const moved = moves ? isWeekend(falling) : day.sundayToMonday === true && weekday(falling) === 0;
    if (!moved) return { date, name: day.name };
    let observed = falling + 1;
    while (isWeekend(observed) || taken.has(observed)) observed += 1;
    taken.add(observed);
    return { date: fromDay(observed), name: day.name, movedFrom: date };
  });
  list.sort((a, b) => a.date.localeCompare(b.date));
  const entry = { list, byDay: new Map(list.map((holiday) => [toDay(holiday.date), holiday])) };
  years.set(jurisdiction, (years.get(jurisdiction) ?? new Map()).set(year, entry));
  return entry;
}

/** The jurisdiction's statutory days off in a year, in date order, each on the day it is observed. */
export function holidaysIn(jurisdiction: Jurisdiction, year: number): readonly Holiday[] {
  return yearOfHolidays(jurisdiction, year).list;
}

/** Why a day is not a business day, so that a deadline can say why it moved. */
export type Closure = { date: LocalDate; reason: 'saturday' | 'sunday' } | { date: LocalDate; reason: 'holiday'; holiday: Holiday };

function closedOn(jurisdiction: Jurisdiction, day: number): Closure | null {
  const dayOfWeek = weekday(day);
  if (dayOfWeek === 6) return { date: fromDay(day), reason: 'saturday' };
  if (dayOfWeek === 0) return { date: fromDay(day), reason: 'sunday' };
  const holiday = yearOfHolidays(jurisdiction, civil(day).year).byDay.get(day);
  return holiday ? { date: holiday.date, reason: 'holiday', holiday } : null;
}

const isOpen = (jurisdiction: Jurisdiction, day: number) => !isWeekend(day) && !yearOfHolidays(jurisdiction, civil(day).year).byDay.has(day);

/** Why the day is closed, or null on a business day. */
export const closure = (jurisdiction: Jurisdiction, date: LocalDate) => closedOn(jurisdiction, toDay(date));

export const isBusinessDay = (jurisdiction: Jurisdiction, date: LocalDate) => isOpen(jurisdiction, toDay(date));

/** The business day `days` business days after `date` (before it when negative); the day itself when 0. */
export function addBusinessDays(jurisdiction: Jurisdiction, date: LocalDate, days: number): LocalDate {
  const step = days < 0 ? -1 : 1;
  let day = toDay(date);
  for (let left = Math.abs(days); left > 0; ) {
    day += step;
    if (isOpen(jurisdiction, day)) left -= 1;
  }
  return fromDay(day);
}

/** Business days after `from` up to and including `to`: `addBusinessDays(from, n)` is `to` when `to` is a business day. Negative when `to` is earlier. */
export function businessDaysBetween(jurisdiction: Jurisdiction, from: LocalDate, to: LocalDate): number {
  if (to < from) return -businessDaysBetween(jurisdiction, to, from);
  let count = 0;
  for (let day = toDay(from) + 1, last = toDay(to); day <= last; day += 1) if (isOpen(jurisdiction, day)) count += 1;
  return count;
}

/**
 * The Interpretation Act's rule (s. 26): a time limit that ends on a holiday ends on the next day
 * that is not one. Saturdays count as closed too, as in the Federal Courts Rules' "holiday"
 * (Saturday, Sunday or an Interpretation Act holiday). Returns the day and each closed day skipped.
 */
export function nextBusinessDay(jurisdiction: Jurisdiction, date: LocalDate): { date: LocalDate; skipped: Closure[] } {
  const skipped: Closure[] = [];
  let day = toDay(date);
  for (let closed = closedOn(jurisdiction, day); closed; closed = closedOn(jurisdiction, day)) {
    skipped.push(closed);
    day += 1;
  }
  return { date: fromDay(day), skipped };
}

/** How a time limit is counted: "within 30 days" (calendar days) or "10 business days". */
export type DeadlineRule = { count: 'calendar_days' | 'business_days'; days: number };

export const calendarDays = (days: number): DeadlineRule => ({ count: 'calendar_days', days });
export const businessDays = (days: number): DeadlineRule => ({ count: 'business_days', days });

/** A deadline that shows its work: where it started, the rule, the day the count reached and why the due day is later. */
export interface Deadline {
  jurisdiction: Jurisdiction;
  start: LocalDate;
  rule: DeadlineRule;
  /** The day the count ends on, before moving off a closed day. */
  reached: LocalDate;
  due: LocalDate;
  /** The closed days between `reached` and `due`, each with its reason; empty when they are the same day. */
  moved: Closure[];
}

/**
 * The due day of a time limit starting on `start` (the day of receipt, not counted: "within 30
 * days after receipt" is due on start + 30). A count of calendar days that ends on a closed day
 * moves to the next business day; a count of business days always ends on one.
 */
export function deadline(jurisdiction: Jurisdiction, start: LocalDate, rule: DeadlineRule): Deadline {
  const reached = rule.count === 'calendar_days' ? addCalendarDays(start, rule.days) : addBusinessDays(jurisdiction, start, rule.days);
  const { date: due, skipped: moved } = nextBusinessDay(jurisdiction, reached);
  return { jurisdiction, start, rule, reached, due, moved };
}
