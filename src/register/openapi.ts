import { z } from 'zod';
import { openApi } from '../platform/json-api.ts';
import { apiSchemas, MAX_VERIFICATIONS, numberParams, searchQuerySchema } from './schemas.ts';

const { ref, json, problem, component } = openApi;

/** The query string's parameters, from the same schema the routes parse it with. */
function parametersOf(schema: z.ZodObject, where: 'query' | 'path') {
  const shape = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(shape.properties).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || (shape.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) };
  });
}

/**
 * The register API's OpenAPI 3.1 document, generated from the zod schemas the routes validate
 * and answer with (schemas.ts), so the description cannot drift from what the API does.
 */
export function openApiDocument(publicUrl: URL) {
  const { schemas } = z.toJSONSchema(apiSchemas, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  const tooMany = problem('Too many requests from this address (per-minute limit)');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Guichet public register API',
      version: '1.0.0',
      description: 'The public register: search, entries and bulk verification for employers. The same projection as the register pages: nothing withheld is ever answered.',
    },
    servers: [{ url: new URL('/api/v1', publicUrl).toString() }],
    paths: {
      '/register/search': {
        get: {
          operationId: 'searchRegister',
          summary: 'Search the register',
          description: 'Needs a name, a registration number or a place; language and category only narrow a search. Accent-insensitive and typo-tolerant.',
          parameters: parametersOf(searchQuerySchema, 'query'),
          responses: { '200': json('SearchAnswer', 'One page of results'), '400': problem('No name, number or place: the register is not listed whole'), '429': tooMany },
        },
      },
      '/register/entries/{number}': {
        get: {
          operationId: 'registerEntry',
          summary: 'One entry of the register',
          parameters: parametersOf(numberParams, 'path'),
          responses: { '200': json('Entry', 'The entry'), '404': problem('No published entry has this number'), '429': tooMany },
        },
      },
      '/register/verifications': {
        post: {
          operationId: 'verifyRegistrations',
          summary: `Verify up to ${MAX_VERIFICATIONS} registration numbers at once`,
          description: 'For employers, with the key the authority issued them.',
          security: [{ employerKey: [] }],
          requestBody: { required: true, content: { 'application/json': { schema: ref('VerificationRequest') } } },
          responses: { '200': json('VerificationAnswer', 'Each number, in the order sent'), '400': problem('Not a list of 1 to 500 numbers'), '401': problem('No key, or a key unknown or revoked'), '429': tooMany },
        },
      },
    },
    components: {
      schemas: {
        ...Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, component(s as Record<string, unknown>)])),
        Problem: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
      },
      securitySchemes: { employerKey: { type: 'http', scheme: 'bearer', description: 'The key staff issued to the employer (shown once)' } },
    },
  };
}
