import { eq } from 'drizzle-orm';
import { defineModule } from '../platform/module.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { paths } from './paths.ts';
import { registerSecurityKeyRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createSecurityKeyService, type SecurityKeyService } from './service.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    securityKeys: SecurityKeyService;
  }
}

/** Security keys and passkeys (WebAuthn), a second factor beside the authenticator app. */
export default defineModule({
  name: 'security-keys',
  pages: paths,
  catalog: { fr, en },
  events,
  tables: schema,
  register(app, kit) {
    const securityKeys = createSecurityKeyService({
      db: kit.db,
      clock: kit.clock,
      mailer: kit.services.mail,
      publicUrl: kit.config.publicUrl,
      identity: kit.services.identity,
      twoFactor: kit.services.twoFactor,
    });
    kit.services.securityKeys = securityKeys;
    kit.ports.securityKeyCount = (accountId) => securityKeys.count(accountId);
    (kit.ports.removeFactors ??= []).push(async (tx, accountId) => {
      await tx.delete(schema.securityKeys).where(eq(schema.securityKeys.accountId, accountId));
    });
    registerSecurityKeyRoutes(app, {
      identity: kit.services.identity,
      cookies: kit.cookies,
      twoFactor: kit.services.twoFactor,
      clock: kit.clock,
      signInRateLimit: kit.signInRateLimit,
      securityKeys,
    });
  },
});

export { assertionSchema } from './schemas.ts';
export type { SecurityKeyService } from './service.ts';
export { CEREMONY_BUTTON, SecurityKeyStep } from './views.tsx';
