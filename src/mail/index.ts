import { z } from 'zod';
import { type Config, Secret, settingsOf } from '../platform/config.ts';
import { defineModule } from '../platform/module.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { paths } from './paths.ts';
import { registerDevMailRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { MAIL_QUEUE, type Mailer, createMailer, deliver } from './service.ts';
import { installMailTemplates } from './templates.ts';

/** Where mail is sent; without it (development only) mail stays in the database. */
const settings = z.object({
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: 'must be an smtp:// or smtps:// URL' }).optional(),
});

/** The SMTP server's address, kept out of logs. */
export function smtpUrlOf(config: Config): Secret | undefined {
  const url = settingsOf(config, settings).SMTP_URL;
  return url ? new Secret(url) : undefined;
}

declare module '../platform/module.ts' {
  interface ModuleServices {
    mail: Mailer;
  }
}

/**
 * Mail in the recipient's language, queued in the change's transaction and sent by a pg-boss job
 * (with SMTP_URL), or kept in the database and shown on the development mail page (without).
 */
export default defineModule({
  name: 'mail',
  pages: paths,
  catalog: { fr, en },
  tables: schema,
  config: { schema: settings, requiredInProduction: ['SMTP_URL'] },
  jobs: [
    {
      queue: MAIL_QUEUE,
      async handle(data, kit) {
        if (!kit.mailTransport) return;
        await deliver(kit.db, kit.mailTransport, `no-reply@${kit.config.publicUrl.hostname}`, (data as { mailId: string }).mailId);
      },
    },
  ],
  register(app, kit) {
    installMailTemplates(kit.assembled.mail);
    kit.services.mail = createMailer(kit.boss);
    if (!kit.config.isProduction && !smtpUrlOf(kit.config) && kit.devMailKey) {
      registerDevMailRoutes(app, { db: kit.db, key: kit.devMailKey, cookies: kit.cookies });
    }
  },
});

export type { Mailer } from './service.ts';
export { type MailAttachment, mailMessages } from './schema.ts';
export { type MailTemplate, type MailTemplates, type MailVars, renderMail } from './templates.ts';
