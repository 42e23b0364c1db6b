import type { Bilingual, MessageKey } from '../platform/i18n/index.ts';
import { formatDateTime, formatLocalDate } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, Form, InlineForm, Notice, TextArea, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { Table } from '../platform/views/table.tsx';
import { statusTag } from '../platform/views/tag.tsx';
import type { LinkRow } from './queries.ts';
import type { LinkStatus, LinkVia } from './schema.ts';

export const statusLabels = {
  requested: 'agencies.status.requested',
  active: 'agencies.status.active',
  refused: 'agencies.status.refused',
  withdrawn: 'agencies.status.withdrawn',
  ended: 'agencies.status.ended',
} as const satisfies Record<LinkStatus, MessageKey>;

const StatusTag = statusTag(statusLabels, {
  requested: 'govuk-tag--blue',
  active: 'govuk-tag--green',
  refused: 'govuk-tag--red',
  withdrawn: 'govuk-tag--grey',
  ended: 'govuk-tag--grey',
});

const viaLabels = { manager: 'agencies.via.manager', security_code: 'agencies.via.securityCode' } as const satisfies Record<LinkVia, MessageKey>;

const day = (ctx: PageContext, date: string | null) => (date ? formatLocalDate(ctx.locale, date) : '—');
const person = (l: LinkRow) => `${l.givenName} ${l.familyName}`;

/** Past links: the agency or the person, the status, the dates and the reason given. */
function History({ ctx, links, caption, who }: { ctx: PageContext; links: readonly LinkRow[]; caption: string; who: 'agency' | 'person' }) {
  const { t } = ctx;
  if (links.length === 0) return null;
  return (
    <Table caption={caption} headers={[t(who === 'agency' ? 'agencies.field.agency' : 'agencies.field.person'), t('agencies.field.status'), t('agencies.field.startedOn'), t('agencies.field.endedOn'), t('agencies.field.reason')]}>
      {links.map((l) => (
        <tr class="govuk-table__row" key={l.id}>
          <td class="govuk-table__cell">{who === 'agency' ? l.agency[ctx.locale] : `${person(l)} (${l.email})`}</td>
          <td class="govuk-table__cell">
            <StatusTag ctx={ctx} status={l.status} />
          </td>
          <td class="govuk-table__cell">{day(ctx, l.startedOn)}</td>
          <td class="govuk-table__cell">{day(ctx, l.endedOn)}</td>
          <td class="govuk-table__cell">{l.endReason ?? '—'}</td>
        </tr>
      ))}
    </Table>
  );
}

