/**
 * The demo's stand-in for the government's identity service (seed 002: the office's
 * representatives sign in through clicSÉQUR). `npm run demo:identity-provider` runs a real OpenID
 * Connect provider with this client on this address; the demo seed registers it for the office.
 * Demo only: the seed never runs in production, and this secret guards nothing real.
 */
export const DEMO_IDENTITY_PROVIDER = {
  slug: 'clicsequr-demo',
  name: { fr: 'clicSÉQUR (démo)', en: 'clicSÉQUR (demo)' },
  issuer: 'http://127.0.0.1:3100',
  port: 3100,
  clientId: 'guichet-demo',
  clientSecret: 'guichet-demo-client-secret-not-for-production',
} as const;
