import { defineModule } from '../platform/module.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import * as schema from './schema.ts';
import { type CaseworkService, createCaseworkService } from './service.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    casework: CaseworkService;
  }
}

/**
 * What every reviewed thing shares: a staff queue (filters, assignment, pick-up) and the status
 * timeline the applicant follows, with their place in the queue and the median wait of recent
 * decisions. One table of reviews; each domain module owns its subject and its own states, and
 * calls these writers inside its own transaction. No pages of its own: the domain's pages draw
 * its views. Above platform it uses only audit, for the events of sharing out the work.
 */
export default defineModule({
  name: 'casework',
  catalog: { fr, en },
  events,
  tables: schema,
  register(_app, kit) {
    kit.services.casework = createCaseworkService({ db: kit.db, clock: kit.clock });
  },
});

export type { CaseworkEvents } from './events.ts';
export { isLead, type StaffAction, staffRefusal } from './policies.ts';
export { type ReviewStatus, type ReviewStep, reviewSteps, reviews } from './schema.ts';
export { QUEUE_PER_PAGE, queueAges, type QueueQuery, queueQuerySchema } from './schemas.ts';
export {
  type AssignableStaff,
  type AssignResult,
  type CaseworkResult,
  type CaseworkService,
  MAX_PER_PAGE,
  MEDIAN_SAMPLE,
  type MedianDecisionTime,
  type QueueCounts,
  type QueueFilters,
  type QueueRow,
  type ReturnResult,
  type Review,
  type TimelineEntry,
} from './service.ts';
export { type OpenStatus, openStatuses, type ReviewAction, type ReviewRole, type ReviewState, reviewTransitions } from './states.ts';
export { ReviewQueue, ReviewStatusTag, ReviewTimeline, StaffAssignForm, reviewStatusLabels, WaitSummary } from './views.tsx';
