import { defineModule } from '../platform/module.ts';
import { dashboardCards } from './cards.tsx';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerPracticeRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createPracticeService, type PracticeService } from './service.ts';

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
  register(app, kit) {
    const { casework } = kit.services;
    const practice = createPracticeService({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl, casework });
    kit.services.practice = practice;
    registerPracticeRoutes(app, { practice, casework, clock: kit.clock });
  },
});

export type { PracticeEvents } from './events.ts';
export type { PracticeService } from './service.ts';
export { writeThresholds } from './service.ts';
export { practiceProfiles, practiceSites, type Withholding } from './schema.ts';
export { seedPracticeDemo } from './demo.ts';
