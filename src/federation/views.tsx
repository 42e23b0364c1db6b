import { href } from '../platform/paths.ts';
import type { MessageKey, Bilingual } from '../platform/i18n/index.ts';
import { Button, Form, InlineForm, Notice, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { MessagePage } from '../platform/views/message.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { LinkLine } from '../platform/views/link.tsx';
import { Table } from '../platform/views/table.tsx';

type Ctx = { ctx: PageContext };

/** The "Sign in with …" buttons under the password form: each a form that posts, then redirects. */
/** The buttons under the sign-in form (identity's `signInOptions` port). */
export const providerButtons = (ctx: PageContext, providers: { slug: string; name: Bilingual }[]) => <ProviderButtons ctx={ctx} providers={providers} />;

function ProviderButtons({ ctx, providers }: Ctx & { providers: { slug: string; name: Bilingual }[] }) {
  const { t, locale } = ctx;
  if (providers.length === 0) return null;
  return (
    <section aria-labelledby="other-ways">
      <h2 class="govuk-heading-m" id="other-ways">
        {t('federation.otherWays')}
      </h2>
      {providers.map((p) => (
        <Form key={p.slug} action={href('federationStart', locale, { slug: p.slug })} csrfToken={ctx.csrfToken}>
          <Button secondary>{t('federation.signInWith', { name: p.name[locale] })}</Button>
        </Form>
      ))}
    </section>
  );
}

export interface FirstTimeProps extends Ctx {
  providerName: string;
  /** The email the provider vouched for, or null when it gave none (or did not verify it). */
  verifiedEmail: string | null;
  emailTaken: boolean;
  values: { givenName?: string | null; familyName?: string | null; email?: string | null; accountEmail?: string | null };
  errors?: FieldErrors;
  linkErrors?: FieldErrors;
}

/** After a provider's first sign-in: create an account, or prove an existing one to link it. */
export function FirstTime({ ctx, providerName, verifiedEmail, emailTaken, values, errors, linkErrors }: FirstTimeProps) {
  const { t, locale } = ctx;
  const name = providerName;
  const allErrors = { ...errors, ...linkErrors };
  // A wrong email or password: which one is not known, so the summary says it and no field is marked.
  const fieldLinkErrors = linkErrors?.accountEmail === 'signIn.invalid' ? undefined : linkErrors;
  return (
    <Layout ctx={ctx} title={t('federation.firstTime.title', { name })} errors={allErrors}>
      <h1 class="govuk-heading-l">{t('federation.firstTime.title', { name })}</h1>
      <p class="govuk-body">{t('federation.firstTime.lead', { name })}</p>
      <h2 class="govuk-heading-m">{t('federation.create.heading')}</h2>
      {verifiedEmail && emailTaken ? (
        <div class="govuk-inset-text">{t('federation.create.emailTaken', { email: verifiedEmail, name })}</div>
      ) : verifiedEmail ? (
        <Form action={href('federationCreate', locale)} csrfToken={ctx.csrfToken}>
          <p class="govuk-body">{t('federation.create.withEmail', { email: verifiedEmail, name })}</p>
          <TextField t={t} name="givenName" label="field.givenName" autocomplete="given-name" value={values.givenName} errors={errors} />
          <TextField t={t} name="familyName" label="field.familyName" autocomplete="family-name" value={values.familyName} errors={errors} />
          <Button>{t('federation.create.submit')}</Button>
        </Form>
      ) : (
        <Form action={href('federationEmail', locale)} csrfToken={ctx.csrfToken}>
          <p class="govuk-body">{t('federation.create.noEmail', { name })}</p>
          <TextField t={t} name="email" label="field.email" type="email" autocomplete="email" value={values.email} errors={errors} />
          <TextField t={t} name="givenName" label="field.givenName" autocomplete="given-name" value={values.givenName} errors={errors} />
          <TextField t={t} name="familyName" label="field.familyName" autocomplete="family-name" value={values.familyName} errors={errors} />
          <Button>{t('federation.create.sendLink')}</Button>
        </Form>
      )}
      <h2 class="govuk-heading-m">{t('federation.link.heading')}</h2>
      <p class="govuk-body">{t('federation.link.lead', { name })}</p>
      <Form action={href('federationLink', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="accountEmail" label="field.accountEmail" type="email" autocomplete="username" value={values.accountEmail ?? verifiedEmail} errors={fieldLinkErrors} />
        <TextField t={t} name="password" label="field.password" type="password" autocomplete="current-password" errors={fieldLinkErrors} />
        <Button>{t('federation.link.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function CheckEmail({ ctx, email }: Ctx & { email: string }) {
  const { t } = ctx;
  return <MessagePage ctx={ctx} title={t('federation.checkEmail.title')} paragraphs={[t('federation.checkEmail.body', { email })]} />;
}

export function ConfirmEmail({ ctx, token, email, providerName }: Ctx & { token: string | null; email?: string; providerName?: string }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('federation.confirm.title')}>
      <h1 class="govuk-heading-l">{t('federation.confirm.title')}</h1>
      {token ? (
        <Form action={href('federationConfirmEmail', locale)} csrfToken={ctx.csrfToken}>
          <input type="hidden" name="token" value={token} />
          <p class="govuk-body">{t('federation.confirm.body', { email: email ?? '', name: providerName ?? '' })}</p>
          <Button>{t('federation.create.submit')}</Button>
        </Form>
      ) : (
        <>
          <p class="govuk-body">{t('federation.confirm.invalid')}</p>
          <a class="govuk-link" href={href('signIn', locale)}>
            {t('layout.signIn')}
          </a>
        </>
      )}
    </Layout>
  );
}

export const waysNotices = {
  linked: 'federation.notice.linked',
  unlinked: 'federation.notice.unlinked',
  lastWayIn: 'federation.notice.lastWayIn',
  alreadyLinked: 'federation.notice.alreadyLinked',
  linkedElsewhere: 'federation.notice.linkedElsewhere',
} as const satisfies Record<string, MessageKey>;
const refusals = new Set<keyof typeof waysNotices>(['lastWayIn', 'linkedElsewhere']);

interface WaysProps extends Ctx {
  hasPassword: boolean;
  identities: { id: string; slug: string; name: Bilingual; email: string | null; linkedAt: Date; lastUsedAt: Date | null }[];
  available: { slug: string; name: Bilingual }[];
  notice?: keyof typeof waysNotices | undefined;
  format: (d: Date) => string;
}

/** The account's ways in: password and linked identities, with link and unlink. */
export function WaysToSignIn({ ctx, hasPassword, identities, available, notice, format }: WaysProps) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('waysToSignIn.title')}>
      {notice && !refusals.has(notice) && <Notice>{t(waysNotices[notice])}</Notice>}
      <h1 class="govuk-heading-l">{t('waysToSignIn.title')}</h1>
      {notice && refusals.has(notice) && <div class="govuk-inset-text" role="alert">{t(waysNotices[notice])}</div>}
      <p class="govuk-body">{t('waysToSignIn.lead')}</p>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('waysToSignIn.password')}>{t(hasPassword ? 'waysToSignIn.passwordSet' : 'waysToSignIn.passwordNone')}</SummaryRow>
      </dl>
      {identities.length === 0 ? (
        <p class="govuk-body">{t('waysToSignIn.none')}</p>
      ) : (
        <Table
          caption={t('waysToSignIn.caption')}
          headers={[t('waysToSignIn.provider'), t('field.email'), t('waysToSignIn.linkedOn'), t('waysToSignIn.lastUsed'), { hidden: t('table.actions') }]}
        >
            {identities.map((i) => (
              <tr class="govuk-table__row" key={i.id}>
                <th scope="row" class="govuk-table__header">{i.name[locale]}</th>
                <td class="govuk-table__cell">{i.email ?? '—'}</td>
                <td class="govuk-table__cell">{format(i.linkedAt)}</td>
                <td class="govuk-table__cell">{i.lastUsedAt ? format(i.lastUsedAt) : t('waysToSignIn.never')}</td>
                <td class="govuk-table__cell">
                  <InlineForm action={href('unlinkProvider', locale, { id: i.id })} csrfToken={ctx.csrfToken}>
                    <button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                      {t('waysToSignIn.unlink', { name: i.name[locale] })}
                    </button>
                  </InlineForm>
                </td>
              </tr>
            ))}
        </Table>
      )}
      {available.length > 0 && (
        <>
          <h2 class="govuk-heading-m">{t('waysToSignIn.linkHeading')}</h2>
          <p class="govuk-body">{t('waysToSignIn.linkLead')}</p>
          {available.map((p) => (
            <Form key={p.slug} action={href('linkProvider', locale, { slug: p.slug })} csrfToken={ctx.csrfToken}>
              <Button secondary>{t('waysToSignIn.link', { name: p.name[locale] })}</Button>
            </Form>
          ))}
        </>
      )}
      <LinkLine href={href('account', locale)}>{t('layout.account')}</LinkLine>
    </Layout>
  );
}
