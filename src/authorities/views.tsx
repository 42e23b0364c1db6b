import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../platform/i18n/index.ts';
import type { PortalService } from '../platform/module.ts';
import { href } from '../platform/paths.ts';
import { type Portal, PORTAL_FIELD, portalHomeHref } from '../platform/portal.ts';
import { Button, Form, TextArea, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { LinkLine } from '../platform/views/link.tsx';
import type { PortalField } from './schemas.ts';

type Ctx = { ctx: PageContext };

function SignedIn({ ctx }: Ctx) {
  const { t, locale } = ctx;
  if (!ctx.account) return null;
  return (
    <p class="govuk-body">
      {t('portal.signedInAs', { name: `${ctx.account.givenName} ${ctx.account.familyName}` })}{' '}
      <a class="govuk-link" href={href('account', locale)}>
        {t('layout.account')}
      </a>
    </p>
  );
}

/** `/fr` and `/en` when Guichet hosts several authorities (one alone: its portal opens instead). */
export function PortalList({ ctx, portals }: Ctx & { portals: Portal[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')}>
      <h1 class="govuk-heading-xl">{t('home.title')}</h1>
      <SignedIn ctx={ctx} />
      {portals.length === 0 ? (
        <p class="govuk-body">{t('home.empty')}</p>
      ) : (
        <>
          <p class="govuk-body-l">{t('home.lead')}</p>
          <ul class="govuk-list guichet-portals">
            {portals.map((portal) => (
              <li key={portal.id}>
                <a class="govuk-link govuk-!-font-size-24 govuk-!-font-weight-bold" href={portalHomeHref(portal, locale)} lang={locale}>
                  {portal.name[locale]}
                </a>
              </li>
            ))}
          </ul>
          <p class="govuk-body">{t('home.oneAccount')}</p>
        </>
      )}
    </Layout>
  );
}

/** An authority's portal home: its name, welcome, what one can do there and how to reach it. */
export function PortalHome({ ctx, portal, services, others }: Ctx & { portal: Portal; services: readonly PortalService[]; others: boolean }) {
  const { t, locale } = ctx;
  const { email, phone, hours } = portal.contact;
  return (
    <Layout ctx={ctx} title={portal.name[locale]}>
      <h1 class="govuk-heading-xl">{portal.name[locale]}</h1>
      <p class="govuk-body-l guichet-portal__welcome">{portal.welcome?.[locale] ?? t('portal.welcome')}</p>
      {ctx.account ? (
        <SignedIn ctx={ctx} />
      ) : (
        <>
          <div class="govuk-button-group">
            <a class="govuk-button" href={`${href('signIn', locale)}?${PORTAL_FIELD}=${portal.slug}`}>
              {t('portal.signIn')}
            </a>
            <a class="govuk-button govuk-button--secondary" href={`${href('signUp', locale)}?${PORTAL_FIELD}=${portal.slug}`}>
              {t('portal.signUp')}
            </a>
          </div>
          <p class="govuk-body">{t('portal.oneAccount')}</p>
        </>
      )}
      {services.length > 0 && (
        <>
          <h2 class="govuk-heading-m">{t('portal.services')}</h2>
          <ul class="govuk-list">
            {services.map((service) => (
              <li key={service.name} class="govuk-!-margin-bottom-4">
                <a class="govuk-link govuk-!-font-weight-bold" href={href(service.page, locale)}>
                  {t(service.title)}
                </a>
                <br />
                <span class="govuk-body">{t(service.description)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 class="govuk-heading-m">{t('portal.contact')}</h2>
      {email || phone || hours ? (
        <dl class="govuk-summary-list">
          {email && (
            <SummaryRow label={t('portal.contact.email')}>
              <a class="govuk-link" href={`mailto:${email}`}>
                {email}
              </a>
            </SummaryRow>
          )}
          {phone && (
            <SummaryRow label={t('portal.contact.phone')}>
              <a class="govuk-link" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
                {phone}
              </a>
            </SummaryRow>
          )}
          {hours && (
            <SummaryRow label={t('portal.contact.hours')}>
              {hours[locale]}
            </SummaryRow>
          )}
        </dl>
      ) : (
        <p class="govuk-body">{t('portal.contact.none')}</p>
      )}
      {others && !portal.viaHost && <LinkLine href={href('home', locale)}>{t('portal.allPortals')}</LinkLine>}
    </Layout>
  );
}

/** Guichet's default privacy notice, accessibility statement or terms, naming the authority. */
export function PortalDocument({ ctx, portal, title, paragraphs }: Ctx & { portal: Portal; title: MessageKey; paragraphs: MessageKey[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t(title)}>
      <h1 class="govuk-heading-l">{t(title)}</h1>
      <p class="govuk-body-l">{t('portalDocument.authority', { name: portal.name[locale] })}</p>
      {paragraphs.map((key) => (
        <p key={key} class="govuk-body">
          {t(key)}
        </p>
      ))}
      <LinkLine href={portalHomeHref(portal, locale)}>{t('portalDocument.back')}</LinkLine>
    </Layout>
  );
}

const documentFields = [
  ['privacyFr', 'staffPortal.field.privacyFr'],
  ['privacyEn', 'staffPortal.field.privacyEn'],
  ['accessibilityFr', 'staffPortal.field.accessibilityFr'],
  ['accessibilityEn', 'staffPortal.field.accessibilityEn'],
  ['termsFr', 'staffPortal.field.termsFr'],
  ['termsEn', 'staffPortal.field.termsEn'],
] as const satisfies readonly (readonly [PortalField, MessageKey])[];

/** The administrators' page: the portal's names, welcome, contact and documents. */
export function StaffPortalPage({
  ctx,
  values,
  errors,
  notice,
  portalHref,
}: Ctx & { values: Record<PortalField, string>; errors?: FieldErrors; notice?: MessageKey | undefined; portalHref: string }) {
  const { t, locale } = ctx;
  const field = (name: PortalField, label: MessageKey, more: { type?: string; autocomplete?: string; hint?: MessageKey } = {}) => (
    <TextField t={t} name={name} label={label} value={values[name]} errors={errors} {...more} />
  );
  return (
    <StaffPage ctx={ctx} title={t('staff.portal')} current="staffPortal" notice={notice} errors={errors}>
      <p class="govuk-body">{t('staffPortal.lead')}</p>
      <LinkLine href={portalHref}>{t('staffPortal.view')}</LinkLine>
      <Form action={href('staffPortal', locale)} csrfToken={ctx.csrfToken}>
        <Fieldset legend={t('staffPortal.names')}>
          {field('nameFr', 'staffPortal.field.nameFr')}
          {field('nameEn', 'staffPortal.field.nameEn')}
        </Fieldset>
        <Fieldset legend={t('staffPortal.welcomeLegend')}>
          <TextArea t={t} name="welcomeFr" label="staffPortal.field.welcomeFr" value={values.welcomeFr} errors={errors} />
          <TextArea t={t} name="welcomeEn" label="staffPortal.field.welcomeEn" value={values.welcomeEn} errors={errors} />
        </Fieldset>
        <Fieldset legend={t('staffPortal.contactLegend')}>
          {field('contactEmail', 'staffPortal.field.contactEmail', { type: 'email' })}
          {field('contactPhone', 'staffPortal.field.contactPhone', { type: 'tel' })}
          {field('hoursFr', 'staffPortal.field.hoursFr')}
          {field('hoursEn', 'staffPortal.field.hoursEn')}
        </Fieldset>
        <Fieldset legend={t('staffPortal.documents')}>
          {documentFields.map(([name, label]) => field(name, label, { type: 'url', hint: 'staffPortal.urlHint' }))}
        </Fieldset>
        <Button>{t('staffPortal.submit')}</Button>
      </Form>
    </StaffPage>
  );
}

function Fieldset({ legend, children }: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset class="govuk-fieldset govuk-!-margin-bottom-6">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
      {children}
    </fieldset>
  );
}
