import { definePart } from '../part.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerReleaseRoutes } from './routes.tsx';
import { createReleaseService } from './service.ts';

/**
 * Records, release and fees (issue 17, part C): the records gathered for a request and what is
 * released of each (in full, in part with the sections cited and the redacted PDF, withheld), the
 * release package delivered to the requester's tracking page with the bilingual response letter,
 * closing without a release, and the fee (waived, recorded as paid by cheque, refunded once through
 * billing — `refund` is also the office's support queue's).
 */
export default definePart({
  paths,
  catalog: { fr, en },
  mail,
  register(app, kit, core) {
    const release = createReleaseService({ db: kit.db, clock: kit.clock, core, documents: kit.services.documents, billing: kit.services.billing, pdf: kit.pdf });
    registerReleaseRoutes(app, { core, release, organizations: kit.services.organizations, documents: kit.services.documents, db: kit.db, clock: kit.clock });
    return release;
  },
});
