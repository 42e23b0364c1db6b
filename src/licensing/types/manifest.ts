import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { event, type EventDetails } from '../../platform/events.ts';
import type { PortalService, StaffNavEntry } from '../../platform/module.ts';
import { registerRoutes } from './routes.tsx';
import { createTypeService, type TypeService } from './service.ts';

/** The audit events of the definitions of types and questionnaire: each one's label, and the type of its details. */
export const typeEvents = {
  registration_category_created: event<{ categoryId: string; code: string }>('licensing.event.registration_category_created'),
  application_type_created: event<{ typeId: string; code: string }>('licensing.event.application_type_created'),
  /** `changed`: the names of the fields that changed (their values are on the type's page). */
  application_type_changed: event<{ typeId: string; code: string; changed: string[] }>('licensing.event.application_type_changed'),
  eligibility_question_created: event<{ questionId: string; code: string }>('licensing.event.eligibility_question_created'),
  eligibility_question_changed: event<{ questionId: string; code: string; changed: string[] }>('licensing.event.eligibility_question_changed'),
};

export type TypeEvents = EventDetails<typeof typeEvents>;

export const typeStaffNav: StaffNavEntry[] = [
  { page: 'licensing.staffTypes', label: 'licensing.staffTypes.title', position: 71, onlyFor: ['administrator'] },
  { page: 'licensing.staffQuestionnaire', label: 'licensing.staffQuestionnaire.title', position: 72, onlyFor: ['administrator'] },
];

export const typePortalServices: PortalService[] = [
  { name: 'licensingQuestionnaire', page: 'licensing.questionnaire', title: 'licensing.service.questionnaire.title', description: 'licensing.service.questionnaire.description', position: 15 },
];

/**
 * The questionnaire (a person finds their type) and the staff pages that define types and
 * questions; returns the type service, which the applications use too.
 */
export function registerTypeRoutes(app: FastifyInstance, deps: { db: Database; clock: Clock }): TypeService {
  const types = createTypeService(deps);
  registerRoutes(app, { types });
  return types;
}

export { createTypeService };
export type { TypeService };
export type { Walk } from './service.ts';
export type { Answer, ApplicationType, Question, RegistrationCategory, TypeWithCategory } from './queries.ts';
export type { Step } from './schemas.ts';
/** The words of a type's sections and of who may apply, for the application's pages. */
export { eligibilityLabels, sectionLabels } from './views.tsx';
/** What the demo data and the tests' factories build types and questionnaires with. */
export { createApplicationType, createEligibilityQuestion, createRegistrationCategory, replaceAnswers } from './service.ts';
