import { defineModule, mergeParts } from '../platform/module.ts';
import { createSurveillanceCore, type SurveillanceCore } from './core.ts';
import department from './department/index.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import intake from './intake/index.ts';
import ptpha from './ptpha/index.ts';
import * as schema from './schema.ts';

export interface SurveillanceService {
  core: SurveillanceCore;
  intake: ReturnType<(typeof intake)['register']>;
  ptpha: ReturnType<(typeof ptpha)['register']>;
  department: ReturnType<(typeof department)['register']>;
}

declare module '../platform/module.ts' {
  interface ModuleServices {
    surveillance: SurveillanceService;
  }
}

/** The documents of a case are filed under this subject kind. */
export const CASE_DOCUMENTS = 'surveillance_case';

const parts = [intake, ptpha, department] as const;

/**
 * Surveillance (seed 003): the department's arrival notices of people under medical surveillance
 * (its form, a CSV import, its client systems through the API), routed to the public health
 * authority (PTPHA) of the province of residence; the PTPHA's cases, follow-up and compliance
 * reports against the report's clock; documents exchanged both ways; the department's view and
 * figures. On for an authority with a `surveillance_settings` row; its pages answer 404 elsewhere.
 * Medical details stay on the pages of the case's PTPHA and the department's staff: every view is
 * audited, and nothing medical goes into mail, logs or addresses.
 */
export default defineModule({
  name: 'surveillance',
  pages: Object.assign({}, ...parts.map((p) => p.paths)) as (typeof intake)['paths'] & (typeof ptpha)['paths'] & (typeof department)['paths'],
  ...mergeParts({ fr, en }, parts),
  events,
  tables: schema,
  register(app, kit) {
    const core = createSurveillanceCore({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl });
    // A case's documents: the department's staff, and the members of the PTPHA the case is with now.
    kit.services.documents.registerReader(CASE_DOCUMENTS, async (account, caseId, authorityId) => {
      const found = await core.caseOf(authorityId, caseId);
      if (!found) return false;
      if (account.isStaff && account.staffAuthorityId === authorityId && account.authorityRoles.length > 0) return true;
      if (!found.organizationId) return false;
      const membership = await kit.services.organizations.membership(account.id, found.organizationId);
      return membership?.status === 'approved';
    });
    kit.services.surveillance = {
      core,
      intake: intake.register(app, kit, core),
      ptpha: ptpha.register(app, kit, core),
      department: department.register(app, kit, core),
    };
  },
});

export type { SurveillanceEvents } from './events.ts';
export type { SurveillanceCore } from './core.ts';
export { PTPHA_KIND } from './core.ts';
export { seedSurveillanceDemo } from './demo.ts';
