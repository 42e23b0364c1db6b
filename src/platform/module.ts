import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PdfRenderer } from './pdf/index.ts';
import type { VNode } from 'preact';
import type { Transporter } from 'nodemailer';
import type PgBoss from 'pg-boss';
import type { Gate } from './access.ts';
import type { AuthorityRole, OrganizationRole, OrganizationStatus, SessionAccount, StaffActor } from './actors.ts';
import type { BackgroundWork } from './background.ts';
import type { Clock } from './clock.ts';
import type { EventLabel } from './events.ts';
import type { Config, ModuleSettings } from './config.ts';
import type { Cookies } from './cookies.ts';
import type { Database, DatabaseHandle } from './db.ts';
import type { ErrorEntry } from './errors.ts';
import type { Bilingual, Locale, MessageKey } from './i18n/index.ts';
import type { PageName, PageTable } from './paths.ts';
import type { Portal, PortalHint } from './portal.ts';
import type { SealedColumns } from './secrets.ts';
import type { PageContext } from './views/layout.tsx';

/**
 * What one module brings, declared once in its `index.ts`; `src/modules.ts` lists the modules and
 * the composition root (`src/app.ts`) assembles every table below from that list. Platform knows
 * the shape, never the modules.
 */
export interface ModuleDefinition {
  readonly name: string;
  /** Page name → its French and English addresses. */
  readonly pages?: Readonly<Record<string, Readonly<Record<Locale, string>>>>;
  /** The module's strings; `en` has exactly `fr`'s keys (its type says so). */
  readonly catalog?: { readonly fr: Readonly<Record<string, string>>; readonly en: Readonly<Record<string, string>> };
  /** Audit event → the catalog key of its label (the details' type is in the module's `events.ts`). */
  readonly events?: Readonly<Record<string, EventLabel<unknown>>>;
  /** Mail template → its subject and body keys (src/mail renders them). */
  readonly mail?: Readonly<Record<string, MailSpec>>;
  /** pg-boss queues this module works (started when mail can be sent, as today). */
  readonly jobs?: readonly JobDefinition[];
  /** Environment variables of its own, checked at start with platform's (all wrong ones listed together). */
  readonly config?: ModuleSettings;
  /** Links in the staff console's navigation; `onlyFor`: the roles that see it (any role when absent). */
  readonly staffNav?: readonly StaffNavEntry[];
  /**
   * Cards on the person's dashboard: each says what waits for them or what they can start, or
   * nothing (null) when it has nothing to say.
   */
  readonly dashboardCards?: readonly DashboardCard[];
  /**
   * Cards on the staff console's home, for the authority the session acts for: what waits for its
   * staff there ("Applications to review: 12 queued, 3 yours"), or nothing (null).
   */
  readonly staffCards?: readonly StaffCard[];
  /**
   * What a person can do with this module, listed on every authority's portal home (its title
   * links to the page, its description says what for), in `position` order whichever module declares it.
   */
  readonly portalServices?: readonly PortalService[];
  /** Error codes of its own: status and translated title and body. */
  readonly errors?: Readonly<Record<string, ErrorEntry>>;
  /** The Drizzle tables it owns (its `schema.ts`): only this module writes them. */
  readonly tables?: Readonly<Record<string, unknown>>;
  /** Columns of its tables holding sealed values (platform/secrets.ts): `npm run cli -- reseal` seals them again after SESSION_SECRET changes. */
  readonly sealed?: readonly SealedColumns[];
  /** Builds its services, plugs its ports and registers its pages, inside its own Fastify scope. */
  readonly register?: (app: FastifyInstance, kit: ModuleKit) => void | Promise<void>;
}

export interface MailSpec {
  subject: MessageKey;
  body: MessageKey;
  /** "If this was not you, ignore it" (a message the person may not have asked for). */
  ignorable: boolean;
}

export interface JobDefinition {
  queue: string;
  /** Handles one job; must be idempotent (a job may run again after a crash). */
  handle: (data: unknown, kit: ModuleKit) => Promise<void>;
}

/** An authority the person sees on their dashboard, with the roles they hold there (none for most people). */
export interface DashboardAuthority {
  id: string;
  name: Bilingual;
  roles: readonly AuthorityRole[];
}

export interface PortalService {
  name: string;
  page: PageName;
  title: MessageKey;
  description: MessageKey;
  position: number;
}

