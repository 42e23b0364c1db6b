import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiAnswer, apiClientOf, apiIssues, apiProblem, jsonApiScope, jsonPayload, openApi, withoutNulls } from '../../platform/json-api.ts';
import { origin } from '../../platform/origin.ts';
import { apiAnswerSchema, apiRequestSchema, apiStatusSchema, idempotencyKey, numberParams, validationProblemSchema } from './schemas.ts';
import type { ApiScope, OfficeService } from './service.ts';

/** The OpenAPI 3.1 document, from the zod schemas the routes parse and answer with. */
export function openApiDocument(publicUrl: URL) {
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
          requestBody: { required: true, content: { 'application/json': { schema: openApi.ref('AccessRequest') } } },
          responses: {
            '201': openApi.json('AccessRequestAnswer', 'Received'),
            '200': openApi.json('AccessRequestAnswer', 'Received before with the same key and body: the first answer'),
            '400': openApi.json('ValidationProblem', 'A field is wrong (each issue names its field), or the Idempotency-Key header is missing'),
            ...openApi.keyRefusals(),
            '409': openApi.problem('The same Idempotency-Key was sent before with another body: nothing was changed'),
          },
        },
      },
      '/access-requests/{number}': {
        get: {
          operationId: 'requestStatus',
          summary: 'Where a request sent through the API stands (nothing personal)',
          security: [{ clientKey: ['requests:read'] }],
          parameters: [{ name: 'number', in: 'path', required: true, schema: { type: 'string', pattern: '^[AP]-\\d{4}-\\d{6}$' } }],
          responses: { '200': openApi.json('AccessRequestStatus', 'The request'), ...openApi.keyRefusals(), '404': openApi.problem('No request sent through the API has this number') },
        },
      },
    },
    components: {
      schemas: openApi.components([apiRequestSchema, apiAnswerSchema, apiStatusSchema, validationProblemSchema]),
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

      const client = (request: FastifyRequest, reply: FastifyReply, needs: ApiScope) => apiClientOf(request, reply, needs, (key) => office.apiClients.authenticate(key));

      scope.get('/openapi.json', { config: { access: 'public' } }, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(document));

      scope.post('', { config: { access: 'client-key' } }, async (request, reply) => {
        const found = await client(request, reply, 'requests:write');
        if (!found) return reply;
        const key = idempotencyKey.safeParse(request.headers['idempotency-key']);
        if (!key.success) return apiAnswer(reply, 400, validationProblemSchema.parse({ error: 'invalid', issues: [{ path: ['Idempotency-Key'], message: 'The Idempotency-Key header is required: 8 to 200 visible ASCII characters' }] }));
        const body = withoutNulls(jsonPayload(request.body));
        if (!body || typeof body !== 'object') return apiProblem(reply, 400, 'bad_request');
        const parsed = apiRequestSchema.safeParse(body);
        if (!parsed.success) return apiAnswer(reply, 400, validationProblemSchema.parse({ error: 'invalid', issues: apiIssues(parsed.error) }));
        const received = await office.receiveFromApi(found, key.data, parsed.data, origin(request));
        if (received.kind === 'conflict') return apiProblem(reply, 409, 'idempotency_key_reused');
        if (received.kind === 'unknown_institution') return apiAnswer(reply, 400, validationProblemSchema.parse({ error: 'invalid', issues: [{ path: ['institutionId'], message: 'No institution of this ATIP office has this id' }] }));
        return apiAnswer(reply, received.kind === 'created' ? 201 : 200, apiAnswerSchema.parse(received.answer));
      });

      scope.get('/:number', { config: { access: 'client-key' } }, async (request, reply) => {
        const found = await client(request, reply, 'requests:read');
        if (!found) return reply;
        const params = numberParams.safeParse(request.params);
        const status = params.success ? await office.status(found.authorityId, params.data.number) : null;
        if (!status) return apiProblem(reply, 404, 'not_found');
        return apiAnswer(reply, 200, apiStatusSchema.parse(status));
      });
    },
    { prefix: '/api/v1/access-requests' },
  );
}
