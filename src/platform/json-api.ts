import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

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
