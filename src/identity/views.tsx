import { eventText } from '../audit/index.ts';
import type { AccountPage } from './queries.ts';
import type { SentLink } from './schemas.ts';
import { Button, Choice, Form, KeepTypedButton, Notice, PortalField, TextField } from '../platform/views/forms.tsx';
import { Table } from '../platform/views/table.tsx';
import { deviceText } from '../platform/user-agent.ts';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { MessagePage } from '../platform/views/message.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { href } from '../platform/paths.ts';
import type { VNode } from 'preact';
import { provinces } from '../platform/canada.ts';
import { LinkLine } from '../platform/views/link.tsx';

type Ctx = { ctx: PageContext };

const notices = { verified: 'verify.done', reset: 'reset.done', signedOut: 'signedOut.body' } as const;

/**
 * `errors`: fields left empty or malformed, each marked. `failed`: the email and password did not
 * match; which one is wrong is not known, so no field is marked and the summary names both.
 */
export function SignIn({
  ctx,
  email,
  errors,
  failed = false,
  notice,
  options,
}: Ctx & { email?: string; errors?: FieldErrors; failed?: boolean; notice?: keyof typeof notices | undefined; options?: VNode | null }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('signIn.title')} errors={failed ? { email: 'signIn.invalid' } : errors}>
      {notice && <Notice>{t(notices[notice])}</Notice>}
      <h1 class="govuk-heading-l">{t('signIn.title')}</h1>
      <Form action={href('signIn', locale)} csrfToken={ctx.csrfToken}>
        <PortalField portal={ctx.portal} />
        <TextField t={t} name="email" label="field.email" type="email" autocomplete="username" value={email} errors={errors} />
        <TextField t={t} name="password" label="field.password" type="password" autocomplete="current-password" errors={errors} />
        <Button>{t('signIn.submit')}</Button>
      </Form>
      {options}
      {/* A button of the sign-in form, so the forgotten-password form opens with the email typed here. */}
      <p class="govuk-body">
        <KeepTypedButton action={href('forgotPassword', locale)}>{t('signIn.forgot')}</KeepTypedButton>
      </p>
      <LinkLine href={href('factorRecovery', locale)}>{t('secondStep.lostAccess')}</LinkLine>
      <p class="govuk-body">
        {t('signIn.noAccount')}{' '}
        <a class="govuk-link" href={href('signUp', locale)}>
          {t('signIn.createAccount')}
        </a>
      </p>
      <LinkLine href={href('resendVerification', locale)}>{t('signIn.resendVerification')}</LinkLine>
    </Layout>
  );
}

export function Locked({ ctx, threshold }: Ctx & { threshold: number }) {
  const { t, locale } = ctx;
  return (
    <MessagePage
      ctx={ctx}
      title={t('locked.title')}
      paragraphs={[t('locked.body', { count: threshold }), t('locked.howTo')]}
      button={{ href: href('forgotPassword', locale), label: t('locked.reset') }}
    />
  );
}

export function Unverified({ ctx }: Ctx) {
  const { t, locale } = ctx;
  return (
    <MessagePage
      ctx={ctx}
      title={t('unverified.title')}
      paragraphs={[t('unverified.body')]}
      button={{ href: href('resendVerification', locale), label: t('unverified.resend') }}
    />
  );
}

/**
 * `portals`: the authorities to choose from when the page is in no portal and Guichet hosts
 * several (docs/decisions/0006); in a portal, the account is that authority's.
 */