/** An organization the person is a member of, under its authority on the dashboard. */
export interface DashboardOrganization {
  id: string;
  authorityId: string;
  name: Bilingual;
  role: OrganizationRole;
  status: OrganizationStatus;
}

interface CardBase {
  name: string;
  /** `waiting`: something waits for the person (a decision, a queue); `start`: something they can begin. */
  kind: 'waiting' | 'start';
}

/**
 * A card of the dashboard, by where it shows: once at the top (`account`: about the person
 * themselves), once per authority (`authority`), or once per organization they are a member of
 * (`organization`). `render` answers null when the card has nothing to say there.
 */
export type DashboardCard =
  | (CardBase & { group: 'account'; render: (request: FastifyRequest, account: SessionAccount, ctx: PageContext) => Promise<VNode | null> })
  | (CardBase & {
      group: 'authority';
      render: (request: FastifyRequest, account: SessionAccount, ctx: PageContext, authority: DashboardAuthority) => Promise<VNode | null>;
    })
  | (CardBase & {
      group: 'organization';
      render: (request: FastifyRequest, account: SessionAccount, ctx: PageContext, organization: DashboardOrganization) => Promise<VNode | null>;
    });

/** A card of the staff home; `render` answers null when it has nothing to say to this staff member. */
export interface StaffCard {
  name: string;
  render: (request: FastifyRequest, staff: StaffActor, ctx: PageContext) => Promise<VNode | null>;
}

export interface StaffNavEntry {
  page: PageName;
  label: MessageKey;
  /** Where it stands in the navigation (smaller first), whichever module declares it. */
  position: number;
  onlyFor?: readonly AuthorityRole[];
}

/**
 * The services modules offer each other, by module name: each module adds its own to this
 * interface (declaration merging in its `index.ts`) and sets it in `kit.services` when it registers.
 * A module only reads the services of modules listed before it.
 */
export interface ModuleServices {}

/**
 * Ports: what a lower module asks of a higher one (identity showing federation's buttons). The
 * lower module declares the port here (declaration merging) and calls it if present; the higher
 * module plugs it in when it registers. Read at request time, never at registration.
 */
export interface Ports {
  /** The session behind a cookie (identity): read by platform's session hook on every request. */
  readSession: (token: string) => Promise<SessionAccount | null>;
  /** Origins a page's forms may post to besides this site (federation's identity providers). */
  formTargets: (page: PageName) => Promise<string[]>;
  /** The portal a request is in, from its host name or a slug it names (authorities): read by platform's portal hook. */
  resolvePortal: (hint: PortalHint) => Promise<Portal | null>;
}

/** A service the portal needs to answer (named in `/readyz`'s answer): resolves when it answers. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** What every module's `register` receives: the app's shared parts, one set per app. */
export interface ModuleKit {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly db: Database;
  readonly clock: Clock;
  readonly cookies: Cookies;
  readonly background: BackgroundWork;
  readonly signInRateLimit: { max: number; timeWindow: number };
  /** The job queue (pg-boss), started when mail can be sent; null otherwise (development without SMTP_URL). */
  readonly boss: PgBoss | null;
  /** Where mail goes; null keeps it in the database. */
  readonly mailTransport: Transporter | null;
  /** Opens the development mail page; absent in production and with SMTP_URL. */
  readonly devMailKey: string | undefined;
  /** The gates every signed-in request passes (platform/access.ts), in the order modules add them. */
  readonly gates: Gate[];
  /** What `/readyz` checks besides the database, added by the modules that hold it (documents: its storage). */
  readonly readiness: ReadinessCheck[];
  /** The assembled tables, for the foundation modules that serve every other (audit labels, mail templates). */
  readonly assembled: Assembled;
  readonly services: ModuleServices;
  readonly ports: Partial<Ports>;
  /** The app's accessible-PDF renderer (receipts, certificates): one compiler, shared. */
  readonly pdf: PdfRenderer;
}

