import { createServer } from 'node:net';
import type { CDPSession, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/app.ts';

/** A free local port, asked of the system before the app that will take it is built. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The app at http://localhost:<port>: WebAuthn refuses an IP address as relying party, so the
 * public address the app knows (its RP id and expected origin) is the one the browser opens.
 */
export async function startLocalhostApp(): Promise<TestApp & { origin: string }> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const t = await createTestApp({ env: { PUBLIC_URL: origin } });
  await t.app.listen({ port, host: 'localhost' });
  return { ...t, origin };
}

/**
 * One of Chromium's virtual authenticators (DevTools WebAuthn domain) in this page: a passkey
 * holder with user verification that answers every ceremony as if touched.
 */
export class VirtualAuthenticator {
  private constructor(
    private readonly cdp: CDPSession,
    readonly id: string,
  ) {}

  static async attach(page: Page): Promise<VirtualAuthenticator> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return new VirtualAuthenticator(cdp, authenticatorId);
  }

  async credentialCount(): Promise<number> {
    return (await this.cdp.send('WebAuthn.getCredentials', { authenticatorId: this.id })).credentials.length;
  }

  async detach(): Promise<void> {
    await this.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: this.id });
  }
}
