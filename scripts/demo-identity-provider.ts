/**
 * A local OpenID Connect provider for the demo (oidc-provider, with its development login page: any
 * login name signs in), registered by the demo seed as the office's "clicSÉQUR (démo)" and the
 * immigration department's "CléGC (démo)" (a client each). Run it beside `npm start`, then choose
 * "Sign in with clicSÉQUR (démo)" or "Sign in with GCKey (demo)" on that portal's sign-in page.
 */
import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import { DEMO_IDENTITY_PROVIDER as demo, DEMO_IDENTITY_PROVIDERS } from '../src/demo/identity-provider.ts';

const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const provider = new Provider(demo.issuer, {
  clients: DEMO_IDENTITY_PROVIDERS.map((p) => ({
    client_id: p.clientId,
    client_secret: p.clientSecret,
    redirect_uris: [new URL(`/oidc/callback/${p.slug}`, publicUrl).toString()],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name', 'locale'] },
  // Like the government's service, it confirms who signed in but gives no email: the portal asks for one.
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
});
createServer(provider.callback()).listen(demo.port, '127.0.0.1', () => {
  console.log(`Demo identity providers ${DEMO_IDENTITY_PROVIDERS.map((p) => `"${p.name.en}"`).join(' and ')} at ${demo.issuer}, for the portal at ${publicUrl}. Any login name signs in.`);
});
