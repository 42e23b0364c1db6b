import rateLimit from '@fastify/rate-limit';
import { createPdfRenderer, type PdfRenderer } from './platform/pdf/index.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Transporter } from 'nodemailer';
import type { Writable } from 'node:stream';
import PgBoss from 'pg-boss';
import { modules } from './modules.ts';
import { type Gate, recordRouteAccess, registerSessionHook } from './platform/access.ts';
import { BackgroundWork } from './platform/background.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { cookiesFor } from './platform/cookies.ts';
import { type Database, type DatabaseHandle, pendingMigrations } from './platform/db.ts';
import { resealAll, type SessionKeys } from './platform/secrets.ts';
import { recordEvent } from './audit/index.ts';
import { installErrors, platformErrors } from './platform/errors.ts';
import { registerHttp, registerPortalHook } from './platform/http.tsx';
import { installCatalogs, platformCatalog } from './platform/i18n/index.ts';
import { loggerOptions } from './platform/logging.ts';
import { type Assembled, assemble, type ModuleDefinition, type ModuleKit, type ModuleServices, type Ports, type ReadinessCheck } from './platform/module.ts';
import { installPages } from './platform/paths.ts';
import { databaseRateLimitStore } from './platform/rate-limit.ts';
import { installStaffNav } from './platform/views/staff-nav.tsx';

declare module 'fastify' {
  interface FastifyInstance {
    /** Work pages start after answering (src/platform/background.ts); tests drain it before reading mail. */
    background: BackgroundWork;
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

/** The variables modules declare, checked with platform's by `loadConfig`. */
export const moduleSettings = (modules as readonly ModuleDefinition[]).flatMap((m) => (m.config ? [m.config] : []));

/** What the modules declare, merged once per process (the list never changes while it runs). */
let assembled: Assembled | null = null;
export function assembledModules(): Assembled {
  if (!assembled) {
    assembled = assemble(modules, { catalog: platformCatalog, errors: platformErrors });
    installPages(assembled.pages);
    installCatalogs(assembled.catalogs);
    installErrors(assembled.errors);
    installStaffNav(assembled.staffNav);
  }
  return assembled;
}

/**
 * After SESSION_SECRET changed (the old one in SESSION_SECRET_PREVIOUS): every sealed value every
 * module declares, sealed again under the new secret, with its audit row, in one transaction, so
 * either all are under the new secret or (a value opens with neither) none was touched. The count
 * per sealer's purpose.
 */
export async function resealSecrets(db: Database, keys: SessionKeys, at: Date): Promise<Record<string, number>> {
  return db.transaction(async (tx) => {
    const sealed = await resealAll(tx, keys, assembledModules().sealed);
    await recordEvent(tx, { authorityId: null, event: 'secrets_resealed', actorId: null, subjectId: null, origin: { ip: null, userAgent: 'cli' }, at, details: { sealed } });
    return sealed;
  });
}

/** How long `/readyz` waits for each check. */
const READY_WITHIN_MS = 2000;

/** Whether the work succeeds within `ms` (a hung service counts as failing, without waiting for it). */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The one composition root: the server and its tests build the app here from the module list. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const { config, database } = deps;
  const tables = assembledModules();
  const logger = deps.logger ? loggerOptions(deps.logger === true ? undefined : deps.logger) : false;
  const app = Fastify({ logger, bodyLimit: 16 * 1024, trustProxy: trustProxyOption(config.trustProxy), return503OnClosing: true });
  recordRouteAccess(app);
  const cookies = cookiesFor(config.isProduction);
  const background = new BackgroundWork((error) => app.log.error(error));
  app.decorate('background', background);

  // Jobs run where mail can be sent (as before modules declared them): pg-boss starts with a transport.
  let boss: PgBoss | null = null;
  if (deps.transport) {
    boss = new PgBoss({ db: database.adapter, schedule: false, supervise: true });
    boss.on('error', (error) => app.log.error(error));
    await boss.start();
  }

  const gates: Gate[] = [];
  const readiness: ReadinessCheck[] = [];
  const ports: Partial<Ports> = {};
  let pdf: PdfRenderer | undefined;
  const kit: ModuleKit = {
    config,
    database,
    db: database.db,
    clock: deps.clock ?? systemClock,
    cookies,
    background,
    signInRateLimit: deps.signInRateLimit ?? { max: 30, timeWindow: 60_000 },
    boss,
    mailTransport: deps.transport,
    devMailKey: deps.devMailKey,
    gates,
    readiness,
    assembled: tables,
    services: {} as ModuleServices,
    ports,
    // One Typst compiler per app, made on the first document (it loads the fonts): start-up stays fast.
    get pdf() {
      return (pdf ??= createPdfRenderer());
    },
  };

  app.decorate('services', kit.services);
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(database.db) });
  await registerHttp(app, config, { signIn: 'signIn', formTargets: () => ports.formTargets });
  registerSessionHook(app, { cookies, readSession: () => ports.readSession, gates });
  registerPortalHook(app, { cookies, resolvePortal: () => ports.resolvePortal });
  for (const module of modules as readonly ModuleDefinition[]) {
    // Each module in its own Fastify scope: its routes and hooks stay its own.
    const { register } = module;
    if (register) await app.register(async (scope) => register(scope, kit));
  }

  if (boss) {
    for (const job of tables.jobs) {
      await boss.createQueue(job.queue);
      await boss.work<unknown>(job.queue, { pollingIntervalSeconds: 0.5, batchSize: 5 }, async (jobs) => {
        for (const one of jobs) await job.handle(one.data, kit);
      });
    }
  }

  app.get('/healthz', { config: { access: 'public' } }, async (_request, reply) => {
    await database.adapter.executeSql('select 1');
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  // Ready to take traffic (a load balancer asks): the database answers with every migration
  // applied, and each module's service (storage) answers, each within its time. The answer names
  // what failed, never why (no address, no message).
  const checks: ReadinessCheck[] = [
    {
      name: 'database',
      check: async () => {
        if ((await pendingMigrations(database.db)).length > 0) throw new Error('migrations pending');
      },
    },
    ...readiness,
  ];
  app.get('/readyz', { config: { access: 'public' } }, async (_request, reply) => {
    const failing = (await Promise.all(checks.map(async ({ name, check }) => ((await within(READY_WITHIN_MS, check())) ? null : name)))).filter((n) => n !== null);
    return reply
      .code(failing.length === 0 ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(failing.length === 0 ? { status: 'ready' } : { status: 'not_ready', failing });
  });

  // Stop taking jobs before the database closes; the caller closes the database.
  app.addHook('onClose', async () => {
    await background.drain();
    if (boss) await boss.stop({ graceful: true, wait: true, close: false });
  });
  return app;
}
