/** What the practice pages share: labels, tags, the registrant page frame, the totals and sent-entries tables. */
import { formatLocalDate, type MessageKey } from '../../platform/i18n/index.ts';
import type { FieldErrors, PageContext } from '../../platform/views/layout.tsx';
// The registrant's page frame and its problem summary are platform's (the exam pages use them too).
export { PersonPage as RegistrantPage, Problem } from '../../platform/views/person-page.tsx';
import { Table } from '../../platform/views/table.tsx';
import { statusTag } from '../../platform/views/tag.tsx';
import { formatHours, type SentEntry, type Site, type Totals } from '../queries.ts';
import type { EntryDecision, EntryStatus, HoursKind, HoursRequestStatus, Withholding, WithholdingRequestStatus } from '../schema.ts';
export type Ctx = { ctx: PageContext };
export type FormProps = { errors?: FieldErrors | undefined; values?: Record<string, string> | undefined; problem?: string | undefined; notice?: MessageKey | undefined };

export const kindLabels = { direct_contact: 'practice.kind.direct_contact', supervision: 'practice.kind.supervision' } as const satisfies Record<HoursKind, MessageKey>;
export const entryStatusLabels = { draft: 'practice.entry.draft', sent: 'practice.entry.sent', accepted: 'practice.entry.accepted', returned: 'practice.entry.returned' } as const satisfies Record<EntryStatus, MessageKey>;
export const EntryTag = statusTag(entryStatusLabels, { draft: 'govuk-tag--grey', sent: 'govuk-tag--blue', accepted: 'govuk-tag--green', returned: 'govuk-tag--orange' });
export const requestStatusLabels = { sent: 'practice.request.status.sent', withdrawn: 'practice.request.status.withdrawn', decided: 'practice.request.status.decided' } as const satisfies Record<HoursRequestStatus, MessageKey>;
export const RequestTag = statusTag(requestStatusLabels, { sent: 'govuk-tag--blue', withdrawn: 'govuk-tag--grey', decided: 'govuk-tag--green' });
export const decisionLabels = { accepted: 'practice.decision.accepted', returned: 'practice.decision.returned' } as const satisfies Record<EntryDecision, MessageKey>;
export const withholdingLabels = { none: 'practice.withholding.none', site: 'practice.withholding.site', address: 'practice.withholding.address' } as const satisfies Record<Withholding, MessageKey>;
export const withholdingStatusLabels = {
  pending: 'practice.withholding.status.pending',
  approved: 'practice.withholding.status.approved',
  refused: 'practice.withholding.status.refused',
  withdrawn: 'practice.withholding.status.withdrawn',
} as const satisfies Record<WithholdingRequestStatus, MessageKey>;
/** Casework's outcomes in this module's words, on the timeline. */
export const outcomeLabels = {
  accepted: 'practice.outcome.accepted',
  partly_accepted: 'practice.outcome.partlyAccepted',
  returned: 'practice.outcome.returned',
  approved: 'practice.outcome.approved',
  refused: 'practice.outcome.refused',
} as const satisfies Record<string, MessageKey>;

export const date = (ctx: PageContext, value: string) => formatLocalDate(ctx.locale, value);
export const hours = (ctx: PageContext, hundredths: number) => formatHours(ctx.locale, hundredths);



export function address(site: Site) {
  return [site.addressLine1, site.addressLine2, `${site.city} (${site.province}) ${site.postalCode}`].filter(Boolean).join(', ');
}

export function ReasonField({ ctx, name, label, hint, value, errors }: Ctx & { name: string; label: MessageKey; hint?: MessageKey; value: string | undefined; errors: FieldErrors | undefined }) {
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

export function TotalsTable({ ctx, accepted, inReview, thresholds }: Ctx & { accepted: Totals; inReview?: Totals; thresholds: Record<HoursKind, number | null> }) {
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

export function SentTable({ ctx, entries, decisions }: Ctx & { entries: readonly Pick<SentEntry, 'entryId' | 'kind' | 'startedOn' | 'endedOn' | 'siteName' | 'supervisorName' | 'hundredths' | 'decision' | 'reason'>[]; decisions: boolean }) {
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
