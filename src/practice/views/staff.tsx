/** Staff: the queues, the hours review (per entry), the withholding decision, the thresholds. */
import { type AssignableStaff, type QueueCounts, type QueueFilters, type QueueRow, ReviewQueue, ReviewTimeline, StaffAssignForm, type TimelineEntry } from '../../casework/index.ts';
import { type Totals, totalsOf } from '../queries.ts';
import type { StaffActor } from '../../platform/actors.ts';
import { href } from '../../platform/paths.ts';
import { Button, Choice, Form, Notice, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { StaffNav } from '../../platform/views/staff-nav.tsx';
import { StaffPage } from '../../platform/views/staff-page.tsx';
import { SummaryRow } from '../../platform/views/summary.tsx';
import type { HoursKind } from '../schema.ts';
import type { HoursFile, WithholdingFile } from '../use-cases/review.ts';
import { type Ctx, type FormProps, kindLabels, RequestTag, withholdingLabels, withholdingStatusLabels, outcomeLabels, date, hours, Problem, address, ReasonField, TotalsTable, SentTable } from './parts.tsx';

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
  const accepted = totalsOf(file.entries.filter((e) => e.decision === 'accepted'));
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
