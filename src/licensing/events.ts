import { event, type EventDetails } from '../platform/events.ts';
import type { ApplicationStatus, ExamRule, SectionCode } from './schema.ts';
import { typeEvents, type TypeEvents } from './types/manifest.ts';

type Transition = { applicationId: string; reference: string; from: ApplicationStatus };

/** The audit events of applications: each one's label, and the type of its details. */
const applicationEvents = {
  application_started: event<{ applicationId: string; reference: string; typeCode: string }>('event.application_started'),
  application_section_saved: event<{ applicationId: string; section: SectionCode; completed: boolean }>('event.application_section_saved'),
  application_submitted: event<Transition>('event.application_submitted'),
  application_resubmitted: event<Transition & { answered: boolean }>('event.application_resubmitted'),
  application_withdrawn: event<Transition>('event.application_withdrawn'),
  application_returned: event<Transition & { request: string }>('event.application_returned'),
  application_approved: event<Transition & { registrationNumber: string }>('event.application_approved'),
  application_refused: event<Transition & { reasons: string }>('event.application_refused'),
  file_opened: event<{ fileId: string; number: string; applicationId: string; previousNumber: string | null; examRule: ExamRule | null }>('event.file_opened'),
  file_number_format_changed: event<{ from: string; to: string }>('event.file_number_format_changed'),
  registration_category_changed: event<{ registrationId: string; number: string; applicationId: string; fromCategoryId: string; toCategoryId: string }>('event.registration_category_changed'),
  registration_activated: event<{ registrationId: string; number: string; validFrom: string; validUntil: string }>('event.registration_activated'),
  registration_renewed: event<{ registrationId: string; number: string; previousValidUntil: string; validFrom: string; validUntil: string }>('event.registration_renewed'),
  registration_expired: event<{ registrationId: string; number: string; validUntil: string }>('event.registration_expired'),
};

export type ApplicationEvents = EventDetails<typeof applicationEvents>;

declare module '../audit/events.ts' { interface AuditEvents extends ApplicationEvents, TypeEvents {} }

export const events = { ...typeEvents, ...applicationEvents };
