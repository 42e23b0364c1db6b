import type { Writable } from 'node:stream';
import type { FastifyServerOptions } from 'fastify';

/**
 * Query parameters that carry a secret: mailed tokens, the development mail key, and the OpenID
 * Connect callback's code and state. Their values never reach the log.
 */
const SECRET_PARAMS = new Set(['token', 'key', 'code', 'state', 'id_token', 'session_state']);

/** The request URL as logged: secret query values replaced, the rest kept for debugging. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {}
      return SECRET_PARAMS.has(decoded.toLowerCase()) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

interface LoggedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
  code?: string;
  cause?: { type: string; message: string; code?: string };
}

/**
 * An error as logged, without the values it carries: drizzle puts a failed statement's parameters
 * (password hashes, emails) in its message, and PostgreSQL puts the offending values in `detail`.
 * The statement text, the database's own message and code stay: they are what a developer needs.
 */
export function serializeError(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: '[not an Error]', stack: '' };
  const message = withoutParams(error.message);
  const stackFrames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: LoggedError = { type: error.name, message, stack: [`${error.name}: ${message}`, ...stackFrames].join('\n') };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') out.code = code;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const causeCode = (cause as { code?: unknown }).code;
    out.cause = { type: cause.name, message: withoutValue(withoutParams(cause.message)), ...(typeof causeCode === 'string' ? { code: causeCode } : {}) };
  }
  return out;
}

function withoutParams(message: string): string {
  const at = message.indexOf('\nparams:');
  return at === -1 ? message : message.slice(0, at);
}

/** PostgreSQL ends a data error with the value it refused (`invalid input syntax for type integer: "…"`). */
function withoutValue(message: string): string {
  return message.replace(/: ".*$/s, ': "[value]"');
}

/** Fastify's logger: requests with redacted URLs, errors without their values, nothing else of the body. */
export function loggerOptions(stream?: Writable): FastifyServerOptions['logger'] {
  return {
    level: 'info',
    ...(stream ? { stream } : {}),
    // pino takes an Error's message as the line's `msg`: the same message without its values.
    hooks: {
      logMethod(args: unknown[], method: (...args: unknown[]) => void) {
        const [first, ...rest] = args;
        if (first instanceof Error && rest.length === 0) return method.call(this, { err: first }, withoutParams(first.message));
        return method.apply(this, args);
      },
    },
    serializers: {
      req: (request: { method: string; url: string; ip?: string; hostname?: string }) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.hostname,
        remoteAddress: request.ip,
      }),
      err: serializeError,
    },
  };
}