export interface Assembled {
  readonly modules: readonly ModuleDefinition[];
  readonly pages: Readonly<Record<string, Readonly<Record<Locale, string>>>>;
  readonly catalogs: Readonly<Record<Locale, Readonly<Record<string, string>>>>;
  readonly events: Readonly<Record<string, MessageKey>>;
  readonly mail: Readonly<Record<string, MailSpec>>;
  readonly jobs: readonly JobDefinition[];
  readonly staffNav: readonly StaffNavEntry[];
  readonly dashboardCards: readonly DashboardCard[];
  readonly staffCards: readonly StaffCard[];
  /** Every module's portal services, in position order. */
  readonly portalServices: readonly PortalService[];
  readonly errors: Readonly<Record<string, ErrorEntry>>;
  readonly tables: Readonly<Record<string, unknown>>;
  /** Which module declared each table (by its SQL name): the owner, the only writer. */
  readonly tableOwners: Readonly<Record<string, string>>;
  readonly sealed: readonly SealedColumns[];
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The services the modules offer each other, set by each as it registers (the CLI and the tests use them too). */
    services: ModuleServices;
  }
}

export function defineModule<const M extends ModuleDefinition>(definition: M): M {
  return definition;
}

/**
 * One part of a module too large for one folder (access requests, surveillance): its pages,
 * strings, mail, jobs and cards, merged by the module's `index.ts` (`mergeParts`); `register`
 * builds its service on the module's shared core and registers its pages in the module's scope.
 */
export interface ModulePart<S, Core> {
  paths: PageTable;
  catalog: { fr: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> };
  mail?: Readonly<Record<string, MailSpec>>;
  jobs?: readonly JobDefinition[];
  staffCards?: readonly StaffCard[];
  dashboardCards?: readonly DashboardCard[];
  register(app: FastifyInstance, kit: ModuleKit, core: Core): S;
}

/** A module's `definePart`, typed by its core: `export const definePart = partsOf<MyCore>();`. */
export const partsOf =
  <Core>() =>
  <S>(part: ModulePart<S, Core>) =>
    part;

/** What a module's parts declare, merged with the module's own strings, for its `defineModule`. */
export function mergeParts(catalog: { fr: Readonly<Record<string, string>>; en: Readonly<Record<string, string>> }, parts: readonly ModulePart<unknown, never>[]) {
  return {
    catalog: {
      fr: Object.assign({ ...catalog.fr }, ...parts.map((p) => p.catalog.fr)) as Record<string, string>,
      en: Object.assign({ ...catalog.en }, ...parts.map((p) => p.catalog.en)) as Record<string, string>,
    },
    mail: Object.assign({}, ...parts.map((p) => p.mail ?? {})) as Record<string, MailSpec>,
    jobs: parts.flatMap((p) => p.jobs ?? []),
    staffCards: parts.flatMap((p) => p.staffCards ?? []),
    dashboardCards: parts.flatMap((p) => p.dashboardCards ?? []),
  };
}

/** How long pg-boss keeps a completed job before archiving it (its default, which app.ts keeps). */
export const JOB_ARCHIVE_SECONDS = 12 * 3600;

/**
 * Queues a module's periodic job every `everyMs` while the app runs. pg-boss's own scheduler is
 * off (app.ts): each tick sends with a singleton key, so one run at a time is queued across
 * processes, and the runs are idempotent, so a missed tick is caught up by the next. `singletonKey`
 * may be a function (a key per day makes a daily job of an hourly tick); `atStart` queues a run at
 * once too. Without a queue (development without SMTP_URL) nothing is scheduled.
 * `singletonSeconds` is at most pg-boss's archive interval: past it pg-boss refuses every send (it
 * would archive the job that keeps the next one out), so the job would never run; the start stops instead.
 */
