import { defineModule } from '../platform/module.ts';
import type { PageName } from '../platform/paths.ts';
import { createSealer, type SessionKeys } from '../platform/secrets.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerFederationRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createFederationService, type FederationService } from './service.ts';
import { providerButtons } from './views.tsx';

declare module '../platform/module.ts' {
  interface ModuleServices {
    federation: FederationService;
  }
}
declare module '../platform/errors.ts' {
  interface ErrorCodes {
    provider_failed: true;
    provider_unavailable: true;
  }
}

/** The pages whose forms post to identity providers ("Sign in with …", link, confirm with). */
const PAGES_POSTING_TO_PROVIDERS = new Set<PageName>(['signIn', 'waysToSignIn', 'confirmIdentity']);

/** The sealer's purpose of identity providers' client secrets. */
const SEALED_SECRETS = 'identity-provider';

/** How identity providers' client secrets are sealed (the CLI and the demo data add providers too). */
export const providerSecretsSealer = (keys: SessionKeys) => createSealer(keys, SEALED_SECRETS);

/** Sign-in through external identity providers (OpenID Connect): first time, linking, confirming. */
export default defineModule({
  name: 'federation',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  sealed: [{ purpose: SEALED_SECRETS, table: schema.identityProviders, key: schema.identityProviders.id, columns: [schema.identityProviders.sealedClientSecret] }],
  errors: {
    provider_failed: { status: 400, title: 'error.providerFailed.title', body: 'error.providerFailed.body' },
    provider_unavailable: { status: 502, title: 'error.providerUnavailable.title', body: 'error.providerUnavailable.body' },
  },
  register(app, kit) {
    const { identity, twoFactor, securityKeys } = kit.services;
    const federation = createFederationService({
      db: kit.db,
      clock: kit.clock,
      mailer: kit.services.mail,
      sealer: providerSecretsSealer(kit.config),
      publicUrl: kit.config.publicUrl,
      identity,
      allowInsecureIssuers: !kit.config.isProduction,
    });
    kit.services.federation = federation;
    kit.ports.signInOptions = async (ctx) => providerButtons(ctx, await federation.enabledProviders());
    kit.ports.confirmationMethods = (accountId) => federation.confirmationMethods(accountId);
    kit.ports.formTargets = async (page) => (PAGES_POSTING_TO_PROVIDERS.has(page) ? federation.formTargets() : []);
    registerFederationRoutes(app, { identity, federation, twoFactor, securityKeys, clock: kit.clock, publicUrl: kit.config.publicUrl, cookies: kit.cookies, signInRateLimit: kit.signInRateLimit });
  },
});

export { addIdentityProvider } from './service.ts';
