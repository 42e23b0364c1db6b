import type { FastifyRequest } from 'fastify';

/** Where a request came from, as the audit records it (behind TRUST_PROXY, the real client). */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

export const origin = (request: FastifyRequest): Origin => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
});
