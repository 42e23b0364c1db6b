import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isMessageKey, translator } from './i18n/index.ts';

/** A JSON error answer: its status and a short code (never a page, never cached). */
export const apiProblem = (reply: FastifyReply, status: number, error: string) => reply.code(status).header('cache-control', 'no-store').send({ error });

/**
 * Makes a Fastify scope a JSON API's (the register's, surveillance's): not pages — no form parser,
 * JSON errors instead of the HTML error page, a JSON 404.
 *
 * Platform checks a form token on every POST (docs/decisions/0009); an API POST is not a form and
 * is authenticated by its Bearer key, so the scope's JSON parser hands platform the request's own
 * token beside the parsed body (`{ payload, _csrf }`), as billing's webhook scope does. A body that
 * is not JSON is `payload: undefined`, for the route to refuse with its own answer.
 */
export function jsonApiScope(
  scope: FastifyInstance,
  options: {
    bodyLimit: number;
    /**
     * `withheld`: a server error is logged by its kind and codes only, never its message — a
     * failed query's message carries its parameters, which may be a person's details.
     */
    errorLog?: 'full' | 'withheld';
  },
): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: options.bodyLimit }, (request, body, done) => {
    try {
      done(null, { payload: JSON.parse(String(body)) as unknown, _csrf: request.csrfToken });
    } catch {
      done(null, { payload: undefined, _csrf: request.csrfToken });
    }
  });
  scope.setErrorHandler(async (error: { statusCode?: number; name?: string; code?: unknown; cause?: { code?: unknown } }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500 && options.errorLog === 'withheld') request.log.error({ error: { name: error.name, code: error.code, causeCode: error.cause?.code } }, 'server error (its message withheld)');
    else if (status >= 500) request.log.error(error);
    if (status === 429) reply.header('retry-after', '60');
    return apiProblem(reply, status, status === 429 ? 'rate_limited' : status === 415 ? 'unsupported_media_type' : status === 413 ? 'too_large' : status >= 500 ? 'server' : 'bad_request');
  });
  scope.setNotFoundHandler(async (_request, reply) => apiProblem(reply, 404, 'not_found'));
}

/** The parsed JSON body a `jsonApiScope` parser left on the request (undefined: none, or not JSON). */
export const jsonPayload = (body: unknown): unknown => (body as { payload?: unknown } | undefined)?.payload;

/** The key of an `Authorization: Bearer …` header, or null. */
export const bearerKey = (request: FastifyRequest): string | null => /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? null;

/** No key, or one unknown or revoked: 401, saying a Bearer key is what the API takes. */
export const refuseKey = (reply: FastifyReply) => reply.header('www-authenticate', 'Bearer').code(401).header('cache-control', 'no-store').send({ error: 'unauthorized' });

/** A JSON answer of the API: its status and body, never cached. */
export const apiAnswer = (reply: FastifyReply, status: number, body: unknown) => reply.code(status).header('cache-control', 'no-store').send(body);

/**
 * The client system of the request's Bearer key, if the key is known and holds the scope the
 * operation needs; otherwise the refusal is sent (401 without a usable key, 403 without the
 * scope) and null returned, for the route to return the reply.
 */
export async function apiClientOf<C extends { scopes: readonly string[] }>(request: FastifyRequest, reply: FastifyReply, needs: string, authenticate: (key: string) => Promise<C | null>): Promise<C | null> {
  const key = bearerKey(request);
  const found = key ? await authenticate(key) : null;
  if (!found) {
    await refuseKey(reply);
    return null;
  }
  if (!found.scopes.includes(needs)) {
    await reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${needs}"`).code(403).header('cache-control', 'no-store').send({ error: 'insufficient_scope' });
    return null;
  }
  return found;
}

/** JSON may say `null` for an optional field it leaves out: the schemas read an absent field as empty (objects within objects too). */
export function withoutNulls(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/** Zod's issues as an API says them: the path (under `prefix`), and the catalog's English words for the message. */
export function apiIssues(error: z.ZodError, prefix: (string | number)[] = []) {
  const t = translator('en');
  return error.issues.map((i) => ({ path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: isMessageKey(i.message) ? t(i.message) : i.message }));
}

/** OpenAPI 3.1 building blocks shared by the APIs' documents, which are generated from the zod schemas the routes parse and answer with. */
export const openApi = {
  ref: (id: string) => ({ $ref: `#/components/schemas/${id}` }),
  json: (id: string, description: string) => ({ description, content: { 'application/json': { schema: openApi.ref(id) } } }),
  problem: (description: string) => ({ description, content: { 'application/json': { schema: openApi.ref('Problem') } } }),
  /** A schema as a component: JSON Schema 2020-12 is OpenAPI 3.1's dialect, minus the document keys. */
  component(schema: Record<string, unknown>) {
    const { $schema: _schema, $id: _id, ...rest } = schema;
    return rest;
  },
  /** The components of schemas that carry their id in `.meta({ id })`, with the Problem answer every API has. */
  components(list: readonly z.ZodType[]) {
    const registry = z.registry<{ id: string }>();
    for (const s of list) registry.add(s, { id: s.meta()!.id as string });
    const { schemas } = z.toJSONSchema(registry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
    return {
      ...Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, openApi.component(s as Record<string, unknown>)])),
      Problem: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
    };
  },
  /** What a key-authenticated operation answers without a usable key or without its scope. */
  keyRefusals: () => ({ '401': openApi.problem('No key, or a key unknown or revoked'), '403': openApi.problem('The key lacks the scope this operation needs') }),
};
