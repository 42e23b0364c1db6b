import { defineModule, queueEvery } from '../platform/module.ts';
import { dashboardCards } from './cards.tsx';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { REMINDER_QUEUE } from './reminders.ts';
import { registerRecordRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createRecordService, type RecordService } from './service.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    record: RecordService;
  }
}
declare module '../platform/errors.ts' {
  interface ErrorCodes {
    record_only_registered: true;
  }
}

const REMINDERS_EVERY_MS = 6 * 60 * 60_000;

/**
 * The registrant's record: the fields the register shows (at once), the changes staff approve
 * through casework (legal name with its ID, withholding a previous name, the sign-in email where it
 * is not self-service, other regulators where the authority wants to see them first), the
 * self-service email change proved from both addresses, and the 30-day duty to report: dated
 * changes, reminders, and the staff's list of late reports.
 */
export default defineModule({
  name: 'record',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  jobs: [
    {
      queue: REMINDER_QUEUE,
      async handle(_data, kit) {
        await kit.services.record.reminders.send();
      },
    },
  ],
  errors: {
    record_only_registered: { status: 403, title: 'record.error.onlyRegistered.title', body: 'record.error.onlyRegistered.body' },
  },
  staffNav: [
    { page: 'record.queue', label: 'record.queue.title', position: 16 },
    { page: 'record.late', label: 'record.late.title', position: 17 },
    { page: 'record.settings', label: 'record.settings.title', position: 18, onlyFor: ['administrator'] },
  ],
  dashboardCards,
  portalServices: [{ name: 'record', page: 'record.summary', title: 'record.service.title', description: 'record.service.description', position: 25 }],
  register(app, kit) {
    const { documents, casework } = kit.services;
    const record = createRecordService({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl, documents, casework });
    kit.services.record = record;
    // A change request's ID is its registrant's and its authority's staff's to download.
    documents.registerReader('change_request', (account, subjectId) => record.canRead(account, subjectId));
    registerRecordRoutes(app, { record, documents, casework, clock: kit.clock, maxBytes: documents.defaultMaxBytes });
    // The run sends each milestone once, however often it comes.
    queueEvery(app, kit.boss, { queue: REMINDER_QUEUE, everyMs: REMINDERS_EVERY_MS, singletonKey: 'record-reminders', singletonSeconds: 3600 });
  },
});

export type { RecordEvents } from './events.ts';
export type { RecordService } from './service.ts';
// The tables the register reads (notes/issue14-plan.md's contract), and the demo's one call.
export { otherRegistrations, previousNames, type Proficiency, registrantProfiles } from './schema.ts';
export { seedRecordDemo } from './demo.ts';
