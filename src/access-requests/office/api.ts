import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isMessageKey, translator } from '../../platform/i18n/index.ts';
import { apiProblem, bearerKey, jsonApiScope, jsonPayload, refuseKey } from '../../platform/json-api.ts';
import { origin } from '../../platform/origin.ts';
import { apiAnswerSchema, apiRequestSchema, apiStatusSchema, idempotencyKey, numberParams, validationProblemSchema } from './schemas.ts';
import type { ApiScope, OfficeService } from './service.ts';

const answer = (reply: FastifyReply, status: number, body: unknown) => reply.code(status).header('cache-control', 'no-store').send(body);

/** JSON may say `null` for an optional field it leaves out. */
function withoutNulls(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

function issuesOf(error: z.ZodError) {
  const t = translator('en');
  return error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: isMessageKey(i.message) ? t(i.message) : i.message }));
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string, description: string) => ({ description, content: { 'application/json': { schema: ref(id) } } });
const problemOf = (description: string) => ({ description, content: { 'application/json': { schema: ref('Problem') } } });

/** The OpenAPI 3.1 document, from the zod schemas the routes parse and answer with. */
export function openApiDocument(publicUrl: URL) {
  const registry = z.registry<{ id: string }>();
  for (const s of [apiRequestSchema, apiAnswerSchema, apiStatusSchema, validationProblemSchema]) registry.add(s, { id: s.meta()!.id as string });
  const { schemas } = z.toJSONSchema(registry, { io: 'input', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  const component = (s: Record<string, unknown>) => {
    const { $schema: _s, $id: _i, ...rest } = s;
    return rest;
  };
  const unauthorized = problemOf('No key, or a key unknown or revoked');
  const forbidden = problemOf('The key lacks the scope this operation needs');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Guichet access to information requests API',
      version: '1.0.0',
      description: 'Client systems send access to information and personal information requests to the institutions of an ATIP office, and read back where they stand. Idempotent by the Idempotency-Key header.',
    },
    servers: [{ url: new URL('/api/v1', publicUrl).toString() }],
    paths: {
      '/access-requests': {
        post: {
          operationId: 'sendRequest',
          summary: 'Send a request',
          description: 'The same Idempotency-Key sent again with the same body answers 200 with the first answer; with another body, 409 and nothing changes.',
          security: [{ clientKey: ['requests:write'] }],
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 8, maxLength: 200 } }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('AccessRequest') } } },
          responses: {
            '201': json('AccessRequestAnswer', 'Received'),
            '200': json('AccessRequestAnswer', 'Received before with the same key and body: the first answer'),
            '400': json('ValidationProblem', 'A field is wrong (each issue names its field), or the Idempotency-Key header is missing'),
            '401': unauthorized,
            '403': forbidden,
            '409': problemOf('The same Idempotency-Key was sent before with another body: nothing was changed'),
          },
        },
      },
      '/access-requests/{number}': {
        get: {
          operationId: 'requestStatus',
          summary: 'Where a request sent through the API stands (nothing personal)',
          security: [{ clientKey: ['requests:read'] }],
          parameters: [{ name: 'number', in: 'path', required: true, schema: { type: 'string', pattern: '^[AP]-\\d{4}-\\d{6}$' } }],
          responses: { '200': json('AccessRequestStatus', 'The request'), '401': unauthorized, '403': forbidden, '404': problemOf('No request sent through the API has this number') },
        },
      },
    },
    components: {
      schemas: {
        ...Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, component(s as Record<string, unknown>)])),
        Problem: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
      },
      securitySchemes: { clientKey: { type: 'http', scheme: 'bearer', description: 'The key an administrator of the ATIP office issued to the client system (shown once), with its scopes' } },
    },
  };
}

/** The access requests API (/api/v1/access-requests…), a JSON scope of its own (platform's `jsonApiScope`). */
export async function registerOfficeApi(app: FastifyInstance, deps: { office: OfficeService; publicUrl: URL }) {
  const { office } = deps;
  const document = openApiDocument(deps.publicUrl);
  await app.register(
    async (scope) => {
      // A failed query's message holds its parameters (a requester's name): never logged.
      jsonApiScope(scope, { bodyLimit: 256 * 1024, errorLog: 'withheld' });

      const client = async (request: FastifyRequest, reply: FastifyReply, needs: ApiScope) => {
        const key = bearerKey(request);
        const found = key ? await office.apiClients.authenticate(key) : null;
        if (!found) {
          await refuseKey(reply);
          return null;
        }
        if (!found.scopes.includes(needs)) {
          await reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${needs}"`).code(403).header('cache-control', 'no-store').send({ error: 'insufficient_scope' });
          return null;
        }
        return found;
      };

      scope.get('/openapi.json', async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(document));

      scope.post('', async (request, reply) => {
        const found = await client(request, reply, 'requests:write');
        if (!found) return reply;
        const key = idempotencyKey.safeParse(request.headers['idempotency-key']);
        if (!key.success) return answer(reply, 400, validationProblemSchema.parse({ error: 'invalid', issues: [{ path: ['Idempotency-Key'], message: 'The Idempotency-Key header is required: 8 to 200 visible ASCII characters' }] }));
        const body = withoutNulls(jsonPayload(request.body));
        if (!body || typeof body !== 'object') return apiProblem(reply, 400, 'bad_request');
        const parsed = apiRequestSchema.safeParse(body);
        if (!parsed.success) return answer(reply, 400, validationProblemSchema.parse({ error: 'invalid', issues: issuesOf(parsed.error) }));
        const received = await office.receiveFromApi(found, key.data, parsed.data, origin(request));
        if (received.kind === 'conflict') return apiProblem(reply, 409, 'idempotency_key_reused');
        if (received.kind === 'unknown_institution') return answer(reply, 400, validationProblemSchema.parse({ error: 'invalid', issues: [{ path: ['institutionId'], message: 'No institution of this ATIP office has this id' }] }));
        return answer(reply, received.kind === 'created' ? 201 : 200, apiAnswerSchema.parse(received.answer));
      });

      scope.get('/:number', async (request, reply) => {
        const found = await client(request, reply, 'requests:read');
        if (!found) return reply;
        const params = numberParams.safeParse(request.params);
        const status = params.success ? await office.status(found.authorityId, params.data.number) : null;
        if (!status) return apiProblem(reply, 404, 'not_found');
        return answer(reply, 200, apiStatusSchema.parse(status));
      });
    },
    { prefix: '/api/v1/access-requests' },
  );
}
