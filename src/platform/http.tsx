import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Config } from './config.ts';
import { matchesAny, secretsOf } from './secrets.ts';
import { type Cookies, cookiesFor } from './cookies.ts';
import { AppError, type ErrorCode, codeFor, errorEntry } from './errors.ts';
import { type Locale, type MessageKey, isLocale, otherLocale, pickLocale, translator } from './i18n/index.ts';
import { type Access, type ActorOf, guard } from './access.ts';
import { addressOf, href, type PageName, pageFor } from './paths.ts';
import { isSlug, type Portal, PORTAL_FIELD, type PortalHint } from './portal.ts';
import type { PageContext } from './views/layout.tsx';
import { KEEP_TYPED } from './views/forms.tsx';
import { LinkLine } from './views/link.tsx';
import { MessagePage } from './views/message.tsx';

const keepsTyped = (body: unknown) => typeof body === 'object' && body !== null && typeof (body as Record<string, unknown>)[KEEP_TYPED] === 'string';

const require = createRequire(import.meta.url);
const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist', 'govuk');
// The package exports only its entry points: its ES module build sits beside the CommonJS one.
const webauthnBrowserEsm = join(dirname(require.resolve('@simplewebauthn/browser')), '..', 'esm');

/**
 * The design system's stylesheet without its typeface: GDS Transport is licensed to GOV.UK services
 * only and not shipped in the package, so its @font-face rules would only ask for missing files.
 */
export function designSystemStylesheet(): string {
  return readFileSync(join(govukDist, 'govuk-frontend.min.css'), 'utf8')
    .replace(/@font-face\{[^}]*\}/g, '')
    .replaceAll('GDS Transport,', '');
}

declare module 'fastify' {
  interface FastifyRequest {
    /** What a form's language switch carried over (`KEEP_TYPED`), for the page's fields. */
    typedValues: Record<string, string> | undefined;
    locale: Locale;
    csrfToken: string;
    /** The form token under SESSION_SECRET_PREVIOUS, accepted too while it is set ('' otherwise). */
    csrfPrevious: string;
    pageAccount: PageContext['account'];
    /** The authority's portal this request is in (platform/portal.ts), or null when none is known. */
    portal: Portal | null;
  }
}

/** A generated PDF (a receipt, a certificate) as a download named `fileName.pdf`, never cached: it is someone's own. */
export function sendPdf(reply: FastifyReply, fileName: string, pdf: Uint8Array): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${fileName}.pdf"`)
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
}

