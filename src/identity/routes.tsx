import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BackgroundWork } from '../platform/background.ts';
import type { Cookies } from '../platform/cookies.ts';
import { origin, type Origin } from '../platform/origin.ts';
import type { Database } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { page, sendHtml } from '../platform/http.tsx';
import { formatDateTime } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import { changePasswordSchema, detailsSchema, emailSchema, newPasswordErrors, resetSchema, signInSchema, signUpSchema } from './schemas.ts';
import { type IdentityService, landingPath } from './service.ts';
import * as views from './views.tsx';
import type { Clock } from '../platform/clock.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { fieldErrors, parseForm } from '../platform/text.ts';
import { requireRecentConfirmation } from './step-up.ts';
import { SecondStepLocked } from './views.tsx';
import type { DashboardCard, Ports } from '../platform/module.ts';
import type { Portal } from '../platform/portal.ts';
import type { Portals } from '../authorities/index.ts';

/**
 * Route config of the pages open while a given password must be replaced: changing it, confirming
 * it is you (its step-up), signing out. They are open during second-factor enrolment too.
 */
export const UNTIL_NEW_PASSWORD = { untilNewPassword: true, duringEnrolment: true } as const;

const str = (body: unknown, key: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : '';
};

export function registerIdentityRoutes(
  app: FastifyInstance,
  deps: {
    db: Database;
    identity: IdentityService;
    clock: Clock;
    cookies: Cookies;
    background: BackgroundWork;
    signInRateLimit: { max: number; timeWindow: number };
    ports: Partial<Ports>;
    /** The authorities' portals (the sign-up page offers a choice when it is in none). */
    portals: Portals;
    /** What every module puts on the person's home page (platform/module.ts `dashboardCards`). */
    cards: readonly DashboardCard[];
  },
) {
  const { identity, ports } = deps;
  const signInOptions = (ctx: PageContext) => ports.signInOptions?.(ctx) ?? null;
  const { cookies } = deps;
  const cookieOptions = cookies.options;
  const limited = { rateLimit: deps.signInRateLimit };

  page(app, 'GET', 'signIn', async (request, reply, ctx) => {
    const notice = (request.query as Record<string, string>).notice;
    return sendHtml(
      reply,
      <views.SignIn
        ctx={ctx}
        notice={notice === 'verified' || notice === 'reset' || notice === 'signedOut' ? notice : undefined}
        options={await signInOptions(ctx)}
      />,
    );
  }, { access: 'public' });

  page(
    app,
    'POST',
    'signIn',
    async (request, reply, ctx) => {
      const parsed = parseForm(signInSchema, request.body);
      if (!parsed.success) {
        return sendHtml(reply, <views.SignIn ctx={ctx} email={str(request.body, 'email')} errors={fieldErrors(parsed.error)} options={await signInOptions(ctx)} />, 400);
      }
      const result = await identity.signIn({ ...parsed.data, origin: origin(request), previousSessionToken: request.cookies[cookies.session], portal: request.portal });
      switch (result.kind) {
        case 'signed_in':
          // A fresh session id at every sign-in (no fixation).
          reply.setCookie(cookies.session, result.sessionToken, cookieOptions);
          return reply.redirect(landingPath(result.stage, ctx.locale, result.mustChangePassword), 303);
        case 'second_factor_locked':
          return sendHtml(reply, <SecondStepLocked ctx={ctx} />, 403);
        case 'locked':
          return sendHtml(reply, <views.Locked ctx={ctx} threshold={result.threshold} />, 403);
        case 'unverified':
          return sendHtml(reply, <views.Unverified ctx={ctx} />, 403);
        default:
          return sendHtml(reply, <views.SignIn ctx={ctx} email={parsed.data.email} errors={{ email: 'signIn.invalid' }} options={await signInOptions(ctx)} />, 401);
      }
    },
    { access: 'public', config: limited },
  );

  page(
    app,
    'POST',
    'signOut',
    async (request, reply, ctx) => {
      const token = request.cookies[cookies.session];
      if (token) await identity.signOut(token, origin(request));
      reply.clearCookie(cookies.session, cookieOptions);
      return reply.redirect(`${href('signIn', ctx.locale)}?notice=signedOut`, 303);
    },
    { access: 'public', config: UNTIL_NEW_PASSWORD },
  );

  /** The authorities to choose from when the sign-up page is in no portal (several are hosted). */
  const portalChoices = async (ctx: PageContext) =>
    ctx.portal ? [] : (await deps.portals.list()).map((p) => ({ value: p.slug, label: p.name[ctx.locale] }));

  page(app, 'GET', 'signUp', async (_request, reply, ctx) => sendHtml(reply, <views.SignUp ctx={ctx} values={{ preferredLanguage: ctx.locale }} portals={await portalChoices(ctx)} />), { access: 'public' });

  page(
    app,
    'POST',
    'signUp',
    async (request, reply, ctx) => {
      const parsed = parseForm(signUpSchema, request.body);
      const passwordErrors = newPasswordErrors(request.body, str(request.body, 'email'));
      // In no portal while several authorities are hosted: the person says which one (platform read the field).
      const choices = await portalChoices(ctx);
      const portalError = choices.length > 1 ? { portal: 'invalid.portalRequired' as const } : {};
      if (!parsed.success || passwordErrors || choices.length > 1) {
        const values = Object.fromEntries(['email', 'givenName', 'familyName', 'preferredLanguage', 'portal'].map((k) => [k, str(request.body, k)]));
        return sendHtml(reply, <views.SignUp ctx={ctx} values={values} portals={choices} errors={{ ...portalError, ...(parsed.success ? {} : fieldErrors(parsed.error)), ...passwordErrors }} />, 400);
      }
      // Answered before the work, so a taken email and a new one take the same time.
      const input = { ...parsed.data, origin: origin(request), portal: request.portal };
      await deps.background.start(() => identity.signUp(input));
      return sendHtml(reply, <views.CheckEmail ctx={ctx} email={parsed.data.email} kind="verify" />);
    },
    { access: 'public', config: limited },
  );

  page(app, 'GET', 'verifyEmail', async (request, reply, ctx) => {
    const token = String((request.query as Record<string, unknown>).token ?? '');
    const usable = token.length > 0 && token.length <= 100 && (await identity.isTokenUsable(token, 'verify_email'));
    return sendHtml(reply, <views.VerifyEmail ctx={ctx} token={usable ? token : null} />, usable ? 200 : 400);
  }, { access: 'public' });

  page(app, 'POST', 'verifyEmail', async (request, reply, ctx) => {
    const token = str(request.body, 'token');
    const ok = token.length > 0 && token.length <= 100 && (await identity.verifyEmail(token, origin(request)));
    if (!ok) return sendHtml(reply, <views.VerifyEmail ctx={ctx} token={null} />, 400);
    return reply.redirect(`${href('signIn', ctx.locale)}?notice=verified`, 303);
  }, { access: 'public' });

  // Two pages that take an email and always answer "check your email", whether or not it is known,
  // and answer before the work is done so that the time does not tell either.
  const emailPages = [
    { name: 'resendVerification', kind: 'resend', sent: 'verify', act: (email: string, _from: Origin, portal: Portal | null) => identity.resendVerification(email, portal) },
    { name: 'forgotPassword', kind: 'forgot', sent: 'reset', act: (email: string, from: Origin, portal: Portal | null) => identity.requestPasswordReset(email, from, portal) },
  ] as const;
  for (const { name, kind, sent, act } of emailPages) {
    page(app, 'GET', name, async (_request, reply, ctx) => sendHtml(reply, <views.EmailForm ctx={ctx} kind={kind} />), { access: 'public' });
    page(
      app,
      'POST',
      name,
      async (request, reply, ctx) => {
        const parsed = parseForm(emailSchema, request.body);
        if (!parsed.success) return sendHtml(reply, <views.EmailForm ctx={ctx} kind={kind} email={str(request.body, 'email')} errors={fieldErrors(parsed.error)} />, 400);
        const { email } = parsed.data;
        const from = origin(request);
        const { portal } = request;
        await deps.background.start(() => act(email, from, portal));
        return sendHtml(reply, <views.CheckEmail ctx={ctx} email={parsed.data.email} kind={sent} />);
      },
      { access: 'public', config: limited },
    );
  }

  page(app, 'GET', 'resetPassword', async (request, reply, ctx) => {
    const token = String((request.query as Record<string, unknown>).token ?? '');
    const usable = token.length > 0 && token.length <= 100 && (await identity.emailForResetToken(token)) !== null;
    return sendHtml(reply, <views.ResetPassword ctx={ctx} token={usable ? token : null} />, usable ? 200 : 400);
  }, { access: 'public' });

  page(app, 'POST', 'resetPassword', async (request, reply, ctx) => {
    const parsed = parseForm(resetSchema, request.body);
    const token = str(request.body, 'token').slice(0, 100);
    const email = token ? await identity.emailForResetToken(token) : null;
    if (!email) return sendHtml(reply, <views.ResetPassword ctx={ctx} token={null} />, 400);
    const errors = parsed.success ? newPasswordErrors(parsed.data, email) : fieldErrors(parsed.error);
    if (!parsed.success || errors) return sendHtml(reply, <views.ResetPassword ctx={ctx} token={token} errors={errors ?? {}} />, 400);
    const ok = await identity.completePasswordReset(token, parsed.data.password, origin(request), request.portal);
    if (!ok) return sendHtml(reply, <views.ResetPassword ctx={ctx} token={null} />, 400);
    reply.clearCookie(cookies.session, cookieOptions);
    return reply.redirect(`${href('signIn', ctx.locale)}?notice=reset`, 303);
  }, { access: 'public' });

  page(app, 'GET', 'account', async (request, reply, ctx, account) => {
    const query = (request.query as Record<string, string>).notice;
    const notice = query === 'saved' || query === 'passwordChanged' ? query : undefined;
    const [shown, cards] = await Promise.all([identity.accountPage(account.id), Promise.all(deps.cards.map((card) => card.render(request, account, ctx)))]);
    if (!shown) throw new AppError('not_found');
    return sendHtml(
      reply,
      <views.Account ctx={ctx} cards={cards} {...shown} currentSessionId={account.sessionId} notice={notice} format={(d: Date) => formatDateTime(ctx.locale, d)} />,
    );
  }, { access: 'account' });

  page(app, 'GET', 'accountDetails', async (request, reply, ctx, account) => {
    const details = await identity.accountDetails(account.id);
    return sendHtml(reply, <views.Details ctx={ctx} values={details ?? {}} />);
  }, { access: 'account' });

  page(app, 'POST', 'accountDetails', async (request, reply, ctx, account) => {
    const parsed = parseForm(detailsSchema, request.body);
    if (!parsed.success) return sendHtml(reply, <views.Details ctx={ctx} values={request.body as Record<string, string>} errors={fieldErrors(parsed.error)} />, 400);
    const { _csrf, ...details } = parsed.data;
    await identity.updateDetails(account, details, origin(request));
    return reply.redirect(`${href('account', ctx.locale)}?notice=saved`, 303);
  }, { access: 'account' });

  const changePasswordStepUp = (request: FastifyRequest, reply: FastifyReply, account: SessionAccount) =>
    requireRecentConfirmation(request, reply, account, deps.clock, href('changePassword', request.locale));

  page(
    app,
    'GET',
    'changePassword',
    async (request, reply, ctx, account) => {
      if (!changePasswordStepUp(request, reply, account)) return reply;
      return sendHtml(reply, <views.ChangePassword ctx={ctx} required={account.mustChangePassword} />);
    },
    { access: 'account', config: UNTIL_NEW_PASSWORD },
  );

  page(
    app,
    'POST',
    'changePassword',
    async (request, reply, ctx, account) => {
      if (!changePasswordStepUp(request, reply, account)) return reply;
      const required = account.mustChangePassword;
      const parsed = parseForm(changePasswordSchema, request.body);
      const errors = parsed.success ? newPasswordErrors(parsed.data, account.email) : fieldErrors(parsed.error);
      if (!parsed.success || errors) return sendHtml(reply, <views.ChangePassword ctx={ctx} required={required} errors={errors ?? {}} />, 400);
      const check = await identity.changePassword(account, parsed.data.currentPassword, parsed.data.password, origin(request), request.portal);
      if (check.kind === 'locked') {
        reply.clearCookie(cookies.session, cookieOptions);
        return sendHtml(reply, <views.Locked ctx={ctx} threshold={check.threshold} />, 403);
      }
      if (check.kind === 'wrong') return sendHtml(reply, <views.ChangePassword ctx={ctx} required={required} errors={{ currentPassword: 'invalid.password.current' }} />, 400);
      return reply.redirect(`${href('account', ctx.locale)}?notice=passwordChanged`, 303);
    },
    { access: 'account', config: { ...UNTIL_NEW_PASSWORD, ...limited } },
  );

  page(app, 'POST', 'signOutEverywhere', async (request, reply, ctx, account) => {
    await identity.signOutEverywhere(account, origin(request));
    reply.clearCookie(cookies.session, cookieOptions);
    return reply.redirect(`${href('signIn', ctx.locale)}?notice=signedOut`, 303);
  }, { access: 'account' });
}
