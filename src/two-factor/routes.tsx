import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { UNTIL_NEW_PASSWORD, Locked, SecondStepLocked, type IdentityService, landingPath, requireRecentConfirmation, safeReturnPath, settleSecondStep } from '../identity/index.ts';
import type { BackgroundWork } from '../platform/background.ts';
import type { Cookies } from '../platform/cookies.ts';
import type { Ports } from '../platform/module.ts';
import type { Database } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { noticeOf, page, sendHtml } from '../platform/http.tsx';
import { formatDateTime, type MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Notice } from '../platform/views/forms.tsx';
import type { FieldErrors, PageContext } from '../platform/views/layout.tsx';
import { recoveryCodesFile } from './recovery-codes.ts';
import { appCodeSchema, confirmPasswordSchema, factorRecoverySchema, recoveryDecisionSchema, secondStepSchema } from './schemas.ts';
import type { TwoFactorService, VerificationMethod } from './service.ts';
import * as views from './views.tsx';
import type { Clock } from '../platform/clock.ts';
import { origin } from '../platform/origin.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { fieldErrors, parseForm, typedText } from '../platform/text.ts';
import { authorities } from '../authorities/index.ts';
import { ConfirmPage } from '../platform/views/confirm.tsx';

/**
 * The reminder to set up two-step verification, a card on the person's home page (the account
 * page today, the dashboard later); right after "Not now", when it comes back.
 */
export async function reminderCard(request: FastifyRequest, account: SessionAccount, ctx: PageContext): Promise<VNode | null> {
  const twoFactor = request.server.services.twoFactor;
  if ((request.query as Record<string, unknown>).notice === 'nudgeDismissed') return <Notice>{ctx.t('twoFactorNudge.dismissed')}</Notice>;
  return (await twoFactor.shouldNudge(account.id)) ? <views.SecondFactorNudge ctx={ctx} /> : null;
}

/** Route config of the pages a person who must enrol may reach before enrolling. */
export const DURING_ENROLMENT = { duringEnrolment: true } as const;

const notices = {
  appAdded: 'twoFactor.app.added',
  appRemoved: 'twoFactor.app.removed',
  lastFactor: 'twoFactor.app.lastFactor',
} as const satisfies Record<string, MessageKey>;

