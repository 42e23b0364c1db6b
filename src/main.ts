import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { buildApp, moduleSettings } from './app.ts';
import { smtpUrlOf } from './mail/index.ts';
import { DEMO_ACCESS_OFFICE, seedDemoData } from './demo/seed.ts';
import { seedAccessDemo } from './access-requests/index.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db.ts';
import { providerSecretsSealer } from './federation/index.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, moduleSettings);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const database = await openDatabase({ databaseUrl: config.databaseUrl?.reveal(), dataDir: config.dataDir, onProgress: (line) => console.log(line) });
let demoLoaded = false;
if (!config.isProduction) {
  const seeding = performance.now();
  // The office's demo identity provider (npm run demo:identity-provider) has its client secret sealed like any other.
  const demo = await seedDemoData(database.db, { sealer: providerSecretsSealer(config) });
  if (demo) {
    demoLoaded = true;
    console.log(`Demo data loaded in ${((performance.now() - seeding) / 1000).toFixed(1)} s. Sign-in details (shown only this once):`);
    for (const d of demo) console.log(`  ${d.email.padEnd(36)} ${d.password}  (${d.role})`);
  } else {
    console.log('demo data: already loaded');
  }
}
const smtpUrl = smtpUrlOf(config);
const transport = smtpUrl ? nodemailer.createTransport(smtpUrl.reveal()) : null;
// A new key at every start: whoever reads this terminal may read the mail page, nobody else.
const devMailKey = !config.isProduction && !smtpUrl ? randomBytes(18).toString('base64url') : undefined;
const app = await buildApp({ config, database, transport, logger: true, ...(devMailKey ? { devMailKey } : {}) });
// Fresh demo data: its renewal windows open now rather than at the daily job's next run.
if (demoLoaded) {
  await app.services.renewals.run();
  // The demo's cases due within a reminder offset: their PTPHA's reminders are on the mail page from the first start.
  await app.services.surveillance.ptpha.run();
  // Seed 004's requests go through the module's services, so that their letters are real PDFs.
  await seedAccessDemo(database.db, app.services, { slug: DEMO_ACCESS_OFFICE, requesterEmail: 'daniel.wong@demo.guichet.ca' });
}
await app.listen({ port: config.port, host: config.host });
if (!config.isProduction) console.log(developmentNotice(devMailKey));
console.log(`Guichet is ready at ${config.publicUrl.href}`);

/** What development mode means, said at every start so nobody exposes such an instance by mistake. */
function developmentNotice(key: string | undefined): string {
  const mailUrl = new URL(`/en/dev/mail?key=${key}`, config.publicUrl).href;
  return [
    `Development mode (NODE_ENV=${config.env}): not for real people or real data.`,
    key
      ? `  - Mail is not sent (no SMTP_URL): it is kept in the database and shown, with every reset link in it, at\n      ${mailUrl}\n    This key changes at every start; anyone who has it can read every account's mail.`
      : '  - Mail is sent through SMTP_URL.',
    '  - Cookies are not marked Secure and HSTS is off, so plain http works on this machine.',
    `  - The session secret is kept in ${config.dataDir}; demo data is loaded into an empty database.`,
    '  Set NODE_ENV=production (with SMTP_URL, SESSION_SECRET and an https PUBLIC_URL) before anyone else uses it.',
  ].join('\n');
}

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: finishing requests in flight, then closing the database`);
  // Fastify stops accepting, lets requests in flight finish, then runs onClose (jobs stop).
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