/** The person's page: their request or link and its dates, else the agencies to ask; then the history. */
export function LinkPage(props: {
  ctx: PageContext;
  open: LinkRow | null;
  history: readonly LinkRow[];
  agencies: readonly { id: string; name: Bilingual; city: string }[];
  q: string;
  notice?: MessageKey | undefined;
  problem?: MessageKey | undefined;
}) {
  const { ctx, open } = props;
  const { t, locale } = ctx;
  const errors: FieldErrors | undefined = props.problem ? { organizationId: props.problem } : undefined;
  return (
    <Layout ctx={ctx} title={t('agencies.link.title')} {...(errors ? { errors } : {})}>
      {props.notice && <Notice>{t(props.notice)}</Notice>}
      <h1 class="govuk-heading-l">{t('agencies.link.title')}</h1>
      <p class="govuk-body">{t('agencies.link.lead')}</p>
      {open ? (
        <>
          <dl class="govuk-summary-list">
            <SummaryRow label={t('agencies.field.agency')}>{open.agency[locale]}</SummaryRow>
            <SummaryRow label={t('agencies.field.status')}>
              <StatusTag ctx={ctx} status={open.status} />
            </SummaryRow>
            <SummaryRow label={t('agencies.field.requestedAt')}>{formatDateTime(locale, open.requestedAt)}</SummaryRow>
            {open.startedOn && <SummaryRow label={t('agencies.field.startedOn')}>{day(ctx, open.startedOn)}</SummaryRow>}
            <SummaryRow label={t('agencies.field.via')}>{t(viaLabels[open.via])}</SummaryRow>
          </dl>
          {open.status === 'requested' && <p class="govuk-body">{t('agencies.link.waiting')}</p>}
          <p class="govuk-body">
            <a class="govuk-link" href={href('agencies.end', locale)}>
              {t(open.status === 'requested' ? 'agencies.end.withdrawTitle' : 'agencies.end.title')}
            </a>
          </p>
        </>
      ) : (
        <>
          <h2 class="govuk-heading-m">{t('agencies.choose.title')}</h2>
          <p class="govuk-body">
            <a class="govuk-link" href={href('agencies.redeem', locale)}>
              {t('agencies.choose.haveCode')}
            </a>
          </p>
          <form method="get" action={href('agencies.link', locale)} class="govuk-form-group">
            <label class="govuk-label" for="q">
              {t('agencies.choose.search')}
            </label>
            <input class="govuk-input govuk-input--width-20" id="q" name="q" type="search" value={props.q} />{' '}
            <button type="submit" class="govuk-button govuk-button--secondary">
              {t('agencies.choose.searchButton')}
            </button>
          </form>
          {props.problem && (
            <p id="organizationId" class="govuk-error-message">
              {t(props.problem)}
            </p>
          )}
          {props.agencies.length === 0 ? (
            <p class="govuk-body">{t('agencies.choose.none')}</p>
          ) : (
            <Table caption={t('agencies.choose.caption')} captionSize="s" headers={[t('agencies.field.agency'), t('agencies.field.city'), { hidden: t('agencies.choose.actions') }]}>
              {props.agencies.map((a) => (
                <tr class="govuk-table__row" key={a.id}>
                  <td class="govuk-table__cell">{a.name[locale]}</td>
                  <td class="govuk-table__cell">{a.city}</td>
                  <td class="govuk-table__cell">
                    <InlineForm action={href('agencies.request', locale)} csrfToken={ctx.csrfToken} fields={{ organizationId: a.id }}>
                      <button type="submit" class="govuk-button govuk-button--secondary guichet-button--inline">
                        {t('agencies.choose.ask')}
                        <span class="govuk-visually-hidden"> {a.name[locale]}</span>
                      </button>
                    </InlineForm>
                  </td>
                </tr>
              ))}
            </Table>
          )}
        </>
      )}
      <History ctx={ctx} links={props.history} caption={t('agencies.link.history')} who="agency" />
    </Layout>
  );
}

/** The agency's security code, typed by the person. */
export function RedeemPage({ ctx, errors, code }: { ctx: PageContext; errors?: FieldErrors | undefined; code?: string }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('agencies.redeem.title')} {...(errors ? { errors } : {})}>
      <h1 class="govuk-heading-l">{t('agencies.redeem.title')}</h1>
      <p class="govuk-body">{t('agencies.redeem.lead')}</p>
      <Form action={href('agencies.redeem', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="code" label="agencies.field.code" value={code ?? ''} errors={errors} autocomplete="off" />
        <Button>{t('agencies.redeem.submit')}</Button>
      </Form>
      <p class="govuk-body">
        <a class="govuk-link" href={href('agencies.link', locale)}>
          {t('agencies.back')}
        </a>
      </p>
    </Layout>
  );
}

/** Before the person withdraws their request or ends their link: what it means, and a reason if they wish. */
export function EndMinePage({ ctx, open, errors }: { ctx: PageContext; open: LinkRow; errors?: FieldErrors | undefined }) {
  const { t, locale } = ctx;
  const withdrawing = open.status === 'requested';
  const title = t(withdrawing ? 'agencies.end.withdrawTitle' : 'agencies.end.title');
  return (
    <Layout ctx={ctx} title={title} {...(errors ? { errors } : {})}>
      <h1 class="govuk-heading-l">{title}</h1>
      <p class="govuk-body">{t(withdrawing ? 'agencies.end.withdrawBody' : 'agencies.end.body', { agency: open.agency[locale] })}</p>
      <Form action={href('agencies.end', locale)} csrfToken={ctx.csrfToken}>
        {!withdrawing && <TextArea t={t} name="reason" label="agencies.end.reasonOptional" value="" errors={errors} />}
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--warning">
            {title}
          </button>
          <a class="govuk-link" href={href('agencies.link', locale)}>
            {t('agencies.cancel')}
          </a>
        </div>
      </Form>
    </Layout>
  );
}

