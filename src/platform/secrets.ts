import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
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
