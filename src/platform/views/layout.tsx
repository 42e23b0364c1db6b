import type { ComponentChildren } from 'preact';
import type { Locale, MessageKey, Translate } from '../i18n/index.ts';
import { href } from '../paths.ts';
import { render } from 'preact-render-to-string';
import { FormScopeContext, type FormScope, InlineForm, KEEP_TYPED, PAGE_FORM } from './forms.tsx';
import { staffHome } from './staff-nav.tsx';
import type { ActingFor, AuthorityRole } from '../actors.ts';
import { type Portal, portalDocumentHref, portalHomeHref } from '../portal.ts';

/** What every page knows about the request it answers. */
export interface PageContext {
  locale: Locale;
  t: Translate;
  twinHref: string;
  csrfToken: string;
  /**
   * Set when this page has a GET and a POST: its own form (posting to `formAction`) gets the
   * language switch as a button; `typed` is what that switch carried over.
   */
  keepTyped?: { formAction: string; typed: Record<string, string> | undefined } | undefined;
  /** The signed-in person; `authorityRoles` are those held in the authority the session acts for. */
  account: { givenName: string; familyName: string; isStaff: boolean; authorityRoles: AuthorityRole[]; actingFor: ActingFor | null } | null;
  /** The authority's portal the page is in: its name heads the page, its contact and links end it. */
  portal: Portal | null;
}

export type FieldErrors = Partial<Record<string, MessageKey>>;

