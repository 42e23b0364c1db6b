import type { ComponentChildren } from 'preact';
import { type AssignableStaff, type MedianDecisionTime, type QueueCounts, type QueueFilters, type QueueRow, type Review, ReviewQueue, ReviewStatusTag, ReviewTimeline, StaffAssignForm, type TimelineEntry, WaitSummary } from '../casework/index.ts';
import type { StaffActor } from '../platform/actors.ts';
import { provinces } from '../platform/canada.ts';
import { formatLocalDate, type MessageKey } from '../platform/i18n/index.ts';
import { href } from '../platform/paths.ts';
import { Button, Choice, Form, InlineForm, Notice, PortalField, TextField } from '../platform/views/forms.tsx';
import { type FieldErrors, Layout, type PageContext } from '../platform/views/layout.tsx';
import { StaffNav } from '../platform/views/staff-nav.tsx';
import { StaffPage } from '../platform/views/staff-page.tsx';
import { SummaryRow } from '../platform/views/summary.tsx';
import { Table } from '../platform/views/table.tsx';
import { statusTag } from '../platform/views/tag.tsx';
import { type Entry, formatHours, type HoursRequest, isCurrent, type SentEntry, type Site, type Totals, type WithholdingRequest } from './queries.ts';
import type { EntryDecision, EntryStatus, HoursKind, HoursRequestStatus, Withholding, WithholdingRequestStatus } from './schema.ts';
import type { HoursFile, WithholdingFile } from './use-cases/review.ts';

type Ctx = { ctx: PageContext };
type FormProps = { errors?: FieldErrors | undefined; values?: Record<string, string> | undefined; problem?: string | undefined; notice?: MessageKey | undefined };

export const kindLabels = { direct_contact: 'practice.kind.direct_contact', supervision: 'practice.kind.supervision' } as const satisfies Record<HoursKind, MessageKey>;
const entryStatusLabels = { draft: 'practice.entry.draft', sent: 'practice.entry.sent', accepted: 'practice.entry.accepted', returned: 'practice.entry.returned' } as const satisfies Record<EntryStatus, MessageKey>;
const EntryTag = statusTag(entryStatusLabels, { draft: 'govuk-tag--grey', sent: 'govuk-tag--blue', accepted: 'govuk-tag--green', returned: 'govuk-tag--orange' });
const requestStatusLabels = { sent: 'practice.request.status.sent', withdrawn: 'practice.request.status.withdrawn', decided: 'practice.request.status.decided' } as const satisfies Record<HoursRequestStatus, MessageKey>;
const RequestTag = statusTag(requestStatusLabels, { sent: 'govuk-tag--blue', withdrawn: 'govuk-tag--grey', decided: 'govuk-tag--green' });
const decisionLabels = { accepted: 'practice.decision.accepted', returned: 'practice.decision.returned' } as const satisfies Record<EntryDecision, MessageKey>;
const withholdingLabels = { none: 'practice.withholding.none', site: 'practice.withholding.site', address: 'practice.withholding.address' } as const satisfies Record<Withholding, MessageKey>;
const withholdingStatusLabels = {
  pending: 'practice.withholding.status.pending',
  approved: 'practice.withholding.status.approved',
  refused: 'practice.withholding.status.refused',
  withdrawn: 'practice.withholding.status.withdrawn',
} as const satisfies Record<WithholdingRequestStatus, MessageKey>;
/** Casework's outcomes in this module's words, on the timeline. */
const outcomeLabels = {
  accepted: 'practice.outcome.accepted',
  partly_accepted: 'practice.outcome.partlyAccepted',
  returned: 'practice.outcome.returned',
  approved: 'practice.outcome.approved',
  refused: 'practice.outcome.refused',
} as const satisfies Record<string, MessageKey>;

const date = (ctx: PageContext, value: string) => formatLocalDate(ctx.locale, value);
const hours = (ctx: PageContext, hundredths: number) => formatHours(ctx.locale, hundredths);

function Problem({ ctx, problem }: Ctx & { problem: string | undefined }) {
  if (!problem) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary" data-problem>
      <div role="alert">
        <h2 class="govuk-error-summary__title">{ctx.t('error.summary')}</h2>
        <div class="govuk-error-summary__body">
          <p class="govuk-body">{problem}</p>
        </div>
      </div>
    </div>
  );
}

