import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError } from './port.ts';

/** The test gateway's signature header (as Stripe's `Stripe-Signature`): `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'guichet-signature';
/** A signature older (or further ahead) than this is refused: a replayed webhook. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const mac = (secret: string, timestamp: number, body: Buffer | string) => createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();

/** The header value signing `body` at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, body: Buffer | string, timestamp: number): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, body).toString('hex')}`;
}

/**
 * Checks a signature header over the exact bytes received: a timestamp within the tolerance of
 * `now`, and one `v1` (several are allowed while a secret is rotated) equal to the HMAC, compared
 * in constant time. Throws WebhookSignatureError otherwise.
 */
export function verifySignature(secret: string, body: Buffer, header: string | string[] | undefined, now: Date, toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): void {
  if (typeof header !== 'string' || header.length > 2000) throw new WebhookSignatureError('missing signature header');
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const [name, value] = [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || signatures.length === 0) throw new WebhookSignatureError('malformed signature header');
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) throw new WebhookSignatureError('signature timestamp outside the tolerance');
  const expected = mac(secret, timestamp, body);
  // Every candidate is compared (no early exit), each in constant time.
  let matched = false;
  for (const signature of signatures) if (timingSafeEqual(signature, expected)) matched = true;
  if (!matched) throw new WebhookSignatureError('signature does not match');
}
