import type { Locale, MessageKey, Translate } from '../../../platform/i18n/index.ts';
import { Button, FieldError, Form } from '../../../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { Table } from '../../../platform/views/table.tsx';
import { type CardOutcome, TEST_CARDS } from './cards.ts';
import type { TestCheckout } from './gateway.ts';

const money = {
  fr: new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' }),
  en: new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }),
} satisfies Record<Locale, Intl.NumberFormat>;
export const formatAmount = (locale: Locale, cents: number) => money[locale].format(cents / 100);

const outcomeLabels = {
  success: 'billing.gateway.card.success',
  declined: 'billing.gateway.card.declined',
  challenge: 'billing.gateway.card.challenge',
  networkFailure: 'billing.gateway.card.networkFailure',
} as const satisfies Record<CardOutcome, MessageKey>;

const grouped = (card: string) => card.replace(/(\d{4})(?=\d)/g, '$1 ');

function Banner({ t }: { t: Translate }) {
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">{t('billing.gateway.banner')}</strong>
    </div>
  );
}

function Summary({ ctx, checkout }: { ctx: PageContext; checkout: TestCheckout }) {
  const { t, locale } = ctx;
  return (
    <dl class="govuk-summary-list">
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">{t('billing.gateway.description')}</dt>
        <dd class="govuk-summary-list__value">{checkout.description}</dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">{t('billing.gateway.reference')}</dt>
        <dd class="govuk-summary-list__value">{checkout.reference}</dd>
      </div>
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">{t('billing.gateway.amount')}</dt>
        <dd class="govuk-summary-list__value">{formatAmount(locale, checkout.amountCents)}</dd>
      </div>
    </dl>
  );
}

/**
 * A card field that never shows what was typed again: not after an error, not after the language
 * switch (the card number and its code are never echoed, logged or stored).
 */
function SecretField(props: { t: Translate; name: string; label: MessageKey; hint: MessageKey; autocomplete: string; width: string; errors: FieldErrors | undefined }) {
  const { t, name } = props;
  const error = props.errors?.[name];
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={name}>
        {t(props.label)}
      </label>
      <div id={`${name}-hint`} class="govuk-hint">
        {t(props.hint)}
      </div>
      <FieldError t={t} name={name} error={error} />
      <input
        class={`govuk-input govuk-input--width-${props.width}${error ? ' govuk-input--error' : ''}`}
        id={name}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete={props.autocomplete}
        spellcheck={false}
        aria-describedby={`${name}-hint${error ? ` ${name}-error` : ''}`}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export function PayPage(props: { ctx: PageContext; checkout: TestCheckout; action: string; errors?: FieldErrors; expiry?: string }) {
  const { ctx, checkout, errors } = props;
  const { t, locale } = ctx;
  const amount = formatAmount(locale, checkout.amountCents);
  return (
    <Layout ctx={ctx} title={t('billing.gateway.title')} {...(errors ? { errors } : {})}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t('billing.gateway.title')}</h1>
          <Banner t={t} />
          <h2 class="govuk-heading-m">{t('billing.gateway.summary')}</h2>
          <Summary ctx={ctx} checkout={checkout} />
          <Form action={props.action} csrfToken={ctx.csrfToken}>
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                <h2 class="govuk-fieldset__heading">{t('billing.gateway.cardDetails')}</h2>
              </legend>
              <SecretField t={t} name="cardNumber" label="billing.gateway.cardNumber" hint="billing.gateway.cardNumberHint" autocomplete="cc-number" width="20" errors={errors} />
              <div class={`govuk-form-group${errors?.expiry ? ' govuk-form-group--error' : ''}`}>
                <label class="govuk-label" for="expiry">
                  {t('billing.gateway.expiry')}
                </label>
                <div id="expiry-hint" class="govuk-hint">
                  {t('billing.gateway.expiryHint')}
                </div>
                <FieldError t={t} name="expiry" error={errors?.expiry} />
                <input
                  class={`govuk-input govuk-input--width-5${errors?.expiry ? ' govuk-input--error' : ''}`}
                  id="expiry"
                  name="expiry"
                  type="text"
                  inputMode="numeric"
                  autoComplete="cc-exp"
                  spellcheck={false}
                  value={props.expiry}
                  aria-describedby={`expiry-hint${errors?.expiry ? ' expiry-error' : ''}`}
                  aria-invalid={errors?.expiry ? 'true' : undefined}
                />
              </div>
              <SecretField t={t} name="cvc" label="billing.gateway.cvc" hint="billing.gateway.cvcHint" autocomplete="cc-csc" width="4" errors={errors} />
            </fieldset>
            <Button>{t('billing.gateway.pay', { amount })}</Button>
          </Form>
          <p class="govuk-body">
            <a class="govuk-link" href={checkout.cancelUrl}>
              {t('billing.gateway.cancel')}
            </a>
          </p>
          <h2 class="govuk-heading-m">{t('billing.gateway.cardsTitle')}</h2>
          <p class="govuk-body">{t('billing.gateway.cardsIntro')}</p>
          <Table caption={t('billing.gateway.cardsCaption')} captionSize="s" headers={[t('billing.gateway.cardNumber'), t('billing.gateway.outcome')]}>
            {(Object.entries(TEST_CARDS) as [CardOutcome, string][]).map(([outcome, card]) => (
              <tr class="govuk-table__row" key={outcome}>
                <td class="govuk-table__cell">
                  <code>{grouped(card)}</code>
                </td>
                <td class="govuk-table__cell">{t(outcomeLabels[outcome])}</td>
              </tr>
            ))}
          </Table>
        </div>
      </div>
    </Layout>
  );
}

export function ChallengePage(props: { ctx: PageContext; checkout: TestCheckout; action: string }) {
  const { ctx, checkout } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('billing.gateway.challengeTitle')}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t('billing.gateway.challengeTitle')}</h1>
          <Banner t={t} />
          <p class="govuk-body">{t('billing.gateway.challengeBody', { amount: formatAmount(locale, checkout.amountCents), last4: checkout.cardLast4 ?? '' })}</p>
          <Form action={props.action} csrfToken={ctx.csrfToken}>
            <fieldset class="govuk-fieldset">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('billing.gateway.challengeLegend')}</legend>
              <div class="govuk-button-group">
                <button type="submit" name="answer" value="approve" class="govuk-button">
                  {t('billing.gateway.approve')}
                </button>
                <button type="submit" name="answer" value="fail" class="govuk-button govuk-button--warning">
                  {t('billing.gateway.failAuthentication')}
                </button>
              </div>
            </fieldset>
          </Form>
        </div>
      </div>
    </Layout>
  );
}

/** A page that ends the visit: a title, what happened, what next, and the way back to the portal. */
export function EndPage(props: { ctx: PageContext; title: MessageKey; body: MessageKey[]; back: string; alert?: boolean }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(props.title)}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">{t(props.title)}</h1>
          <Banner t={t} />
          <div role={props.alert ? 'alert' : undefined}>
            {props.body.map((key) => (
              <p class="govuk-body" key={key}>
                {t(key)}
              </p>
            ))}
          </div>
          <p class="govuk-body">
            <a class="govuk-link" href={props.back}>
              {t('billing.gateway.back')}
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
