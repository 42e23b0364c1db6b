// A Guichet node for the crash test (test/int/crash.int.test.ts): the real app on a real port,
// on a PGlite folder (CRASH_DATA_DIR) or a PostgreSQL database (CRASH_DATABASE_URL), with pg-boss
// running (a transport is given) and a transport that appends each delivered Message-ID to a file
// at once, so the test counts what left the node even when the node is killed right after.
import { appendFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import nodemailer, { type SentMessageInfo, type Transport } from 'nodemailer';
import { buildApp, moduleSettings } from '../../src/app.ts';
import { seedFeeSchedule } from '../../src/billing/demo.ts';
import { mailMessages } from '../../src/mail/index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db.ts';
import { applications, registrations } from '../../src/licensing/schema.ts';
import { buildAccount, buildApplicationType, buildAuthority, unique } from './factories.ts';

const env = process.env;
const port = Number(env.PORT);
const mailLog = env.CRASH_MAIL_LOG ?? '';
// The last start runs later than the kills (reconciliation asks only about checkouts open 15 minutes).
const offset = Number(env.CRASH_CLOCK_OFFSET_MS ?? 0);
const clock = { now: () => new Date(Date.now() + offset) };

const database = await openDatabase(env.CRASH_DATABASE_URL ? { databaseUrl: env.CRASH_DATABASE_URL } : { dataDir: env.CRASH_DATA_DIR ?? '' });
const config = loadConfig(
  {
    NODE_ENV: 'test',
    SESSION_SECRET: 'crash-secret-crash-secret-crash-secret-01',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    // Documents are written under DATA_DIR/documents on PostgreSQL too: the test checks them there.
    DATA_DIR: env.CRASH_DATA_DIR ?? '',
    PAYMENT_TEST_GATEWAY_SECRET: 'crash-test-gateway-secret-crash-test-0123',
  },
  moduleSettings,
);
const logging: Transport<SentMessageInfo> = {
  name: 'crash-log',
  version: '1',
  send(mail, done) {
    appendFileSync(mailLog, `${mail.data.messageId}\n`);
    done(null, { envelope: mail.message.getEnvelope(), messageId: mail.data.messageId ?? '' });
  },
};
const transport = nodemailer.createTransport(logging);
const app = await buildApp({ config, database, clock, transport, logger: false, signInRateLimit: { max: 100_000, timeWindow: 60_000 } });

if (env.CRASH_SEED) {
  // The people and their open invoices, made once before the first kill.
  const authority = await buildAuthority(database.db, { name: { fr: 'Ordre de test', en: 'Test college' } });
  await seedFeeSchedule(database.db, authority.id, 'college');
  const people: { email: string; invoiceId: string }[] = [];
  for (let i = 0; i < Number(env.CRASH_SEED); i++) {
    const account = await buildAccount(database.db, authority.id, { preferredLanguage: 'en' });
    const issued = await database.db.transaction((tx) =>
      app.services.billing.issueInvoice(tx, { authorityId: authority.id, accountId: account.id, feeCodes: ['application_fee'], subject: { kind: 'application', id: crypto.randomUUID(), reference: `CRA-2026-${String(i + 1).padStart(6, '0')}` }, locale: 'en', at: clock.now() }),
    );
    // An active registration, so the person has a record whose legal name they change (upload and submission).
    const type = await buildApplicationType(database.db, authority.id);
    const [application] = await database.db.insert(applications).values({ authorityId: authority.id, applicantId: account.id, typeId: type.id, reference: unique('CRA'), status: 'approved' }).returning();
    await database.db.insert(registrations).values({ authorityId: authority.id, accountId: account.id, categoryId: type.categoryId, applicationId: application!.id, number: unique('2026'), status: 'active', validFrom: '2026-01-01', validUntil: '2026-12-31', verificationCode: unique('CODE') });
    if (issued.kind !== 'issued') throw new Error(`invoice not issued: ${issued.kind}`);
    people.push({ email: account.email, invoiceId: issued.invoice.id });
  }
  console.log(`CRASH-SEED ${JSON.stringify({ authorityId: authority.id, people })}`);
}

if (env.CRASH_FINAL) {
  // What a later scheduled run does: the checkouts whose news died with a node are asked about and settled or closed.
  const counts = await app.services.billing.payments.reconcile();
  console.log(`CRASH-RECONCILED ${JSON.stringify(counts)}`);
  process.on('SIGTERM', () => void finish());
}
// The reminder run, as its hourly job does, but every 300 ms, so kills land in the middle of one too.
const reminding = setInterval(() => void app.services.record.reminders.send().catch(() => {}), 300);
await app.listen({ port, host: '127.0.0.1' });
console.log('CRASH-READY');

/** The last stop: the queued mail goes out first (a killed node's active jobs wait for pg-boss to expire them). */
async function finish() {
  clearInterval(reminding);
  // A last run after every kill: it must write nothing new for what was already reminded.
  console.log(`CRASH-REMINDED ${await app.services.record.reminders.send()}`);
  for (let i = 0; i < 100; i++) {
    const queued = await database.db.select({ id: mailMessages.id }).from(mailMessages).where(eq(mailMessages.status, 'queued'));
    if (queued.length === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await app.close();
  await database.close();
  console.log('CRASH-DONE');
  process.exit(0);
}
