import { definePart } from '../part.ts';
import { queueEvery } from '../../platform/module.ts';
import { dashboardCards } from './cards.tsx';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerPtphaRoutes } from './routes.tsx';
import { createPtphaService } from './service.ts';

/** The queue of the reminder run. */
export const REMINDERS_QUEUE = 'surveillance-reminders';
const RUN_EVERY_MS = 60 * 60_000;

/**
 * The PTPHA's cases (issue 16, part B): its list, queues and search (its own cases only), the case
 * page (person, notice, clock, acknowledgement, contacts, follow-up, reports, documents and
 * requests), and the reminder run before each due day.
 */
export default definePart({
  paths,
  catalog: { fr, en },
  mail,
  dashboardCards,
  jobs: [
    {
      queue: REMINDERS_QUEUE,
      async handle(_data, kit) {
        await kit.services.surveillance.ptpha.run();
      },
    },
  ],
  register(app, kit, core) {
    const ptpha = createPtphaService({ db: kit.db, clock: kit.clock, core, documents: kit.services.documents });
    registerPtphaRoutes(app, { core, ptpha, organizations: kit.services.organizations, documents: kit.services.documents, db: kit.db, clock: kit.clock });
    queueEvery(app, kit.boss, { queue: REMINDERS_QUEUE, everyMs: RUN_EVERY_MS, singletonKey: REMINDERS_QUEUE, singletonSeconds: 3600 });
    return ptpha;
  },
});
