import type { LocalDate } from '../platform/calendar.ts';
import { milestoneOf, REMINDER_MILESTONES } from './kinds.ts';
import { pendingDue, toDoOf, daysBetween, dueOn } from './queries.ts';
import { recordReminders } from './schema.ts';
import { describe, personOf, type RecordKit } from './service.ts';

/** The queue of the daily reminder run (src/record/index.ts schedules it). */
export const REMINDER_QUEUE = 'record-reminders';

export function reminderUseCases(deps: RecordKit) {
  const { db } = deps;
  return {
    /**
     * Tells each registrant what they still have to report, with the days left, when one of their
     * changes reaches a milestone (14, 7 and 1 day left, then overdue). Idempotent: a change's
     * milestone is written once (its primary key), and only a person with a milestone newly
     * reached gets a message, in the transaction that writes it. Answers how many were written to.
     */
    async send(today: LocalDate = deps.todayOf()): Promise<number> {
      const due = await pendingDue(db, today, REMINDER_MILESTONES[0]);
      const people = new Map<string, { accountId: string; authorityId: string }>();
      for (const row of due) people.set(`${row.accountId}:${row.authorityId}`, { accountId: row.accountId, authorityId: row.authorityId });
      let sent = 0;
      const now = deps.clock.now();
      for (const { accountId, authorityId } of people.values()) {
        const wrote = await db.transaction(async (tx) => {
          const todo = await toDoOf(tx, accountId, authorityId, today);
          let reached = false;
          for (const item of todo) {
            const milestone = milestoneOf(daysBetween(today, dueOn(item.request.happenedOn)));
            if (milestone === null) continue;
            const inserted = await tx.insert(recordReminders).values({ changeRequestId: item.request.id, milestone, sentAt: now }).onConflictDoNothing().returning({ id: recordReminders.changeRequestId });
            if (inserted.length > 0) reached = true;
          }
          if (!reached) return false;
          const person = await personOf(tx, accountId);
          if (!person) return false;
          await deps.notify(tx, person, authorityId, 'recordReminder', { page: 'record.summary' }, (t) =>
            todo
              .map((item) => (item.daysLeft < 0 ? t('record.mail.reminderOverdue', { change: describe(t, item.request), days: -item.daysLeft }) : t('record.mail.reminderLine', { change: describe(t, item.request), days: item.daysLeft })))
              .join('\n'),
          now);
          return true;
        });
        if (wrote) sent += 1;
      }
      return sent;
    },
  };
}
