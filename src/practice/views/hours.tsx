/** The registrant’s practice hours: entries and totals, the entry form, the confirmation before sending, a request’s status. */
import { type MedianDecisionTime, type Review, ReviewStatusTag, ReviewTimeline, type TimelineEntry, WaitSummary } from '../../casework/index.ts';
import { type Entry, type HoursRequest, type SentEntry, type Site, type Totals, totalsOf } from '../queries.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { href } from '../../platform/paths.ts';
import { Button, Choice, Form, InlineForm, PortalField, TextField } from '../../platform/views/forms.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import { Table } from '../../platform/views/table.tsx';
import type { EntryStatus, HoursKind } from '../schema.ts';
import { type Ctx, type FormProps, kindLabels, EntryTag, RequestTag, outcomeLabels, date, hours, RegistrantPage, TotalsTable, SentTable } from './parts.tsx';

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

export function RequestReviewPage({ ctx, entries, sites, problem }: Ctx & { entries: Entry[]; sites: Site[]; problem?: string | undefined }) {
  const { t, locale } = ctx;
  const totals = totalsOf(entries);
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