export function queueEvery(app: FastifyInstance, boss: PgBoss | null, job: { queue: string; everyMs: number; singletonKey: string | (() => string); singletonSeconds: number; atStart?: boolean }): void {
  if (job.singletonSeconds > JOB_ARCHIVE_SECONDS) throw new Error(`queue ${job.queue}: singletonSeconds ${job.singletonSeconds} is past pg-boss's archive interval (${JOB_ARCHIVE_SECONDS} s)`);
  if (!boss) return;
  const send = () => {
    const singletonKey = typeof job.singletonKey === 'function' ? job.singletonKey() : job.singletonKey;
    boss.send(job.queue, {}, { singletonKey, singletonSeconds: job.singletonSeconds }).catch((error: unknown) => app.log.error(error));
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    if (job.atStart) send();
    timer = setInterval(send, job.everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

export class DuplicateDeclaration extends Error {
  override name = 'DuplicateDeclaration';
}

/**
 * Merges what the modules declare, in list order; the same page, address, string key, audit
 * event, mail template, queue, error code or table declared twice stops the start, naming it.
 */
export function assemble(modules: readonly ModuleDefinition[], platform: { catalog: ModuleDefinition['catalog']; errors: Record<string, ErrorEntry> }): Assembled {
  const owners = new Map<string, string>();
  const claim = (what: string, key: string, by: string) => {
    const id = `${what} ${key}`;
    const earlier = owners.get(id);
    if (earlier) throw new DuplicateDeclaration(`${what} "${key}" is declared by both ${earlier} and ${by}`);
    owners.set(id, by);
  };
  const pages: Record<string, Record<Locale, string>> = {};
  const catalogs: Record<Locale, Record<string, string>> = { fr: {}, en: {} };
  const events: Record<string, MessageKey> = {};
  const mail: Record<string, MailSpec> = {};
  const jobs: JobDefinition[] = [];
  const staffNav: StaffNavEntry[] = [];
  const dashboardCards: DashboardCard[] = [];
  const staffCards: StaffCard[] = [];
  const portalServices: PortalService[] = [];
  const errors: Record<string, ErrorEntry> = {};
  const tables: Record<string, unknown> = {};
  const tableOwners: Record<string, string> = {};
  const sealed: SealedColumns[] = [];
  const addCatalog = (catalog: ModuleDefinition['catalog'], by: string) => {
    if (!catalog) return;
    for (const [key, text] of Object.entries(catalog.fr)) {
      claim('string', key, by);
      catalogs.fr[key] = text;
    }
    for (const [key, text] of Object.entries(catalog.en)) catalogs.en[key] = text;
  };
  addCatalog(platform.catalog, 'platform');
  for (const [code, entry] of Object.entries(platform.errors)) {
    claim('error code', code, 'platform');
    errors[code] = entry;
  }
  for (const m of modules) {
    claim('module', m.name, m.name);
    for (const [name, addresses] of Object.entries(m.pages ?? {})) {
      claim('page', name, m.name);
      for (const address of Object.values(addresses)) claim('address', address, m.name);
      pages[name] = addresses;
    }
    addCatalog(m.catalog, m.name);
    for (const [event, label] of Object.entries(m.events ?? {})) {
      claim('audit event', event, m.name);
      events[event] = label.label;
    }
    for (const [template, spec] of Object.entries(m.mail ?? {})) {
      claim('mail template', template, m.name);
      mail[template] = spec;
    }
    for (const job of m.jobs ?? []) {
      claim('queue', job.queue, m.name);
      jobs.push(job);
    }
    staffNav.push(...(m.staffNav ?? []));
    for (const card of m.dashboardCards ?? []) {
      claim('dashboard card', card.name, m.name);
      dashboardCards.push(card);
    }
    for (const card of m.staffCards ?? []) {
      claim('staff card', card.name, m.name);
      staffCards.push(card);
    }
    for (const service of m.portalServices ?? []) {
      claim('portal service', service.name, m.name);
      portalServices.push(service);
    }
    for (const [code, entry] of Object.entries(m.errors ?? {})) {
      claim('error code', code, m.name);
      errors[code] = entry;
    }
    for (const [name, table] of Object.entries(m.tables ?? {})) {
      const sqlName = tableName(table) ?? name;
      claim('table', sqlName, m.name);
      tables[name] = table;
      tableOwners[sqlName] = m.name;
    }
    for (const declared of m.sealed ?? []) {
      for (const column of declared.columns) claim('sealed column', `${tableName(declared.table)}.${column.name}`, m.name);
      sealed.push(declared);
    }
  }
  portalServices.sort((a, b) => a.position - b.position);
  return { modules, pages, catalogs, events, mail, jobs, staffNav, dashboardCards, staffCards, portalServices, errors, tables, tableOwners, sealed };
}

/** A Drizzle table's SQL name (kept under a symbol); null for anything else a schema file exports. */
export function tableName(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const symbol = Object.getOwnPropertySymbols(value).find((s) => s.description === 'drizzle:Name');
  const name = symbol ? (value as Record<symbol, unknown>)[symbol] : null;
  return typeof name === 'string' ? name : null;
}
