import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** Crockford's base32: no I, L, O or U, so codes read aloud or copied by hand survive. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 13; // 13 × 5 = 65 bits
export const CODES_PER_SET = 10;
export const LOW_CODES = 3;

/**
 * Argon2id, lighter than for passwords: a code has 65 random bits, so the hash only has to make
 * a stolen table slow to search, and a sign-in may check up to ten of them.
 */
const codeHashOptions = { algorithm: 2 /* Argon2id */, memoryCost: 4096, timeCost: 3, parallelism: 1 } as const;

export function newRecoveryCode(): string {
  let raw = '';
  for (let i = 0; i < LENGTH; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** What a person types, read the way Crockford's base32 reads it (O is 0, I and L are 1). */
export function normaliseRecoveryCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function hashRecoveryCode(code: string): Promise<string> {
  return hash(normaliseRecoveryCode(code), codeHashOptions);
}

export function recoveryCodeMatches(codeHash: string, typed: string): Promise<boolean> {
  return verify(codeHash, normaliseRecoveryCode(typed)).catch(() => false);
}

/** The bilingual text file people download with their codes. */
export function recoveryCodesFile(codes: string[], email: string, at: Date): string {
  return [
    'Guichet — codes de récupération / recovery codes',
    email,
    at.toISOString().slice(0, 10),
    '',
    'Chaque code fonctionne une seule fois, à la place de la vérification en deux étapes.',
    'Each code works once, instead of two-step verification.',
    '',
    ...codes.map((code, i) => `${String(i + 1).padStart(2, ' ')}. ${code}`),
    '',
  ].join('\n');
}
