import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Secret } from './config.ts';

/**
 * Secrets the portal must read back (authenticator keys, identity provider client secrets) are
 * sealed with AES-256-GCM under a key derived from SESSION_SECRET, so a copy of the database alone
 * does not reveal them. Changing SESSION_SECRET makes them unreadable: people then enrol again.
 */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

/** A keyed digest (HMAC-SHA-256 under a key derived from SESSION_SECRET): lets a value be matched without being kept. */
export function createKeyedDigest(sessionSecret: Secret, purpose: string): (value: string) => string {
  const key = Buffer.from(hkdfSync('sha256', sessionSecret.reveal(), 'guichet', `digest:${purpose}`, 32));
  return (value) => createHmac('sha256', key).update(value).digest('base64url');
}

export function createSealer(sessionSecret: Secret, purpose: string): Sealer {
  const key = Buffer.from(hkdfSync('sha256', sessionSecret.reveal(), 'guichet', `seal:${purpose}`, 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed) {
      const [version, iv, body] = sealed.split('.');
      if (version !== VERSION || !iv || !body) throw new Error('Not a sealed value');
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
    },
  };
}

/** The stored form of an API key: its SHA-256 (a key is long and random, so no slow hash is needed). */
export const apiKeyHash = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * A new API key for a client system (`grv_…` for the register, `gsv_…` for surveillance): the key,
 * shown once; its hash, which is kept; and its first `shown` characters, by which staff recognise it.
 */
export function newApiKey(kind: string, shown: number): { key: string; keyHash: string; keyPrefix: string } {
  const key = `${kind}_${randomBytes(32).toString('base64url')}`;
  return { key, keyHash: apiKeyHash(key), keyPrefix: key.slice(0, shown) };
}
