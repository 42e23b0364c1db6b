import type { StaffActor } from '../platform/actors.ts';
import { type Bilingual, formatDateTime, type MessageKey, type Translate } from '../platform/i18n/index.ts';
import { FilterSelect, Form, InlineForm } from '../platform/views/forms.tsx';
import type { PageContext } from '../platform/views/layout.tsx';
import { Pagination } from '../platform/views/pagination.tsx';
import { Table } from '../platform/views/table.tsx';
import { statusTag } from '../platform/views/tag.tsx';
import { staffRefusal } from './policies.ts';
import type { ReviewStatus, ReviewStep } from './schema.ts';
import { queueAges } from './schemas.ts';
import type { AssignableStaff, MedianDecisionTime, QueueCounts, QueueFilters, QueueRow, TimelineEntry } from './service.ts';
import { openStatuses } from './states.ts';

type Ctx = { ctx: PageContext };
const DAY_MS = 24 * 60 * 60 * 1000;

export const reviewStatusLabels = {
  queued: 'casework.status.queued',
  picked_up: 'casework.status.picked_up',
  waiting_for_applicant: 'casework.status.waiting_for_applicant',
  decided: 'casework.status.decided',
  withdrawn: 'casework.status.withdrawn',
} as const satisfies Record<ReviewStatus, MessageKey>;

export const ReviewStatusTag = statusTag(reviewStatusLabels, {
  queued: 'govuk-tag--blue',
  picked_up: 'govuk-tag--yellow',
  waiting_for_applicant: 'govuk-tag--orange',
  decided: 'govuk-tag--green',
  withdrawn: 'govuk-tag--grey',
});

const stepLabels = {
  submitted: 'casework.step.submitted',
  picked_up: 'casework.step.picked_up',
  assigned: 'casework.step.assigned',
  released: 'casework.step.released',
  returned: 'casework.step.returned',
  resubmitted: 'casework.step.resubmitted',
  decided: 'casework.step.decided',
  withdrawn: 'casework.step.withdrawn',
} as const satisfies Record<ReviewStep, MessageKey>;

/** What a step's message is: the request for more, the applicant's answer, the decision's reasons. */
const messageLabels: Partial<Record<ReviewStep, MessageKey>> = {
  returned: 'casework.timeline.request',
  resubmitted: 'casework.timeline.answer',
  decided: 'casework.timeline.reasons',
};

function age(t: Translate, ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  return days < 1 ? t('casework.age.lessThanDay') : days === 1 ? t('casework.age.day') : t('casework.age.days', { days });
}

/** The filters as the query of the queue's address (pagination keeps them). */
function filterQuery(filters: QueueFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.typeCode) query.set('type', filters.typeCode);
  if (filters.status) query.set('status', filters.status);
  if (filters.assignee) query.set('assignee', filters.assignee);
  if (filters.olderThanDays) query.set('age', String(filters.olderThanDays));
  return query;
}

/**
 * A staff queue: its counts, a filter form (a GET form: works without JavaScript and its address
 * can be bookmarked), the page of reviews oldest first, and links to the other pages. `action` is
 * the queue page's address; each row links to `subjectHref(row)`, the domain's page for it.
 */
