import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthorityRole, SessionAccount, StaffActor } from './actors.ts';
import type { Cookies } from './cookies.ts';
import { AppError } from './errors.ts';
import { href, type PageName, pageFor } from './paths.ts';

/**
 * Who may open a page, declared with the page (`page(…, { access })`); the guard runs before the
 * handler and hands it the actor:
 * - `public`: anyone, signed in or not (the actor is null);
 * - `account`: a signed-in person (the sign-in page otherwise);
 * - `signing-in`: a person between their password and their second step;
 * - `staff`: a person holding a role in the authority their session acts for; `{ staff: roles }`:
 *   one of those roles (anyone else: page not found);
 * - a `Guard` of a module (an organization's member, a record's owner): its own actor, or page not found.
 */
export type Access = 'public' | 'account' | 'signing-in' | 'staff' | { readonly staff: readonly AuthorityRole[] } | Guard<unknown>;

/**
 * Who may call a route that is not a page: `public` (health, the stylesheet, an OpenAPI document, a
 * sign-in callback), `client-key` (a JSON API whose handler checks the Bearer key and its scope:
 * `apiClientOf`), or `signed-webhook` (a payment provider's call, its signature checked by the
 * handler). Every route declares one; `test/int/routes.int.test.ts` fails on a route without.
 */
export type RouteAccess = Access | 'client-key' | 'signed-webhook';

export interface Guard<A> {
  /** Names the scope in the route table the isolation test walks (`organization`, …). */
  readonly scope: string;
  /** The actor, or null when this person may not see the page (answered "page not found"). */
  resolve(request: FastifyRequest, account: SessionAccount): Promise<A | null>;
}

export type ActorOf<X extends Access> = X extends 'public'
  ? null
  : X extends Guard<infer A>
    ? A
    : SessionAccount;

/** The scope a route is recorded under: every page but the public ones has one (not a session's: none for keys and webhooks). */
export function scopeOf(access: RouteAccess): string | null {
  if (access === 'public' || access === 'client-key' || access === 'signed-webhook') return null;
  if (typeof access === 'string') return access;
  return 'staff' in access ? 'staff' : access.scope;
}

/**
 * The staff of an authority where a module is on (`isOn`: its settings exist and say so): a role
 * in it; anyone else, staff of an authority without the module among them, finds no such page.
 */
export function staffWhereOn(isOn: (authorityId: string) => Promise<boolean>): Guard<StaffActor & { account: SessionAccount }> {
  return {
    scope: 'staff',
    async resolve(_request, account) {
      if (!account.isStaff || account.authorityRoles.length === 0) return null;
      if (!(await isOn(account.staffAuthorityId))) return null;
      return { id: account.id, staffAuthorityId: account.staffAuthorityId, authorityRoles: account.authorityRoles, account };
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Signed in (stage complete), or enrolling a second factor (stage enrol, behind its gate). */
    account: SessionAccount | null;
    /** Password given, second factor awaited: only the second-step pages take it. */
    signInSession: SessionAccount | null;
  }
  interface FastifyInstance {
    /** Every page that is not public, with its scope: the isolation test walks them all. */
    scopedRoutes: { method: string; url: string; scope: string }[];
    /** Every route and the access it declares (null: none), from the first route on (`recordRouteAccess`). */
    routeAccess: { method: string; url: string; access: RouteAccess | null }[];
  }
  interface FastifyContextConfig {
    /** Set by `page()`: who may open it; declared by every other route (`RouteAccess`). */
    access?: RouteAccess;
  }
}

/**
 * A gate keeps a signed-in person on one page until something is done (replace a given password,
 * set up a second factor), except on the pages whose route config names the gate.
 */
export interface Gate {
  /** The route config flag that lets a page through this gate. */
  readonly openOn: string;
  applies(account: SessionAccount): boolean;
  readonly to: PageName;
  /** Remembers the page the person was opening (a GET), to take them there once the gate is passed. */
  remember?(request: FastifyRequest, account: SessionAccount): Promise<void>;
}

/** Records every route and its declared access, from here on: called before any route is added. */
export function recordRouteAccess(app: FastifyInstance): void {
  app.decorate('routeAccess', [] as FastifyInstance['routeAccess']);
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: RouteAccess } | undefined)?.access ?? null;
    for (const method of ([] as string[]).concat(route.method)) app.routeAccess.push({ method, url: route.url ?? route.path, access });
  });
}

/**
 * The session hook, then the gates, in the order platform writes them down: every request reads
 * its session (through identity's reader, a port), and a gated person is sent to their page.
 */
export function registerSessionHook(
  app: FastifyInstance,
  deps: { cookies: Cookies; readSession: () => ((token: string) => Promise<SessionAccount | null>) | undefined; gates: readonly Gate[] },
): void {
  app.decorateRequest('account', null);
  app.decorateRequest('signInSession', null);
  app.decorate('scopedRoutes', [] as { method: string; url: string; scope: string }[]);
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: RouteAccess } | undefined)?.access;
    const scope = access ? scopeOf(access) : null;
    if (!scope) return;
    for (const method of ([] as string[]).concat(route.method)) app.scopedRoutes.push({ method, url: route.url ?? route.path, scope });
  });
  app.addHook('preHandler', async (request, reply) => {
    const token = request.cookies[deps.cookies.session];
    const read = deps.readSession();
    if (!token || !read) return;
    const session = await read(token);
    if (session?.stage === 'second_factor') {
      request.signInSession = session;
      return;
    }
    request.account = session;
    request.pageAccount = session
      ? { givenName: session.givenName, familyName: session.familyName, isStaff: session.isStaff, authorityRoles: session.authorityRoles, actingFor: session.actingFor }
      : null;
    if (!session || !pageFor(request.routeOptions.url ?? '')) return;
    const config = request.routeOptions.config as unknown as Record<string, unknown>;
    for (const gate of deps.gates) {
      if (gate.applies(session) && !config[gate.openOn]) {
        if (request.method === 'GET' && gate.remember) await gate.remember(request, session);
        return reply.redirect(href(gate.to, request.locale), 303);
      }
    }
  });
}

/**
 * Runs a page's guard: the actor, or null when the answer (a redirect to sign in) is already sent.
 * Refusals are "page not found": a page one may not open does not exist for them.
 */
export async function guard(request: FastifyRequest, reply: FastifyReply, access: Access, signInPage: PageName): Promise<{ actor: unknown } | null> {
  if (access === 'public') return { actor: null };
  if (access === 'signing-in') {
    if (request.signInSession) return { actor: request.signInSession };
    void reply.redirect(href(signInPage, request.locale));
    return null;
  }
  const account = request.account;
  if (!account) {
    void reply.redirect(href(signInPage, request.locale));
    return null;
  }
  if (access === 'account') return { actor: account };
  if (access === 'staff') {
    if (account.authorityRoles.length === 0) throw new AppError('not_found');
    return { actor: account };
  }
  if ('staff' in access) {
    if (!account.authorityRoles.some((role) => access.staff.includes(role))) throw new AppError('not_found');
    return { actor: account };
  }
  const actor = await access.resolve(request, account);
  if (actor === null) throw new AppError('not_found');
  return { actor };
}
