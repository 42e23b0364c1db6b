import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Transporter } from 'nodemailer';
import pg from 'pg';
import { buildApp, moduleSettings } from '../../src/app.ts';
import { buildAuthority } from './factories.ts';
import { type Config, loadConfig } from '../../src/platform/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/platform/db.ts';
import type { Clock } from '../../src/platform/clock.ts';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-22T15:00:00Z')) {}
  now() {
    return new Date(this.current);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * A fresh database: in-memory PGlite, or, when DATABASE_URL is set (CI's second pass),
 * a new database on that PostgreSQL server, dropped at close.
 */
export async function openTestDatabase(pgliteQueries?: 'prepared' | 'pglite'): Promise<DatabaseHandle & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase(pgliteQueries ? { pgliteQueries } : {});
  const name = `guichet_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle & { url?: string };
  clock: TestClock;
  config: Config;
  authorityId: string;
  /** The first authority's portal slug: its home is /fr/<slug> and /en/<slug>. */
  authoritySlug: string;
  close(): Promise<void>;
}

export async function createTestApp(
  options: {
    transport?: Transporter | null;
    env?: Record<string, string>;
    signInRateLimit?: { max: number; timeWindow: number };
    /** Registers the development mail page behind this key (as `npm start` does without SMTP_URL). */
    devMailKey?: string;
    /** Where the server log goes (tests that read it). */
    log?: Writable;
    /** The bench compares PGlite's own query path with the prepared one. */
    pgliteQueries?: 'prepared' | 'pglite';
    /** Routes of the caller's own (the bench's floor), added before the app is ready. */
    beforeReady?: (app: FastifyInstance, t: { database: DatabaseHandle; authorityId: string }) => void;
    /** The first authority's slug (a random one otherwise): PORTAL_HOSTS may name it. */
    authoritySlug?: string;
    /** Data the app must find at start (the authorities PORTAL_HOSTS names). */
    beforeBuild?: (database: DatabaseHandle) => Promise<void>;
    /**
     * Another node of a test app already made: the same database and authority (closing it leaves
     * the database). On PostgreSQL it has its own connections; PGlite is one process by nature, so
     * there it shares the first one's handle: a restart with other settings, not another machine.
     */
    join?: TestApp & { database: { url?: string } };
  } = {},
): Promise<TestApp> {
  const shared = Boolean(options.join && !options.join.database.url);
  const database = options.join ? (options.join.database.url ? await openDatabase({ databaseUrl: options.join.database.url }) : options.join.database) : await openTestDatabase(options.pgliteQueries);
  const authority = options.join
    ? { id: options.join.authorityId, slug: options.join.authoritySlug }
    : await buildAuthority(database.db, { name: { fr: 'Ordre de test', en: 'Test college' }, ...(options.authoritySlug ? { slug: options.authoritySlug } : {}) });
  await options.beforeBuild?.(database);
  const config = loadConfig(
    {
    NODE_ENV: 'test',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    PUBLIC_URL: 'http://localhost:3000',
    DATA_DIR: '/tmp/guichet-test-unused',
    ...options.env,
    },
    moduleSettings,
  );
  const clock = new TestClock();
  const app = await buildApp({
    config,
    database,
    clock,
    transport: options.transport ?? null,
    signInRateLimit: options.signInRateLimit ?? { max: 1000, timeWindow: 60_000 },
    ...(options.devMailKey ? { devMailKey: options.devMailKey } : {}),
    ...(options.log ? { logger: options.log } : {}),
  });
  options.beforeReady?.(app, { database, authorityId: authority.id });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    authorityId: authority.id,
    authoritySlug: authority.slug,
    async close() {
      await app.close();
      if (!shared) await database.close();
    },
  };
}