export function ReviewQueue({
  ctx,
  action,
  filters,
  rows,
  total,
  counts,
  types,
  staff = [],
  subjectHref,
}: Ctx & {
  action: string;
  filters: QueueFilters;
  rows: readonly QueueRow[];
  total: number;
  counts: QueueCounts;
  /** The types the filter offers. */
  types: readonly { code: string; name: Bilingual }[];
  /** Staff the assignee filter offers besides "you" and "nobody". */
  staff?: readonly AssignableStaff[];
  subjectHref: (row: QueueRow) => string;
}) {
  const { t, locale } = ctx;
  const query = filterQuery(filters);
  const filtered = [...query.keys()].length > 0;
  const pages = Math.max(1, Math.ceil(total / filters.perPage));
  const pageHref = (page: number) => {
    const q = new URLSearchParams(query);
    if (page > 1) q.set('page', String(page));
    const text = q.toString();
    return text ? `${action}?${text}` : action;
  };
  const collator = new Intl.Collator(locale);
  return (
    <>
      <ul class="govuk-list" data-counts>
        <li>{t('casework.counts.queued', { count: counts.queued })}</li>
        <li>{t('casework.counts.mine', { count: counts.pickedUpByMe })}</li>
        <li>{t('casework.counts.waiting', { count: counts.waitingForApplicant })}</li>
      </ul>
      <form method="get" action={action} novalidate>
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t('casework.queue.filters')}</legend>
          <FilterSelect
            name="type"
            label={t('casework.queue.type')}
            value={filters.typeCode}
            options={[{ value: '', label: t('casework.queue.anyType') }, ...[...types].sort((a, b) => collator.compare(a.name[locale], b.name[locale])).map((type) => ({ value: type.code, label: type.name[locale] }))]}
          />
          <FilterSelect
            name="status"
            label={t('casework.queue.status')}
            value={filters.status}
            options={[{ value: '', label: t('casework.queue.anyStatus') }, ...openStatuses.map((s) => ({ value: s, label: t(reviewStatusLabels[s]) }))]}
          />
          <FilterSelect
            name="assignee"
            label={t('casework.queue.assignee')}
            value={filters.assignee}
            options={[
              { value: '', label: t('casework.queue.anyone') },
              { value: 'me', label: t('casework.queue.me') },
              { value: 'none', label: t('casework.queue.nobody') },
              ...staff.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <FilterSelect
            name="age"
            label={t('casework.queue.age')}
            value={filters.olderThanDays ? String(filters.olderThanDays) : undefined}
            options={[{ value: '', label: t('casework.queue.anyAge') }, ...queueAges.map((days) => ({ value: String(days), label: t('casework.queue.olderThan', { days }) }))]}
          />
        </fieldset>
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--secondary">
            {t('casework.queue.apply')}
          </button>
          {filtered && (
            <a class="govuk-link" href={action}>
              {t('casework.queue.clear')}
            </a>
          )}
        </div>
      </form>
      {rows.length === 0 ? (
        <p class="govuk-body" data-empty="queue">
          {t(filtered ? 'casework.queue.emptyFiltered' : 'casework.queue.empty')}
        </p>
      ) : (
        <Table
          caption={t('casework.queue.caption', { total: total.toLocaleString(`${locale}-CA`) })}
          headers={[t('casework.queue.applicant'), t('casework.queue.type'), t('casework.queue.status'), t('casework.queue.assignee'), t('casework.queue.since'), t('casework.queue.waiting')]}
        >
          {rows.map((row) => (
            <tr class="govuk-table__row" key={row.reviewId} data-review={row.reviewId}>
              <th scope="row" class="govuk-table__header">
                <a class="govuk-link" href={subjectHref(row)}>
                  {row.applicantName}
                </a>
                {row.subjectReference && <span class="govuk-body-s guichet-reference">{row.subjectReference}</span>}
              </th>
              <td class="govuk-table__cell">{row.typeName[locale]}</td>
              <td class="govuk-table__cell">
                <ReviewStatusTag ctx={ctx} status={row.status} />
              </td>
              <td class="govuk-table__cell">{row.assigneeName ?? t('casework.queue.unassigned')}</td>
              <td class="govuk-table__cell">
                <time datetime={row.queuedAt.toISOString()}>{formatDateTime(locale, row.queuedAt)}</time>
              </td>
              <td class="govuk-table__cell">{age(t, row.ageMs)}</td>
            </tr>
          ))}
        </Table>
      )}
      {pages > 1 && (
        <Pagination
          label={t('casework.queue.pagination')}
          previous={filters.page > 1 ? { href: pageHref(Math.min(filters.page - 1, pages)), label: t('casework.queue.previous') } : undefined}
          next={filters.page < pages ? { href: pageHref(filters.page + 1), label: t('casework.queue.next') } : undefined}
        >
          <p class="govuk-body govuk-!-margin-bottom-0">{t('casework.queue.pageOf', { page: filters.page, pages })}</p>
        </Pagination>
      )}
    </>
  );
}

/**
 * A review's history, oldest first, dates in the page's language. Pass the timeline read for the
 * reader (`timeline(id, { forApplicant })`): for the applicant, staff are "a staff member", never
 * named. `outcomes` gives the domain's words for its outcomes ('approved' → its label).
 */
export function ReviewTimeline({ ctx, steps, outcomes = {} }: Ctx & { steps: readonly TimelineEntry[]; outcomes?: Readonly<Record<string, MessageKey>> }) {
  const { t, locale } = ctx;
  if (steps.length === 0) return <p class="govuk-body">{t('casework.timeline.empty')}</p>;
  return (
    <ol class="govuk-list" aria-label={t('casework.timeline.title')}>
      {steps.map((step, i) => {
        const actor = step.actorName ?? t(step.actor === 'applicant' ? 'casework.actor.you' : 'casework.actor.staff');
        const messageLabel = messageLabels[step.step];
        const outcomeKey = step.outcome ? outcomes[step.outcome] : undefined;
        return (
          <li key={i} class="govuk-!-margin-bottom-6" data-step={step.step}>
            <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
              {step.step === 'assigned' && step.assigneeName ? t('casework.step.assignedTo', { assignee: step.assigneeName }) : t(stepLabels[step.step])}
            </h3>
            <p class="govuk-body-s govuk-!-margin-bottom-1">
              <time datetime={step.at.toISOString()}>{formatDateTime(locale, step.at)}</time> — {t('casework.timeline.by', { actor })}
            </p>
            {step.outcome && <p class="govuk-body govuk-!-margin-bottom-1">{t('casework.timeline.outcome', { outcome: outcomeKey ? t(outcomeKey) : step.outcome })}</p>}
            {step.message && messageLabel && (
              <div class="govuk-inset-text govuk-!-margin-top-2">
                <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{t(messageLabel)}</p>
                <p class="govuk-body guichet-preserve-lines">{step.message}</p>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The median in words: whole working days, or less than one. */
function medianText(t: Translate, median: MedianDecisionTime): string {
  const days = Math.round(median.medianWorkingDays);
  const time = days < 1 ? t('casework.wait.lessThanDay') : days === 1 ? t('casework.wait.day') : t('casework.wait.days', { days });
  return median.sample === 1 ? t('casework.wait.medianSingle', { time }) : t('casework.wait.median', { sample: median.sample, time });
}

/**
 * Where the applicant stands: their place in the queue while queued (`position`, null otherwise)
 * and how long staff took on the last decisions of the type — or that there are not enough yet;
 * never a blank.
 */
export function WaitSummary({ ctx, position, median }: Ctx & { position: number | null; median: MedianDecisionTime | null }) {
  const { t } = ctx;
  return (
    <div class="govuk-inset-text" data-wait>
      {position !== null && <p class="govuk-body">{position === 1 ? t('casework.wait.next') : t('casework.wait.position', { position })}</p>}
      <p class="govuk-body">{median ? medianText(t, median) : t('casework.wait.noEstimate')}</p>
    </div>
  );
}

/**
 * Who has the review, and the buttons the staff member may press: pick up, assign to (registrars
 * and administrators), put back in the queue. Each is a POST form with the CSRF field, to the
 * domain's addresses in `actions`; a step the policy refuses is not offered.
 */
export function StaffAssignForm({
  ctx,
  review,
  staff,
  staffMembers,
  actions,
}: Ctx & {
  review: { status: ReviewStatus; assigneeId: string | null; applicantAccountId: string };
  staff: StaffActor;
  /** Whom the review can be assigned to (casework's `assignable`). */
  staffMembers: readonly AssignableStaff[];
  actions: { pickUp: string; assign: string; release: string };
}) {
  const { t } = ctx;
  const may = (action: 'pick_up' | 'assign' | 'release') => staffRefusal(review, staff, action) === null;
  const assigneeName = staffMembers.find((s) => s.id === review.assigneeId)?.name;
  const candidates = staffMembers.filter((s) => s.id !== review.assigneeId && s.id !== review.applicantAccountId);
  return (
    <section aria-labelledby="review-assignment" data-assignment>
      <h2 class="govuk-heading-m" id="review-assignment">
        {t('casework.assign.title')}
      </h2>
      <p class="govuk-body">
        {review.assigneeId === null
          ? t('casework.assign.inQueue')
          : review.assigneeId === staff.id
            ? t('casework.assign.yours')
            : t('casework.assign.someone', { name: assigneeName ?? t('casework.actor.staff') })}
      </p>
      <div class="govuk-button-group">
        {may('pick_up') && (
          <InlineForm action={actions.pickUp} csrfToken={ctx.csrfToken}>
            <button type="submit" class="govuk-button">
              {t('casework.assign.pickUp')}
            </button>
          </InlineForm>
        )}
        {may('release') && (
          <InlineForm action={actions.release} csrfToken={ctx.csrfToken}>
            <button type="submit" class="govuk-button govuk-button--secondary">
              {t('casework.assign.release')}
            </button>
          </InlineForm>
        )}
      </div>
      {may('assign') && candidates.length > 0 && (
        <Form action={actions.assign} csrfToken={ctx.csrfToken}>
          <div class="govuk-form-group">
            <label class="govuk-label" for="assigneeId">
              {t('casework.assign.to')}
            </label>
            <select class="govuk-select" id="assigneeId" name="assigneeId">
              {candidates.map((s) => (
                <option key={s.id} value={s.id} selected={s.id === staff.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="govuk-button govuk-button--secondary">
            {t('casework.assign.submit')}
          </button>
        </Form>
      )}
    </section>
  );
}