export function registerTwoFactorRoutes(
  app: FastifyInstance,
  deps: {
    db: Database;
    identity: IdentityService;
    twoFactor: TwoFactorService;
    cookies: Cookies;
    background: BackgroundWork;
    clock: Clock;
    signInRateLimit: { max: number; timeWindow: number };
    /** Whether the account has a password, and the identity providers it may confirm with (src/federation). */
    ports: Partial<Ports>;
  },
) {
  const { identity, twoFactor, clock } = deps;
  const format = (ctx: PageContext) => (d: Date) => formatDateTime(ctx.locale, d);


  const authorityName = async (account: SessionAccount, ctx: PageContext) => {
    const [row] = await deps.db.select({ name: authorities.name }).from(authorities).where(eq(authorities.id, account.authorityId));
    return row?.name[ctx.locale] ?? 'Guichet';
  };

  // New recovery codes are shown by this GET, once, from their one-time record: a refresh or Back
  // shows that they were shown and how to make new ones, and never makes another set.
  page(
    app,
    'GET',
    'recoveryCodes',
    async (_request, reply, ctx, account) => {
      const shown = await twoFactor.takeShownCodes(account.sessionId);
      if (!shown) return sendHtml(reply, <views.RecoveryCodesShown ctx={ctx} />);
      const next = shown.next ?? (shown.enrolling ? href('account', ctx.locale) : href('twoFactor', ctx.locale));
      return sendHtml(reply, <views.RecoveryCodes ctx={ctx} codes={shown.codes} next={next} file={recoveryCodesFile(shown.codes, account.email, clock.now())} />);
    },
    { access: 'account', config: DURING_ENROLMENT },
  );

  page(
    app,
    'GET',
    'twoFactor',
    async (request, reply, ctx, account) => {
      return sendHtml(
        reply,
        <views.Overview
          ctx={ctx}
          status={await twoFactor.status(account.id)}
          enrolling={account.stage === 'enrol'}
          notice={noticeOf(request, notices)}
          format={format(ctx)}
        />,
      );
    },
    { access: 'account', config: DURING_ENROLMENT },
  );

  page(
    app,
    'GET',
    'authenticatorApp',
    async (request, reply, ctx, account) => {
      if (!requireRecentConfirmation(request, reply, account, clock, href('authenticatorApp', ctx.locale))) return reply;
      const details = await twoFactor.beginApp(account, await authorityName(account, ctx));
      return sendHtml(reply, <views.AppEnrolment ctx={ctx} {...details} />);
    },
    { access: 'account', config: DURING_ENROLMENT },
  );

  page(
    app,
    'POST',
    'authenticatorApp',
    async (request, reply, ctx, account) => {
      if (!requireRecentConfirmation(request, reply, account, clock, href('authenticatorApp', ctx.locale))) return reply;
      const parsed = parseForm(appCodeSchema, request.body);
      const result = parsed.success ? await twoFactor.confirmApp(account, parsed.data.code, origin(request), request.portal) : { ok: false as const };
      if (!result.ok) {
        const details = await twoFactor.beginApp(account, await authorityName(account, ctx));
        const errors = parsed.success ? { code: 'secondStep.invalid' as const } : fieldErrors(parsed.error);
        return sendHtml(reply, <views.AppEnrolment ctx={ctx} {...details} errors={errors} />, 400);
      }
      if (result.recoveryCodes) return reply.redirect(href('recoveryCodes', ctx.locale), 303);
      return reply.redirect(`${href('twoFactor', ctx.locale)}?notice=appAdded`, 303);
    },
    { access: 'account', config: DURING_ENROLMENT },
  );

  page(app, 'GET', 'removeAuthenticatorApp', async (request, reply, ctx, account) => {
    if (!requireRecentConfirmation(request, reply, account, clock, href('removeAuthenticatorApp', ctx.locale))) return reply;
    const status = await twoFactor.status(account.id);
    if (!status.appSince) return reply.redirect(href('twoFactor', ctx.locale), 303);
    if (status.mustUseSecondFactor && status.securityKeys === 0) return reply.redirect(`${href('twoFactor', ctx.locale)}?notice=lastFactor`, 303);
    const { t, locale } = ctx;
    const consequences = [t('twoFactor.app.confirmRemove.body')];
    if (status.securityKeys === 0) consequences.push(t('twoFactor.app.confirmRemove.lastOne'));
    return sendHtml(
      reply,
      <ConfirmPage
        ctx={ctx}
        title={t('twoFactor.app.confirmRemove.title')}
        consequences={consequences}
        action={href('removeAuthenticatorApp', locale)}
        confirm={t('twoFactor.app.remove')}
        cancel={{ href: href('twoFactor', locale), label: t('twoFactor.cancel') }}
      />,
    );
  }, { access: 'account' });

  page(app, 'POST', 'removeAuthenticatorApp', async (request, reply, ctx, account) => {
    if (!requireRecentConfirmation(request, reply, account, clock, href('twoFactor', ctx.locale))) return reply;
    const removed = await twoFactor.removeApp(account, origin(request), request.portal);
    return reply.redirect(`${href('twoFactor', ctx.locale)}?notice=${removed ? 'appRemoved' : 'lastFactor'}`, 303);
  }, { access: 'account' });

  page(app, 'POST', 'dismissTwoFactorNudge', async (request, reply, ctx, account) => {
    await twoFactor.dismissNudge(account, origin(request));
    return reply.redirect(`${href('dashboard', ctx.locale)}?notice=nudgeDismissed`, 303);
  }, { access: 'account' });

  page(app, 'POST', 'recoveryCodes', async (request, reply, ctx, account) => {
    if (!requireRecentConfirmation(request, reply, account, clock, href('twoFactor', ctx.locale))) return reply;
    const codes = await twoFactor.regenerateRecoveryCodes(account, origin(request), request.portal);
    return reply.redirect(codes ? href('recoveryCodes', ctx.locale) : href('twoFactor', ctx.locale), 303);
  }, { access: 'account' });

  /** The second-step question, at sign-in or before a sensitive action; the answer is counted. */
  async function answerSecondStep(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    session: SessionAccount,
    action: string,
    title: MessageKey,
    next: string,
    securityKeyPage: string,
  ) {
    if (await identity.isSecondFactorLocked(session.id)) return sendHtml(reply, <SecondStepLocked ctx={ctx} />, 403);
    const methods = async () => {
      const status = await twoFactor.status(session.id);
      return { hasApp: Boolean(status.appSince), securityKeyHref: status.securityKeys > 0 ? securityKeyPage : undefined };
    };
    const parsed = parseForm(secondStepSchema, request.body);
    if (!parsed.success) {
      const recovery = (request.body as Record<string, unknown>).method === 'recovery_code';
      return sendHtml(reply, <views.SecondStep ctx={ctx} action={action} title={title} {...await methods()} useRecoveryCode={recovery} errors={fieldErrors(parsed.error)} />, 400);
    }
    const { method, code } = parsed.data;
    const passed = await twoFactor.check(session, method, code, origin(request), request.portal);
    return settleSecondStep(request, reply, ctx, deps, session, { method, passed }, {
      passed: () => reply.redirect(next, 303),
      failed: async () =>
        sendHtml(
          reply,
          <views.SecondStep ctx={ctx} action={action} title={title} {...await methods()} useRecoveryCode={method === 'recovery_code'} errors={{ code: 'secondStep.invalid' }} />,
          401,
        ),
    });
  }

  page(app, 'GET', 'signInSecondFactor', async (request, reply, ctx, session) => {
    if (await identity.isSecondFactorLocked(session.id)) return sendHtml(reply, <SecondStepLocked ctx={ctx} />, 403);
    const { appSince, securityKeys } = await twoFactor.status(session.id);
    const recovery = (request.query as Record<string, string>).with === 'recovery-code';
    const keyPage = href('signInSecurityKey', ctx.locale);
    // Keys and no app: the key is the question, a recovery code the way round.
    if (!appSince && securityKeys > 0 && !recovery) return reply.redirect(keyPage);
    return sendHtml(
      reply,
      <views.SecondStep
        ctx={ctx}
        action={href('signInSecondFactor', ctx.locale)}
        title="secondStep.title"
        hasApp={Boolean(appSince)}
        useRecoveryCode={recovery}
        securityKeyHref={securityKeys > 0 ? keyPage : undefined}
      />,
    );
  }, { access: 'signing-in' });

  page(
    app,
    'POST',
    'signInSecondFactor',
    async (request, reply, ctx, session) =>
      answerSecondStep(
        request,
        reply,
        ctx,
        session,
        href('signInSecondFactor', ctx.locale),
        'secondStep.title',
        landingPath('complete', ctx.locale),
        href('signInSecurityKey', ctx.locale),
      ),
    { access: 'signing-in', config: { rateLimit: deps.signInRateLimit } },
  );

  const confirmAction = (ctx: PageContext, returnTo: string) => `${href('confirmIdentity', ctx.locale)}?return=${encodeURIComponent(returnTo)}`;
  const confirmWithKey = (ctx: PageContext, returnTo: string) =>
    `${href('confirmIdentitySecurityKey', ctx.locale)}?return=${encodeURIComponent(returnTo)}`;
  const returnPath = (request: FastifyRequest, ctx: PageContext) =>
    safeReturnPath((request.query as Record<string, unknown>).return) ?? href('account', ctx.locale);

  /** The password form, and a button per linked identity provider (signing in there again confirms too). */
  const confirmPasswordPage = async (reply: FastifyReply, ctx: PageContext, account: SessionAccount, returnTo: string, errors?: FieldErrors, status = 200) => {
    const methods = deps.ports.confirmationMethods ? await deps.ports.confirmationMethods(account.id) : { hasPassword: true, providers: [] };
    const providers = methods.providers.map((p) => ({
      name: p.name[ctx.locale],
      action: `${href('confirmWithProvider', ctx.locale, { slug: p.slug })}?return=${encodeURIComponent(returnTo)}`,
    }));
    return sendHtml(
      reply,
      <views.ConfirmPassword ctx={ctx} action={confirmAction(ctx, returnTo)} hasPassword={methods.hasPassword} providers={providers} {...(errors ? { errors } : {})} />,
      status,
    );
  };

  page(
    app,
    'GET',
    'confirmIdentity',
    async (request, reply, ctx, account) => {
      const returnTo = returnPath(request, ctx);
      if (!account.hasSecondFactor) return confirmPasswordPage(reply, ctx, account, returnTo);
      const { appSince, securityKeys } = await twoFactor.status(account.id);
      const recovery = (request.query as Record<string, string>).with === 'recovery-code';
      if (!appSince && securityKeys > 0 && !recovery) return reply.redirect(confirmWithKey(ctx, returnTo));
      return sendHtml(
        reply,
        <views.SecondStep
          ctx={ctx}
          action={confirmAction(ctx, returnTo)}
          title="confirmIdentity.title"
          hasApp={Boolean(appSince)}
          useRecoveryCode={recovery}
          securityKeyHref={securityKeys > 0 ? confirmWithKey(ctx, returnTo) : undefined}
        />,
      );
    },
    { access: 'account', config: UNTIL_NEW_PASSWORD },
  );

  page(
    app,
    'POST',
    'confirmIdentity',
    async (request, reply, ctx, account) => {
      const returnTo = returnPath(request, ctx);
      const action = confirmAction(ctx, returnTo);
      if (account.hasSecondFactor) {
        return answerSecondStep(request, reply, ctx, account, action, 'confirmIdentity.title', returnTo, confirmWithKey(ctx, returnTo));
      }
      const parsed = parseForm(confirmPasswordSchema, request.body);
      if (!parsed.success) return confirmPasswordPage(reply, ctx, account, returnTo, fieldErrors(parsed.error), 400);
      const check = await identity.confirmPassword(account, parsed.data.password, origin(request));
      if (check.kind === 'locked') {
        void reply.clearCookie(deps.cookies.session, deps.cookies.options);
        return sendHtml(reply, <Locked ctx={ctx} threshold={check.threshold} />, 403);
      }
      if (check.kind === 'wrong') return confirmPasswordPage(reply, ctx, account, returnTo, { password: 'confirmIdentity.invalid' }, 401);
      return reply.redirect(returnTo, 303);
    },
    { access: 'account', config: { ...UNTIL_NEW_PASSWORD, rateLimit: deps.signInRateLimit } },
  );

  page(app, 'GET', 'factorRecovery', async (request, reply, ctx) => {
    const sent = (request.query as Record<string, unknown>).notice === 'sent';
    return sendHtml(reply, <views.FactorRecovery ctx={ctx} sent={sent} />);
  }, { access: 'public' });

  page(
    app,
    'POST',
    'factorRecovery',
    async (request, reply, ctx) => {
      const parsed = parseForm(factorRecoverySchema, request.body);
      if (!parsed.success) return sendHtml(reply, <views.FactorRecovery ctx={ctx} sent={false} email={typedText(request.body, 'email')} errors={fieldErrors(parsed.error)} />, 400);
      const { email, message } = parsed.data;
      const from = origin(request);
      const { portal } = request;
      // Answered before the work: the time must not tell whether the email has an account.
      await deps.background.start(() => twoFactor.requestFactorRecovery(email, message, from, portal));
      return reply.redirect(`${href('factorRecovery', ctx.locale)}?notice=sent`, 303);
    },
    { access: 'public', config: { rateLimit: deps.signInRateLimit } },
  );

  page(app, 'GET', 'staffFactorRecoveries', async (request, reply, ctx, staff) => {
    const done = (request.query as Record<string, string>).notice === 'done';
    return sendHtml(
      reply,
      <views.StaffRequests ctx={ctx} requests={await twoFactor.pendingRecoveryRequests(staff.staffAuthorityId)} format={format(ctx)} notice={done ? 'staffRecovery.done' : undefined} />,
    );
  }, { access: 'staff' });

  const pendingRequest = async (staff: SessionAccount, id: string) => {
    const request = (await twoFactor.pendingRecoveryRequests(staff.staffAuthorityId)).find((r) => r.id === id);
    if (!request) throw new AppError('not_found');
    return request;
  };

  page(app, 'GET', 'staffFactorRecovery', async (request, reply, ctx, staff) => {
    const found = await pendingRequest(staff, (request.params as { id: string }).id);
    return sendHtml(reply, <views.StaffRequest ctx={ctx} request={found} format={format(ctx)} />);
  }, { access: 'staff' });

  page(app, 'POST', 'staffFactorRecovery', async (request, reply, ctx, staff) => {
    const { id } = request.params as { id: string };
    const found = await pendingRequest(staff, id);
    const parsed = parseForm(recoveryDecisionSchema, request.body);
    if (!parsed.success) {
      const values = { method: typedText(request.body, 'method'), note: typedText(request.body, 'note') };
      return sendHtml(reply, <views.StaffRequest ctx={ctx} request={found} format={format(ctx)} errors={fieldErrors(parsed.error)} values={values} />, 400);
    }
    const { action, method, note } = parsed.data;
    await twoFactor.resolveRecoveryRequest(staff, id, { action, method: method as VerificationMethod, note }, origin(request));
    return reply.redirect(`${href('staffFactorRecoveries', ctx.locale)}?notice=done`, 303);
  }, { access: 'staff' });
}
