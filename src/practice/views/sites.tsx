/** The registrant’s practice sites: the list, the site form, removal and withholding requests. */
import { provinces } from '../../platform/canada.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, Choice, Form, InlineForm, PortalField, TextField } from '../../platform/views/forms.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import { isCurrent, type Site, type WithholdingRequest } from '../queries.ts';
import { type Ctx, type FormProps, withholdingLabels, withholdingStatusLabels, date, RegistrantPage, address, ReasonField } from './parts.tsx';

export function SitesPage({ ctx, sites, withholding, notPractising, today, notice }: Ctx & { sites: Site[]; withholding: Map<string, WithholdingRequest>; notPractising: boolean; today: string; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  const current = sites.filter((s) => isCurrent(s, today));
  return (
    <RegistrantPage ctx={ctx} title={t('practice.sites.title')} notice={notice}>
      <p class="govuk-body">{t('practice.sites.intro')}</p>
      <p class="govuk-body">
        <a class="govuk-link" href={href('practice.hours', locale)}>
          {t('practice.sites.toHours')}
        </a>
      </p>
      {notPractising ? (
        <div class="govuk-inset-text" data-not-practising>
          {t('practice.sites.notPractisingShown')}
        </div>
      ) : sites.length === 0 ? (
        <p class="govuk-body" data-empty="sites">
          {t('practice.sites.empty')}
        </p>
      ) : (
        <>
          {current.length > 1 && <p class="govuk-body">{t('practice.sites.primaryHint')}</p>}
          {sites.map((site) => (
            <SiteCard key={site.id} ctx={ctx} site={site} request={withholding.get(site.id)} current={isCurrent(site, today)} choosable={current.length > 1} />
          ))}
        </>
      )}
      <a class="govuk-button" href={href('practice.newSite', locale)}>
        {t('practice.sites.add')}
      </a>
      <Form action={href('practice.notPractising', locale)} csrfToken={ctx.csrfToken}>
        <PortalField portal={ctx.portal} />
        <Choice
          t={t}
          name="notPractising"
          label="practice.sites.notPractising"
          kind="radios"
          value={notPractising ? 'yes' : 'no'}
          options={[
            { value: 'no', label: t('practice.sites.practising') },
            { value: 'yes', label: t('practice.sites.notPractisingYes') },
          ]}
        />
        <Button secondary>{t('practice.sites.saveStatus')}</Button>
      </Form>
    </RegistrantPage>
  );
}

function SiteCard({ ctx, site, request, current, choosable }: Ctx & { site: Site; request: WithholdingRequest | undefined; current: boolean; choosable: boolean }) {
  const { t, locale } = ctx;
  const params = { siteId: site.id };
  return (
    <div class="govuk-summary-card" data-site={site.id}>
      <div class="govuk-summary-card__title-wrapper">
        <h2 class="govuk-summary-card__title">
          {site.name} {site.isPrimary && <strong class="govuk-tag govuk-tag--green">{t('practice.sites.primary')}</strong>}
          {!current && <strong class="govuk-tag govuk-tag--grey">{t('practice.sites.ended')}</strong>}
        </h2>
        <ul class="govuk-summary-card__actions">
          <li class="govuk-summary-card__action">
            <a class="govuk-link" href={href('practice.site', locale, params)}>
              {t('practice.change')}
              <span class="govuk-visually-hidden"> {site.name}</span>
            </a>
          </li>
          <li class="govuk-summary-card__action">
            <a class="govuk-link" href={href('practice.siteWithholding', locale, params)}>
              {t('practice.sites.withholdingLink')}
              <span class="govuk-visually-hidden"> {site.name}</span>
            </a>
          </li>
          <li class="govuk-summary-card__action">
            <a class="govuk-link" href={href('practice.siteRemove', locale, params)}>
              {t('practice.remove')}
              <span class="govuk-visually-hidden"> {site.name}</span>
            </a>
          </li>
        </ul>
      </div>
      <div class="govuk-summary-card__content">
        <dl class="govuk-summary-list">
          <SummaryRow label={t('practice.field.address')}>{address(site)}</SummaryRow>
          {site.phone && <SummaryRow label={t('practice.field.phone')}>{site.phone}</SummaryRow>}
          <SummaryRow label={t('practice.field.dates')}>
            {site.endedOn ? t('practice.sites.fromTo', { from: date(ctx, site.startedOn), to: date(ctx, site.endedOn) }) : t('practice.sites.since', { from: date(ctx, site.startedOn) })}
          </SummaryRow>
          <SummaryRow label={t('practice.sites.register')}>
            {t(withholdingLabels[site.withholding])}
            {request?.status === 'pending' && <> — {t('practice.withholding.pendingShort')}</>}
          </SummaryRow>
        </dl>
        {current && !site.isPrimary && choosable && (
          <InlineForm action={href('practice.sitePrimary', locale, params)} csrfToken={ctx.csrfToken}>
            <button type="submit" class="govuk-button govuk-button--secondary">
              {t('practice.sites.makePrimary')}
              <span class="govuk-visually-hidden"> {site.name}</span>
            </button>
          </InlineForm>
        )}
      </div>
    </div>
  );
}

export function SiteFormPage({ ctx, site, errors, values }: Ctx & FormProps & { site: Site | null }) {
  const { t, locale } = ctx;
  const v = values ?? (site ? { name: site.name, addressLine1: site.addressLine1, addressLine2: site.addressLine2 ?? '', city: site.city, province: site.province, postalCode: site.postalCode, phone: site.phone ?? '', startedOn: site.startedOn, endedOn: site.endedOn ?? '' } : {});
  const action = site ? href('practice.site', locale, { siteId: site.id }) : href('practice.newSite', locale);
  return (
    <RegistrantPage ctx={ctx} title={t(site ? 'practice.site.editTitle' : 'practice.site.addTitle')} errors={errors} back={href('practice.sites', locale)}>
      <Form action={action} csrfToken={ctx.csrfToken}>
        <PortalField portal={ctx.portal} />
        <TextField t={t} name="name" label="practice.field.siteName" hint="practice.field.siteNameHint" value={v.name} errors={errors} />
        <TextField t={t} name="addressLine1" label="practice.field.addressLine1" value={v.addressLine1} errors={errors} autocomplete="address-line1" />
        <TextField t={t} name="addressLine2" label="field.addressLine2" value={v.addressLine2} errors={errors} autocomplete="address-line2" />
        <TextField t={t} name="city" label="field.city" value={v.city} errors={errors} width="20" autocomplete="address-level2" />
        <Choice t={t} name="province" label="field.province" kind="select" value={v.province} errors={errors} options={provinces.map((p) => ({ value: p, label: p }))} />
        <TextField t={t} name="postalCode" label="field.postalCode" value={v.postalCode} errors={errors} width="10" autocomplete="postal-code" />
        <TextField t={t} name="phone" label="field.phone" value={v.phone} errors={errors} width="20" type="tel" autocomplete="tel" />
        <TextField t={t} name="startedOn" label="practice.field.startedOn" hint="practice.field.dateHint" value={v.startedOn} errors={errors} type="date" width="10" />
        <TextField t={t} name="endedOn" label="practice.field.endedOn" hint="practice.field.endedOnHint" value={v.endedOn} errors={errors} type="date" width="10" />
        <Button>{t('practice.save')}</Button>
      </Form>
    </RegistrantPage>
  );
}

export function RemoveSitePage({ ctx, site }: Ctx & { site: Site }) {
  const { t, locale } = ctx;
  return (
    <RegistrantPage ctx={ctx} title={t('practice.remove.title', { name: site.name })} back={href('practice.sites', locale)}>
      <p class="govuk-body">{t('practice.remove.body')}</p>
      {site.isPrimary && <p class="govuk-body">{t('practice.remove.primary')}</p>}
      <p class="govuk-body">{t('practice.remove.endInstead')}</p>
      <Form action={href('practice.siteRemove', locale, { siteId: site.id })} csrfToken={ctx.csrfToken}>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--warning">
            {t('practice.remove.confirm')}
          </button>
          <a class="govuk-link" href={href('practice.sites', locale)}>
            {t('practice.cancel')}
          </a>
        </div>
      </Form>
    </RegistrantPage>
  );
}

export function WithholdingPage({ ctx, site, request, errors, values, problem, notice }: Ctx & FormProps & { site: Site; request: WithholdingRequest | undefined }) {
  const { t, locale } = ctx;
  const v = values ?? {};
  const pending = request?.status === 'pending';
  return (
    <RegistrantPage ctx={ctx} title={t('practice.withholding.title', { name: site.name })} errors={errors} problem={problem} notice={notice} back={href('practice.sites', locale)}>
      <p class="govuk-body">{t('practice.withholding.intro')}</p>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('practice.sites.register')}>{t(withholdingLabels[site.withholding])}</SummaryRow>
        {request && (
          <SummaryRow label={t('practice.withholding.lastRequest')}>
            <span data-withholding-status={request.status}>{t(withholdingStatusLabels[request.status])}</span> — {t(withholdingLabels[request.scope])}
            {request.decisionReason && <p class="govuk-body guichet-preserve-lines">{request.decisionReason}</p>}
          </SummaryRow>
        )}
      </dl>
      {pending ? (
        <p class="govuk-inset-text">{t('practice.withholding.pendingLong')}</p>
      ) : site.withholding === 'site' ? null : (
        <Form action={href('practice.siteWithholding', locale, { siteId: site.id })} csrfToken={ctx.csrfToken}>
          <PortalField portal={ctx.portal} />
          <Choice
            t={t}
            name="scope"
            label="practice.withholding.scope"
            kind="radios"
            value={v.scope}
            errors={errors}
            options={[
              { value: 'site', label: t('practice.withholding.scopeSite') },
              ...(site.withholding === 'none' ? [{ value: 'address', label: t('practice.withholding.scopeAddress') }] : []),
            ]}
          />
          <ReasonField ctx={ctx} name="reason" label="practice.withholding.reason" hint="practice.withholding.reasonHint" value={v.reason} errors={errors} />
          <Button>{t('practice.withholding.send')}</Button>
        </Form>
      )}
    </RegistrantPage>
  );
}
