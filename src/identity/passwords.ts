import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import type { MessageKey } from '../platform/i18n/index.ts';
import { hasControlCharacters } from '../platform/text.ts';

/** OWASP's Argon2id parameters: 19 MiB, 2 iterations, 1 lane. */
export const argon2Options = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

const common = new Set((dictionary.passwords as string[]).map((p) => p.toLowerCase()));
export const commonPasswordCount = common.size;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A stored hash made with other parameters gets rehashed at the next successful sign-in. */
export function needsRehash(passwordHash: string): boolean {
  const { memoryCost, timeCost, parallelism } = argon2Options;
  return !passwordHash.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
}

/** Unknown emails are checked against this so both answers take one verification. */
export const dummyHash = await hashPassword('guichet-timing-equaliser-password');

/**
 * Length and breached-list rules only (no composition rules). A control character is refused: it is
 * invisible, so the person could not know what they must type again at sign-in.
 */
export function passwordProblem(password: string, email: string): MessageKey | null {
  if (hasControlCharacters(password)) return 'invalid.password.controlCharacters';
  if (password.length < 12) return 'invalid.password.tooShort';
  if (password.length > 128) return 'invalid.password.tooLong';
  if (common.has(password.toLowerCase())) return 'invalid.password.common';
  const mail = email.trim().toLowerCase();
  const local = mail.split('@')[0] ?? '';
  const lower = password.toLowerCase();
  if (mail && (lower.includes(mail) || (local.length >= 4 && lower.includes(local)))) {
    return 'invalid.password.containsEmail';
  }
  return null;
}
