import { defineModule } from '../platform/module.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerMailingListRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createMailingListService, type MailingListService, SEND_QUEUE } from './service.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    mailingList: MailingListService;
  }
}

/**
 * Each authority's mailing list: sign-up with double opt-in, unsubscribe in one click from any of
 * its messages (RFC 8058), language preferences by the link of any message; staff see the counts,
 * export the confirmed list and write to it (one job per subscriber).
 */
export default defineModule({
  name: 'mailing-list',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  jobs: [{ queue: SEND_QUEUE, handle: (data, kit) => kit.services.mailingList.deliver(data) }],
  staffNav: [{ page: 'mailingList.staff', label: 'mailingList.staff.title', position: 45 }],
  portalServices: [{ name: 'mailingList', page: 'mailingList.signUp', title: 'mailingList.service.title', description: 'mailingList.service.description', position: 80 }],
  async register(app, kit) {
    const list = createMailingListService({ db: kit.db, clock: kit.clock, mailer: kit.services.mail, publicUrl: kit.config.publicUrl, keys: kit.config, boss: kit.boss });
    kit.services.mailingList = list;
    await registerMailingListRoutes(app, { list, background: kit.background, rateLimit: kit.signInRateLimit });
  },
});

export type { MailingListService } from './service.ts';
export { seedMailingList } from './demo.ts';
