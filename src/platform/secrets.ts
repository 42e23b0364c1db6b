import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Secret } from './config.ts';
import { queryRows, type Executor } from './db.ts';

/**
 * Secrets the portal must read back (authenticator keys, identity provider client secrets) are
 * sealed with AES-256-GCM under a key derived from SESSION_SECRET, so a copy of the database alone
 * does not reveal them. While SESSION_SECRET is being changed, SESSION_SECRET_PREVIOUS still opens
 * what the old one sealed, and `npm run cli -- reseal` seals it all again under the new one.
 */
export interface Sealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** The secret, and during a change of it the one before (docs/operations.md, "Changing SESSION_SECRET"). */
export interface SessionKeys {
  readonly sessionSecret: Secret;
  readonly previousSessionSecret: Secret | null;
}

/** The secrets to try, the current one first. */
export const secretsOf = (keys: SessionKeys): string[] => [keys.sessionSecret.reveal(), ...(keys.previousSessionSecret ? [keys.previousSessionSecret.reveal()] : [])];

const VERSION = 'v1';

/** One key per secret (the current one first), derived for one use. */
const derivedKeys = (keys: SessionKeys, use: string): Buffer[] => secretsOf(keys).map((secret) => Buffer.from(hkdfSync('sha256', secret, 'guichet', use, 32)));

/** Whether `given` is one of `accepted` (an empty one matches nothing), in time that does not tell which or how close. */
export function matchesAny(given: string, accepted: readonly string[]): boolean {
  const sent = Buffer.from(given);
  return accepted.some((value) => {
    const expected = Buffer.from(value);
    return expected.length > 0 && sent.length === expected.length && timingSafeEqual(sent, expected);
  });
}

/** A keyed digest: the current one, and every one a value may have been given (current first). */
export interface KeyedDigest {
  (value: string): string;
  candidates(value: string): string[];
}

/** A keyed digest (HMAC-SHA-256 under a key derived from SESSION_SECRET): lets a value be matched without being kept. */
export function createKeyedDigest(keys: SessionKeys, purpose: string): KeyedDigest {
  const derived = derivedKeys(keys, `digest:${purpose}`);
  const digest = (key: Buffer, value: string) => createHmac('sha256', key).update(value).digest('base64url');
  return Object.assign((value: string) => digest(derived[0]!, value), { candidates: (value: string) => derived.map((key) => digest(key, value)) });
}

export function createSealer(keys: SessionKeys, purpose: string): Sealer {
  const derived = derivedKeys(keys, `seal:${purpose}`);
  const openWith = (key: Buffer, iv: string, bytes: Buffer) => {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', derived[0]!, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed) {
      const [version, iv, body] = sealed.split('.');
      if (version !== VERSION || !iv || !body) throw new Error('Not a sealed value');
      const bytes = Buffer.from(body, 'base64url');
      let failure: unknown;
      for (const key of derived) {
        try {
          return openWith(key, iv, bytes);
        } catch (error) {
          failure = error;
        }
      }
      throw failure;
    },
  };
}

/** Where a module keeps sealed values: `npm run cli -- reseal` opens each and seals it again under the current secret. */
export interface SealedColumns {
  /** The sealer's purpose (createSealer's second argument). */
  readonly purpose: string;
  readonly table: PgTable;
  /** The column that names a row. */
  readonly key: PgColumn;
  readonly columns: readonly PgColumn[];
}

/**
 * Seals every sealed value again under the current secret, in the caller's transaction: the count
 * of values per purpose. A value neither secret opens stops it all (nothing is written), naming
 * its table and row: it was sealed under a third secret, and sealing the rest would hide that.
 */
export async function resealAll(tx: Executor, keys: SessionKeys, declared: readonly SealedColumns[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const d of declared) {
    const sealer = createSealer(keys, d.purpose);
    const table = getTableName(d.table);
    for (const column of d.columns) {
      const rows = await queryRows<{ key: string; value: string }>(tx, sql`select ${sql.identifier(d.key.name)}::text as key, ${sql.identifier(column.name)} as value from ${sql.identifier(table)} where ${sql.identifier(column.name)} is not null`);
      for (const row of rows) {
        let plain: string;
        try {
          plain = sealer.open(row.value);
        } catch {
          throw new Error(`${table}.${column.name} of ${row.key} opens with neither SESSION_SECRET nor SESSION_SECRET_PREVIOUS`);
        }
        await tx.execute(sql`update ${sql.identifier(table)} set ${sql.identifier(column.name)} = ${sealer.seal(plain)} where ${sql.identifier(d.key.name)}::text = ${row.key}`);
      }
      counts[d.purpose] = (counts[d.purpose] ?? 0) + rows.length;
    }
  }
  return counts;
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
