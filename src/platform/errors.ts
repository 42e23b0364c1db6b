import type { MessageKey } from './i18n/index.ts';

/** The catalogue of errors a user can meet: a stable code, its status, its translated message. */
export const errorCatalogue = {
  not_found: { status: 404, title: 'error.notFound.title', body: 'error.notFound.body' },
  bad_request: { status: 400, title: 'error.badRequest.title', body: 'error.badRequest.body' },
  csrf: { status: 403, title: 'error.csrf.title', body: 'error.csrf.body' },
  forbidden: { status: 403, title: 'error.forbidden.title', body: 'error.forbidden.body' },
  too_large: { status: 413, title: 'error.tooLarge.title', body: 'error.tooLarge.body' },
  unsupported: { status: 415, title: 'error.unsupported.title', body: 'error.unsupported.body' },
  rate_limited: { status: 429, title: 'error.rateLimited.title', body: 'error.rateLimited.body' },
  provider_failed: { status: 400, title: 'error.providerFailed.title', body: 'error.providerFailed.body' },
  provider_unavailable: { status: 502, title: 'error.providerUnavailable.title', body: 'error.providerUnavailable.body' },
  organization_inactive: { status: 403, title: 'error.organizationInactive.title', body: 'error.organizationInactive.body' },
  server: { status: 500, title: 'error.server.title', body: 'error.server.body' },
} as const satisfies Record<string, { status: number; title: MessageKey; body: MessageKey }>;

export type ErrorCode = keyof typeof errorCatalogue;

export class AppError extends Error {
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

/** Maps Fastify's own error codes onto the catalogue. */
export function codeFor(error: { code?: string; statusCode?: number }): ErrorCode {
  if (error instanceof AppError) return error.code;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported';
    default:
      if (error.statusCode === 429) return 'rate_limited';
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return 'bad_request';
      return 'server';
  }
}
