import { event, type EventDetails } from '../platform/events.ts';
import type { ChangeKind, ChangeStatus } from './schema.ts';

type Change = { changeRequestId: string; reference: string; kind: ChangeKind };
type Transition = Change & { from: ChangeStatus };

/** The audit events of the registrant's record: each one's label, and the type of its details. */
export const events = {
  record_change_started: event<Change>('event.record_change_started'),
  record_change_submitted: event<Transition>('event.record_change_submitted'),
  record_change_resubmitted: event<Transition>('event.record_change_resubmitted'),
  record_change_withdrawn: event<Transition>('event.record_change_withdrawn'),
  record_change_returned: event<Transition & { request: string }>('event.record_change_returned'),
  record_change_approved: event<Transition>('event.record_change_approved'),
  record_change_refused: event<Transition & { reasons: string }>('event.record_change_refused'),
  /** A change the authority takes at once (its settings): reported and applied in one step. */
  record_change_applied: event<Change>('event.record_change_applied'),
  /** One of the two addresses of a self-service email change proved; `confirmed` when both are. */
  record_email_proved: event<Change & { side: 'old' | 'new'; confirmed: boolean }>('event.record_email_proved'),
  record_profile_updated: event<{ fields: string[] }>('event.record_profile_updated'),
  record_settings_changed: event<{ otherRegistrations: string; signInEmail: string }>('event.record_settings_changed'),
};

export type RecordEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends RecordEvents {} }
