import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type IdentityService, landingPath, Locked, requireRecentConfirmation, safeReturnPath, SecondStepLocked, settleSecondStep, Unverified } from '../identity/index.ts';
import type { Cookies } from '../platform/cookies.ts';
import { AppError } from '../platform/errors.ts';
import { page, pageContext, sendHtml } from '../platform/http.tsx';
import { formatDateTime, type Locale, type MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import type { PageContext } from '../platform/views/layout.tsx';
import { assertionSchema, CEREMONY_BUTTON, type SecurityKeyService, SecurityKeyStep } from '../security-keys/index.ts';
import { DURING_ENROLMENT, SecondStep, secondStepSchema, type TwoFactorService } from '../two-factor/index.ts';
import { createSchema, emailSchema, identityIdSchema, linkSchema, slugSchema } from './schemas.ts';
import type { FederationService, Flow } from './service.ts';
import * as views from './views.tsx';
import type { Clock } from '../platform/clock.ts';
import { origin } from '../platform/origin.ts';
import type { SessionAccount } from '../platform/actors.ts';
import { fieldErrors, parseForm, typedText } from '../platform/text.ts';

/** Pages holding a form that posts and is redirected to a provider: their CSP must allow it. */

export function registerFederationRoutes(
  app: FastifyInstance,
  deps: {
    identity: IdentityService;
    federation: FederationService;
    twoFactor: TwoFactorService;
    securityKeys: SecurityKeyService;
    clock: Clock;
    publicUrl: URL;
    cookies: Cookies;
    signInRateLimit: { max: number; timeWindow: number };
  },
) {
  const { identity, federation, twoFactor, securityKeys, clock } = deps;
  const { cookies } = deps;
  const cookieOptions = cookies.options;
  const limited = { config: { rateLimit: deps.signInRateLimit } };
  const format = (ctx: PageContext) => (d: Date) => formatDateTime(ctx.locale, d);

  const flowOf = (request: FastifyRequest) => federation.flowByToken(request.cookies[cookies.oidcFlow]);

  /** Where a journey stands: a request out of sequence goes back to its step. */
  function stepOf(flow: Flow | null, locale: Locale): string {
    if (!flow) return href('signIn', locale);
    switch (flow.stage) {
      case 'identified':
        return href('federationFirstTime', locale);
      case 'email_sent':
        return href('federationEmail', locale);
      case 'second_factor':
        return href('federationSecondStep', locale);
      default:
        return href('signIn', locale);
    }
  }

  /** The journey ended with a session: a fresh session cookie, no flow cookie. */
  function signedIn(reply: FastifyReply, sessionToken: string) {
    reply.setCookie(cookies.session, sessionToken, cookieOptions);
    reply.clearCookie(cookies.oidcFlow, cookieOptions);
  }

  const landing = (flow: Flow, stage: Parameters<typeof landingPath>[0]) => landingPath(stage, flow.claimedLocale ?? flow.locale);

  async function begin(reply: FastifyReply, input: Parameters<FederationService['begin']>[0]) {
    let started;
    try {
      started = await federation.begin(input);
    } catch (error) {
      reply.log.warn({ err: error, provider: input.provider.slug }, 'identity provider unavailable');
      throw new AppError('provider_unavailable');
    }
    reply.setCookie(cookies.oidcFlow, started.cookieToken, { ...cookieOptions, maxAge: 60 * 60 });
    return reply.redirect(started.url, 303);
  }

  page(
    app,
    'POST',
    'federationStart',
    async (request, reply, ctx) => {
      const params = slugSchema.safeParse(request.params);
      const provider = params.success ? await federation.providerBySlug(params.data.slug) : null;
      if (!provider) throw new AppError('not_found');
      return begin(reply, { provider, purpose: 'sign_in', locale: ctx.locale });
    },
    { access: 'public', ...limited },
  );

  // The address registered with every provider, in no language: the journey knows its language.
  app.get('/oidc/callback/:slug', { config: { access: 'public', rateLimit: deps.signInRateLimit } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const result = await federation.callback({
      cookieToken: request.cookies[cookies.oidcFlow],
      slug,
      // Rebuilt on the public address: it must match the redirect URI registered with the provider.
      currentUrl: new URL(request.url, deps.publicUrl),
      origin: origin(request),
      sessionToken: request.cookies[cookies.session],
      session: request.account,
      portal: request.portal,
    });
    if (result.locale) request.locale = result.locale;
    const locale = request.locale;
    switch (result.kind) {
      case 'failed':
        reply.clearCookie(cookies.oidcFlow, cookieOptions);
        throw new AppError('provider_failed');
      case 'signed_in':
        signedIn(reply, result.sessionToken);
        return reply.redirect(landingPath(result.stage, locale), 303);
      case 'locked':
        reply.clearCookie(cookies.oidcFlow, cookieOptions);
        return sendHtml(reply, <Locked ctx={pageContext(request)} threshold={result.threshold} />, 403);
      case 'second_factor_locked':
        reply.clearCookie(cookies.oidcFlow, cookieOptions);
        return sendHtml(reply, <SecondStepLocked ctx={pageContext(request)} />, 403);
      case 'first_time':
        return reply.redirect(href('federationFirstTime', locale), 303);
      case 'linked':
        reply.clearCookie(cookies.oidcFlow, cookieOptions);
        return reply.redirect(`${href('waysToSignIn', locale)}?notice=linked`, 303);
      case 'already_linked':
        reply.clearCookie(cookies.oidcFlow, cookieOptions);
        return reply.redirect(`${href('waysToSignIn', locale)}?notice=alreadyLinked`, 303);
      case 'linked_elsewhere':
        reply.clearCookie(cookies.oidcFlow, cookieOptions);
        return reply.redirect(`${href('waysToSignIn', locale)}?notice=linkedElsewhere`, 303);
      case 'confirmed':
        reply.clearCookie(cookies.oidcFlow, cookieOptions);
        return reply.redirect(result.returnTo, 303);
    }
  });

  async function firstTime(reply: FastifyReply, ctx: PageContext, flow: Flow, extra: Partial<views.FirstTimeProps> = {}, status = 200) {
    const verifiedEmail = flow.emailVerified ? flow.email : null;
    const emailTaken = verifiedEmail ? await federation.emailTaken(verifiedEmail) : false;
    return sendHtml(
      reply,
      <views.FirstTime
        ctx={ctx}
        providerName={flow.provider.name[ctx.locale]}
        verifiedEmail={verifiedEmail}
        emailTaken={emailTaken}
        values={{ givenName: flow.givenName, familyName: flow.familyName, email: flow.pendingEmail }}
        {...extra}
      />,
      status,
    );
  }

  /** The flow this page belongs to, or a redirect to where the journey stands. */
  async function flowAt(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, stages: Flow['stage'][]) {
    const flow = await flowOf(request);
    if (flow && flow.purpose === 'sign_in' && stages.includes(flow.stage)) return flow;
    void reply.redirect(stepOf(flow?.purpose === 'sign_in' ? flow : null, ctx.locale), 303);
    return null;
  }

  page(app, 'GET', 'federationFirstTime', async (request, reply, ctx) => {
    const flow = await flowAt(request, reply, ctx, ['identified']);
    return flow ? firstTime(reply, ctx, flow) : reply;
  }, { access: 'public' });

  page(
    app,
    'POST',
    'federationCreate',
    async (request, reply, ctx) => {
      const flow = await flowAt(request, reply, ctx, ['identified']);
      if (!flow) return reply;
      const parsed = parseForm(createSchema, request.body);
      if (!parsed.success) {
        const values = { givenName: typedText(request.body, 'givenName'), familyName: typedText(request.body, 'familyName') };
        return firstTime(reply, ctx, flow, { values, errors: fieldErrors(parsed.error) }, 400);
      }
      const result = await federation.createWithProviderEmail(flow, parsed.data, origin(request), request.cookies[cookies.session], request.portal);
      if (result.kind === 'created') {
        signedIn(reply, result.sessionToken);
        return reply.redirect(landing(flow, result.stage), 303);
      }
      if (result.kind === 'email_taken') return firstTime(reply, ctx, flow, {}, 409);
      return reply.redirect(stepOf(flow, ctx.locale), 303);
    },
    { access: 'public', ...limited },
  );

  page(app, 'GET', 'federationEmail', async (request, reply, ctx) => {
    const flow = await flowAt(request, reply, ctx, ['email_sent']);
    return flow ? sendHtml(reply, <views.CheckEmail ctx={ctx} email={flow.pendingEmail ?? ''} />) : reply;
  }, { access: 'public' });

  page(
    app,
    'POST',
    'federationEmail',
    async (request, reply, ctx) => {
      const flow = await flowAt(request, reply, ctx, ['identified']);
      if (!flow) return reply;
      if (flow.emailVerified && flow.email) return reply.redirect(href('federationFirstTime', ctx.locale), 303);
      const parsed = parseForm(emailSchema, request.body);
      if (!parsed.success) {
        const values = Object.fromEntries(['email', 'givenName', 'familyName'].map((k) => [k, typedText(request.body, k)]));
        return firstTime(reply, ctx, flow, { values, errors: fieldErrors(parsed.error) }, 400);
      }
      await federation.sendEmailLink(flow, parsed.data, origin(request), request.portal);
      return reply.redirect(href('federationEmail', ctx.locale), 303);
    },
    { access: 'public', ...limited },
  );

  page(app, 'GET', 'federationConfirmEmail', async (request, reply, ctx) => {
    const token = String((request.query as Record<string, unknown>).token ?? '');
    const flow = await flowOf(request);
    const usable = flow !== null && federation.emailTokenMatches(flow, token);
    if (!usable) return sendHtml(reply, <views.ConfirmEmail ctx={ctx} token={null} />, 400);
    return sendHtml(reply, <views.ConfirmEmail ctx={ctx} token={token} email={flow.pendingEmail ?? ''} providerName={flow.provider.name[ctx.locale]} />);
  }, { access: 'public' });

  page(
    app,
    'POST',
    'federationConfirmEmail',
    async (request, reply, ctx) => {
      const flow = await flowOf(request);
      const result = flow ? await federation.confirmEmail(flow, typedText(request.body, 'token'), origin(request), request.cookies[cookies.session], request.portal) : null;
      if (!flow || result?.kind !== 'created') return sendHtml(reply, <views.ConfirmEmail ctx={ctx} token={null} />, 400);
      signedIn(reply, result.sessionToken);
      return reply.redirect(landing(flow, result.stage), 303);
    },
    { access: 'public', ...limited },
  );

  page(
    app,
    'POST',
    'federationLink',
    async (request, reply, ctx) => {
      const flow = await flowAt(request, reply, ctx, ['identified']);
      if (!flow) return reply;
      const parsed = parseForm(linkSchema, request.body);
      if (!parsed.success) return firstTime(reply, ctx, flow, { values: { accountEmail: typedText(request.body, 'accountEmail') }, linkErrors: fieldErrors(parsed.error) }, 400);
      const result = await federation.linkWithPassword(
        flow,
        { email: parsed.data.accountEmail, password: parsed.data.password },
        origin(request),
        request.cookies[cookies.session],
        request.portal,
      );
      switch (result.kind) {
        case 'linked':
          signedIn(reply, result.sessionToken);
          return reply.redirect(result.stage === 'complete' ? `${href('waysToSignIn', result.locale)}?notice=linked` : landingPath(result.stage, result.locale), 303);
        case 'second_factor':
          reply.setCookie(cookies.session, result.sessionToken, cookieOptions);
          return reply.redirect(href('federationSecondStep', ctx.locale), 303);
        case 'linked_elsewhere':
          reply.clearCookie(cookies.oidcFlow, cookieOptions);
          throw new AppError('provider_failed');
        case 'locked':
          return sendHtml(reply, <Locked ctx={ctx} threshold={result.threshold} />, 403);
        case 'unverified':
          return sendHtml(reply, <Unverified ctx={ctx} />, 403);
        case 'second_factor_locked':
          return sendHtml(reply, <SecondStepLocked ctx={ctx} />, 403);
        default:
          return firstTime(reply, ctx, flow, { values: { accountEmail: parsed.data.accountEmail }, linkErrors: { accountEmail: 'signIn.invalid' } }, 401);
      }
    },
    { access: 'public', ...limited },
  );

  /** The account being linked answers its own second step, as at any sign-in; then it is linked. */
  async function secondStepFlow(request: FastifyRequest, reply: FastifyReply, ctx: PageContext) {
    const flow = await flowAt(request, reply, ctx, ['second_factor']);
    if (!flow) return null;
    const session = request.signInSession ?? request.account;
    if (!session || session.id !== flow.provingAccountId) {
      await federation.endFlow(flow);
      reply.clearCookie(cookies.oidcFlow, cookieOptions);
      void reply.redirect(href('signIn', ctx.locale), 303);
      return null;
    }
    return { flow, session };
  }

  const stepAction = (ctx: PageContext) => href('federationSecondStep', ctx.locale);
  const keyAction = (ctx: PageContext) => `${stepAction(ctx)}?with=security-key`;

  async function showSecondStep(reply: FastifyReply, ctx: PageContext, session: SessionAccount, mode: string | undefined, errors?: Record<string, MessageKey>, status = 200) {
    const { appSince, securityKeys: keys } = await twoFactor.status(session.id);
    if (mode === 'security-key' && keys > 0) {
      return sendHtml(
        reply,
        <SecurityKeyStep
          ctx={ctx}
          title="secondStep.title"
          action={keyAction(ctx)}
          appHref={appSince ? stepAction(ctx) : undefined}
          recoveryCodeHref={`${stepAction(ctx)}?with=recovery-code`}
          {...(errors ? { errors } : {})}
        />,
        status,
      );
    }
    if (!appSince && keys > 0 && mode !== 'recovery-code') return reply.redirect(keyAction(ctx), 303);
    return sendHtml(
      reply,
      <SecondStep
        ctx={ctx}
        action={stepAction(ctx)}
        title="secondStep.title"
        hasApp={Boolean(appSince)}
        useRecoveryCode={mode === 'recovery-code'}
        securityKeyHref={keys > 0 ? keyAction(ctx) : undefined}
        {...(errors ? { errors } : {})}
      />,
      status,
    );
  }

  page(app, 'GET', 'federationSecondStep', async (request, reply, ctx) => {
    const found = await secondStepFlow(request, reply, ctx);
    if (!found) return reply;
    if (await identity.isSecondFactorLocked(found.session.id)) return sendHtml(reply, <SecondStepLocked ctx={ctx} />, 403);
    return showSecondStep(reply, ctx, found.session, (request.query as Record<string, string>).with);
  }, { access: 'public' });

  page(
    app,
    'POST',
    'federationSecondStep',
    async (request, reply, ctx) => {
      const found = await secondStepFlow(request, reply, ctx);
      if (!found) return reply;
      const { flow, session } = found;
      if (await identity.isSecondFactorLocked(session.id)) return sendHtml(reply, <SecondStepLocked ctx={ctx} />, 403);
      const withKey = (request.query as Record<string, string>).with === 'security-key';
      let method: 'security_key' | 'authenticator_app' | 'recovery_code';
      let passed: boolean;
      if (withKey) {
        method = 'security_key';
        const parsed = parseForm(assertionSchema, request.body);
        passed = parsed.success && (await securityKeys.verifyAuthentication(session.sessionId, session.id, parsed.data.credential));
      } else {
        const parsed = parseForm(secondStepSchema, request.body);
        if (!parsed.success) {
          const mode = typedText(request.body, 'method') === 'recovery_code' ? 'recovery-code' : undefined;
          return showSecondStep(reply, ctx, session, mode, fieldErrors(parsed.error), 400);
        }
        method = parsed.data.method;
        passed = await twoFactor.check(session, parsed.data.method, parsed.data.code, origin(request), request.portal);
      }
      return settleSecondStep(request, reply, ctx, { identity, cookies }, session, { method, passed }, {
        passed: async () => {
          const linked = await federation.linkAfterSecondFactor(flow, session.id, origin(request), request.portal);
          reply.clearCookie(cookies.oidcFlow, cookieOptions);
          const notices = { linked: '?notice=linked', already_linked: '?notice=alreadyLinked', linked_elsewhere: '?notice=linkedElsewhere', out_of_sequence: '' };
          return reply.redirect(`${href('waysToSignIn', ctx.locale)}${notices[linked]}`, 303);
        },
        failed: () => {
          const errors: Record<string, MessageKey> = withKey ? { [CEREMONY_BUTTON]: 'securityKeys.step.refused' } : { code: 'secondStep.invalid' };
          const mode = withKey ? 'security-key' : method === 'recovery_code' ? 'recovery-code' : undefined;
          return showSecondStep(reply, ctx, session, mode, errors, 401);
        },
        locked: () => void reply.clearCookie(cookies.oidcFlow, cookieOptions),
      });
    },
    { access: 'public', ...limited },
  );

  // The account's ways in. Linking and unlinking are sensitive: a recent second factor (or password).
  const stepUp = (request: FastifyRequest, reply: FastifyReply, account: SessionAccount) =>
    requireRecentConfirmation(request, reply, account, clock, href('waysToSignIn', request.locale));

  page(app, 'GET', 'waysToSignIn', async (request, reply, ctx, account) => {
    const [ways, providers] = await Promise.all([federation.waysIn(account.id), federation.enabledProviders()]);
    const notice = (request.query as Record<string, string>).notice;
    const linked = new Set(ways.identities.map((i) => i.providerId));
    return sendHtml(
      reply,
      <views.WaysToSignIn
        ctx={ctx}
        hasPassword={ways.hasPassword}
        identities={ways.identities}
        available={providers.filter((p) => !linked.has(p.id))}
        notice={notice && notice in views.waysNotices ? (notice as keyof typeof views.waysNotices) : undefined}
        format={format(ctx)}
      />,
    );
  }, { access: 'account' });

  page(
    app,
    'POST',
    'linkProvider',
    async (request, reply, ctx, account) => {
      if (!stepUp(request, reply, account)) return reply;
      const params = slugSchema.safeParse(request.params);
      const provider = params.success ? await federation.providerBySlug(params.data.slug) : null;
      if (!provider) throw new AppError('not_found');
      const ways = await federation.waysIn(account.id);
      if (ways.identities.some((i) => i.providerId === provider.id)) return reply.redirect(`${href('waysToSignIn', ctx.locale)}?notice=alreadyLinked`, 303);
      return begin(reply, { provider, purpose: 'link', accountId: account.id, locale: ctx.locale });
    },
    { access: 'account', ...limited },
  );

  // Confirming a sensitive action by signing in again at a linked provider (an account without
  // password has nothing else to give); the confirm-identity page shows these buttons.
  page(
    app,
    'POST',
    'confirmWithProvider',
    async (request, reply, ctx, account) => {
      const params = slugSchema.safeParse(request.params);
      const provider = params.success ? await federation.providerBySlug(params.data.slug) : null;
      const methods = await federation.confirmationMethods(account.id);
      if (!provider || !methods.providers.some((p) => p.id === provider.id)) throw new AppError('not_found');
      const returnTo = safeReturnPath((request.query as Record<string, unknown>).return) ?? href('account', ctx.locale);
      return begin(reply, { provider, purpose: 'confirm', accountId: account.id, returnTo, locale: ctx.locale });
    },
    { access: 'account', config: { ...DURING_ENROLMENT, rateLimit: deps.signInRateLimit } },
  );

  page(app, 'POST', 'unlinkProvider', async (request, reply, ctx, account) => {
    if (!stepUp(request, reply, account)) return reply;
    const params = identityIdSchema.safeParse(request.params);
    if (!params.success) throw new AppError('not_found');
    const result = await federation.unlink(account, params.data.id, origin(request), request.portal);
    if (result === 'not_found') throw new AppError('not_found');
    return reply.redirect(`${href('waysToSignIn', ctx.locale)}?notice=${result === 'unlinked' ? 'unlinked' : 'lastWayIn'}`, 303);
  }, { access: 'account' });
}
