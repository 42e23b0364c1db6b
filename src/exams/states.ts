import { defineTransitions } from '../platform/states.ts';
import type { ExamEvents } from './events.ts';
import type { RegistrationStatus } from './schema.ts';

export type ExamRole = 'candidate';

/** A registration: the candidate cancels it, once, until the session's registration deadline (the service checks the day). */
export const registrationTransitions = defineTransitions<RegistrationStatus, 'cancel', keyof ExamEvents, ExamRole>({
  cancel: { from: ['registered'], to: 'cancelled', event: 'exam_registration_cancelled', who: ['candidate'] },
});
