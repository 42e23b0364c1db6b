import { recordEvent } from '../audit/index.ts';
import { defineModule, mergeParts } from '../platform/module.ts';
import { createAccessCore, type AccessCore, REQUEST_DOCUMENTS, REQUEST_INVOICE } from './core.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import office from './office/index.ts';
import publicService from './public/index.ts';
import release from './release/index.ts';
import * as schema from './schema.ts';
import { requestTransitions } from './states.ts';
import workspace from './workspace/index.ts';

export interface AccessRequestsService {
  core: AccessCore;
  public: ReturnType<(typeof publicService)['register']>;
  workspace: ReturnType<(typeof workspace)['register']>;
  release: ReturnType<(typeof release)['register']>;
  office: ReturnType<(typeof office)['register']>;
}

declare module '../platform/module.ts' {
  interface ModuleServices {
    accessRequests: AccessRequestsService;
  }
}

const parts = [publicService, workspace, release, office] as const;

/**
 * Access requests (seed 004): requests under the Access to Information Act and the Privacy Act to
 * the government institutions of an ATIP office, made on the public request service (with or
 * without an account, the $5 paid through billing), by a client system's API or entered by a
 * practitioner; each institution's workspace with the legal clock that shows its work,
 * clarifications, extensions and their notices, transfers, consultations; the records gathered
 * and the release package on the requester's tracking page; fees and refunds; the statistics
 * of the annual report and the summaries for open.canada.ca; practitioners' support requests to
 * the office. On for an authority with an `access_settings` row; its pages answer 404 elsewhere.
 */
export default defineModule({
  name: 'access-requests',
  pages: Object.assign({}, ...parts.map((p) => p.paths)) as (typeof publicService)['paths'] & (typeof workspace)['paths'] & (typeof release)['paths'] & (typeof office)['paths'],
  ...mergeParts({ fr, en }, parts),
  events,
  tables: schema,
  register(app, kit) {
    const core = createAccessCore({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl, keys: kit.config });
    // A request's documents through the documents page: the practitioners of the institution holding it now.
    // The requester opens the released files through the tracking page, which checks the release itself.
    kit.services.documents.registerReader(REQUEST_DOCUMENTS, async (account, requestId, authorityId) => {
      const found = await core.requestOf(authorityId, requestId);
      if (!found) return false;
      const membership = await kit.services.organizations.membership(account.id, found.organizationId);
      return membership?.status === 'approved';
    });
    // The $5 paid online: the clock starts that day, in the payment's own transaction.
    kit.services.billing.onInvoicePaid(async (tx, invoice) => {
      if (invoice.subjectKind !== REQUEST_INVOICE) return;
      const request = await core.lockRequest(tx, invoice.subjectId);
      if (!request || typeof requestTransitions.check(request.status, 'pay', ['system']) === 'string') return;
      const at = kit.clock.now();
      await core.startClock(tx, request, 'paid', at);
      await recordEvent(tx, { authorityId: request.authorityId, event: 'access_fee_paid', actorId: null, subjectId: request.id, origin: { ip: null, userAgent: null }, at, details: { requestId: request.id, number: request.number, invoiceId: invoice.id } });
    });
    kit.services.accessRequests = {
      core,
      public: publicService.register(app, kit, core),
      workspace: workspace.register(app, kit, core),
      release: release.register(app, kit, core),
      office: office.register(app, kit, core),
    };
  },
});

export type { AccessEvents } from './events.ts';
export type { AccessCore } from './core.ts';
export { INSTITUTION_KIND } from './core.ts';
export { enableAccessDemo, seedAccessDemo } from './demo.ts';
