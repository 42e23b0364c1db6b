/**
 * The demo's stand-ins for the government's identity services: the office's representatives sign
 * in through clicSÉQUR (seed 002), the public health authorities' people through GCKey (seed 003).
 * `npm run demo:identity-provider` runs one real OpenID Connect provider on this address with a
 * client for each; the demo seed registers each for its authority.
 * Demo only: the seed never runs in production, and these secrets guard nothing real.
 */
const issuer = 'http://127.0.0.1:3100';

export const DEMO_IDENTITY_PROVIDER = {
  slug: 'clicsequr-demo',
  name: { fr: 'clicSÉQUR (démo)', en: 'clicSÉQUR (demo)' },
  issuer,
  port: 3100,
  clientId: 'guichet-demo',
  clientSecret: 'guichet-demo-client-secret-not-for-production',
} as const;

export const DEMO_GCKEY_PROVIDER = {
  slug: 'gckey-demo',
  name: { fr: 'CléGC (démo)', en: 'GCKey (demo)' },
  issuer,
  port: 3100,
  clientId: 'guichet-demo-gckey',
  clientSecret: 'guichet-demo-gckey-secret-not-for-production',
} as const;

export const DEMO_IDENTITY_PROVIDERS = [DEMO_IDENTITY_PROVIDER, DEMO_GCKEY_PROVIDER] as const;
