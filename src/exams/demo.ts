import { addCalendarDays, type LocalDate, localDateAt } from '../platform/calendar.ts';
import type { Database } from '../platform/db.ts';
import { examResults, examSessions, examSettings } from './schema.ts';
import { torontoInstant } from './time.ts';

/**
 * The exams of an authority's demo (seed 002, the consumer-protection office): its validity
 * setting, a session sat three months before `now` and one to come, open for registration (its
 * fee `feeCode`, billing's `exam_fee` of the consumer_protection preset, unless null). Answers the
 * two sessions and `givePassed`, which gives a person a passed result at the past session's
 * authority on a given day (the lead's expired-certificate demo: 23 or 25 months ago).
 */
export async function seedExamsDemo(db: Database, authorityId: string, options: { now?: Date; feeCode?: string | null; validityMonths?: number } = {}) {
  const today = localDateAt(options.now ?? new Date());
  const at = (day: LocalDate) => torontoInstant(day, '09:00') ?? new Date(`${day}T14:00:00Z`);
  await db.insert(examSettings).values({ authorityId, resultValidityMonths: options.validityMonths ?? 24 }).onConflictDoNothing();
  const pastDay = addCalendarDays(today, -90);
  const comingDay = addCalendarDays(today, 30);
  const [past] = await db
    .insert(examSessions)
    .values({
      authorityId,
      name: { fr: 'Examen des agents de recouvrement — séance passée', en: 'Collection agent exam — past session' },
      startsAt: at(pastDay),
      mode: 'in_person',
      place: '5199, rue Sherbrooke Est, Montréal',
      capacity: 40,
      registrationDeadline: addCalendarDays(pastDay, -10),
      feeCode: null,
    })
    .returning({ id: examSessions.id });
  const [coming] = await db
    .insert(examSessions)
    .values({
      authorityId,
      name: { fr: 'Examen des agents de recouvrement', en: 'Collection agent exam' },
      startsAt: at(comingDay),
      mode: 'online',
      place: null,
      capacity: 25,
      registrationDeadline: addCalendarDays(comingDay, -10),
      feeCode: options.feeCode === undefined ? 'exam_fee' : options.feeCode,
    })
    .returning({ id: examSessions.id });
  if (!past || !coming) throw new Error('demo sessions not inserted');
  return {
    pastSessionId: past.id,
    openSessionId: coming.id,
    /** A passed result of the person's on that day, as an import would write it (no session: sat elsewhere or before Guichet). */
    async givePassed(accountId: string, satOn: LocalDate, score: number | null = 82) {
      const [row] = await db.insert(examResults).values({ authorityId, accountId, sessionId: null, satOn, outcome: 'passed', score, enteredBy: null, source: 'import' }).returning({ id: examResults.id });
      if (!row) throw new Error('demo result not inserted');
      return row.id;
    },
  };
}
