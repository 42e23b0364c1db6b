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
import type { Sealer } from '../platform/secrets.ts';
import { changePasswordSchema, type SentLink, sentLinkSchema, detailsSchema, emailSchema, newPasswordErrors, resetSchema, signInSchema, signUpSchema } from './schemas.ts';
import { type IdentityService, landingPath } from './service.ts';
import * as views from './views.tsx';
import { ConfirmPage } from '../platform/views/confirm.tsx';
import type { Clock } from '../platform/clock.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { fieldErrors, parseForm, typedText } from '../platform/text.ts';
import { requireRecentConfirmation } from './step-up.ts';
import { SecondStepLocked } from './views.tsx';
import type { Ports } from '../platform/module.ts';
import type { Portal } from '../platform/portal.ts';
import type { Portals } from '../authorities/index.ts';

/**
 * Route config of the pages open while a given password must be replaced: changing it, confirming
 * it is you (its step-up), signing out. They are open during second-factor enrolment too.
 */
export const UNTIL_NEW_PASSWORD = { untilNewPassword: true, duringEnrolment: true } as const;

export function registerIdentityRoutes(
  app: FastifyInstance,
  deps: {
    db: Database;
    identity: IdentityService;
    clock: Clock;
    cookies: Cookies;
    background: BackgroundWork;
    /** Seals the "link sent" cookie (it holds the address typed). */
    sealer: Sealer;
    signInRateLimit: { max: number; timeWindow: number };
    ports: Partial<Ports>;
    /** The authorities' portals (the sign-up page offers a choice when it is in none). */
    portals: Portals;
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
        return sendHtml(reply, <views.SignIn ctx={ctx} email={typedText(request.body, 'email')} errors={fieldErrors(parsed.error)} options={await signInOptions(ctx)} />, 400);
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
          return sendHtml(reply, <views.SignIn ctx={ctx} email={parsed.data.email} failed options={await signInOptions(ctx)} />, 401);
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

  /** The link just mailed, for the "check your email" page and its "correct the address" link; sealed: it holds an email. */
  const sentCookie = { ...cookieOptions, maxAge: 60 * 60 };
  const remember = (reply: FastifyReply, sent: SentLink) => reply.setCookie(cookies.emailSent, deps.sealer.seal(JSON.stringify(sent)), sentCookie);
  const sentLink = (request: FastifyRequest): SentLink | null => {
    const sealed = request.cookies[cookies.emailSent];
    if (!sealed) return null;
    try {
      const parsed = sentLinkSchema.safeParse(JSON.parse(deps.sealer.open(sealed)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
  /** "Correct the address": the form the link was asked from, filled again. */
  const corrected = (request: FastifyRequest, via: SentLink['via']) => {
    if ((request.query as Record<string, unknown>).correct !== '1') return null;
    const sent = sentLink(request);
    return sent?.via === via ? sent : null;
  };

  page(app, 'GET', 'checkEmail', async (request, reply, ctx) => sendHtml(reply, <views.CheckEmail ctx={ctx} sent={sentLink(request)} />), { access: 'public' });

  page(app, 'GET', 'signUp', async (request, reply, ctx) => {
    const sent = corrected(request, 'signUp');
    const values: Record<string, string> = sent ? { email: sent.email, givenName: sent.givenName ?? '', familyName: sent.familyName ?? '', preferredLanguage: sent.preferredLanguage ?? ctx.locale } : { preferredLanguage: ctx.locale };
    return sendHtml(reply, <views.SignUp ctx={ctx} values={values} portals={await portalChoices(ctx)} />);
  }, { access: 'public' });

  page(
    app,
    'POST',
    'signUp',
    async (request, reply, ctx) => {
      const parsed = parseForm(signUpSchema, request.body);
      const passwordErrors = newPasswordErrors(request.body, typedText(request.body, 'email'));
      // In no portal while several authorities are hosted: the person says which one (platform read the field).
      const choices = await portalChoices(ctx);
      const portalError = choices.length > 1 ? { portal: 'invalid.portalRequired' as const } : {};
      if (!parsed.success || passwordErrors || choices.length > 1) {
        const values = Object.fromEntries(['email', 'givenName', 'familyName', 'preferredLanguage', 'portal'].map((k) => [k, typedText(request.body, k)]));
        return sendHtml(reply, <views.SignUp ctx={ctx} values={values} portals={choices} errors={{ ...portalError, ...(parsed.success ? {} : fieldErrors(parsed.error)), ...passwordErrors }} />, 400);
      }
      // Answered before the work, so a taken email and a new one take the same time.
      const input = { ...parsed.data, origin: origin(request), portal: request.portal };
      await deps.background.start(() => identity.signUp(input));
      const { email, givenName, familyName, preferredLanguage } = parsed.data;
      remember(reply, { via: 'signUp', email, givenName, familyName, preferredLanguage });
      return reply.redirect(href('checkEmail', ctx.locale), 303);
    },
    { access: 'public', config: limited },
  );

  /** A link that no longer works: already used on a confirmed address (it says so, and links to sign-in), or invalid. */
  const unusableLink = async (reply: FastifyReply, ctx: PageContext, token: string) => {
    const confirmed = token.length > 0 && token.length <= 100 && (await identity.isEmailAlreadyConfirmed(token));
    return sendHtml(reply, <views.VerifyEmail ctx={ctx} token={null} alreadyConfirmed={confirmed} />, confirmed ? 200 : 400);
  };

  page(app, 'GET', 'verifyEmail', async (request, reply, ctx) => {
    const token = String((request.query as Record<string, unknown>).token ?? '');
    const usable = token.length > 0 && token.length <= 100 && (await identity.isTokenUsable(token, 'verify_email'));
    if (!usable) return unusableLink(reply, ctx, token);
    return sendHtml(reply, <views.VerifyEmail ctx={ctx} token={token} />);
  }, { access: 'public' });

  page(app, 'POST', 'verifyEmail', async (request, reply, ctx) => {
    const token = typedText(request.body, 'token');
    const ok = token.length > 0 && token.length <= 100 && (await identity.verifyEmail(token, origin(request)));
    if (!ok) return unusableLink(reply, ctx, token);
    return reply.redirect(`${href('signIn', ctx.locale)}?notice=verified`, 303);
  }, { access: 'public' });

  // Two pages that take an email and always answer "check your email", whether or not it is known,
  // and answer before the work is done so that the time does not tell either.
  const emailPages = [
    { name: 'resendVerification', kind: 'resend', act: (email: string, _from: Origin, portal: Portal | null) => identity.resendVerification(email, portal) },
    { name: 'forgotPassword', kind: 'forgot', act: (email: string, from: Origin, portal: Portal | null) => identity.requestPasswordReset(email, from, portal) },
  ] as const;
  for (const { name, kind, act } of emailPages) {
    page(app, 'GET', name, async (request, reply, ctx) => {
      const email = corrected(request, kind)?.email;
      return sendHtml(reply, <views.EmailForm ctx={ctx} kind={kind} {...(email ? { email } : {})} />);
    }, { access: 'public' });
    page(
      app,
      'POST',
      name,
      async (request, reply, ctx) => {
        const parsed = parseForm(emailSchema, request.body);
        if (!parsed.success) return sendHtml(reply, <views.EmailForm ctx={ctx} kind={kind} email={typedText(request.body, 'email')} errors={fieldErrors(parsed.error)} />, 400);
        const { email } = parsed.data;
        const from = origin(request);
        const { portal } = request;
        await deps.background.start(() => act(email, from, portal));
        // Sent again from "check your email": its "correct the address" still goes to the form first used.
        const previous = sentLink(request);
        const again = previous?.email === email && (previous.via === 'forgot') === (kind === 'forgot');
        remember(reply, again ? previous : { via: kind, email });
        return reply.redirect(href('checkEmail', ctx.locale), 303);
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
    const token = typedText(request.body, 'token').slice(0, 100);
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
    const shown = await identity.accountPage(account.id);
    if (!shown) throw new AppError('not_found');
    return sendHtml(
      reply,
      <views.Account ctx={ctx} {...shown} currentSessionId={account.sessionId} notice={notice} format={(d: Date) => formatDateTime(ctx.locale, d)} />,
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
      // A password someone else gave was replaced at sign-in: the person goes on to their dashboard.
      return reply.redirect(`${href(required ? 'dashboard' : 'account', ctx.locale)}?notice=passwordChanged`, 303);
    },
    { access: 'account', config: { ...UNTIL_NEW_PASSWORD, ...limited } },
  );

  page(app, 'GET', 'signOutEverywhere', async (request, reply, ctx, account) => {
    const { t, locale } = ctx;
    const sessions = (await identity.accountPage(account.id))?.sessions.length ?? 1;
    return sendHtml(
      reply,
      <ConfirmPage
        ctx={ctx}
        title={t('signOutEverywhere.title')}
        consequences={[t('signOutEverywhere.body', { count: sessions }), t('signOutEverywhere.after')]}
        action={href('signOutEverywhere', locale)}
        confirm={t('account.signOutEverywhere')}
        cancel={{ href: href('account', locale), label: t('signOutEverywhere.cancel') }}
      />,
    );
  }, { access: 'account' });

  page(app, 'POST', 'signOutEverywhere', async (request, reply, ctx, account) => {
    await identity.signOutEverywhere(account, origin(request));
    reply.clearCookie(cookies.session, cookieOptions);
    return reply.redirect(`${href('signIn', ctx.locale)}?notice=signedOut`, 303);
  }, { access: 'account' });
}
