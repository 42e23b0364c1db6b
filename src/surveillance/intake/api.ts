import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DocumentService, StagedFile } from '../../documents/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { apiAnswer, apiClientOf, apiIssues, apiProblem, jsonApiScope, jsonPayload, openApi, withoutNulls } from '../../platform/json-api.ts';
import { origin } from '../../platform/origin.ts';
import { noticeSchema } from '../notice.ts';
import { apiDocumentsSchema, apiNoticeSchema, MAX_API_DOCUMENT_BYTES, noticeAnswerSchema, noticeNumberParams, noticeStatusSchema, validationProblemSchema } from './schemas.ts';
import type { ApiScope, IntakeService, NoticeDocument } from './service.ts';

const problem = apiProblem;
/** The OpenAPI 3.1 document, from the zod schemas the routes parse and answer with (it cannot drift from them). */
export function openApiDocument(publicUrl: URL) {
  return {
    openapi: '3.1.0',
    info: { title: 'Guichet surveillance notices API', version: '1.0.0', description: 'The department’s client systems send arrival notices of people under medical surveillance; each is routed to the public health authority of the province of residence. Idempotent by notice number.' },
    servers: [{ url: new URL('/api/v1/surveillance', publicUrl).toString() }],
    paths: {
      '/notices': {
        post: {
          operationId: 'sendNotice',
          summary: 'Send an arrival notice (with its exam documents, 10 MB at most)',
          description: 'The same notice number sent again with the same content answers 200 with the first answer; with different content, 409 and nothing changes.',
          security: [{ clientKey: ['notices:write'] }],
          requestBody: { required: true, content: { 'application/json': { schema: openApi.ref('Notice') } } },
          responses: {
            '201': openApi.json('NoticeAnswer', 'Received'),
            '200': openApi.json('NoticeAnswer', 'Received before with the same content: the first answer'),
            '400': openApi.json('ValidationProblem', 'A field is wrong (each issue names its field)'),
            ...openApi.keyRefusals(),
            '409': openApi.problem('Received before with different content: nothing was changed'),
            '413': openApi.problem('The documents are over 10 MB'),
            '422': openApi.problem('A document was refused (type not allowed, malware)'),
          },
        },
      },
      '/notices/{noticeNumber}': {
        get: {
          operationId: 'noticeStatus',
          summary: 'Where a notice went and where its case stands (nothing medical)',
          security: [{ clientKey: ['notices:read'] }],
          parameters: [{ name: 'noticeNumber', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9-]{1,40}$' } }],
          responses: { '200': openApi.json('NoticeStatus', 'The notice'), ...openApi.keyRefusals(), '404': openApi.problem('No notice has this number') },
        },
      },
    },
    components: {
      schemas: openApi.components([apiNoticeSchema, noticeAnswerSchema, noticeStatusSchema, validationProblemSchema]),
      securitySchemes: { clientKey: { type: 'http', scheme: 'bearer', description: 'The key an administrator issued to the client system (shown once), with its scopes' } },
    },
  };
}

/**
 * The surveillance notices API (/api/v1/surveillance/…), in a JSON scope of its own as the
 * register's is (platform's `jsonApiScope`: JSON errors, the form token handed over beside the
 * body, since this POST is authenticated by its Bearer key, not a form).
 */
export async function registerIntakeApi(app: FastifyInstance, deps: { intake: IntakeService; documents: DocumentService; clock: Clock; publicUrl: URL }) {
  const { intake, documents } = deps;
  const document = openApiDocument(deps.publicUrl);
  await app.register(
    async (scope) => {
      // Base64 makes 10 MB of documents about 13.4 MB of JSON.
      // A failed query's message holds its parameters (a name, a date of birth): never logged.
      jsonApiScope(scope, { bodyLimit: 15 * 1024 * 1024, errorLog: 'withheld' });

      /** The client of the Bearer key, if it holds the scope; otherwise the answer is sent (401, 403) and null returned. */
      const client = (request: FastifyRequest, reply: FastifyReply, needs: ApiScope) => apiClientOf(request, reply, needs, (key) => intake.apiClients.authenticate(key));

      scope.get('/openapi.json', { config: { access: 'public' } }, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(document));

      scope.post('/notices', { config: { access: 'client-key' } }, async (request, reply) => {
        const found = await client(request, reply, 'notices:write');
        if (!found) return reply;
        const body = withoutNulls(jsonPayload(request.body));
        if (!body || typeof body !== 'object') return problem(reply, 400, 'bad_request');
        const notice = noticeSchema.safeParse(body);
        const files = apiDocumentsSchema.safeParse((body as { documents?: unknown }).documents);
        if (!notice.success || !files.success) {
          const issues = [...(notice.success ? [] : apiIssues(notice.error)), ...(files.success ? [] : apiIssues(files.error, ['documents']))];
          return apiAnswer(reply, 400, validationProblemSchema.parse({ error: 'invalid', issues }));
        }
        const decoded = files.data.map((d) => ({ ...d, bytes: Buffer.from(d.contentBase64, 'base64') }));
        if (decoded.reduce((n, d) => n + d.bytes.length, 0) > MAX_API_DOCUMENT_BYTES) return problem(reply, 413, 'too_large');
        // Each file through the same checks as an upload (size, type from the content, scan), before the transaction.
        const staged: NoticeDocument[] = [];
        const discardAll = () => Promise.all(staged.map((d) => documents.discard(d.file)));
        for (const d of decoded) {
          const result = await documents.stage({ fileName: d.fileName, source: d.bytes, maxBytes: MAX_API_DOCUMENT_BYTES });
          if (!result.ok) {
            await discardAll();
            const status = result.refusal.reason === 'scanner_unavailable' ? 503 : result.refusal.reason === 'too_large' || result.refusal.reason === 'image_too_large' ? 413 : 422;
            return problem(reply, status, `document_${result.refusal.reason}`);
          }
          staged.push({ typeCode: d.typeCode, file: result.file as StagedFile });
        }
        let received;
        try {
          received = await intake.receive({ authorityId: found.authorityId, notice: notice.data, receipt: { source: 'api', accountId: null, apiClientId: found.id, origin: origin(request), at: deps.clock.now() }, documents: staged, uploaderId: found.createdBy });
        } catch (error) {
          await discardAll();
          throw error;
        }
        if (received.kind === 'off') return problem(reply, 401, 'unauthorized');
        if (received.kind === 'exists' && !received.same) return problem(reply, 409, 'notice_number_taken');
        const body2 = await intake.answerOf(found.authorityId, received.caseId);
        return apiAnswer(reply, received.kind === 'created' ? 201 : 200, noticeAnswerSchema.parse(body2));
      });

      scope.get('/notices/:noticeNumber', { config: { access: 'client-key' } }, async (request, reply) => {
        const found = await client(request, reply, 'notices:read');
        if (!found) return reply;
        const params = noticeNumberParams.safeParse(request.params);
        const status = params.success ? await intake.status(found.authorityId, params.data.noticeNumber) : null;
        if (!status) return problem(reply, 404, 'not_found');
        return apiAnswer(reply, 200, noticeStatusSchema.parse(status));
      });
    },
    { prefix: '/api/v1/surveillance' },
  );
}