export function sendHtml(reply: FastifyReply, node: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!DOCTYPE html>${render(node)}`);
}

/**
 * Whether a value is this request's form token. Platform's hook checks every form post with it; a
 * multipart page (`page(…, { multipart: true })`) calls it on the token field it reads from the stream.
 */
export function verifyCsrf(request: FastifyRequest, value: unknown): boolean {
  return typeof value === 'string' && matchesAny(value, [request.csrfToken, request.csrfPrevious]);
}

/**
 * A multipart body that is not one (no boundary, cut before its end, a broken part header) is the
 * sender's mistake, 400: busboy says so only in its messages, plain errors a multipart page rethrows
 * through this. Anything else is left as it is.
 */
export function malformedMultipart(error: unknown): unknown {
  const message = error instanceof Error && !(error instanceof AppError) ? error.message : '';
  // A file part whose body ends before its boundary: the stream reading it closes early.
  if ((error as { code?: string } | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE') return new AppError('bad_request');
  return /^Multipart: Boundary not found$|unexpected end of multipart data|^Malformed part header|^Unexpected end of form$/i.test(message) ? new AppError('bad_request') : error;
}

/** Where a page that needs a signed-in person sends someone who is not (identity's sign-in page). */
let signInPage: PageName;

/** Registers the shared HTTP behaviour: parsing limits, headers, CSRF, language, errors. */
export async function registerHttp(
  app: FastifyInstance,
  config: Config,
  deps: {
    signIn: PageName;
    /**
     * Origins a page's forms may post to besides this site (federation's identity providers): a port.
     * Chromium applies form-action to the redirects that follow a form post, so the pages with
     * "Sign in with …" buttons must allow the providers' origins; no other page does.
     */
    formTargets: () => ((page: PageName) => Promise<string[]>) | undefined;
  },
): Promise<void> {
  signInPage = deps.signIn;
  const [secret, previous] = secretsOf(config);
  const cookies = cookiesFor(config.isProduction);
  // The token is bound to the session as well as to the seed: a seed planted by a sibling
  // subdomain is useless without the victim's session, and signing in renews the token.
  const csrfFor = (key: string, seed: string, session: string) => createHmac('sha256', key).update(`csrf:${seed}:${session}`).digest('base64url');

  // Forms only: any other body type is refused with 415 before a handler sees it.
  app.removeAllContentTypeParsers();
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  // Multipart bodies are streamed by the page that reads them (documents' upload), never parsed
  // here; only pages declaring `multipart: true` take them. Small limits for everything but the
  // one file, whose size limit the reading page sets: a file past it is cut short and marked
  // `truncated` (not thrown), so the page reads the rest of the form and answers with the limit.
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fieldNameSize: 100, fieldSize: 4 * 1024, fields: 20, files: 1, parts: 21, headerPairs: 50 } });
  // The security headers are the same on every answer, so helmet's middleware is built once, here:
  // @fastify/helmet built it anew (options parsed, directives checked) on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    hsts: config.isProduction ? { maxAge: 31536000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  await app.register(fastifyStatic, {
    root: [join(import.meta.dirname, '..', '..', 'public'), govukDist],
    prefix: '/assets/',
    allowedPath: (path) =>
      path === '/guichet.css' || path === '/security-keys.js' || path.startsWith('/assets/images/'),
    maxAge: '1h',
  });
  const stylesheet = designSystemStylesheet();
  const stylesheetTag = `"${createHash('sha256').update(stylesheet).digest('base64url').slice(0, 16)}"`;
  app.get('/assets/govuk-frontend.min.css', { config: { access: 'public' } }, (request, reply) => {
    reply.header('cache-control', 'public, max-age=3600').header('etag', stylesheetTag).type('text/css; charset=utf-8');
    if (request.headers['if-none-match'] === stylesheetTag) return reply.code(304).send();
    return reply.send(stylesheet);
  });
  // @simplewebauthn/browser as the ES modules npm installed: no bundle to build or commit.
  await app.register(fastifyStatic, {
    root: webauthnBrowserEsm,
    prefix: '/assets/webauthn/',
    decorateReply: false,
    allowedPath: (path) => path.endsWith('.js'),
    maxAge: '1h',
  });

  app.decorateRequest('locale', 'fr');
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('csrfPrevious', '');
  app.decorateRequest('pageAccount', null);
  app.decorateRequest('typedValues', undefined);

  app.addHook('onRequest', async (request, reply) => {
    const first = request.url.split('/')[1]?.split('?')[0];
    request.locale = isLocale(first) ? first : pickLocale(request.headers['accept-language']);
    // Signed double-submit: the form token is an HMAC of a random cookie only this site can set,
    // and of the session cookie.
    let seed = request.cookies[cookies.csrf];
    if (!seed || seed.length < 20) {
      seed = randomBytes(24).toString('base64url');
      reply.setCookie(cookies.csrf, seed, cookies.options);
    }
    const session = request.cookies[cookies.session] ?? '';
    request.csrfToken = csrfFor(secret!, seed, session);
    // A form loaded before SESSION_SECRET changed still posts, while the old one is kept beside it.
    if (previous) request.csrfPrevious = csrfFor(previous, seed, session);
  });

  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    if (request.isMultipart()) {
      // The token is a field of the stream the page reads: the page checks it (verifyCsrf) before the file.
      if ((request.routeOptions.config as { multipart?: boolean } | undefined)?.multipart) return;
      throw new AppError('unsupported');
    }
    const body = request.body as Record<string, unknown> | undefined;
    if (!verifyCsrf(request, body?._csrf)) throw new AppError('csrf');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const found = pageFor(request.routeOptions.url ?? '');
    const targets = found ? deps.formTargets() : undefined;
    if (!found || !targets) return payload;
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp !== 'string') return payload;
    const origins = await targets(found.name);
    if (origins.length > 0) reply.header('content-security-policy', csp.replace("form-action 'self'", `form-action 'self' ${origins.join(' ')}`));
    return payload;
  });

  app.get('/', { config: { access: 'public' } }, async (request, reply) => reply.redirect(href('home', pickLocale(request.headers['accept-language']))));

  app.setNotFoundHandler(async (request, reply) => renderError(request, reply, 'not_found'));
  app.setErrorHandler(async (error, request, reply) => {
    const code = codeFor(error as { code?: string; statusCode?: number });
    if (code === 'server') request.log.error(error);
    return renderError(request, reply, code);
  });

  function renderError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode) {
    const entry = errorEntry(code);
    const ctx = pageContext(request);
    if (code === 'rate_limited') reply.header('retry-after', '60');
    return sendHtml(
      reply,
      <MessagePage ctx={ctx} title={ctx.t(entry.title)} paragraphs={[ctx.t(entry.body)]}>
        <LinkLine href={href('home', ctx.locale)}>{ctx.t('error.home')}</LinkLine>
      </MessagePage>,
      entry.status,
    );
  }

}

/**
 * The portal of every request (docs/decisions/0006), after the session is read: the host name's when
 * an operator mapped it, else the one the form or the address names (a page's hidden field, a mailed
 * link's ?portal=), else the one last opened (a cookie), else the only authority, else the authority a
 * signed-in person acts for. A slug named explicitly is remembered.
 */
export function registerPortalHook(
  app: FastifyInstance,
  deps: { cookies: Cookies; resolvePortal: () => ((hint: PortalHint) => Promise<Portal | null>) | undefined },
): void {
  const { cookies } = deps;
  app.decorateRequest('portal', null);
  app.addHook('preHandler', async (request, reply) => {
    const resolve = deps.resolvePortal();
    if (!resolve || request.url.startsWith('/assets/')) return;
    const body = request.body as Record<string, unknown> | undefined;
    const query = request.query as Record<string, unknown> | undefined;
    const named = [body?.[PORTAL_FIELD], query?.[PORTAL_FIELD]].find(isSlug);
    const remembered = request.cookies[cookies.portal];
    request.portal = await resolve({
      host: request.host,
      slug: named ?? (isSlug(remembered) ? remembered : undefined),
      actingAuthorityId: request.account?.staffAuthorityId,
    });
    if (named && request.portal && !request.portal.viaHost && request.portal.slug === named && named !== remembered) {
      reply.setCookie(cookies.portal, named, cookies.options);
    }
  });
}

/** The context a page renders with; the twin link keeps the query string. */
export function pageContext(request: FastifyRequest): PageContext {
  const locale = request.locale;
  const other = otherLocale(locale);
  const page = pageFor(request.routeOptions.url ?? '');
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
  const params = request.params as Record<string, string>;
  const record = (request.routeOptions.config as { page?: PageRecord } | undefined)?.page;
  const twinHref = page ? href(page.name, other, params) + query : href('home', other);
  return {
    locale,
    t: translator(locale),
    twinHref,
    csrfToken: request.csrfToken,
    account: request.pageAccount,
    portal: request.portal,
    // A form posting to this page (with a GET to re-render) makes the language link its button.
    keepTyped: page && record?.get && record.post ? { formAction: href(page.name, locale, params), typed: request.typedValues } : undefined,
  };
}

/**
 * A page's methods in one app, shared by its GET and POST routes (in their config): the language
 * switch of its form re-renders the GET. Kept per Fastify scope, so two apps in one process
 * (the tests) never mix their handlers.
 */
interface PageRecord {
  get?: { handler: PageHandler<Access>; access: Access };
  post: boolean;
}
const pageRecords = new WeakMap<FastifyInstance, Map<PageName, PageRecord>>();
function recordOf(app: FastifyInstance, name: PageName): PageRecord {
  let records = pageRecords.get(app);
  if (!records) pageRecords.set(app, (records = new Map()));
  let record = records.get(name);
  if (!record) records.set(name, (record = { post: false }));
  return record;
}
type PageHandler<X extends Access> = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, actor: ActorOf<X>) => Promise<unknown>;

/** What was typed, as a page shows it again: never the CSRF token, a password, a code or a signed answer. */
function typedValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && !name.startsWith('_') && name !== KEEP_TYPED && !/password|credential|token|^code$|(?<!postal)Code$/i.test(name)) out[name] = value;
  }
  return out;
}

/**
 * Registers one page under its French and English addresses, with who may open it: the guard
 * runs before the handler and hands it the actor (`access`, platform/access.ts).
 */
export function page<const X extends Access>(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  name: PageName,
  handler: PageHandler<X>,
  options: {
    access: X;
    config?: Record<string, unknown>;
    /** The page reads a multipart body itself (an upload) and checks its form token with `verifyCsrf`. */
    multipart?: true;
  },
): void {
  const record = recordOf(app, name);
  if (method === 'GET') record.get = { handler: handler as PageHandler<Access>, access: options.access };
  else record.post = true;
  // Both addresses of a page share one rate-limit counter (databaseRateLimitStore), named by the page.
  const limit = options.config?.rateLimit as Record<string, unknown> | undefined;
  const config = { ...options.config, access: options.access, page: record, ...(options.multipart ? { multipart: true } : {}), ...(limit ? { rateLimit: { ...limit, groupId: `${method} ${name}` } } : {}) };
  for (const locale of ['fr', 'en'] as const) {
    app.route({
      method,
      url: addressOf(name, locale),
      config,
      handler: async (request, reply) => {
        // The language switch (or "forgot password") of a form: this page's GET, in the language
        // of the address posted to, with what was typed and without error messages. Nothing is done.
        const shown = method === 'POST' && keepsTyped(request.body) ? record.get : undefined;
        if (shown) {
          const allowed = await guard(request, reply, shown.access, signInPage);
          if (!allowed) return reply;
          request.typedValues = typedValues(request.body);
          return shown.handler(request, reply, pageContext(request), allowed.actor as never);
        }
        const allowed = await guard(request, reply, options.access, signInPage);
        if (!allowed) return reply;
        return handler(request, reply, pageContext(request), allowed.actor as ActorOf<X>);
      },
    });
  }
}

/**
 * The notice a page was redirected with (`?notice=saved`), as the catalog key the page maps it to;
 * anything else in the address shows nothing.
 */
export function noticeOf<K extends string>(request: FastifyRequest, notices: Readonly<Record<K, MessageKey>>): MessageKey | undefined {
  const name = (request.query as Record<string, unknown>).notice;
  return typeof name === 'string' && Object.hasOwn(notices, name) ? notices[name as K] : undefined;
}