export function SignUp({ ctx, values, errors, portals = [] }: Ctx & { values: Record<string, string>; errors?: FieldErrors; portals?: { value: string; label: string }[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('signUp.title')} errors={errors}>
      <h1 class="govuk-heading-l">{t('signUp.title')}</h1>
      <Form action={href('signUp', locale)} csrfToken={ctx.csrfToken}>
        <PortalField portal={ctx.portal} />
        {!ctx.portal && portals.length > 1 && (
          <Choice t={t} kind="radios" name="portal" label="signUp.portal" value={values.portal} errors={errors} options={portals} />
        )}
        <TextField t={t} name="email" label="field.email" type="email" autocomplete="email" value={values.email} errors={errors} />
        <TextField t={t} name="givenName" label="field.givenName" autocomplete="given-name" value={values.givenName} errors={errors} />
        <TextField t={t} name="familyName" label="field.familyName" autocomplete="family-name" value={values.familyName} errors={errors} />
        <Choice
          t={t}
          kind="radios"
          name="preferredLanguage"
          label="field.preferredLanguage"
          value={values.preferredLanguage}
          errors={errors}
          options={[
            { value: 'fr', label: t('language.fr') },
            { value: 'en', label: t('language.en') },
          ]}
        />
        <TextField t={t} name="password" label="field.password" hint="field.passwordHint" type="password" autocomplete="new-password" errors={errors} />
        <TextField t={t} name="passwordConfirm" label="field.passwordConfirm" type="password" autocomplete="new-password" errors={errors} />
        <Button>{t('signUp.submit')}</Button>
      </Form>
      <p class="govuk-body">
        {t('signUp.haveAccount')}{' '}
        <a class="govuk-link" href={href('signIn', locale)}>
          {t('layout.signIn')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * "Check your email", after sign-up, a new confirmation link or a forgotten password (a GET, so
 * Back and refresh repeat nothing): the address, a way to send the link again and one to correct it.
 */
export function CheckEmail({ ctx, sent }: Ctx & { sent: SentLink | null }) {
  const { t, locale } = ctx;
  const title = sent?.via === 'forgot' ? t('forgot.sent.title') : t('checkEmail.title');
  if (!sent) {
    return (
      <Layout ctx={ctx} title={title}>
        <h1 class="govuk-heading-l">{title}</h1>
        <p class="govuk-body">{t('checkEmail.generic')}</p>
        <LinkLine href={href('signIn', locale)}>{t('layout.signIn')}</LinkLine>
      </Layout>
    );
  }
  const forgot = sent.via === 'forgot';
  const correct = `${href(sent.via === 'signUp' ? 'signUp' : forgot ? 'forgotPassword' : 'resendVerification', locale)}?correct=1`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{forgot ? t('forgot.sent.body', { email: sent.email }) : t('checkEmail.body', { email: sent.email })}</p>
      <h2 class="govuk-heading-m">{t('checkEmail.notReceived')}</h2>
      <p class="govuk-body">{t('checkEmail.spam')}</p>
      <Form action={href(forgot ? 'forgotPassword' : 'resendVerification', locale)} csrfToken={ctx.csrfToken}>
        <input type="hidden" name="email" value={sent.email} />
        <Button secondary>{t('checkEmail.resend')}</Button>
      </Form>
      <LinkLine href={correct}>{t('checkEmail.correct', { email: sent.email })}</LinkLine>
    </Layout>
  );
}

export function VerifyEmail({ ctx, token, alreadyConfirmed = false }: Ctx & { token: string | null; alreadyConfirmed?: boolean }) {
  const { t, locale } = ctx;
  if (alreadyConfirmed) {
    return (
      <Layout ctx={ctx} title={t('verify.already.title')}>
        <h1 class="govuk-heading-l">{t('verify.already.title')}</h1>
        <p class="govuk-body">{t('verify.already.body')}</p>
        <a class="govuk-button" href={href('signIn', locale)}>
          {t('layout.signIn')}
        </a>
      </Layout>
    );
  }
  return (
    <Layout ctx={ctx} title={t('verify.title')}>
      <h1 class="govuk-heading-l">{t('verify.title')}</h1>
      {token ? (
        <Form action={href('verifyEmail', locale)} csrfToken={ctx.csrfToken}>
          <PortalField portal={ctx.portal} />
          <input type="hidden" name="token" value={token} />
          <p class="govuk-body">{t('verify.body')}</p>
          <Button>{t('verify.submit')}</Button>
        </Form>
      ) : (
        <>
          <p class="govuk-body">{t('verify.invalid')}</p>
          <a class="govuk-link" href={href('resendVerification', locale)}>
            {t('signIn.resendVerification')}
          </a>
        </>
      )}
    </Layout>
  );
}

export function EmailForm({ ctx, kind, email, errors }: Ctx & { kind: 'forgot' | 'resend'; email?: string; errors?: FieldErrors }) {
  const { t, locale } = ctx;
  const title = kind === 'forgot' ? t('forgot.title') : t('resend.title');
  return (
    <Layout ctx={ctx} title={title} errors={errors}>
      <h1 class="govuk-heading-l">{title}</h1>
      {kind === 'forgot' && <p class="govuk-body">{t('forgot.lead')}</p>}
      <Form action={href(kind === 'forgot' ? 'forgotPassword' : 'resendVerification', locale)} csrfToken={ctx.csrfToken}>
        <PortalField portal={ctx.portal} />
        <TextField t={t} name="email" label="field.email" type="email" autocomplete="email" value={email} errors={errors} />
        <Button>{kind === 'forgot' ? t('forgot.submit') : t('resend.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function ResetPassword({ ctx, token, errors }: Ctx & { token: string | null; errors?: FieldErrors }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.title')} errors={errors}>
      <h1 class="govuk-heading-l">{t('reset.title')}</h1>
      {token ? (
        <Form action={href('resetPassword', locale)} csrfToken={ctx.csrfToken}>
          <PortalField portal={ctx.portal} />
          <input type="hidden" name="token" value={token} />
          <TextField t={t} name="password" label="field.newPassword" hint="field.passwordHint" type="password" autocomplete="new-password" errors={errors} />
          <TextField t={t} name="passwordConfirm" label="field.passwordConfirm" type="password" autocomplete="new-password" errors={errors} />
          <Button>{t('reset.submit')}</Button>
        </Form>
      ) : (
        <>
          <p class="govuk-body">{t('reset.invalid')}</p>
          <a class="govuk-link" href={href('forgotPassword', locale)}>
            {t('forgot.title')}
          </a>
        </>
      )}
    </Layout>
  );
}

/** `required`: the password was given by someone else and must be replaced before anything else. */
export function ChangePassword({ ctx, errors, required = false }: Ctx & { errors?: FieldErrors; required?: boolean }) {
  const { t, locale } = ctx;
  const title = required ? t('changePassword.required.title') : t('account.changePassword');
  return (
    <Layout ctx={ctx} title={title} errors={errors}>
      <h1 class="govuk-heading-l">{title}</h1>
      {required && <div class="govuk-inset-text">{t('changePassword.required.body')}</div>}
      <Form action={href('changePassword', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="currentPassword" label="field.currentPassword" type="password" autocomplete="current-password" errors={errors} />
        <TextField t={t} name="password" label="field.newPassword" hint="field.passwordHint" type="password" autocomplete="new-password" errors={errors} />
        <TextField t={t} name="passwordConfirm" label="field.passwordConfirm" type="password" autocomplete="new-password" errors={errors} />
        <Button>{t('account.save')}</Button>
      </Form>
    </Layout>
  );
}

export function Details({ ctx, values, errors }: Ctx & { values: Record<string, unknown>; errors?: FieldErrors }) {
  const { t, locale } = ctx;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return (
    <Layout ctx={ctx} title={t('account.edit')} errors={errors}>
      <h1 class="govuk-heading-l">{t('account.edit')}</h1>
      <Form action={href('accountDetails', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="givenName" label="field.givenName" autocomplete="given-name" value={v('givenName')} errors={errors} />
        <TextField t={t} name="familyName" label="field.familyName" autocomplete="family-name" value={v('familyName')} errors={errors} />
        <Choice t={t} kind="radios" name="preferredLanguage" label="field.preferredLanguage" value={v('preferredLanguage')} errors={errors} options={[{ value: 'fr', label: t('language.fr') }, { value: 'en', label: t('language.en') }]} />
        <TextField t={t} name="phone" label="field.phone" type="tel" autocomplete="tel" value={v('phone')} errors={errors} width="20" />
        <TextField t={t} name="addressLine1" label="field.addressLine1" autocomplete="address-line1" value={v('addressLine1')} errors={errors} />
        <TextField t={t} name="addressLine2" label="field.addressLine2" autocomplete="address-line2" value={v('addressLine2')} errors={errors} />
        <TextField t={t} name="city" label="field.city" autocomplete="address-level2" value={v('city')} errors={errors} width="20" />
        <Choice t={t} kind="select" name="province" label="field.province" value={v('province')} errors={errors} options={provinces.map((p) => ({ value: p, label: p }))} />
        <TextField t={t} name="postalCode" label="field.postalCode" autocomplete="postal-code" value={v('postalCode')} errors={errors} width="10" />
        <Button>{t('account.save')}</Button>
      </Form>
    </Layout>
  );
}

interface AccountProps extends Ctx {
  details: AccountPage['details'];
  sessions: AccountPage['sessions'];
  currentSessionId: string;
  events: AccountPage['events'];
  notice?: 'saved' | 'passwordChanged' | undefined;
  format: (d: Date) => string;
}

export function Account({ ctx, details, sessions, currentSessionId, events, notice, format }: AccountProps) {
  const { t, locale } = ctx;
  const d = details;
  const address = [d.addressLine1, d.addressLine2, d.city, d.province, d.postalCode].filter(Boolean).join(', ');
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      {notice && <Notice>{t(notice === 'saved' ? 'account.saved' : 'account.passwordChanged')}</Notice>}
      <h1 class="govuk-heading-l">{t('account.title')}</h1>
      <h2 class="govuk-heading-m">{t('account.details')}</h2>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('account.name')}>{`${d.givenName} ${d.familyName}`}</SummaryRow>
        <SummaryRow label={t('field.email')}>{d.email}</SummaryRow>
        <SummaryRow label={t('field.preferredLanguage')}>{t(d.preferredLanguage === 'fr' ? 'language.fr' : 'language.en')}</SummaryRow>
        <SummaryRow label={t('field.phone')}>{d.phone ?? t('account.none')}</SummaryRow>
        <SummaryRow label={t('account.address')}>{address || t('account.none')}</SummaryRow>
      </dl>
      <LinkLine href={href('accountDetails', locale)}>{t('account.edit')}</LinkLine>
      <h2 class="govuk-heading-m">{t('account.security')}</h2>
      <p class="govuk-body">{t('account.securityWhy')}</p>
      <LinkLine href={href('changePassword', locale)}>{t('account.changePassword')}</LinkLine>
      <LinkLine href={href('twoFactor', locale)}>{t('account.twoFactor')}</LinkLine>
      <LinkLine href={href('securityKeys', locale)}>{t('account.securityKeys')}</LinkLine>
      <LinkLine href={href('waysToSignIn', locale)}>{t('account.waysToSignIn')}</LinkLine>
      <Table caption={t('account.sessions')} captionSize="s" headers={[t('account.sessionDevice'), t('account.sessionStarted'), t('account.sessionLastSeen')]}>
          {sessions.map((s) => (
            <tr class="govuk-table__row" key={s.id}>
              <td class="govuk-table__cell">
                {deviceText(t, s.userAgent)} {s.id === currentSessionId && <strong class="govuk-tag">{t('account.sessionCurrent')}</strong>}
              </td>
              <td class="govuk-table__cell">{format(s.createdAt)}</td>
              <td class="govuk-table__cell">{format(s.lastSeenAt)}</td>
            </tr>
          ))}
      </Table>
      <a class="govuk-button govuk-button--secondary" href={href('signOutEverywhere', locale)}>
        {t('account.signOutEverywhere')}
      </a>
      <h3 class="govuk-heading-s">{t('account.activity')}</h3>
      <EventTable ctx={ctx} events={events} format={format} />
    </Layout>
  );
}

export function EventTable({ ctx, events, format }: Ctx & { events: { id: number; occurredAt: Date; event: string; ip: string | null }[]; format: (d: Date) => string }) {
  const { t } = ctx;
  return (
    <Table headers={[t('account.when'), t('account.what'), t('account.from')]}>
      {events.map((e) => (
        <tr class="govuk-table__row" key={e.id}>
          <td class="govuk-table__cell">{format(e.occurredAt)}</td>
          <td class="govuk-table__cell">{eventText(t, e.event)}</td>
          <td class="govuk-table__cell">{e.ip ?? '—'}</td>
        </tr>
      ))}
    </Table>
  );
}

/** The second step is locked after too many wrong codes: the way back is the staff's help. */
export function SecondStepLocked({ ctx }: Ctx) {
  const { t, locale } = ctx;
  return (
    <MessagePage
      ctx={ctx}
      title={t('secondStep.lockedTitle')}
      paragraphs={[t('secondStep.lockedBody')]}
      button={{ href: href('factorRecovery', locale), label: t('secondStep.lostAccess') }}
    />
  );
}
