import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a link or cookie; only its SHA-256 is stored. */
export function newToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: tokenId(token) };
}

export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
