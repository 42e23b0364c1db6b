import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30 seconds. */
export const PERIOD_SECONDS = 30;
const DIGITS = 6;

export function newAppKey(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(key: string, label = 'Guichet', issuer = 'Guichet') {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(key) });
}

/** The code an app shows at this time (tests and the benchmark type it, as a person would). */
export function codeAt(key: string, at: Date): string {
  return totp(key).generate({ timestamp: at.getTime() });
}

/**
 * The 30-second step a code belongs to, accepting one step of drift each way, or null.
 * The caller refuses a step at or before the last one accepted (a code works once).
 */
export function matchingStep(key: string, code: string, at: Date): number | null {
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) return null;
  const delta = totp(key).validate({ token: digits, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(at.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

/** The enrolment details: the otpauth:// URI as a QR code (SVG drawn here) and the key for typing. */
export function enrolment(key: string, label: string, issuer: string) {
  const uri = totp(key, label, issuer).toString();
  return {
    qrSvg: renderSVG(uri, { border: 2 }),
    groupedKey: key.replace(/(.{4})/g, '$1 ').trim(),
  };
}