/** The agency's manager: requests to confirm or refuse, active links to end, and the past. */
export function ManagePage(props: {
  ctx: PageContext;
  organizationId: string;
  agency: Bilingual;
  links: { requested: readonly LinkRow[]; active: readonly LinkRow[]; past: readonly LinkRow[] };
  notice?: MessageKey | undefined;
  errors?: FieldErrors | undefined;
}) {
  const { ctx, organizationId, links } = props;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('agencies.manage.title')} {...(props.errors ? { errors: props.errors } : {})}>
      {props.notice && <Notice>{t(props.notice)}</Notice>}
      <span class="govuk-caption-l">{props.agency[locale]}</span>
      <h1 class="govuk-heading-l">{t('agencies.manage.title')}</h1>
      {props.errors?.form && (
        <p id="form" class="govuk-error-message">
          {t(props.errors.form)}
        </p>
      )}
      <h2 class="govuk-heading-m">{t('agencies.manage.requests')}</h2>
      {links.requested.length === 0 && <p class="govuk-body">{t('agencies.manage.noRequests')}</p>}
      {links.requested.map((l) => (
        <section key={l.id} class="govuk-!-margin-bottom-6">
          <h3 class="govuk-heading-s">
            {person(l)} ({l.email})
          </h3>
          <p class="govuk-body">{t('agencies.manage.askedOn', { date: formatDateTime(locale, l.requestedAt) })}</p>
          <div class="govuk-button-group">
            <InlineForm action={href('agencies.decide', locale, { organizationId, linkId: l.id })} csrfToken={ctx.csrfToken} fields={{ decision: 'confirm' }}>
              <button type="submit" class="govuk-button">
                {t('agencies.manage.confirm')}
                <span class="govuk-visually-hidden"> {person(l)}</span>
              </button>
            </InlineForm>
            <a class="govuk-link" href={href('agencies.decide', locale, { organizationId, linkId: l.id })}>
              {t('agencies.manage.refuse')}
              <span class="govuk-visually-hidden"> {person(l)}</span>
            </a>
          </div>
        </section>
      ))}
      <h2 class="govuk-heading-m">{t('agencies.manage.active')}</h2>
      {links.active.length === 0 ? (
        <p class="govuk-body">{t('agencies.manage.noActive')}</p>
      ) : (
        <Table headers={[t('agencies.field.person'), t('agencies.field.startedOn'), t('agencies.field.via'), { hidden: t('agencies.choose.actions') }]}>
          {links.active.map((l) => (
            <tr class="govuk-table__row" key={l.id}>
              <td class="govuk-table__cell">
                {person(l)} ({l.email})
              </td>
              <td class="govuk-table__cell">{day(ctx, l.startedOn)}</td>
              <td class="govuk-table__cell">{t(viaLabels[l.via])}</td>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('agencies.endLink', locale, { organizationId, linkId: l.id })}>
                  {t('agencies.manage.end')}
                  <span class="govuk-visually-hidden"> {person(l)}</span>
                </a>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <History ctx={ctx} links={links.past} caption={t('agencies.manage.past')} who="person" />
    </Layout>
  );
}

/** The manager refuses a request: the reason the person will read is required. */
export function RefusePage({ ctx, organizationId, link, errors, reason }: { ctx: PageContext; organizationId: string; link: LinkRow; errors?: FieldErrors | undefined; reason?: string }) {
  const { t, locale } = ctx;
  return (
    <ReasonPage ctx={ctx} organizationId={organizationId} title={t('agencies.refuse.title', { name: person(link) })} lead={t('agencies.manage.askedOn', { date: formatDateTime(locale, link.requestedAt) })}
      action={href('agencies.decide', locale, { organizationId, linkId: link.id })} decision="refuse" submit={t('agencies.manage.refuse')} errors={errors} reason={reason} />
  );
}

/** The manager ends a link: the reason the person will read is required. */
export function EndLinkPage({ ctx, organizationId, link, errors, reason }: { ctx: PageContext; organizationId: string; link: LinkRow; errors?: FieldErrors | undefined; reason?: string }) {
  const { t, locale } = ctx;
  return (
    <ReasonPage ctx={ctx} organizationId={organizationId} title={t('agencies.endLink.title', { name: person(link) })} lead={t('agencies.endLink.body', { name: person(link) })}
      action={href('agencies.endLink', locale, { organizationId, linkId: link.id })} submit={t('agencies.manage.end')} errors={errors} reason={reason} />
  );
}

/** The manager's page that asks the reason the person will read, for a refusal or an end, with a way back. */
function ReasonPage(p: { ctx: PageContext; organizationId: string; title: string; lead: string; action: string; decision?: 'refuse'; submit: string; errors?: FieldErrors | undefined; reason?: string | undefined }) {
  const { ctx } = p;
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={p.title} {...(p.errors ? { errors: p.errors } : {})}>
      <h1 class="govuk-heading-l">{p.title}</h1>
      <p class="govuk-body">{p.lead}</p>
      <Form action={p.action} csrfToken={ctx.csrfToken}>
        {p.decision && <input type="hidden" name="decision" value={p.decision} />}
        <TextArea t={t} name="reason" label="agencies.endLink.reason" value={p.reason ?? ''} errors={p.errors} />
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--warning">
            {p.submit}
          </button>
          <a class="govuk-link" href={href('agencies.manage', locale, { organizationId: p.organizationId })}>
            {t('agencies.cancel')}
          </a>
        </div>
      </Form>
    </Layout>
  );
}

/** Staff: the authority's agencies, with their requests and active links counted. */
export function StaffAgenciesPage({ ctx, agencies }: { ctx: PageContext; agencies: readonly { id: string; name: Bilingual; requested: number; active: number }[] }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('agencies.staff.title')} current="agencies.staffAgencies">
      {agencies.length === 0 ? (
        <p class="govuk-body">{t('agencies.staff.none')}</p>
      ) : (
        <Table headers={[t('agencies.field.agency'), t('agencies.status.requested'), t('agencies.status.active')]}>
          {agencies.map((a) => (
            <tr class="govuk-table__row" key={a.id}>
              <td class="govuk-table__cell">
                <a class="govuk-link" href={href('agencies.staffLinks', locale, { id: a.id })}>
                  {a.name[locale]}
                </a>
              </td>
              <td class="govuk-table__cell">{a.requested}</td>
              <td class="govuk-table__cell">{a.active}</td>
            </tr>
          ))}
        </Table>
      )}
    </StaffPage>
  );
}

