import type { MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, Choice, FieldError, Form, Notice, PortalField, TextAreaValue, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { MessagePage } from '../platform/views/message.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { Table } from '../platform/views/table.tsx';
import { LOW_CODES } from './recovery-codes.ts';
import { type VerificationMethod, verificationMethods } from './service.ts';
import { LinkLine } from '../platform/views/link.tsx';

type Ctx = { ctx: PageContext };

/** The account's two-step verification: its methods, its recovery codes, and what the policy asks. */
export function Overview({
  ctx,
  status,
  enrolling,
  notice,
  format,
}: Ctx & {
  status: { appSince: Date | null; securityKeys: number; recoveryCodesLeft: number; hasSecondFactor: boolean; mustUseSecondFactor: boolean };
  enrolling: boolean;
  notice?: MessageKey | undefined;
  format: (d: Date) => string;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('twoFactor.title')}>
      {notice && <Notice>{t(notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('twoFactor.title')}</h1>
      {enrolling ? (
        <div class="govuk-inset-text">{t('twoFactor.required')}</div>
      ) : (
        <p class="govuk-body">{t(status.mustUseSecondFactor ? 'twoFactor.leadRequired' : 'twoFactor.lead')}</p>
      )}
      <h2 class="govuk-heading-m">{t('twoFactor.app.name')}</h2>
      {status.appSince ? (
        <>
          <p class="govuk-body">{t('twoFactor.app.since', { date: format(status.appSince) })}</p>
          <div class="govuk-button-group">
            <a class="govuk-button govuk-button--secondary" href={href('authenticatorApp', locale)}>
              {t('twoFactor.app.replace')}
            </a>
          </div>
          {status.mustUseSecondFactor && status.securityKeys === 0 ? (
            // Removing it would be refused (the last factor of someone who must have one): not offered, and said why.
            <p class="govuk-body">{t('twoFactor.app.lastFactor')}</p>
          ) : (
            <p class="govuk-body">
              <a class="govuk-link" href={href('removeAuthenticatorApp', locale)}>
                {t('twoFactor.app.remove')}
              </a>
            </p>
          )}
        </>
      ) : (
        <>
          <p class="govuk-body">{t('twoFactor.app.explain')}</p>
          <a class="govuk-button" href={href('authenticatorApp', locale)}>
            {t('twoFactor.app.add')}
          </a>
        </>
      )}
      <h2 class="govuk-heading-m">{t('securityKeys.title')}</h2>
      <p class="govuk-body">{status.securityKeys > 0 ? t('twoFactor.keys.count', { count: status.securityKeys }) : t('twoFactor.keys.explain')}</p>
      <a class={`govuk-button${status.securityKeys > 0 ? ' govuk-button--secondary' : ''}`} href={href('securityKeys', locale)}>
        {t(status.securityKeys > 0 ? 'twoFactor.keys.manage' : 'securityKeys.add')}
      </a>
      {status.hasSecondFactor && (
        <>
          <h2 class="govuk-heading-m">{t('twoFactor.codes.title')}</h2>
          {status.recoveryCodesLeft <= LOW_CODES ? (
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">{t('twoFactor.warning')}</span>
                {t('twoFactor.codes.low', { count: status.recoveryCodesLeft })}
              </strong>
            </div>
          ) : (
            <p class="govuk-body">{t('twoFactor.codes.left', { count: status.recoveryCodesLeft })}</p>
          )}
          <Form action={href('recoveryCodes', locale)} csrfToken={ctx.csrfToken}>
            <Button secondary>{t('twoFactor.codes.regenerate')}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}

/**
 * The reminder to set up two-step verification, for whom `shouldNudge` picks: a banner on the
 * account page today, a card on the dashboard once there is one. "Not now" is a form post, so it
 * works without JavaScript.
 */
export function SecondFactorNudge({ ctx }: Ctx) {
  const { t, locale } = ctx;
  return (
    <div class="govuk-notification-banner" role="region" aria-labelledby="two-factor-nudge-title">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="two-factor-nudge-title">
          {t('twoFactorNudge.title')}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{t('twoFactorNudge.heading')}</p>
        <p class="govuk-body">{t('twoFactorNudge.body')}</p>
        <p class="govuk-body">{t('twoFactorNudge.notNowHint')}</p>
        <Form action={href('dismissTwoFactorNudge', locale)} csrfToken={ctx.csrfToken}>
          <div class="govuk-button-group">
            <a class="govuk-button" href={href('twoFactor', locale)}>
              {t('twoFactorNudge.setUp')}
            </a>
            <Button secondary>{t('twoFactorNudge.notNow')}</Button>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function AppEnrolment({ ctx, qrSvg, groupedKey, errors }: Ctx & { qrSvg: string; groupedKey: string; errors?: FieldErrors }) {
  const { t, locale } = ctx;
  const qr = `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`;
  return (
    <Layout ctx={ctx} title={t('twoFactor.app.setUpTitle')} errors={errors}>
      <h1 class="govuk-heading-l">{t('twoFactor.app.setUpTitle')}</h1>
      <ol class="govuk-list govuk-list--number">
        <li>{t('twoFactor.app.step1')}</li>
        <li>
          {t('twoFactor.app.step2')}
          <p>
            <img src={qr} width={220} height={220} alt={t('twoFactor.app.qrAlt')} class="guichet-qr" />
          </p>
          <p class="govuk-body">{t('twoFactor.app.manual')}</p>
          <p class="govuk-body">
            <code class="guichet-key">{groupedKey}</code>
          </p>
        </li>
        <li>{t('twoFactor.app.step3')}</li>
      </ol>
      <Form action={href('authenticatorApp', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="code" label="field.appCode" hint="field.appCode.hint" autocomplete="one-time-code" inputMode="numeric" width="5" errors={errors} />
        <Button>{t('twoFactor.app.confirm')}</Button>
      </Form>
    </Layout>
  );
}

/** Shown once, right after they are made: printable, and downloadable as a text file. */
/** The recovery codes page opened again (a refresh, Back): they were shown once; how to get new ones. */
export function RecoveryCodesShown({ ctx }: Ctx) {
  const { t, locale } = ctx;
  return (
    <MessagePage
      ctx={ctx}
      title={t('twoFactor.codes.showTitle')}
      paragraphs={[t('twoFactor.codes.shownOnce')]}
      button={{ href: href('twoFactor', locale), label: t('twoFactor.title') }}
    />
  );
}

/** `next`: where "I have kept my codes" goes (where an enrolling person was going). */
export function RecoveryCodes({ ctx, codes, file, next }: Ctx & { codes: string[]; file: string; next?: string }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('twoFactor.codes.showTitle')}>
      <h1 class="govuk-heading-l">{t('twoFactor.codes.showTitle')}</h1>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">{t('twoFactor.warning')}</span>
          {t('twoFactor.codes.once')}
        </strong>
      </div>
      <ol class="govuk-list govuk-list--number guichet-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p class="govuk-body">{t('twoFactor.codes.keep')}</p>
      <div class="govuk-button-group guichet-no-print">
        <a
          class="govuk-button govuk-button--secondary"
          href={`data:text/plain;charset=utf-8;base64,${Buffer.from(file).toString('base64')}`}
          download="guichet-recovery-codes.txt"
        >
          {t('twoFactor.codes.download')}
        </a>
        <a class="govuk-button" href={next ?? href('twoFactor', locale)}>
          {t('twoFactor.codes.saved')}
        </a>
      </div>
      <p class="govuk-body guichet-no-print">{t('twoFactor.codes.print')}</p>
    </Layout>
  );
}

/** The second step of sign-in, and the same question again before a sensitive action. */
export function SecondStep({
  ctx,
  action,
  title,
  hasApp,
  errors,
  useRecoveryCode,
  securityKeyHref,
}: Ctx & { action: string; title: MessageKey; hasApp: boolean; errors?: FieldErrors; useRecoveryCode: boolean; securityKeyHref?: string | undefined }) {
  const { t, locale } = ctx;
  const recovery = useRecoveryCode || !hasApp;
  // The action of a step-up already carries its return address.
  const withRecoveryCode = `${action}${action.includes('?') ? '&' : '?'}with=recovery-code`;
  return (
    <Layout ctx={ctx} title={t(title)} errors={errors}>
      <h1 class="govuk-heading-l">{t(title)}</h1>
      {recovery ? (
        <Form action={action} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="method" value="recovery_code" />
          <TextField t={t} name="code" label="field.recoveryCode" hint="field.recoveryCode.hint" autocomplete="one-time-code" width="20" errors={errors} />
          <Button>{t('secondStep.continue')}</Button>
        </Form>
      ) : (
        <Form action={action} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="method" value="authenticator_app" />
          <TextField t={t} name="code" label="field.appCode" hint="field.appCode.hint" autocomplete="one-time-code" inputMode="numeric" width="5" errors={errors} />
          <Button>{t('secondStep.continue')}</Button>
        </Form>
      )}
      {hasApp && (
        <LinkLine href={recovery ? action : withRecoveryCode}>{t(recovery ? 'secondStep.useApp' : 'secondStep.useRecoveryCode')}</LinkLine>
      )}
      {securityKeyHref && (
        <LinkLine href={securityKeyHref}>{t('secondStep.useSecurityKey')}</LinkLine>
      )}
      <LinkLine href={href('factorRecovery', locale)}>{t('secondStep.lostAccess')}</LinkLine>
    </Layout>
  );
}

export function ConfirmPassword({
  ctx,
  action,
  errors,
  hasPassword = true,
  providers = [],
}: Ctx & {
  action: string;
  errors?: FieldErrors;
  /** An account made through an identity provider may have no password: it confirms there. */
  hasPassword?: boolean;
  providers?: { action: string; name: string }[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('confirmIdentity.title')} errors={errors}>
      <h1 class="govuk-heading-l">{t('confirmIdentity.title')}</h1>
      {hasPassword && (
        <>
          <p class="govuk-body">{t('confirmIdentity.lead')}</p>
          <Form action={action} csrfToken={ctx.csrfToken}>
            <TextField t={t} name="password" label="field.password" type="password" autocomplete="current-password" errors={errors} />
            <Button>{t('secondStep.continue')}</Button>
          </Form>
        </>
      )}
      {providers.length > 0 && <p class="govuk-body">{t(hasPassword ? 'confirmIdentity.orProvider' : 'confirmIdentity.providerLead')}</p>}
      {providers.map((p) => (
        <Form key={p.action} action={p.action} csrfToken={ctx.csrfToken}>
          <Button secondary>{t('confirmIdentity.withProvider', { name: p.name })}</Button>
        </Form>
      ))}
    </Layout>
  );
}

export function FactorRecovery({ ctx, sent, errors, email }: Ctx & { sent: boolean; errors?: FieldErrors; email?: string }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('factorRecovery.title')} errors={errors}>
      {sent && <Notice>{t('factorRecovery.sent')}</Notice>}
      <h1 class="govuk-heading-l">{t('factorRecovery.title')}</h1>
      <p class="govuk-body">{t('factorRecovery.lead')}</p>
      <p class="govuk-body">{t('factorRecovery.kept')}</p>
      {!sent && (
        <Form action={href('factorRecovery', locale)} csrfToken={ctx.csrfToken}>
          <PortalField portal={ctx.portal} />
          <TextField t={t} name="email" label="field.email" type="email" autocomplete="username" value={email} errors={errors} />
          <div class="govuk-form-group">
            <label class="govuk-label" for="message">
              {t('field.recoveryMessage')}
            </label>
            <div id="message-hint" class="govuk-hint">
              {t('field.recoveryMessage.hint')}
            </div>
            <textarea class="govuk-textarea" id="message" name="message" rows={4} aria-describedby="message-hint">
              <TextAreaValue name="message" />
            </textarea>
          </div>
          <Button>{t('factorRecovery.submit')}</Button>
        </Form>
      )}
    </Layout>
  );
}

interface PendingRequest {
  id: string;
  requestedAt: Date;
  message: string | null;
  email: string;
  givenName: string;
  familyName: string;
  phone: string | null;
}

export function StaffRequests({ ctx, requests, format, notice }: Ctx & { requests: PendingRequest[]; format: (d: Date) => string; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('staffRecovery.title')} current="staffFactorRecoveries" notice={notice}>
      {requests.length === 0 ? (
        <p class="govuk-body">{t('staffRecovery.none')}</p>
      ) : (
        <Table caption={t('staffRecovery.pending')} captionSize="s" headers={[t('account.name'), t('field.email'), t('staffRecovery.requestedAt')]}>
            {requests.map((r) => (
              <tr class="govuk-table__row" key={r.id}>
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={href('staffFactorRecovery', locale, { id: r.id })}>
                    {r.givenName} {r.familyName}
                  </a>
                </td>
                <td class="govuk-table__cell">{r.email}</td>
                <td class="govuk-table__cell">{format(r.requestedAt)}</td>
              </tr>
            ))}
        </Table>
      )}
    </StaffPage>
  );
}

export function StaffRequest({
  ctx,
  request,
  format,
  errors,
  values,
}: Ctx & { request: PendingRequest; format: (d: Date) => string; errors?: FieldErrors; values?: { method?: string; note?: string } }) {
  const { t, locale } = ctx;
  const methodLabels: Record<VerificationMethod, MessageKey> = {
    video_call_with_id: 'staffRecovery.method.video_call_with_id',
    phone_call_known_number: 'staffRecovery.method.phone_call_known_number',
    in_person_with_id: 'staffRecovery.method.in_person_with_id',
    other: 'staffRecovery.method.other',
  };
  const noteInvalid = Boolean(errors?.note);
  return (
    <StaffPage ctx={ctx} title={t('staffRecovery.requestTitle')} errors={errors}>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('account.name')}>
          {request.givenName} {request.familyName}
        </SummaryRow>
        <SummaryRow label={t('field.email')}>{request.email}</SummaryRow>
        <SummaryRow label={t('field.phone')}>{request.phone ?? t('account.none')}</SummaryRow>
        <SummaryRow label={t('staffRecovery.requestedAt')}>{format(request.requestedAt)}</SummaryRow>
        <SummaryRow label={t('staffRecovery.message')}>{request.message ?? t('account.none')}</SummaryRow>
      </dl>
      <p class="govuk-body">{t('staffRecovery.explain')}</p>
      <Form action={href('staffFactorRecovery', locale, { id: request.id })} csrfToken={ctx.csrfToken}>
        <Choice
          t={t}
          name="method"
          label="staffRecovery.methodLabel"
          kind="radios"
          value={values?.method}
          errors={errors}
          options={verificationMethods.map((m) => ({ value: m, label: t(methodLabels[m]) }))}
        />
        <div class={`govuk-form-group${noteInvalid ? ' govuk-form-group--error' : ''}`}>
          <label class="govuk-label" for="note">
            {t('staffRecovery.note')}
          </label>
          <FieldError t={t} name="note" error={noteInvalid ? errors?.note : undefined} />
          <textarea class="govuk-textarea" id="note" name="note" rows={3} aria-describedby={noteInvalid ? 'note-error' : undefined}>
            <TextAreaValue name="note" value={values?.note} />
          </textarea>
        </div>
        <div class="govuk-button-group">
          <button type="submit" name="action" value="reset" class="govuk-button govuk-button--warning">
            {t('staffRecovery.reset')}
          </button>
          <button type="submit" name="action" value="decline" class="govuk-button govuk-button--secondary">
            {t('staffRecovery.decline')}
          </button>
        </div>
      </Form>
    </StaffPage>
  );
}
