import { definePart } from '../part.ts';
import { dashboardCards } from './cards.tsx';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerWorkspaceRoutes } from './routes.tsx';
import { createWorkspaceService } from './service.ts';

/**
 * The institution's workspace (issue 17, part B): its dashboard and queues, a request with its
 * clock and history, assignment, clarification, extensions with their bilingual notices (and the
 * Commissioner's over 30 days), transfers, consultations (sent and asked of it), paper requests.
 */
export default definePart({
  paths,
  catalog: { fr, en },
  mail,
  dashboardCards,
  register(app, kit, core) {
    const workspace = createWorkspaceService({ db: kit.db, clock: kit.clock, core, documents: kit.services.documents, pdf: kit.pdf, mailer: kit.services.mail, publicUrl: kit.config.publicUrl });
    registerWorkspaceRoutes(app, { core, workspace, organizations: kit.services.organizations, db: kit.db });
    return workspace;
  },
});
