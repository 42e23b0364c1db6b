import type { Executor } from '../platform/db.ts';
import type { Bilingual } from '../platform/i18n/index.ts';
import { safeReturnPath } from '../identity/index.ts';
import { defineModule } from '../platform/module.ts';
import { createSealer } from '../platform/secrets.ts';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { hasSecondFactorSql, mustUseSecondFactorSql } from './policies.ts';
import { dashboardCards } from './cards.tsx';
import { registerTwoFactorRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { createTwoFactorService, type TwoFactorService } from './service.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    twoFactor: TwoFactorService;
  }
  interface Ports {
    /** Whether the account has a password, and the identity providers it may confirm with (federation). */
    confirmationMethods: (accountId: string) => Promise<{ hasPassword: boolean; providers: { slug: string; name: Bilingual }[] }>;
    /** How many security keys the account has (security-keys): the second step offers them. */
    securityKeyCount: (accountId: string) => Promise<number>;
    /** Removes the factors other modules keep (security keys) when staff reset a person's second step. */
    removeFactors: ((tx: Executor, accountId: string) => Promise<void>)[];
  }
}

/** The sealer's purpose of authenticator apps' keys. */
const SEALED_KEYS = 'authenticator-app';

/**
 * Two-step verification: the authenticator app, recovery codes, the second step at sign-in, the
 * policy of who must use it, and staff help for those who lost every factor.
 */
export default defineModule({
  name: 'two-factor',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  sealed: [{ purpose: SEALED_KEYS, table: schema.authenticatorApps, key: schema.authenticatorApps.accountId, columns: [schema.authenticatorApps.sealedKey, schema.authenticatorApps.pendingSealedKey] }],
  staffNav: [{ page: 'staffFactorRecoveries', label: 'staffRecovery.title', position: 50 }],
  dashboardCards,
  register(app, kit) {
    const twoFactor = createTwoFactorService({
      db: kit.db,
      clock: kit.clock,
      mailer: kit.services.mail,
      sealer: createSealer(kit.config, SEALED_KEYS),
      publicUrl: kit.config.publicUrl,
      identity: kit.services.identity,
      ports: kit.ports,
    });
    kit.services.twoFactor = twoFactor;
    kit.ports.secondFactorSql = { has: hasSecondFactorSql, must: mustUseSecondFactorSql };
    // Someone whose role requires a second factor and who has none reaches nothing but enrolment.
    kit.gates.push({
      openOn: 'duringEnrolment',
      applies: (account) => account.stage === 'enrol',
      to: 'twoFactor',
      // Where they were going: the page after the recovery codes takes them there.
      async remember(request, account) {
        const path = safeReturnPath(request.url.split('?')[0]);
        if (path) await twoFactor.rememberDestination(account.sessionId, path);
      },
    });
    registerTwoFactorRoutes(app, {
      db: kit.db,
      cookies: kit.cookies,
      background: kit.background,
      identity: kit.services.identity,
      twoFactor,
      clock: kit.clock,
      signInRateLimit: kit.signInRateLimit,
      ports: kit.ports,
    });
  },
});

export { hasSecondFactorSql, mustUseSecondFactorSql } from './policies.ts';
export { recoveryCodesFile } from './recovery-codes.ts';
export { DURING_ENROLMENT } from './routes.tsx';
export { secondStepSchema } from './schemas.ts';
export type { TwoFactorService } from './service.ts';
export { RecoveryCodes, SecondStep } from './views.tsx';
