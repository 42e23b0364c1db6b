import { event, type EventDetails } from '../platform/events.ts';

type Renewal = { renewalId: string; number: string };

/** The audit events of renewals: each one's label, and the type of its details. */
export const events = {
  renewal_opened: event<Renewal & { registrationId: string; expiresOn: string; deadline: string }>('event.renewal_opened'),
  renewal_submitted: event<Renewal & { changes: boolean }>('event.renewal_submitted'),
  /** `invoiceId` null: the late fee found nothing to charge (no such fee that day). */
  renewal_late_fee_charged: event<Renewal & { invoiceId: string | null }>('event.renewal_late_fee_charged'),
  renewal_completed: event<Renewal & { validFrom: string; validUntil: string }>('event.renewal_completed'),
  renewal_lapsed: event<Renewal>('event.renewal_lapsed'),
  renewal_settings_changed: event<{ opensDaysBefore: number; deadlineDaysBefore: number; lateFeeCode: string | null; reminderOffsets: number[] }>('event.renewal_settings_changed'),
};

export type RenewalsEvents = EventDetails<typeof events>;

declare module '../audit/events.ts' { interface AuditEvents extends RenewalsEvents {} }