export function Layout(props: {
  ctx: PageContext;
  title: string;
  errors?: FieldErrors;
  /** A same-origin ES module the page needs (the only scripts are the WebAuthn ceremonies). */
  script?: string;
  children: ComponentChildren;
}) {
  const { ctx, title, errors } = props;
  const { t, locale } = ctx;
  const hasErrors = errors !== undefined && Object.keys(errors).length > 0;
  const other = locale === 'fr' ? 'en' : 'fr';
  const staff = staffHome();
  const portal = ctx.portal;
  const siteName = portal ? portal.name[locale] : t('app.name');
  // The content first, to learn whether it holds the page's own form: then the language link is a
  // button of that form, posting what was typed to the twin page (no script needed).
  const scope: FormScope = { formAction: ctx.keepTyped?.formAction, typed: ctx.keepTyped?.typed, found: false };
  const content = render(
    <FormScopeContext.Provider value={scope}>
      {hasErrors && <ErrorSummary t={t} errors={errors} />}
      {props.children}
    </FormScopeContext.Provider>,
  );
  return (
    <html lang={locale} class="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <title>{`${hasErrors ? `${t('error.titlePrefix')} ` : ''}${title} — ${siteName}`}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="stylesheet" href="/assets/govuk-frontend.min.css" />
        <link rel="stylesheet" href="/assets/guichet.css" />
        <link rel="alternate" hreflang={other} href={ctx.twinHref} />
        {props.script && <script type="module" src={props.script} />}
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link">
          {t('layout.skip')}
        </a>
        <header class="guichet-header" role="banner">
          {/* The form's default button (Enter in a field) is its first in document order: this one,
              an ordinary submit, so that Enter never presses the language switch below. */}
          {scope.found && <button type="submit" form={PAGE_FORM} hidden tabIndex={-1} aria-hidden="true" />}
          <div class="govuk-width-container guichet-header__inner">
            <a href={portal ? portalHomeHref(portal, locale) : href('home', locale)} class="guichet-header__name">
              {siteName}
            </a>
            <nav aria-label={t('layout.nav')} class="guichet-header__nav">
              <ul class="guichet-header__list">
                {ctx.account && (
                  <li>
                    <a class="govuk-link guichet-header__link" href={href('dashboard', locale)}>
                      {t('layout.dashboard')}
                    </a>
                  </li>
                )}
                {ctx.account?.isStaff && staff && (
                  <li>
                    <a class="govuk-link guichet-header__link" href={href(staff, locale)}>
                      {t('layout.staff')}
                    </a>
                  </li>
                )}
                {ctx.account ? (
                  <>
                    <li>
                      <a class="govuk-link guichet-header__link" href={href('account', locale)}>
                        {t('layout.account')}
                      </a>
                    </li>
                    <li>
                      <InlineForm action={href('signOut', locale)} csrfToken={ctx.csrfToken}>
                        <button type="submit" class="guichet-link-button guichet-header__link">
                          {t('layout.signOut')}
                        </button>
                      </InlineForm>
                    </li>
                  </>
                ) : (
                  <li>
                    <a class="govuk-link guichet-header__link" href={href('signIn', locale)}>
                      {t('layout.signIn')}
                    </a>
                  </li>
                )}
                <li>
                  {scope.found ? (
                    <button type="submit" form={PAGE_FORM} formAction={ctx.twinHref} formNoValidate name={KEEP_TYPED} value="language" class="guichet-link-button guichet-header__link" lang={other}>
                      {t('layout.otherLanguage')}
                    </button>
                  ) : (
                    <a class="govuk-link guichet-header__link" href={ctx.twinHref} lang={other} hreflang={other}>
                      {t('layout.otherLanguage')}
                    </a>
                  )}
                </li>
              </ul>
            </nav>
          </div>
        </header>
        {ctx.account && <ActingForBar ctx={ctx} actingFor={ctx.account.actingFor} />}
        <div class="govuk-width-container">
          <main class="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1} dangerouslySetInnerHTML={{ __html: content }} />
        </div>
        <footer class="govuk-footer" role="contentinfo">
          <div class="govuk-width-container">
            {portal && <PortalFooter ctx={ctx} portal={portal} />}
            <p class="govuk-body-s">{t('layout.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The portal's contact and its privacy notice, accessibility statement and terms. */
function PortalFooter({ ctx, portal }: { ctx: PageContext; portal: Portal }) {
  const { t, locale } = ctx;
  const { email, phone, hours } = portal.contact;
  return (
    <>
      <h2 class="govuk-visually-hidden">{t('layout.portalLinks')}</h2>
      <ul class="govuk-footer__inline-list">
        <li class="govuk-footer__inline-list-item">
          <a class="govuk-footer__link" href={portalDocumentHref(portal, 'privacy', locale)}>
            {t('layout.privacy')}
          </a>
        </li>
        <li class="govuk-footer__inline-list-item">
          <a class="govuk-footer__link" href={portalDocumentHref(portal, 'accessibility', locale)}>
            {t('layout.accessibility')}
          </a>
        </li>
        <li class="govuk-footer__inline-list-item">
          <a class="govuk-footer__link" href={portalDocumentHref(portal, 'terms', locale)}>
            {t('layout.terms')}
          </a>
        </li>
      </ul>
      {(email || phone || hours) && (
        <p class="govuk-body-s guichet-footer__contact">
          <strong>{t('layout.contact')}</strong>
          {email && (
            <>
              {' '}
              <a class="govuk-footer__link" href={`mailto:${email}`}>
                {email}
              </a>
            </>
          )}
          {phone && (
            <>
              {' · '}
              <a class="govuk-footer__link" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
                {phone}
              </a>
            </>
          )}
          {hours && <> · {hours[locale]}</>}
        </p>
      )}
    </>
  );
}

/** Who the person is acting for, on every signed-in page, with the way to change it. */
function ActingForBar({ ctx, actingFor }: { ctx: PageContext; actingFor: ActingFor | null }) {
  const { t, locale } = ctx;
  const name =
    actingFor === null
      ? t('layout.actingForSelf')
      : actingFor.kind === 'organization'
        ? actingFor.name[locale]
        : t('layout.actingForAuthority', { name: actingFor.name[locale] });
  return (
    <div class="guichet-acting">
      <div class="govuk-width-container">
        <p class="govuk-body-s guichet-acting__text">
          {t('layout.actingFor')} <strong>{name}</strong>{' '}
          <a class="govuk-link" href={href('organizations', locale)}>
            {t('layout.actingForChange')}
          </a>
        </p>
      </div>
    </div>
  );
}

function ErrorSummary({ t, errors }: { t: Translate; errors: FieldErrors }) {
  return (
    // First in <main> and focused on arrival (GOV.UK's pattern, without a script): a screen reader
    // reads it first, and its links lead to each field.
    <div class="govuk-error-summary" data-module="govuk-error-summary" tabIndex={-1} autofocus>
      <div role="alert">
        <h2 class="govuk-error-summary__title">{t('error.summary')}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {Object.entries(errors).map(([field, key]) =>
              key ? (
                <li key={field}>
                  <a href={`#${field}`}>{t(key)}</a>
                </li>
              ) : null,
            )}
          </ul>
        </div>
      </div>
    </div>
  );
}
