import { event, type EventDetails } from '../platform/events.ts';
import type { Outcome, ResultSource } from './schema.ts';

type Registration = { registrationId: string; sessionId: string };

/** The audit events of exams: each one's label, and the type of its details. */
export const events = {
  exam_session_created: event<{ sessionId: string; startsAt: string; capacity: number }>('event.exam_session_created'),
  exam_registered: event<Registration & { invoiceId: string | null }>('event.exam_registered'),
  exam_registration_cancelled: event<Registration>('event.exam_registration_cancelled'),
  exam_result_entered: event<{ resultId: string; sessionId: string | null; outcome: Outcome; source: ResultSource }>('event.exam_result_entered'),
  exam_settings_changed: event<{ resultValidityMonths: number }>('event.exam_settings_changed'),
  /** One import of a results file: how many results it wrote (each one is its own row, source `import`). */
  exam_results_imported: event<{ results: number; fileName: string }>('event.exam_results_imported'),
};

export type ExamEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends ExamEvents {} }
