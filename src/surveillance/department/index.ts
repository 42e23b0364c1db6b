import { definePart } from '../part.ts';
import { staffCards } from './cards.tsx';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerDepartmentRoutes } from './routes.tsx';
import { createDepartmentService } from './service.ts';

/**
 * The department's view of surveillance: every case across its PTPHAs (filters, counts by status
 * and province), the case page (read-only follow-up, contacts, reports, assignment history; its
 * documents and the PTPHAs' requests; the transfer to another province's PTPHA), the queues of open
 * requests and latest reports, and the figures with their CSV export.
 */
export default definePart({
  paths,
  catalog: { fr, en },
  mail,
  staffCards,
  register(app, kit, core) {
    const department = createDepartmentService({ db: kit.db, clock: kit.clock, core, documents: kit.services.documents });
    registerDepartmentRoutes(app, { core, department, documents: kit.services.documents });
    return department;
  },
});
