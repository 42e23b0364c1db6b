import ical from 'ical-generator';
import type { MailAttachment } from '../mail/index.ts';
import type { LocalDate } from '../platform/calendar.ts';

/**
 * The renewal deadline as an all-day iCalendar event, so a person can put it in their calendar
 * from the mail. Its UID is the renewal's: a second reminder updates the same event, not a new one.
 */
export function deadlineEvent(input: { renewalId: string; deadline: LocalDate; summary: string; description: string; url: string; stamp: Date }): MailAttachment {
  const calendar = ical({ prodId: { company: 'Guichet', product: 'renewals', language: 'FR' }, name: input.summary });
  const [y, m, d] = input.deadline.split('-').map(Number) as [number, number, number];
  calendar.createEvent({
    id: `renewal-${input.renewalId}@guichet`,
    start: new Date(Date.UTC(y, m - 1, d)),
    allDay: true,
    stamp: input.stamp,
    summary: input.summary,
    description: input.description,
    url: input.url,
  });
  return { filename: 'renewal-deadline.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: calendar.toString() };
}
