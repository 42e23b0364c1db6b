import { definePart } from '../part.ts';
import { registerIntakeApi } from './api.ts';
import { staffCards } from './cards.tsx';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerIntakeRoutes } from './routes.tsx';
import { createIntakeService } from './service.ts';

/**
 * Intake: the department's arrival notices, from its form (with an exam document), a CSV file
 * (dry run, then import; the CLI too) or its client systems through the JSON API (keys per
 * system, hashed, with scopes; OpenAPI from the same schemas), each received through the core
 * and mailed to the PTPHA's members; the cannot-route queue; the staff home's card.
 */
export default definePart({
  paths,
  catalog: { fr, en },
  mail,
  staffCards,
  register(app, kit, core) {
    const intake = createIntakeService({ db: kit.db, clock: kit.clock, core, documents: kit.services.documents });
    registerIntakeRoutes(app, { intake, core, documents: kit.services.documents, db: kit.db, clock: kit.clock });
    // Registered, not awaited: the module's register is synchronous; Fastify runs it before the app is ready.
    app.register(async (scope) => registerIntakeApi(scope, { intake, documents: kit.services.documents, clock: kit.clock, publicUrl: kit.config.publicUrl }));
    return intake;
  },
});

export { createIntakeService, type IntakeService } from './service.ts';
export { fileProblemLabels as noticeFileProblemLabels } from './views.tsx';
