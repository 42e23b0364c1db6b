import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';

/** The CBOR the authenticator speaks, as far as a "none" attestation and an EC2 key need. */
type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  const b = Buffer.alloc(3);
  b[0] = (major << 5) | 25;
  b.writeUInt16BE(n, 1);
  return b;
}

function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();
const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_CREDENTIAL = 0x40;

/**
 * A software FIDO2 authenticator (ES256, "none" attestation) for server tests: it makes and signs
 * what a browser would post, so the server's real verification runs on it. The browser tests use
 * Chromium's virtual authenticator instead.
 */
export class SoftAuthenticator {
  private readonly credentials = new Map<string, { privateKey: KeyObject; counter: number }>();

  constructor(private readonly origin: string) {}

  /** The answer to navigator.credentials.create(); `origin` pretends to be another site. */
  create(options: PublicKeyCredentialCreationOptionsJSON, at: { origin?: string } = {}): RegistrationResponseJSON {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const coseKey = cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x ?? '', 'base64url')],
        [-3, Buffer.from(jwk.y ?? '', 'base64url')],
      ]),
    );
    const credentialId = randomBytes(32);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(credentialId.length);
    const authData = Buffer.concat([
      sha256(options.rp.id ?? ''),
      Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED | FLAG_ATTESTED_CREDENTIAL]),
      Buffer.alloc(4),
      Buffer.alloc(16),
      idLength,
      credentialId,
      coseKey,
    ]);
    const id = b64u(credentialId);
    this.credentials.set(id, { privateKey, counter: 0 });
    const clientData = { type: 'webauthn.create', challenge: options.challenge, origin: at.origin ?? this.origin, crossOrigin: false };
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: b64u(Buffer.from(JSON.stringify(clientData))),
        attestationObject: b64u(cbor(new Map<Cbor, Cbor>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]))),
        transports: ['usb'],
      },
      clientExtensionResults: {},
    };
  }

  /**
   * The answer to navigator.credentials.get() with the first allowed credential this
   * authenticator holds (or the one named); `counter` sets the signature counter it reports.
   */
  get(options: PublicKeyCredentialRequestOptionsJSON, at: { credentialId?: string; counter?: number; origin?: string } = {}): AuthenticationResponseJSON {
    const id = at.credentialId ?? options.allowCredentials?.map((c) => c.id).find((c) => this.credentials.has(c));
    const credential = id ? this.credentials.get(id) : undefined;
    if (!id || !credential) throw new Error('no credential for these options');
    credential.counter = at.counter ?? credential.counter + 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    const authData = Buffer.concat([sha256(options.rpId ?? ''), Buffer.from([FLAG_USER_PRESENT | FLAG_USER_VERIFIED]), counter]);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: at.origin ?? this.origin, crossOrigin: false }));
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), credential.privateKey);
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: { clientDataJSON: b64u(clientDataJSON), authenticatorData: b64u(authData), signature: b64u(signature) },
      clientExtensionResults: {},
    };
  }
}
