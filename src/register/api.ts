import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiProblem, bearerKey, jsonApiScope, jsonPayload, refuseKey } from '../platform/json-api.ts';
import { numberParams, searchAnswerSchema, searchQuerySchema, verificationRequestSchema, entrySchema, verificationAnswerSchema } from './schemas.ts';
import type { RateLimit } from './routes.tsx';
import type { RegisterService } from './service.ts';
import { openApiDocument } from './openapi.ts';

const problem = apiProblem;
const answer = (reply: FastifyReply, body: unknown) => reply.header('cache-control', 'no-store').send(body);

/**
 * The register's JSON API (/api/v1/…), in a scope of its own (platform's `jsonApiScope`: not
 * pages, JSON errors, the form token handed over beside the body), and the same per-address limit
 * as the register's pages (one counter for the whole API).
 */
export async function registerApi(app: FastifyInstance, deps: { register: RegisterService; rateLimit: RateLimit; publicUrl: URL }) {
  const { register } = deps;
  const document = openApiDocument(deps.publicUrl);
  await app.register(async (scope) => {
    jsonApiScope(scope, { bodyLimit: 64 * 1024 });
    const limited = { rateLimit: { ...deps.rateLimit, groupId: 'register api' } };
    const authority = (request: FastifyRequest) => request.portal?.id ?? null;

    scope.get('/openapi.json', { config: { access: 'public' } }, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(document));

    scope.get('/register/search', { config: { ...limited, access: 'public' } }, async (request, reply) => {
      const authorityId = authority(request);
      if (!authorityId) return problem(reply, 404, 'not_found');
      const parsed = searchQuerySchema.safeParse(request.query ?? {});
      if (!parsed.success) return problem(reply, 400, 'bad_request');
      const query = parsed.data;
      const found = await register.search(authorityId, query);
      if (!found) return problem(reply, 400, 'needs_name_number_or_place');
      return answer(reply, searchAnswerSchema.parse({ results: found.rows, page: query.page, more: found.more }));
    });

    scope.get('/register/entries/:number', { config: { ...limited, access: 'public' } }, async (request, reply) => {
      const authorityId = authority(request);
      const params = numberParams.safeParse(request.params);
      const entry = authorityId && params.success ? await register.entry(authorityId, params.data.number) : null;
      if (!entry) return problem(reply, 404, 'not_found');
      return answer(reply, entrySchema.parse(entry));
    });

    scope.post('/register/verifications', { config: { ...limited, access: 'client-key' } }, async (request, reply) => {
      const key = bearerKey(request);
      const authorityId = key ? await register.apiClients.authenticate(key) : null;
      if (!authorityId) return refuseKey(reply);
      const body = verificationRequestSchema.safeParse(jsonPayload(request.body));
      if (!body.success) return problem(reply, 400, 'bad_request');
      return answer(reply, verificationAnswerSchema.parse(await register.verify(authorityId, body.data.numbers)));
    });
  }, { prefix: '/api/v1' });
}
