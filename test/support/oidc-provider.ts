import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';

/** What an account at the test provider tells about itself (no email for a government-style one). */
export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
  locale?: string;
}

export interface TestClient {
  clientId: string;
  clientSecret: string;
}

/**
 * A real OpenID Connect provider (oidc-provider) on a loopback port, PKCE required, with its
 * development login and consent pages: any login name signs in as that account. Each test adds
 * its own client with `addClient` (whose redirect URI is the portal's callback for a slug).
 */
export class TestProvider {
  readonly accounts = new Map<string, ProviderAccount>();
  /** The query of every authorization request received, newest last. */
  readonly authorizationRequests: URLSearchParams[] = [];
  /** The confidential clients, by the name the test gave them. */
  readonly clients: Record<string, TestClient> = {};
  private provider!: Provider;
  private server!: Server;
  issuer = '';

  /** `clients`: a name for each client and the redirect URIs it may come back to. */
  static async start(clients: Record<string, string[]>): Promise<TestProvider> {
    const p = new TestProvider();
    await p.listen(clients);
    return p;
  }

  private async listen(wanted: Record<string, string[]>) {
    const clients: NonNullable<Configuration['clients']> = [];
    for (const [name, redirectUris] of Object.entries(wanted)) {
      const client = { clientId: `${name}-${randomBytes(4).toString('hex')}`, clientSecret: randomBytes(24).toString('hex') };
      this.clients[name] = client;
      clients.push({
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      });
    }
    this.server = createServer();
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.issuer = `http://127.0.0.1:${port}`;
    this.provider = new Provider(this.issuer, {
      clients,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      cookies: { keys: [randomBytes(16).toString('hex')] },
      ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
      claims: {
        openid: ['sub'],
        email: ['email', 'email_verified'],
        profile: ['given_name', 'family_name', 'locale'],
      },
      findAccount: async (_ctx, id) => ({
        accountId: id,
        claims: async () => ({ sub: id, ...(this.accounts.get(id) ?? {}) }),
      }),
    });
    this.provider.use(async (ctx, next) => {
      if (ctx.path === '/auth' && ctx.method === 'GET') this.authorizationRequests.push(new URLSearchParams(ctx.querystring));
      await next();
    });
    this.server.on('request', this.provider.callback());
  }

  async close() {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Follows an authorization request through the provider's login and consent pages as a browser
   * would, signing in as `login`; returns the redirect back to the portal (its callback URL).
   */
  async signIn(authorizationUrl: string, login: string, portalOrigin: string): Promise<URL> {
    const jar = new Map<string, string>();
    let url = new URL(authorizationUrl);
    let form: URLSearchParams | null = null;
    for (let hop = 0; hop < 20; hop++) {
      const res = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: form.toString() } : {}),
      });
      form = null;
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const i = pair.indexOf('=');
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
      const location = res.headers.get('location');
      if (location) {
        url = new URL(location, url);
        if (url.origin === portalOrigin || !url.href.startsWith(this.issuer)) return url;
        continue;
      }
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
      form = new URLSearchParams();
      for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) form.set(m[1] ?? '', m[2] ?? '');
      if (form.get('prompt') === 'login') {
        form.set('login', login);
        form.set('password', 'anything');
      }
      url = new URL(action.replace(/&amp;/g, '&'), url);
    }
    throw new Error('too many redirects at the provider');
  }
}
