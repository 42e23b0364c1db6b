import nodemailer from 'nodemailer';
import { buildApp } from './app.ts';
import { seedDemoData } from './demo/seed.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const database = await openDatabase({ databaseUrl: config.databaseUrl?.reveal(), dataDir: config.dataDir });
if (!config.isProduction) {
  const demo = await seedDemoData(database.db);
  if (demo) {
    console.log('Demo data loaded. Sign-in details (shown only this once):');
    for (const d of demo) console.log(`  ${d.email.padEnd(36)} ${d.password}  (${d.role})`);
  }
}
const transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl.reveal()) : null;
const app = await buildApp({ config, database, transport, logger: true });
await app.listen({ port: config.port, host: config.host });
console.log(`Guichet is ready at ${config.publicUrl.href}`);

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
