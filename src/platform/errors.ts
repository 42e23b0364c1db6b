import type { MessageKey } from './i18n/index.ts';

/** An error a person can meet: its HTTP status and its translated title and body. */
export interface ErrorEntry {
  status: number;
  title: MessageKey;
  body: MessageKey;
}

/** The errors every page can answer with; modules declare their own in their manifest. */
export const platformErrors = {
  not_found: { status: 404, title: 'error.notFound.title', body: 'error.notFound.body' },
  bad_request: { status: 400, title: 'error.badRequest.title', body: 'error.badRequest.body' },
  csrf: { status: 403, title: 'error.csrf.title', body: 'error.csrf.body' },
  forbidden: { status: 403, title: 'error.forbidden.title', body: 'error.forbidden.body' },
  too_large: { status: 413, title: 'error.tooLarge.title', body: 'error.tooLarge.body' },
  unsupported: { status: 415, title: 'error.unsupported.title', body: 'error.unsupported.body' },
  rate_limited: { status: 429, title: 'error.rateLimited.title', body: 'error.rateLimited.body' },
  server: { status: 500, title: 'error.server.title', body: 'error.server.body' },
} as const satisfies Record<string, ErrorEntry>;

/** Every error code: platform's, and each module's (added to this interface by the module). */
export interface ErrorCodes extends Record<keyof typeof platformErrors, true> {}
export type ErrorCode = keyof ErrorCodes & string;

let installed: Readonly<Record<string, ErrorEntry>> = platformErrors;

/** The composition root installs platform's and the modules' errors together. */
export function installErrors(errors: Readonly<Record<string, ErrorEntry>>): void {
  installed = errors;
}

export function errorEntry(code: ErrorCode): ErrorEntry {
  return installed[code] ?? platformErrors.server;
}

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