/** Staff: one agency's links, every status, newest first. */
export function StaffLinksPage({ ctx, organization, links }: { ctx: PageContext; organization: { name: Bilingual }; links: readonly LinkRow[] }) {
  const { t, locale } = ctx;
  return (
    <StaffPage ctx={ctx} title={t('agencies.staffLinks.title', { agency: organization.name[locale] })} current="agencies.staffAgencies">
      {links.length === 0 ? (
        <p class="govuk-body">{t('agencies.staffLinks.none')}</p>
      ) : (
        <Table headers={[t('agencies.field.person'), t('agencies.field.status'), t('agencies.field.requestedAt'), t('agencies.field.startedOn'), t('agencies.field.endedOn'), t('agencies.field.via'), t('agencies.field.reason')]}>
          {links.map((l) => (
            <tr class="govuk-table__row" key={l.id}>
              <td class="govuk-table__cell">
                {person(l)} ({l.email})
              </td>
              <td class="govuk-table__cell">
                <StatusTag ctx={ctx} status={l.status} />
              </td>
              <td class="govuk-table__cell">{formatDateTime(locale, l.requestedAt)}</td>
              <td class="govuk-table__cell">{day(ctx, l.startedOn)}</td>
              <td class="govuk-table__cell">{day(ctx, l.endedOn)}</td>
              <td class="govuk-table__cell">{t(viaLabels[l.via])}</td>
              <td class="govuk-table__cell">{l.endReason ?? '—'}</td>
            </tr>
          ))}
        </Table>
      )}
    </StaffPage>
  );
}
