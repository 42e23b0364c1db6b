import { event, type EventDetails } from '../platform/events.ts';
import type { EntryDecision, HoursKind, Withholding } from './schema.ts';

type Site = { siteId: string };
type Request = { requestId: string; reference: string };

/** The audit events of practice sites and hours: each one's label, and the type of its details. */
export const events = {
  practice_site_added: event<Site & { primary: boolean }>('event.practice_site_added'),
  practice_site_changed: event<Site & { fields: string[] }>('event.practice_site_changed'),
  practice_site_removed: event<Site & { newPrimaryId: string | null }>('event.practice_site_removed'),
  practice_primary_changed: event<Site & { previousId: string | null }>('event.practice_primary_changed'),
  practice_not_practising_changed: event<{ notPractising: boolean }>('event.practice_not_practising_changed'),
  practice_withholding_requested: event<Site & { withholdingId: string; scope: Exclude<Withholding, 'none'> }>('event.practice_withholding_requested'),
  practice_withholding_decided: event<Site & { withholdingId: string; outcome: 'approved' | 'refused'; reason: string | null }>('event.practice_withholding_decided'),
  practice_hours_added: event<{ entryId: string; kind: HoursKind; hundredths: number }>('event.practice_hours_added'),
  practice_hours_changed: event<{ entryId: string; kind: HoursKind; hundredths: number }>('event.practice_hours_changed'),
  practice_hours_removed: event<{ entryId: string }>('event.practice_hours_removed'),
  practice_review_requested: event<Request & { entries: number }>('event.practice_review_requested'),
  practice_review_withdrawn: event<Request>('event.practice_review_withdrawn'),
  practice_entry_marked: event<Request & { entryId: string; decision: EntryDecision; reason: string | null }>('event.practice_entry_marked'),
  practice_review_decided: event<Request & { accepted: number; returned: number }>('event.practice_review_decided'),
  practice_independent_practice: event<{ since: string }>('event.practice_independent_practice'),
  practice_thresholds_changed: event<{ directContact: number; supervision: number }>('event.practice_thresholds_changed'),
};

export type PracticeEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends PracticeEvents {} }
