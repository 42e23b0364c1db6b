import { addCalendarDays, calendarDays, type Deadline, deadline, type LocalDate } from '../platform/calendar.ts';
import type { Act, ExtensionReason } from './states.ts';

/** Both acts: an answer within 30 calendar days after the request is received (ATIA s. 7, PA s. 14). */
export const TIME_LIMIT_DAYS = 30;
/** The Privacy Act allows at most 30 more days (s. 15); the Access to Information Act "a reasonable period". */
export const PRIVACY_MAX_EXTENSION_DAYS = 30;
/** Over this many days of extension, the Information Commissioner is notified (ATIA s. 9(2)). */
export const COMMISSIONER_NOTICE_OVER_DAYS = 30;

export interface ClockStop {
  startedOn: LocalDate;
  /** Null: still stopped (the requester has not answered yet). */
  endedOn: LocalDate | null;
}

export interface ClockExtension {
  reason: ExtensionReason;
  days: number;
  takenOn: LocalDate;
}

export interface ClockInput {
  act: Act;
  /** The day the clock starts (received, or the day the fee was paid); null while the fee is awaited. */
  receivedOn: LocalDate | null;
  stops: readonly ClockStop[];
  extensions: readonly ClockExtension[];
  /** The day the request was closed (its answer sent); null while open. */
  closedOn: LocalDate | null;
}

/**
 * A request's clock, showing its work: `original` is the time limit before any extension
 * (received + 30 days + the days stopped, moved off a closed day), `due` adds the extensions. Each
 * stop says how many days it did not count. The calendar is the federal one (statutory holidays
 * of federal institutions), weekends included: the Interpretation Act moves a last day that falls
 * on a holiday or weekend to the next business day.
 */
export interface RequestClock {
  state: 'not_started' | 'running' | 'stopped' | 'closed';
  act: Act;
  start: LocalDate | null;
  limitDays: number;
  stops: (ClockStop & { days: number })[];
  stoppedDays: number;
  extensions: ClockExtension[];
  extensionDays: number;
  /** The time limit without extensions: what an extension notice must be sent within. */
  original: Deadline | null;
  /** The due day with every stop and extension (while stopped: if the requester answered today). */
  due: Deadline | null;
  /** Calendar days from today to the due day (negative: that many days late); null before the clock starts. */
  daysLeft: number | null;
  /** Past due and still open, or closed after the due day. A stopped clock is never late. */
  late: boolean;
  /** Whether the extensions call for the Information Commissioner's notice (ATIA, over 30 days in all). */
  commissionerNotice: boolean;
}

const dayNumber = (date: LocalDate) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: LocalDate, to: LocalDate) => dayNumber(to) - dayNumber(from);

/**
 * The clock of a request on `today`. A stop counts the days from the day the requester was asked
 * to the day they answered (asked on the 10th, answered on the 14th: 4 days are not counted); a stop
 * still open counts up to today.
 */
export function requestClock(input: ClockInput, today: LocalDate): RequestClock {
  const stops = input.stops.map((s) => ({ ...s, days: Math.max(0, daysBetween(s.startedOn, s.endedOn ?? today)) }));
  const stoppedDays = stops.reduce((sum, s) => sum + s.days, 0);
  const extensions = [...input.extensions];
  const extensionDays = extensions.reduce((sum, e) => sum + e.days, 0);
  const commissionerNotice = input.act === 'access' && extensionDays > COMMISSIONER_NOTICE_OVER_DAYS;
  if (!input.receivedOn) {
    return { state: input.closedOn ? 'closed' : 'not_started', act: input.act, start: null, limitDays: TIME_LIMIT_DAYS, stops, stoppedDays, extensions, extensionDays, original: null, due: null, daysLeft: null, late: false, commissionerNotice };
  }
  const start = input.receivedOn;
  const original = deadline('federal', start, calendarDays(TIME_LIMIT_DAYS + stoppedDays));
  const due = deadline('federal', start, calendarDays(TIME_LIMIT_DAYS + stoppedDays + extensionDays));
  const stopped = stops.some((s) => s.endedOn === null);
  const state = input.closedOn ? 'closed' : stopped ? 'stopped' : 'running';
  const daysLeft = daysBetween(input.closedOn ?? today, due.due);
  const late = state !== 'stopped' && daysLeft < 0;
  return { state, act: input.act, start, limitDays: TIME_LIMIT_DAYS, stops, stoppedDays, extensions, extensionDays, original, due, daysLeft, late, commissionerNotice };
}

/**
 * Whether an extension of `days` may be taken on `today`, or why not: it must be taken (and its
 * notice sent) within the original time limit, and the Privacy Act allows 30 days in all.
 */
export function extensionRefusal(clock: RequestClock, days: number, today: LocalDate): 'not_running' | 'past_original_limit' | 'privacy_limit' | null {
  if (clock.state !== 'running' || !clock.original) return 'not_running';
  if (daysBetween(today, clock.original.due) < 0) return 'past_original_limit';
  if (clock.act === 'privacy' && clock.extensionDays + days > PRIVACY_MAX_EXTENSION_DAYS) return 'privacy_limit';
  return null;
}

/** The day a consultation's answer is due: `days` calendar days after it was sent, moved off a closed day. */
export const consultationDeadline = (sentOn: LocalDate, days: number) => deadline('federal', sentOn, calendarDays(days));

/** A day `days` after another (the default due day offered on a form). */
export const plusDays = (date: LocalDate, days: number) => addCalendarDays(date, days);
