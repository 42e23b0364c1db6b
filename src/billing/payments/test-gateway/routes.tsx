import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { page, sendHtml } from '../../../platform/http.tsx';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { FieldErrors, PageContext } from '../../../platform/views/layout.tsx';
import { gatewayPath } from '../paths.ts';
import { brandOf, cardDigits, outcomeOf, parseExpiry } from './cards.ts';
import type { TestCheckoutView, TestGatewayStore } from './gateway.ts';
import { ChallengePage, EndPage, PayPage } from './views.tsx';

const CHECKOUT_ID = /^tgc_[\w-]{16}$/;
const field = (body: unknown, name: string) => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/**
 * The hosted pages of the test gateway, as a real gateway's: the payment form (amount, description,
 * card number, expiry, security code, the test cards), the 3-D Secure step, and the pages that end
 * a visit (paid, failed, expired, connection lost). Public, like any gateway's page: the checkout's
 * unguessable id is the only key.
 */
export function registerTestGatewayRoutes(app: FastifyInstance, store: TestGatewayStore, clock: { now(): Date }): void {
  async function checkoutOf(request: FastifyRequest): Promise<TestCheckoutView> {
    const id = (request.params as Record<string, string>).checkoutId ?? '';
    const checkout = CHECKOUT_ID.test(id) ? await store.find(id) : undefined;
    if (!checkout) throw new AppError('not_found');
    return checkout;
  }
  const payAddress = (ctx: PageContext, c: TestCheckoutView) => gatewayPath('billing.testGateway', ctx.locale, c.id);
  const challengeAddress = (ctx: PageContext, c: TestCheckoutView) => gatewayPath('billing.testGatewayChallenge', ctx.locale, c.id);

  /** A checkout that can no longer take a card: the page that says where it stands. */
  function settled(reply: FastifyReply, ctx: PageContext, c: TestCheckoutView) {
    if (c.expired) return sendHtml(reply, <EndPage ctx={ctx} title="billing.gateway.expiredTitle" body={['billing.gateway.expiredBody']} back={c.cancelUrl} />, 410);
    if (c.status === 'paid') return sendHtml(reply, <EndPage ctx={ctx} title="billing.gateway.paidTitle" body={['billing.gateway.paidBody']} back={c.successUrl} />);
    if (c.status === 'failed') return failed(reply, ctx, c);
    return undefined;
  }
  function failed(reply: FastifyReply, ctx: PageContext, c: TestCheckoutView) {
    const reason: MessageKey = c.failureReason === 'authentication_failed' ? 'billing.gateway.authenticationFailed' : 'billing.gateway.declined';
    return sendHtml(reply, <EndPage ctx={ctx} title="billing.gateway.failedTitle" body={[reason, 'billing.gateway.tryAgain']} back={c.cancelUrl} alert />, 402);
  }
  const connectionLost = (reply: FastifyReply, ctx: PageContext, c: TestCheckoutView) =>
    sendHtml(reply, <EndPage ctx={ctx} title="billing.gateway.connectionLostTitle" body={['billing.gateway.connectionLostBody', 'billing.gateway.connectionLostNext']} back={c.cancelUrl} alert />, 504);
  const view = async (id: string) => {
    const c = await store.find(id);
    if (!c) throw new AppError('not_found');
    return c;
  };

  page(app, 'GET', 'billing.testGateway', async (request, reply, ctx) => {
    const checkout = await checkoutOf(request);
    const done = settled(reply, ctx, checkout);
    if (done) return done;
    if (checkout.status === 'challenge') return reply.redirect(challengeAddress(ctx, checkout), 303);
    return sendHtml(reply, <PayPage ctx={ctx} checkout={checkout} action={payAddress(ctx, checkout)} />);
  }, { access: 'public' });

  page(app, 'POST', 'billing.testGateway', async (request, reply, ctx) => {
    const checkout = await checkoutOf(request);
    const done = settled(reply, ctx, checkout);
    if (done) return done;
    if (checkout.status === 'challenge') return reply.redirect(challengeAddress(ctx, checkout), 303);
    const digits = cardDigits(field(request.body, 'cardNumber'));
    const expiryTyped = field(request.body, 'expiry');
    const expiry = parseExpiry(expiryTyped, clock.now());
    const errors: FieldErrors = {};
    if (!digits) errors.cardNumber = 'billing.gateway.invalid.cardNumber';
    if (expiry === 'invalid') errors.expiry = 'billing.gateway.invalid.expiry';
    if (expiry === 'expired') errors.expiry = 'billing.gateway.invalid.expired';
    if (!/^\d{3,4}$/.test(field(request.body, 'cvc').trim())) errors.cvc = 'billing.gateway.invalid.cvc';
    if (!digits || Object.keys(errors).length > 0) {
      return sendHtml(reply, <PayPage ctx={ctx} checkout={checkout} action={payAddress(ctx, checkout)} errors={errors} expiry={expiryTyped} />, 400);
    }
    const card = { brand: brandOf(digits), last4: digits.slice(-4) };
    switch (outcomeOf(digits)) {
      case 'declined':
        await store.markFailed(checkout.id, 'open', 'card_declined');
        return failed(reply, ctx, await view(checkout.id));
      case 'challenge':
        await store.challenge(checkout.id, card);
        return reply.redirect(challengeAddress(ctx, checkout), 303);
      case 'networkFailure':
        // The charge goes through, then the line drops: no webhook, no return to the portal.
        await store.markPaid(checkout.id, card, false);
        return connectionLost(reply, ctx, checkout);
      case 'success': {
        // A second submission (another tab, a double click) loses the race and finds it paid.
        await store.markPaid(checkout.id, card, true);
        const now = await view(checkout.id);
        return now.status === 'paid' ? reply.redirect(now.successUrl, 303) : (settled(reply, ctx, now) ?? reply.redirect(payAddress(ctx, now), 303));
      }
    }
  }, { access: 'public' });

  page(app, 'GET', 'billing.testGatewayChallenge', async (request, reply, ctx) => {
    const checkout = await checkoutOf(request);
    if (checkout.status !== 'challenge' || checkout.expired) return reply.redirect(payAddress(ctx, checkout), 303);
    return sendHtml(reply, <ChallengePage ctx={ctx} checkout={checkout} action={challengeAddress(ctx, checkout)} />);
  }, { access: 'public' });

  page(app, 'POST', 'billing.testGatewayChallenge', async (request, reply, ctx) => {
    const checkout = await checkoutOf(request);
    if (checkout.status !== 'challenge' || checkout.expired) return reply.redirect(payAddress(ctx, checkout), 303);
    const answer = field(request.body, 'answer');
    if (answer === 'approve') {
      await store.markPaid(checkout.id, null, true);
      const now = await view(checkout.id);
      return now.status === 'paid' ? reply.redirect(now.successUrl, 303) : reply.redirect(payAddress(ctx, now), 303);
    }
    if (answer === 'fail') {
      await store.markFailed(checkout.id, 'challenge', 'authentication_failed');
      return failed(reply, ctx, await view(checkout.id));
    }
    return sendHtml(reply, <ChallengePage ctx={ctx} checkout={checkout} action={challengeAddress(ctx, checkout)} />, 400);
  }, { access: 'public' });
}
