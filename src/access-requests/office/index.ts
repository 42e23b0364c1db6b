import { definePart } from '../part.ts';
import { registerOfficeApi } from './api.ts';
import { staffCards } from './cards.tsx';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerOfficeRoutes } from './routes.tsx';
import { createOfficeService } from './service.ts';

/**
 * The office part: an institution's statistics for the annual report and its summaries of
 * completed requests for open.canada.ca (pages and CSV files, exports audited); practitioners'
 * support requests and the ATIP office's queue that answers them; the client systems' API keys
 * and the JSON API that receives requests (idempotent, OpenAPI); the office's staff card.
 */
export default definePart({
  paths,
  catalog: { fr, en },
  mail,
  staffCards,
  register(app, kit, core) {
    const office = createOfficeService({ db: kit.db, clock: kit.clock, core, publicUrl: kit.config.publicUrl });
    // The release part refunds the fee (it is registered before this one; read at request time).
    registerOfficeRoutes(app, { core, office, organizations: kit.services.organizations, refund: (input) => kit.services.accessRequests.release.refund(input) });
    // Registered, not awaited: the module's register is synchronous; Fastify runs it before the app is ready.
    app.register(async (scope) => registerOfficeApi(scope, { office, publicUrl: kit.config.publicUrl }));
    return office;
  },
});
