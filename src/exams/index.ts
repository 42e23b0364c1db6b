import { defineModule } from '../platform/module.ts';
import { dashboardCards } from './cards.tsx';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerExamsRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createExamsService, type ExamsService } from './service.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    exams: ExamsService;
  }
}

/**
 * Exams: the sessions an authority holds (in person or online, seats, registration deadline, fee),
 * people's registrations with their confirmation (page and mail) and fee invoice, and results
 * entered by staff or imported from a CSV file, each valid the authority's number of months
 * from the sitting (licensing's exam-transfer rule reads `latestPassed`).
 */
export default defineModule({
  name: 'exams',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  staffNav: [
    { page: 'exams.staffSessions', label: 'exams.staff.title', position: 19 },
    { page: 'exams.settings', label: 'exams.settings.title', position: 44, onlyFor: ['administrator'] },
  ],
  dashboardCards,
  portalServices: [{ name: 'exams', page: 'exams.sessions', title: 'exams.service.title', description: 'exams.service.description', position: 22 }],
  register(app, kit) {
    const exams = createExamsService({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl, billing: kit.services.billing });
    kit.services.exams = exams;
    registerExamsRoutes(app, { exams, clock: kit.clock });
  },
});

export type { ExamEvents } from './events.ts';
export type { ExamsService } from './service.ts';
// The CLI's import of a results file, with the page's words for each problem.
export { checkImport as checkExamResults, importResults as importExamResults } from './import.ts';
export { fileProblemLabels as examFileProblemLabels, lineProblemLabels as examLineProblemLabels } from './views.tsx';
export { seedExamsDemo } from './demo.ts';
