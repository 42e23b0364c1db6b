import { defineModule, queueEvery } from '../platform/module.ts';
import { dashboardCards, staffCards } from './cards.tsx';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerPracticeRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createPracticeService, type PracticeService } from './service.ts';

/** Moves the primary off sites whose end date has passed (the register's business address): idempotent. */
export const SETTLE_QUEUE = 'practice-settle-primaries';
const SETTLE_EVERY_MS = 60 * 60_000;

declare module '../platform/module.ts' {
  interface ModuleServices {
    practice: PracticeService;
  }
}

/**
 * Practice: the sites where registrants practise (one primary, the register's business address;
 * withholding approved by the registrar), and their direct client contact and supervision hours,
 * sent for review in batches (casework) and counted against the authority's thresholds for
 * independent practice.
 */
export default defineModule({
  name: 'practice',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  staffNav: [
    { page: 'practice.queue', label: 'practice.queue.title', position: 16 },
    { page: 'practice.withholdingQueue', label: 'practice.withholdingQueue.title', position: 17 },
    { page: 'practice.thresholds', label: 'practice.thresholds.title', position: 43, onlyFor: ['administrator'] },
  ],
  dashboardCards,
  staffCards,
  jobs: [
    {
      queue: SETTLE_QUEUE,
      async handle(_data, kit) {
        await kit.services.practice.sites.settleEnded();
      },
    },
  ],
  register(app, kit) {
    const { casework } = kit.services;
    const practice = createPracticeService({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl, casework });
    kit.services.practice = practice;
    registerPracticeRoutes(app, { practice, casework, clock: kit.clock });
    // Hourly: an end date passes at midnight, Toronto time.
    queueEvery(app, kit.boss, { queue: SETTLE_QUEUE, everyMs: SETTLE_EVERY_MS, singletonKey: 'settle-primaries', singletonSeconds: 3000 });
  },
});

export type { PracticeEvents } from './events.ts';
export type { PracticeService } from './service.ts';
export { writeThresholds } from './service.ts';
export { practiceProfiles, practiceSites, type Withholding } from './schema.ts';
export { seedDemoSite, seedPracticeDemo } from './demo.ts';
