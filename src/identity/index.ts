import type { SQL } from 'drizzle-orm';
import type { VNode } from 'preact';
import { defineModule } from '../platform/module.ts';
import { createKeyedDigest, createSealer } from '../platform/secrets.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import { events } from './events.ts';
import { en } from './i18n/en.ts';
import { fr } from './i18n/fr.ts';
import { mail } from './mail.ts';
import { paths } from './paths.ts';
import { registerIdentityRoutes } from './routes.tsx';
import * as schema from './schema.ts';
import { type ActingOrganization, createIdentityService, type IdentityService } from './service.ts';

declare module '../platform/module.ts' {
  interface ModuleServices {
    identity: IdentityService;
  }
  interface Ports {
    /** Other ways to sign in, under the password form (federation's "Sign in with …" buttons). */
    signInOptions: (ctx: PageContext) => Promise<VNode | null>;
    /**
     * Whether an account has a second factor, and whether it must have one, as SQL over `accounts`
     * (two-factor): sign-in answers both in the one query that finds the account.
     */
    secondFactorSql: { has: SQL<boolean>; must: SQL<boolean> };
    /** The organization a session acts for, as SQL over `sessions` and `accounts` (organizations). */
    actingOrganizationSql: SQL<ActingOrganization | null>;
  }
}

/** Accounts, sign-up, sign-in, sessions, lockout, password reset: the person's way in. */
export default defineModule({
  name: 'identity',
  pages: paths,
  catalog: { fr, en },
  events,
  mail,
  tables: schema,
  portalServices: [{ name: 'account', page: 'account', title: 'service.account.title', description: 'service.account.description', position: 90 }],
  register(app, kit) {
    // Emails are compared case-insensitively (citext), so their digests are too.
    const emailDigest = createKeyedDigest(kit.config, 'unknown-email');
    const service = createIdentityService({
      db: kit.db,
      clock: kit.clock,
      mailer: kit.services.mail,
      publicUrl: kit.config.publicUrl,
      emailDigests: (email) => emailDigest.candidates(email.trim().toLowerCase()),
      ports: kit.ports,
    });
    kit.services.identity = service;
    kit.ports.readSession = (token) => service.sessionAccount(token);
    // A password given by someone else (demo data, create-staff) is replaced before anything else opens.
    kit.gates.push({ openOn: 'untilNewPassword', applies: (account) => account.mustChangePassword, to: 'changePassword' });
    registerIdentityRoutes(app, {
      db: kit.db,
      identity: service,
      clock: kit.clock,
      cookies: kit.cookies,
      background: kit.background,
      sealer: createSealer(kit.config, 'email-sent'),
      signInRateLimit: kit.signInRateLimit,
      ports: kit.ports,
      portals: kit.services.authorities.portals,
    });
  },
});

export { dummyHash, hashPassword, verifyPassword } from './passwords.ts';
export { isRecentlyConfirmed } from './policies.ts';
export { UNTIL_NEW_PASSWORD } from './routes.tsx';
export { accounts, accountTokens, sessions } from './schema.ts';
export { type ActingOrganization, type IdentityService, landingPath, type SignInResult } from './service.ts';
export { settleSecondStep } from './second-step.tsx';
export { requireRecentConfirmation, safeReturnPath } from './step-up.ts';
export { newToken, tokenId } from './tokens.ts';
export { Locked, SecondStepLocked, Unverified } from './views.tsx';
export { changeLegalName, changeSignInEmail, createVerifiedAccount, emailTaken, generatePassword, staffRecipients } from './accounts.ts';
