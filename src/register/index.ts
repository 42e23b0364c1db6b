import { settingsOf } from '../platform/config.ts';
import { defineModule, JOB_ARCHIVE_SECONDS, queueEvery } from '../platform/module.ts';
import { registerApi } from './api.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { categoriesOf } from './queries.ts';
import { registerPages } from './routes.tsx';
import * as schema from './schema.ts';
import { createRegisterService, type RegisterService } from './service.ts';
import { registerConfig, registerSettings } from './settings.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    register: RegisterService;
  }
}

/** Writes the day's open-data files (CSV and JSON); a day already written is kept (idempotent). */
export const OPEN_DATA_QUEUE = 'register-open-data';
const CHECK_EVERY_MS = 60 * 60_000;

/**
 * The public register: search and entries in both languages without signing in, the JSON API
 * with its OpenAPI document, bulk verification for employers, the daily open data, committee
 * outcomes staff enter and the registrant's requests to remove one.
 */
export default defineModule({
  name: 'register',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  config: registerConfig,
  jobs: [
    {
      queue: OPEN_DATA_QUEUE,
      async handle(_data, kit) {
        await kit.services.register.exports.generate();
      },
    },
  ],
  staffNav: [
    { page: 'register.staffOutcomes', label: 'register.staff.outcomes.title', position: 50 },
    { page: 'register.staffRemovals', label: 'register.staff.removals.title', position: 51, onlyFor: ['registrar', 'administrator'] },
    { page: 'register.staffApiClients', label: 'register.staff.apiClients.title', position: 52 },
  ],
  async register(app, kit) {
    const register = createRegisterService({ db: kit.db, clock: kit.clock, casework: kit.services.casework, mailer: kit.services.mail, publicUrl: kit.config.publicUrl });
    kit.services.register = register;
    const rateLimit = { max: settingsOf(kit.config, registerSettings).REGISTER_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 };
    registerPages(app, { register, rateLimit, categories: (authorityId) => categoriesOf(kit.db, authorityId) });
    await registerApi(app, { register, rateLimit, publicUrl: kit.config.publicUrl });
    // The day's run, once a day (a key per day); the job skips an authority whose day is already written.
    // A key per day in slots of 12 hours: at most two runs a day, and the second finds the day's file made.
    queueEvery(app, kit.boss, { queue: OPEN_DATA_QUEUE, everyMs: CHECK_EVERY_MS, singletonKey: () => `open-data-${new Date(kit.clock.now()).toISOString().slice(0, 10)}`, singletonSeconds: JOB_ARCHIVE_SECONDS, atStart: true });
  },
});

export type { RegisterEvents } from './events.ts';
export type { RegisterService } from './service.ts';
