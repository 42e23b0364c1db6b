import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { PortalService, StaffNavEntry } from '../../platform/module.ts';
import { registerRoutes } from './routes.tsx';
import { createTypeService, type TypeService } from './service.ts';

/** The audit events of the definitions of types and questionnaire, and the type of their details. */
export interface TypeEvents {
  registration_category_created: { categoryId: string; code: string };
  application_type_created: { typeId: string; code: string };
  /** `changed`: the names of the fields that changed (their values are on the type's page). */
  application_type_changed: { typeId: string; code: string; changed: string[] };
  eligibility_question_created: { questionId: string; code: string };
  eligibility_question_changed: { questionId: string; code: string; changed: string[] };
}

export const typeEvents = {
  registration_category_created: 'licensing.event.registration_category_created',
  application_type_created: 'licensing.event.application_type_created',
  application_type_changed: 'licensing.event.application_type_changed',
  eligibility_question_created: 'licensing.event.eligibility_question_created',
  eligibility_question_changed: 'licensing.event.eligibility_question_changed',
} as const satisfies Record<keyof TypeEvents, MessageKey>;

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
