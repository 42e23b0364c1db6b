import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Transporter } from 'nodemailer';
import PgBoss from 'pg-boss';
import { registerIdentityRoutes } from './identity/routes.tsx';
import { createIdentityService } from './identity/service.ts';
import { registerFederationRoutes } from './federation/routes.tsx';
import { createFederationService } from './federation/service.ts';
import { registerDevMailRoutes } from './mail/routes.tsx';
import { MAIL_QUEUE, createMailer, deliver } from './mail/service.ts';
import type { Writable } from 'node:stream';
import { BackgroundWork } from './platform/background.ts';
import type { Config } from './platform/config.ts';
import { cookiesFor } from './platform/cookies.ts';
import { loggerOptions } from './platform/logging.ts';
import { SharedRateLimitStore } from './platform/rate-limit.ts';
import type { DatabaseHandle } from './platform/db.ts';
import { registerHttp } from './platform/http.tsx';
import { createKeyedDigest, createSealer } from './platform/secrets.ts';
import { registerSecurityKeyRoutes } from './security-keys/routes.tsx';
import { createSecurityKeyService } from './security-keys/service.ts';
import { ORGANIZATION_SCOPE, registerOrganizationRoutes } from './organizations/routes.tsx';
import { createOrganizationService } from './organizations/service.ts';
import { registerStaffRoutes } from './staff/routes.tsx';
import { accountBanner, registerTwoFactorRoutes } from './two-factor/routes.tsx';
import { createTwoFactorService } from './two-factor/service.ts';
import { type Clock, systemClock } from './platform/clock.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Work pages start after answering (src/platform/background.ts); tests drain it before reading mail. */
    background: BackgroundWork;
    /** "METHOD url" of every organization-scoped route, as registered: the isolation test walks them all. */
    organizationRoutes: string[];
  }
}

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  clock?: Clock;
  /** Where mail goes; null keeps it in the database (development without SMTP_URL). */
  transport: Transporter | null;
  /** Per-IP limit on sign-in, sign-up and reset posts. */
  signInRateLimit?: { max: number; timeWindow: number };
  /** true: log to standard output; a stream: log there (tests read it); absent: no log. */
  logger?: boolean | Writable;
  /**
   * Opens the development mail page (only without SMTP_URL, outside production): printed at
   * start-up; without it the page is not registered at all.
   */
  devMailKey?: string;
}

/** Fastify takes a count of trusted hops as a function (proxy-addr's number form is not in its types). */
function trustProxyOption(trust: Config['trustProxy']) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/** The one composition root: the server and its tests build the app here from their own parts. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ? loggerOptions(deps.logger === true ? undefined : deps.logger) : false;
  const app = Fastify({ logger, bodyLimit: 16 * 1024, trustProxy: trustProxyOption(config.trustProxy), return503OnClosing: true });
  const cookies = cookiesFor(config.isProduction);
  const background = new BackgroundWork((error) => app.log.error(error));
  app.decorate('background', background);

  let boss: PgBoss | null = null;
  if (deps.transport) {
    const transport = deps.transport;
    boss = new PgBoss({ db: database.adapter, schedule: false, supervise: true });
    boss.on('error', (error) => app.log.error(error));
    await boss.start();
    await boss.createQueue(MAIL_QUEUE);
    const from = `Guichet <no-reply@${config.publicUrl.hostname}>`;
    await boss.work<{ mailId: string }>(MAIL_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 5 }, async (jobs) => {
      for (const job of jobs) await deliver(database.db, transport, from, job.data.mailId);
    });
  }
  const mailer = createMailer(boss);
  // Emails are compared case-insensitively (citext), so their digests are too.
  const emailDigest = createKeyedDigest(config.sessionSecret, 'unknown-email');
  const identity = createIdentityService({ db: database.db, clock, mailer, publicUrl: config.publicUrl, emailDigest: (email) => emailDigest(email.trim().toLowerCase()) });

  await app.register(rateLimit, { global: false, store: SharedRateLimitStore });
  await registerHttp(app, config);
  app.decorate('organizationRoutes', [] as string[]);
  app.addHook('onRoute', (route) => {
    if ((route.config as { scope?: string } | undefined)?.scope === ORGANIZATION_SCOPE.scope) {
      for (const method of ([] as string[]).concat(route.method)) app.organizationRoutes.push(`${method} ${route.url}`);
    }
  });
  const signInRateLimit = deps.signInRateLimit ?? { max: 30, timeWindow: 60_000 };
  // Identity providers (OpenID Connect): src/federation.
  const federation = createFederationService({
    db: database.db,
    clock,
    mailer,
    sealer: createSealer(config.sessionSecret, 'identity-provider'),
    publicUrl: config.publicUrl,
    identity,
    allowInsecureIssuers: !config.isProduction,
  });
  const twoFactor = createTwoFactorService({
    db: database.db,
    clock,
    mailer,
    sealer: createSealer(config.sessionSecret, 'authenticator-app'),
    publicUrl: config.publicUrl,
  });
  registerIdentityRoutes(app, {
    db: database.db,
    identity,
    clock,
    cookies,
    background,
    signInRateLimit,
    signInProviders: () => federation.enabledProviders(),
    accountBanner: (request, account, ctx) => accountBanner(twoFactor, request, account, ctx),
  });
  registerTwoFactorRoutes(app, {
    db: database.db,
    cookies,
    background,
    identity,
    twoFactor,
    clock,
    signInRateLimit,
    confirmationMethods: (accountId) => federation.confirmationMethods(accountId),
  });
  registerStaffRoutes(app, { db: database.db, identity, clock });
  const securityKeys = createSecurityKeyService({ db: database.db, clock, mailer, publicUrl: config.publicUrl });
  registerSecurityKeyRoutes(app, { identity, cookies, twoFactor, clock, signInRateLimit, securityKeys });
  registerOrganizationRoutes(app, { organizations: createOrganizationService({ db: database.db, clock }), clock, signInRateLimit });
  registerFederationRoutes(app, { identity, federation, twoFactor, securityKeys, clock, publicUrl: config.publicUrl, cookies, signInRateLimit });
  if (!config.isProduction && !config.smtpUrl && deps.devMailKey) {
    registerDevMailRoutes(app, { db: database.db, key: deps.devMailKey, cookies });
  }

  app.get('/healthz', async (_request, reply) => {
    await database.adapter.executeSql('select 1');
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  // Stop taking jobs before the database closes; the caller closes the database.
  app.addHook('onClose', async () => {
    await background.drain();
    if (boss) await boss.stop({ graceful: true, wait: true, close: false });
  });
  return app;
}
