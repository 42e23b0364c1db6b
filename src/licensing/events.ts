import type { MessageKey } from '../platform/i18n/index.ts';
import type { ApplicationStatus, SectionCode } from './schema.ts';
import { typeEvents, type TypeEvents } from './types/manifest.ts';

type Transition = { applicationId: string; reference: string; from: ApplicationStatus };

/** The audit events of applications, and the type of their details. */
export interface ApplicationEvents {
  application_started: { applicationId: string; reference: string; typeCode: string };
  application_section_saved: { applicationId: string; section: SectionCode; completed: boolean };
  application_submitted: Transition;
  application_resubmitted: Transition & { answered: boolean };
  application_withdrawn: Transition;
  application_returned: Transition & { request: string };
  application_approved: Transition & { registrationNumber: string };
  application_refused: Transition & { reasons: string };
  registration_activated: { registrationId: string; number: string; validFrom: string; validUntil: string };
}

declare module '../audit/events.ts' { interface AuditEvents extends ApplicationEvents, TypeEvents {} }

export const events = {
  ...typeEvents,
  application_started: 'event.application_started',
  application_section_saved: 'event.application_section_saved',
  application_submitted: 'event.application_submitted',
  application_resubmitted: 'event.application_resubmitted',
  application_withdrawn: 'event.application_withdrawn',
  application_returned: 'event.application_returned',
  application_approved: 'event.application_approved',
  application_refused: 'event.application_refused',
  registration_activated: 'event.registration_activated',
} as const satisfies Record<keyof (ApplicationEvents & TypeEvents), MessageKey>;
