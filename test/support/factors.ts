import { createSealer } from '../../src/platform/secrets.ts';
import { codeAt, newAppKey } from '../../src/two-factor/totp.ts';
import type { TestApp } from './app.ts';
import type { Client } from './client.ts';
import { authenticatorApps } from '../../src/two-factor/schema.ts';

/** Gives an account a confirmed authenticator app, as enrolment would; returns its key. */
export async function addAuthenticatorApp(t: TestApp, accountId: string): Promise<string> {
  const key = newAppKey();
  const sealer = createSealer(t.config, 'authenticator-app');
  await t.database.db.insert(authenticatorApps).values({ accountId, sealedKey: sealer.seal(key), confirmedAt: t.clock.now() });
  return key;
}

/** Signs in with password and app code; moves the clock a step on so the next code is fresh. */
export async function signInWithApp(c: Client, t: TestApp, email: string, password: string, key: string, locale: 'fr' | 'en' = 'en') {
  const signIn = locale === 'en' ? '/en/sign-in' : '/fr/connexion';
  await c.get(signIn);
  const first = await c.post(signIn, { email, password });
  const secondStep = first.headers.location;
  if (typeof secondStep !== 'string') throw new Error(`sign-in answered ${first.statusCode}`);
  await c.get(secondStep);
  const res = await c.post(secondStep, { method: 'authenticator_app', code: codeAt(key, t.clock.now()) });
  t.clock.advance(30_000);
  return res;
}