function RegistrantPage({ ctx, title, errors, notice, problem, back, children }: Ctx & FormProps & { title: string; back?: string; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title} {...(errors ? { errors } : {})}>
      {back && (
        <a class="govuk-back-link" href={back}>
          {ctx.t('practice.back')}
        </a>
      )}
      {notice && <Notice>{ctx.t(notice)}</Notice>}
      <Problem ctx={ctx} problem={problem} />
      <h1 class="govuk-heading-l">{title}</h1>
      {children}
    </Layout>
  );
}

function address(site: Site) {
  return [site.addressLine1, site.addressLine2, `${site.city} (${site.province}) ${site.postalCode}`].filter(Boolean).join(', ');
}

// ---------------------------------------------------------------- Sites

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

function ReasonField({ ctx, name, label, hint, value, errors }: Ctx & { name: string; label: MessageKey; hint?: MessageKey; value: string | undefined; errors: FieldErrors | undefined }) {
  const { t } = ctx;
  const error = errors?.[name];
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={name}>
        {t(label)}
      </label>
      {hint && (
        <div id={`${name}-hint`} class="govuk-hint">
          {t(hint)}
        </div>
      )}
      {error && (
        <p id={`${name}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{t('error.titlePrefix')}</span> {t(error)}
        </p>
      )}
      <textarea class={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} id={name} name={name} rows={3} aria-describedby={[hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined}>
        {value ?? ''}
      </textarea>
    </div>
  );
}

// ---------------------------------------------------------------- Hours

function TotalsTable({ ctx, accepted, inReview, thresholds }: Ctx & { accepted: Totals; inReview?: Totals; thresholds: Record<HoursKind, number | null> }) {
  const { t } = ctx;
  return (
    <Table caption={t('practice.totals.caption')} headers={[t('practice.totals.kind'), t('practice.totals.accepted'), ...(inReview ? [t('practice.totals.inReview')] : []), t('practice.totals.required')]}>
      {(['direct_contact', 'supervision'] as const).map((kind) => (
        <tr class="govuk-table__row" key={kind} data-total={kind}>
          <th scope="row" class="govuk-table__header">
            {t(kindLabels[kind])}
          </th>
          <td class="govuk-table__cell">{hours(ctx, accepted[kind])}</td>
          {inReview && <td class="govuk-table__cell">{hours(ctx, inReview[kind])}</td>}
          <td class="govuk-table__cell">{thresholds[kind] === null ? t('practice.totals.notSet') : hours(ctx, thresholds[kind] ?? 0)}</td>
        </tr>
      ))}
    </Table>
  );
}

export function IndependentStatus({ ctx, independent, since }: Ctx & { independent: boolean; since: string | null }) {
  const { t } = ctx;
  return (
    <div class="govuk-inset-text" data-independent={independent ? 'yes' : 'no'}>
      {independent && since ? t('practice.independent.yes', { date: date(ctx, since) }) : t('practice.independent.no')}
    </div>
  );
}

const lockKeys = { sent: 'practice.entry.lockedSent', accepted: 'practice.entry.lockedAccepted' } as const satisfies Partial<Record<EntryStatus, MessageKey>>;

export function HoursPage({ ctx, data, notice }: Ctx & { data: { entries: Entry[]; thresholds: Record<HoursKind, number | null>; profile: { independentPractice: boolean; independentSince: string | null }; requests: HoursRequest[]; sites: Site[]; accepted: Totals; inReview: Totals }; notice?: MessageKey | undefined }) {
  const { t, locale } = ctx;
  const sendable = data.entries.filter((e) => e.status === 'draft' || e.status === 'returned');
  const open = data.requests.find((r) => r.status === 'sent');
  return (
    <RegistrantPage ctx={ctx} title={t('practice.hours.title')} notice={notice}>
      <p class="govuk-body">{t('practice.hours.intro')}</p>
      <IndependentStatus ctx={ctx} independent={data.profile.independentPractice} since={data.profile.independentSince} />
      <TotalsTable ctx={ctx} accepted={data.accepted} inReview={data.inReview} thresholds={data.thresholds} />
      {open && (
        <div class="govuk-inset-text" data-open-request>
          {t('practice.hours.openRequest', { reference: open.reference })}{' '}
          <a class="govuk-link" href={href('practice.request', locale, { requestId: open.id })}>
            {t('practice.hours.openRequestLink')}
          </a>
        </div>
      )}
      <h2 class="govuk-heading-m">{t('practice.hours.entries')}</h2>
      {data.entries.length === 0 ? (
        <p class="govuk-body" data-empty="hours">
          {t('practice.hours.empty')}
        </p>
      ) : (
        <Table headers={[t('practice.field.kind'), t('practice.field.period'), t('practice.field.hours'), t('practice.field.site'), t('practice.field.status'), { hidden: t('practice.field.actions') }]}>
          {data.entries.map((e) => (
            <tr class="govuk-table__row" key={e.id} data-entry={e.id}>
              <td class="govuk-table__cell">{t(kindLabels[e.kind])}</td>
              <td class="govuk-table__cell">{t('practice.sites.fromTo', { from: date(ctx, e.startedOn), to: date(ctx, e.endedOn) })}</td>
              <td class="govuk-table__cell">{hours(ctx, e.hundredths)}</td>
              <td class="govuk-table__cell">{data.sites.find((s) => s.id === e.siteId)?.name ?? '—'}</td>
              <td class="govuk-table__cell">
                <EntryTag ctx={ctx} status={e.status} />
                {e.status === 'returned' && e.returnReason && <p class="govuk-body-s">{t('practice.entry.returnedWhy', { reason: e.returnReason })}</p>}
              </td>
              <td class="govuk-table__cell">
                {e.status === 'draft' || e.status === 'returned' ? (
                  <a class="govuk-link" href={href('practice.hoursEntry', locale, { entryId: e.id })}>
                    {t('practice.change')}
                    <span class="govuk-visually-hidden"> {t('practice.entry.hidden', { period: date(ctx, e.startedOn) })}</span>
                  </a>
                ) : (
                  <span class="govuk-body-s">{t(lockKeys[e.status])}</span>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <div class="govuk-button-group">
        <a class="govuk-button govuk-button--secondary" href={href('practice.newHours', locale)}>
          {t('practice.hours.add')}
        </a>
        {sendable.length > 0 && (
          <a class="govuk-button" href={href('practice.requestReview', locale)}>
            {t('practice.hours.requestReview')}
          </a>
        )}
      </div>
      {sendable.length === 0 && data.entries.length > 0 && <p class="govuk-body">{t('practice.hours.nothingToSend')}</p>}
      {data.requests.length > 0 && (
        <>
          <h2 class="govuk-heading-m">{t('practice.hours.requests')}</h2>
          <ul class="govuk-list">
            {data.requests.map((r) => (
              <li key={r.id}>
                <a class="govuk-link" href={href('practice.request', locale, { requestId: r.id })}>
                  {r.reference}
                </a>{' '}
                <RequestTag ctx={ctx} status={r.status} />
              </li>
            ))}
          </ul>
        </>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={href('practice.sites', locale)}>
          {t('practice.hours.toSites')}
        </a>
      </p>
    </RegistrantPage>
  );
}

export function HoursFormPage({ ctx, entry, sites, errors, values, problem }: Ctx & FormProps & { entry: Entry | null; sites: Site[] }) {
  const { t, locale } = ctx;
  const v = values ?? (entry ? { kind: entry.kind, startedOn: entry.startedOn, endedOn: entry.endedOn, siteId: entry.siteId ?? '', supervisorName: entry.supervisorName ?? '', hours: (entry.hundredths / 100).toString() } : {});
  const locked = entry && entry.status !== 'draft' && entry.status !== 'returned' ? entry.status : null;
  return (
    <RegistrantPage ctx={ctx} title={t(entry ? 'practice.entry.editTitle' : 'practice.entry.addTitle')} errors={errors} problem={problem} back={href('practice.hours', locale)}>
      {entry?.status === 'returned' && entry.returnReason && <div class="govuk-inset-text">{t('practice.entry.returnedWhy', { reason: entry.returnReason })}</div>}
      {locked ? (
        <div class="govuk-inset-text" data-locked={locked}>
          {t(locked === 'accepted' ? 'practice.entry.lockedAcceptedLong' : 'practice.entry.lockedSentLong')}
        </div>
      ) : (
        <Form action={entry ? href('practice.hoursEntry', locale, { entryId: entry.id }) : href('practice.newHours', locale)} csrfToken={ctx.csrfToken}>
          <PortalField portal={ctx.portal} />
          <Choice t={t} name="kind" label="practice.field.kind" kind="radios" value={v.kind} errors={errors} options={(['direct_contact', 'supervision'] as const).map((k) => ({ value: k, label: t(kindLabels[k]) }))} />
          <TextField t={t} name="startedOn" label="practice.field.periodStart" hint="practice.field.dateHint" value={v.startedOn} errors={errors} type="date" width="10" />
          <TextField t={t} name="endedOn" label="practice.field.periodEnd" value={v.endedOn} errors={errors} type="date" width="10" />
          <Choice t={t} name="siteId" label="practice.field.siteOptional" kind="select" value={v.siteId} errors={errors} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
          <TextField t={t} name="supervisorName" label="practice.field.supervisor" hint="practice.field.supervisorHint" value={v.supervisorName} errors={errors} />
          <TextField t={t} name="hours" label="practice.field.hours" hint="practice.field.hoursHint" value={v.hours} errors={errors} width="5" inputMode="numeric" />
          <Button>{t('practice.save')}</Button>
        </Form>
      )}
      {entry && !locked && (
        <InlineForm action={href('practice.hoursRemove', locale, { entryId: entry.id })} csrfToken={ctx.csrfToken}>
          <button type="submit" class="govuk-button govuk-button--warning">
            {t('practice.entry.remove')}
          </button>
        </InlineForm>
      )}
    </RegistrantPage>
  );
}

function SentTable({ ctx, entries, decisions }: Ctx & { entries: readonly Pick<SentEntry, 'entryId' | 'kind' | 'startedOn' | 'endedOn' | 'siteName' | 'supervisorName' | 'hundredths' | 'decision' | 'reason'>[]; decisions: boolean }) {
  const { t } = ctx;
  return (
    <Table headers={[t('practice.field.kind'), t('practice.field.period'), t('practice.field.hours'), t('practice.field.site'), t('practice.field.supervisor'), ...(decisions ? [t('practice.field.decision')] : [])]}>
      {entries.map((e) => (
        <tr class="govuk-table__row" key={e.entryId} data-sent={e.entryId}>
          <td class="govuk-table__cell">{t(kindLabels[e.kind])}</td>
          <td class="govuk-table__cell">{t('practice.sites.fromTo', { from: date(ctx, e.startedOn), to: date(ctx, e.endedOn) })}</td>
          <td class="govuk-table__cell">{hours(ctx, e.hundredths)}</td>
          <td class="govuk-table__cell">{e.siteName ?? '—'}</td>
          <td class="govuk-table__cell">{e.supervisorName ?? '—'}</td>
          {decisions && (
            <td class="govuk-table__cell" data-decision={e.decision ?? 'none'}>
              {e.decision ? t(decisionLabels[e.decision]) : t('practice.decision.none')}
              {e.reason && <p class="govuk-body-s guichet-preserve-lines">{e.reason}</p>}
            </td>
          )}
        </tr>
      ))}
    </Table>
  );
}

const sumOf = (entries: readonly { kind: HoursKind; hundredths: number }[]): Totals => {
  const totals: Totals = { direct_contact: 0, supervision: 0 };
  for (const e of entries) totals[e.kind] += e.hundredths;
  return totals;
};

export function RequestReviewPage({ ctx, entries, sites, problem }: Ctx & { entries: Entry[]; sites: Site[]; problem?: string | undefined }) {
  const { t, locale } = ctx;
  const totals = sumOf(entries);
  const shown = entries.map((e) => ({ ...e, entryId: e.id, siteName: sites.find((s) => s.id === e.siteId)?.name ?? null, decision: null, reason: null }));
  return (
    <RegistrantPage ctx={ctx} title={t('practice.confirm.title')} problem={problem} back={href('practice.hours', locale)}>
      <p class="govuk-body">{t('practice.confirm.intro', { count: entries.length })}</p>
      <SentTable ctx={ctx} entries={shown} decisions={false} />
      <dl class="govuk-summary-list">
        {(['direct_contact', 'supervision'] as const).map((kind) => (
          <SummaryRow key={kind} label={t(kindLabels[kind])}>
            {hours(ctx, totals[kind])}
          </SummaryRow>
        ))}
      </dl>
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">{t('practice.warning')}</span>
          {t('practice.confirm.locks')}
        </strong>
      </div>
      <p class="govuk-body">{t('practice.confirm.withdraw')}</p>
      <Form action={href('practice.requestReview', locale)} csrfToken={ctx.csrfToken}>
        <PortalField portal={ctx.portal} />
        {entries.map((e) => (
          <input key={e.id} type="hidden" name="entryIds" value={e.id} />
        ))}
        <div class="govuk-button-group">
          <Button>{t('practice.confirm.send')}</Button>
          <a class="govuk-link" href={href('practice.hours', locale)}>
            {t('practice.cancel')}
          </a>
        </div>
      </Form>
    </RegistrantPage>
  );
}

export function RequestPage({ ctx, data, notice, problem }: Ctx & { data: { request: HoursRequest; review: Review | null; entries: SentEntry[]; steps: TimelineEntry[]; position: number | null; median: MedianDecisionTime | null }; notice?: MessageKey | undefined; problem?: string | undefined }) {
  const { t, locale } = ctx;
  const { request, review } = data;
  return (
    <RegistrantPage ctx={ctx} title={t('practice.request.title', { reference: request.reference })} notice={notice} problem={problem} back={href('practice.hours', locale)}>
      <p class="govuk-body">
        {t('practice.request.statusIs')} <RequestTag ctx={ctx} status={request.status} />
        {review && (
          <>
            {' '}
            <ReviewStatusTag ctx={ctx} status={review.status} />
          </>
        )}
      </p>
      {request.status === 'sent' && <WaitSummary ctx={ctx} position={data.position} median={data.median} />}
      {request.status === 'sent' && review?.status === 'queued' && (
        <>
          <p class="govuk-body">{t('practice.request.withdrawHint')}</p>
          <InlineForm action={href('practice.requestWithdraw', locale, { requestId: request.id })} csrfToken={ctx.csrfToken}>
            <button type="submit" class="govuk-button govuk-button--secondary">
              {t('practice.request.withdraw')}
            </button>
          </InlineForm>
        </>
      )}
      {request.status === 'sent' && review && review.status !== 'queued' && <div class="govuk-inset-text">{t('practice.request.pickedUp')}</div>}
      <h2 class="govuk-heading-m">{t('practice.request.sent')}</h2>
      <SentTable ctx={ctx} entries={data.entries} decisions={request.status === 'decided'} />
      <h2 class="govuk-heading-m">{t('practice.request.history')}</h2>
      <ReviewTimeline ctx={ctx} steps={data.steps} outcomes={outcomeLabels} />
    </RegistrantPage>
  );
}

// ---------------------------------------------------------------- Staff

export function QueuePage({ ctx, title, current, rows, total, counts, filters, staff, page }: Ctx & { title: string; current: 'practice.queue' | 'practice.withholdingQueue'; rows: QueueRow[]; total: number; counts: QueueCounts; filters: QueueFilters; staff: AssignableStaff[]; page: 'practice.review' | 'practice.withholding' }) {
  return (
    <StaffPage ctx={ctx} title={title} current={current}>
      <ReviewQueue
        ctx={ctx}
        action={href(current, ctx.locale)}
        filters={filters}
        rows={rows}
        total={total}
        counts={counts}
        types={[]}
        staff={staff}
        subjectHref={(row) => href(page, ctx.locale, page === 'practice.review' ? { requestId: row.subjectId } : { withholdingId: row.subjectId })}
      />
    </StaffPage>
  );
}

export function HoursReviewPage({ ctx, file, steps, staff, staffMembers, errors, values, notice, problem }: Ctx & FormProps & { file: HoursFile; steps: TimelineEntry[]; staff: StaffActor; staffMembers: AssignableStaff[] }) {
  const { t, locale } = ctx;
  const { request, review } = file;
  const requestId = request.id;
  const mine = review?.status === 'picked_up' && review.assigneeId === staff.id && request.status === 'sent';
  const accepted = sumOf(file.entries.filter((e) => e.decision === 'accepted'));
  const after: Totals = { direct_contact: file.acceptedBefore.direct_contact + accepted.direct_contact, supervision: file.acceptedBefore.supervision + accepted.supervision };
  const unmarked = file.entries.filter((e) => e.decision === null).length;
  const v = values ?? {};
  const assignment = href('practice.reviewAssignment', locale, { requestId });
  return (
    <Layout ctx={ctx} title={`${request.reference} — ${t('practice.review.title')}`} {...(errors ? { errors } : {})}>
      <StaffNav ctx={ctx} current="practice.queue" />
      <a class="govuk-back-link" href={href('practice.queue', locale)}>
        {t('practice.review.back')}
      </a>
      {notice && <Notice>{t(notice)}</Notice>}
      <Problem ctx={ctx} problem={problem} />
      <span class="govuk-caption-l">{t('practice.review.title')}</span>
      <h1 class="govuk-heading-l">
        {request.reference} — {file.registrantName}
      </h1>
      <p class="govuk-body">
        {t('practice.request.statusIs')} <RequestTag ctx={ctx} status={request.status} />
      </p>
      {review && request.status === 'sent' && (
        <StaffAssignForm ctx={ctx} review={review} staff={staff} staffMembers={staffMembers} actions={{ pickUp: `${assignment}?action=pick_up`, assign: `${assignment}?action=assign`, release: `${assignment}?action=release` }} />
      )}
      {request.status === 'sent' && !mine && <div class="govuk-inset-text">{t('practice.review.pickUpFirst')}</div>}
      <h2 class="govuk-heading-m">{t('practice.review.totals')}</h2>
      <TotalsTable ctx={ctx} accepted={after} thresholds={file.thresholds} />
      <h2 class="govuk-heading-m">{t('practice.review.entries')}</h2>
      <SentTable ctx={ctx} entries={file.entries} decisions />
      {mine &&
        file.entries.map((e) => (
          <Form key={e.entryId} action={href('practice.reviewEntry', locale, { requestId, entryId: e.entryId })} csrfToken={ctx.csrfToken}>
            <fieldset class="govuk-fieldset" data-mark={e.entryId}>
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
                {t('practice.review.markLegend', { kind: t(kindLabels[e.kind]), period: t('practice.sites.fromTo', { from: date(ctx, e.startedOn), to: date(ctx, e.endedOn) }), hours: hours(ctx, e.hundredths) })}
              </legend>
              <div class="govuk-radios govuk-radios--small govuk-radios--inline">
                {(['accepted', 'returned'] as const).map((d) => (
                  <div class="govuk-radios__item" key={d}>
                    <input class="govuk-radios__input" id={`decision-${e.entryId}-${d}`} name="decision" type="radio" value={d} checked={(v.entryId === e.entryId ? v.decision : e.decision) === d} />
                    <label class="govuk-label govuk-radios__label" for={`decision-${e.entryId}-${d}`}>
                      {t(d === 'accepted' ? 'practice.review.accept' : 'practice.review.return')}
                    </label>
                  </div>
                ))}
              </div>
              <ReasonField ctx={ctx} name={`reason-${e.entryId}`} label="practice.review.reason" hint="practice.review.reasonHint" value={v.entryId === e.entryId ? v.reason : (e.reason ?? '')} errors={errors} />
              <Button secondary>{t('practice.review.mark')}</Button>
            </fieldset>
          </Form>
        ))}
      {mine && (
        <>
          <h2 class="govuk-heading-m">{t('practice.review.decisionTitle')}</h2>
          {unmarked > 0 ? (
            <p class="govuk-inset-text">{t('practice.review.unmarked', { count: unmarked })}</p>
          ) : (
            <Form action={href('practice.reviewDecision', locale, { requestId })} csrfToken={ctx.csrfToken}>
              <p class="govuk-body">{t('practice.review.decisionHint')}</p>
              <Button>{t('practice.review.decide')}</Button>
            </Form>
          )}
        </>
      )}
      <h2 class="govuk-heading-m">{t('practice.request.history')}</h2>
      <ReviewTimeline ctx={ctx} steps={steps} outcomes={outcomeLabels} />
    </Layout>
  );
}

export function WithholdingReviewPage({ ctx, file, steps, mayDecide, errors, values, notice, problem }: Ctx & FormProps & { file: WithholdingFile; steps: TimelineEntry[]; mayDecide: boolean }) {
  const { t, locale } = ctx;
  const { request, site } = file;
  const v = values ?? {};
  return (
    <Layout ctx={ctx} title={t('practice.withholdingReview.title', { name: site.name })} {...(errors ? { errors } : {})}>
      <StaffNav ctx={ctx} current="practice.withholdingQueue" />
      <a class="govuk-back-link" href={href('practice.withholdingQueue', locale)}>
        {t('practice.review.back')}
      </a>
      {notice && <Notice>{t(notice)}</Notice>}
      <Problem ctx={ctx} problem={problem} />
      <h1 class="govuk-heading-l">{t('practice.withholdingReview.title', { name: site.name })}</h1>
      <dl class="govuk-summary-list">
        <SummaryRow label={t('practice.withholdingReview.registrant')}>{file.registrantName}</SummaryRow>
        <SummaryRow label={t('practice.field.address')}>{address(site)}</SummaryRow>
        <SummaryRow label={t('practice.withholding.scope')}>{t(withholdingLabels[request.scope])}</SummaryRow>
        <SummaryRow label={t('practice.withholding.reason')}>
          <span class="guichet-preserve-lines">{request.reason}</span>
        </SummaryRow>
        <SummaryRow label={t('practice.field.status')}>
          <span data-withholding-status={request.status}>{t(withholdingStatusLabels[request.status])}</span>
        </SummaryRow>
      </dl>
      {request.status === 'pending' &&
        (mayDecide ? (
          <Form action={href('practice.withholding', locale, { withholdingId: request.id })} csrfToken={ctx.csrfToken}>
            <Choice
              t={t}
              name="outcome"
              label="practice.withholdingReview.outcome"
              kind="radios"
              value={v.outcome}
              errors={errors}
              options={[
                { value: 'approve', label: t('practice.withholdingReview.approve') },
                { value: 'refuse', label: t('practice.withholdingReview.refuse') },
              ]}
            />
            <ReasonField ctx={ctx} name="reason" label="practice.withholdingReview.reason" hint="practice.withholdingReview.reasonHint" value={v.reason} errors={errors} />
            <Button>{t('practice.review.decide')}</Button>
          </Form>
        ) : (
          <div class="govuk-inset-text">{t('practice.withholdingReview.registrarOnly')}</div>
        ))}
      <h2 class="govuk-heading-m">{t('practice.request.history')}</h2>
      <ReviewTimeline ctx={ctx} steps={steps} outcomes={outcomeLabels} />
    </Layout>
  );
}

export function ThresholdsPage({ ctx, thresholds, errors, values, notice }: Ctx & FormProps & { thresholds: Record<HoursKind, number | null> }) {
  const { t, locale } = ctx;
  const v = values ?? { direct_contact: thresholds.direct_contact === null ? '' : String(thresholds.direct_contact / 100), supervision: thresholds.supervision === null ? '' : String(thresholds.supervision / 100) };
  return (
    <StaffPage ctx={ctx} title={t('practice.thresholds.title')} current="practice.thresholds" notice={notice} errors={errors}>
      <p class="govuk-body">{t('practice.thresholds.intro')}</p>
      <Form action={href('practice.thresholds', locale)} csrfToken={ctx.csrfToken}>
        <TextField t={t} name="direct_contact" label="practice.kind.direct_contact" hint="practice.thresholds.hint" value={v.direct_contact} errors={errors} width="5" inputMode="numeric" />
        <TextField t={t} name="supervision" label="practice.kind.supervision" hint="practice.thresholds.hint" value={v.supervision} errors={errors} width="5" inputMode="numeric" />
        <Button>{t('practice.save')}</Button>
      </Form>
    </StaffPage>
  );
}
